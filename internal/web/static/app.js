// 维权通 weiquan — small enhancements for the staff workbench. Every form works
// without this file; it adds live countdowns, suggestions while typing,
// keyboard shortcuts and the position at check-in.
(function () {
  "use strict";
  var body = document.body;
  var T = function (name, vars) {
    var s = body.getAttribute("data-t-" + name) || "";
    for (var k in vars) s = s.split("{" + k + "}").join(vars[k]);
    return s;
  };

  // ---- Countdowns: turn amber when little time is left, red once passed.
  function span(ms) {
    var mins = Math.max(1, Math.round(ms / 60000));
    var d = Math.floor(mins / 1440), h = Math.floor(mins / 60) % 24, m = mins % 60;
    if (d > 0) return T("days", { n: d }) + T("hours", { n: h });
    if (h > 0) return T("hours", { n: h }) + T("minutes", { n: m });
    if (ms < 60000 && ms > 0) {
      return "0:" + String(Math.floor(ms / 1000)).padStart(2, "0");
    }
    return T("minutes", { n: m });
  }
  var cfg = document.querySelector("[data-amber-frac]");
  var frac = cfg ? parseFloat(cfg.getAttribute("data-amber-frac")) : 0.25;
  var within = (cfg ? parseFloat(cfg.getAttribute("data-amber-mins")) : 10) * 60000;
  function tick() {
    var now = Date.now();
    document.querySelectorAll(".due[data-due]").forEach(function (el) {
      var due = Date.parse(el.getAttribute("data-due"));
      var start = Date.parse(el.getAttribute("data-start"));
      var left = due - now, total = due - start;
      var cls = "ok", text;
      if (left <= 0) {
        cls = "over";
        text = T("over", { time: span(-left) });
      } else {
        if (left < within || (total > 0 && left < frac * total)) cls = "amber";
        text = T("left", { time: span(left) });
      }
      el.className = "due due-" + cls;
      var t = el.querySelector(".due-text");
      if (t && t.textContent !== text) t.textContent = text;
      var row = el.closest("tr");
      if (row) row.className = "row-" + cls;
    });
  }
  if (document.querySelector(".due[data-due]")) {
    tick();
    setInterval(tick, 1000);
  }

  // ---- Pickers: suggestions from the registry while typing.
  function debounce(fn, ms) {
    var t;
    return function () {
      var a = arguments, self = this;
      clearTimeout(t);
      t = setTimeout(function () { fn.apply(self, a); }, ms);
    };
  }
  // The Enter that picks a suggestion must not also submit the form. A click
  // of the pointer on a submit button always submits, however soon after a
  // pick it comes (the implicit submission of Enter clicks with detail 0).
  var picked = 0, pointer = false;
  document.addEventListener("click", function (e) {
    pointer = e.detail > 0;
    setTimeout(function () { pointer = false; }, 0);
  }, true);
  document.addEventListener("submit", function (e) {
    if (!pointer && Date.now() - picked < 400) e.preventDefault();
  }, true);
  document.querySelectorAll(".picker[data-suggest]").forEach(function (box) {
    var input = box.querySelector("input[role=combobox]");
    var hidden = document.getElementById(box.getAttribute("data-id"));
    var fill = document.getElementById(box.getAttribute("data-fill") || "");
    var list = box.querySelector(".suggest");
    var hint = box.querySelector(".picked-hint");
    var hintText = hint ? hint.textContent : "";
    var items = [], active = -1, seq = 0;
    function linked(on, label) {
      box.classList.toggle("linked", on);
      if (hint) hint.textContent = on ? hint.getAttribute("data-picked") + (label ? "：" + label : "") : hintText;
    }
    if (hidden && hidden.value) linked(true, "");
    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }
    function choose(i) {
      var it = items[i];
      if (!it) return;
      input.value = it.name;
      if (hidden) hidden.value = it.id;
      if (fill && it.address && !fill.value) fill.value = it.address;
      linked(true, it.label || it.uscc || "");
      picked = Date.now();
      close();
      box.dispatchEvent(new CustomEvent("picked", { bubbles: true }));
    }
    function show() {
      list.innerHTML = "";
      if (!items.length) {
        var li = document.createElement("li");
        li.className = "none";
        li.textContent = T("none");
        list.appendChild(li);
      }
      items.forEach(function (it, i) {
        var li = document.createElement("li");
        li.id = input.id + "-opt-" + i;
        li.setAttribute("role", "option");
        li.textContent = it.name;
        var sub = it.label && it.label !== it.name ? it.label : [it.uscc, it.address].filter(Boolean).join(" · ");
        if (sub) {
          var s = document.createElement("small");
          s.textContent = sub;
          li.appendChild(s);
        }
        li.addEventListener("mousedown", function (e) { e.preventDefault(); choose(i); });
        list.appendChild(li);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }
    function mark(i) {
      var opts = list.querySelectorAll("[role=option]");
      opts.forEach(function (o, j) { o.setAttribute("aria-selected", j === i ? "true" : "false"); });
      active = i;
      if (opts[i]) {
        input.setAttribute("aria-activedescendant", opts[i].id);
        opts[i].scrollIntoView({ block: "nearest" });
      }
    }
    var lookup = debounce(function () {
      var q = input.value.trim();
      if (!q) { close(); return; }
      var mine = ++seq;
      fetch(box.getAttribute("data-suggest") + "?q=" + encodeURIComponent(q), { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (data) {
          if (mine !== seq || document.activeElement !== input) return;
          items = data || [];
          show();
        })
        .catch(function () {});
    }, 150);
    input.addEventListener("input", function () {
      if (hidden) hidden.value = "";
      linked(false);
      lookup();
    });
    input.addEventListener("keydown", function (e) {
      if (list.hidden) return;
      if (e.key === "ArrowDown") { e.preventDefault(); mark(Math.min(active + 1, items.length - 1)); }
      else if (e.key === "ArrowUp") { e.preventDefault(); mark(Math.max(active - 1, 0)); }
      else if (e.key === "Enter" && active >= 0) { e.preventDefault(); choose(active); }
      else if (e.key === "Escape") { close(); }
    });
    input.addEventListener("blur", function () { setTimeout(close, 120); });
  });

  // ---- Intake: show what belongs to the chosen kind; warn about a repeat complaint.
  var intake = document.getElementById("intake-form");
  if (intake) {
    var sync = function () {
      var kind = (intake.querySelector("input[name=kind]:checked") || {}).value;
      intake.querySelectorAll(".kind-part").forEach(function (el) { el.hidden = el.getAttribute("data-kind") !== kind; });
      var also = intake.querySelector("input[name=also_report]");
      intake.querySelectorAll("[data-needs=also_report]").forEach(function (el) { el.hidden = !(also && also.checked); });
    };
    intake.addEventListener("change", sync);
    sync();
    var warn = document.getElementById("repeat-warning");
    var phone = intake.querySelector("[name='consumer.phone']");
    var repeat = debounce(function () {
      var mid = intake.querySelector("[name=merchant_id]").value;
      var mname = intake.querySelector("[name=merchant_name]").value.trim();
      if (!phone.value.trim() || (!mid && !mname)) { warn.hidden = true; return; }
      var q = "phone=" + encodeURIComponent(phone.value) + "&merchant_id=" + encodeURIComponent(mid) + "&merchant_name=" + encodeURIComponent(mname);
      fetch("/suggest/repeat?" + q, { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (list) {
          if (!list || !list.length) { warn.hidden = true; return; }
          warn.textContent = T("repeat") + " ";
          list.forEach(function (m, i) {
            var a = document.createElement("a");
            a.href = "/matters/" + m.number;
            a.textContent = m.number + "（" + m.received + " · " + m.state + "）";
            if (i) warn.appendChild(document.createTextNode("、"));
            warn.appendChild(a);
          });
          warn.hidden = false;
        })
        .catch(function () {});
    }, 300);
    phone.addEventListener("change", repeat);
    intake.addEventListener("picked", repeat);
    intake.querySelector("[name=merchant_name]").addEventListener("change", repeat);
    // Ctrl+Enter submits from anywhere in the form.
    intake.addEventListener("keydown", function (e) {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); intake.requestSubmit(); }
    });
  }

  // ---- USCC: the check digit, checked as you type (GB 32100-2015).
  var chars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  var weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  function validUSCC(s) {
    if (s.length !== 18) return false;
    var sum = 0;
    for (var i = 0; i < 17; i++) {
      var v = chars.indexOf(s[i]);
      if (v < 0) return false;
      sum += v * weights[i];
    }
    return s[17] === chars[(31 - (sum % 31)) % 31];
  }
  document.querySelectorAll(".uscc-field input").forEach(function (input) {
    var status = input.parentNode.querySelector(".uscc-status") || document.createElement("p");
    if (!status.parentNode) {
      status.className = "hint uscc-status";
      status.setAttribute("aria-live", "polite");
      input.insertAdjacentElement("afterend", status);
    }
    var first = status.textContent;
    var check = function () {
      var v = input.value.trim().toUpperCase();
      if (!v) { status.textContent = first; status.style.color = ""; return; }
      if (v.length < 18) { status.textContent = first; status.style.color = ""; return; }
      var ok = validUSCC(v);
      status.textContent = ok ? T("uscc-ok") : T("uscc-bad");
      status.className = "hint uscc-status " + (ok ? "uscc-ok" : "uscc-bad");
    };
    input.addEventListener("input", check);
    check();
  });

  // ---- Check-in: add the device's position when the browser allows it; never wait long.
  document.querySelectorAll("form[data-geo]").forEach(function (form) {
    var sent = false;
    form.addEventListener("submit", function (e) {
      if (sent || !navigator.geolocation) return;
      e.preventDefault();
      sent = true;
      var st = form.querySelector(".geo-status");
      if (st) st.textContent = T("locating");
      var go = function () { form.submit(); };
      var timer = setTimeout(go, 6000);
      navigator.geolocation.getCurrentPosition(function (p) {
        clearTimeout(timer);
        form.querySelector("[name=lat]").value = p.coords.latitude.toFixed(6);
        form.querySelector("[name=lng]").value = p.coords.longitude.toFixed(6);
        go();
      }, function () { clearTimeout(timer); go(); }, { enableHighAccuracy: true, timeout: 5000, maximumAge: 60000 });
    });
  });

  // ---- Keyboard: "/" jumps to the search box; errors get the focus.
  document.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
    var tag = (document.activeElement && document.activeElement.tagName) || "";
    if (/INPUT|TEXTAREA|SELECT/.test(tag)) return;
    var q = document.getElementById("f-q");
    if (q) { e.preventDefault(); q.focus(); q.select(); }
  });
  // ---- Reports: the print button (the browser's own print works as well).
  document.querySelectorAll("[data-print]").forEach(function (b) {
    b.hidden = false;
    b.addEventListener("click", function () { window.print(); });
  });


  // ---- The hotline desk: a ringing call pops the caller's card on the intake page
  // (server-sent events from /desk/events); "take" puts the number and the call in the form.
  var pop = document.getElementById("call-pop");
  if (pop && window.EventSource) {
    var shown = "";
    var showCard = function (id) {
      if (!id || id === shown) return;
      shown = id;
      fetch("/desk/calls/" + encodeURIComponent(id), { credentials: "same-origin" }).then(function (r) {
        return r.ok ? r.text() : "";
      }).then(function (html) {
        if (!html) return;
        pop.innerHTML = html;
        pop.hidden = false;
        var take = document.getElementById("take-call");
        if (take) take.addEventListener("click", function () {
          var phone = document.getElementById("f-consumer-phone");
          if (phone) { phone.value = take.getAttribute("data-phone"); phone.dispatchEvent(new Event("change", { bubbles: true })); }
          document.getElementById("f-call-id").value = take.getAttribute("data-call");
          take.disabled = true;
          var name = document.getElementById("f-consumer-name");
          if (name) name.focus();
        });
      });
    };
    var mark = function (n) {
      var st = document.getElementById("call-state");
      var card = document.getElementById("call-card");
      if (st && card && card.getAttribute("data-call") === n.call_id) {
        st.setAttribute("data-state", n.state);
        st.textContent = pop.getAttribute("data-" + n.state) || n.state;
      }
    };
    fetch("/desk/events", { credentials: "same-origin", headers: { Accept: "application/json" } }).then(function (r) {
      return r.ok ? r.json() : [];
    }).then(function (list) { if (list.length) showCard(list[0].call_id); });
    var es = new EventSource("/desk/events");
    es.addEventListener("call", function (e) {
      var n = JSON.parse(e.data);
      if (n.state === "ringing") showCard(n.call_id); else mark(n);
    });
    document.addEventListener("visibilitychange", function () { if (document.hidden === false && es.readyState === 2) location.reload(); });
  }

  var summary = document.getElementById("error-summary");
  if (summary) summary.focus();
  var open = document.querySelector("details.action[open] input:not([type=hidden]), details.action[open] select, details.action[open] textarea");
  if (open && !summary) open.focus();
})();

// Signature pad (R-L34): a party signs on the mediator's phone or tablet with a finger; the
// drawing goes with the form as a PNG data URL. Without script the page says so and nothing is sent.
(function () {
  var pad = document.querySelector("canvas[data-sign]");
  if (!pad) return;
  var out = document.getElementById(pad.getAttribute("data-sign"));
  var g = pad.getContext("2d"), drawing = false, drawn = false;
  g.fillStyle = "#fff"; g.fillRect(0, 0, pad.width, pad.height);
  g.lineWidth = 3; g.lineCap = "round"; g.lineJoin = "round"; g.strokeStyle = "#111";
  function at(e) {
    var r = pad.getBoundingClientRect();
    return [(e.clientX - r.left) * pad.width / r.width, (e.clientY - r.top) * pad.height / r.height];
  }
  pad.addEventListener("pointerdown", function (e) {
    e.preventDefault(); drawing = true; pad.setPointerCapture && pad.setPointerCapture(e.pointerId);
    var p = at(e); g.beginPath(); g.moveTo(p[0], p[1]);
  });
  pad.addEventListener("pointermove", function (e) {
    if (!drawing) return;
    e.preventDefault(); var p = at(e); g.lineTo(p[0], p[1]); g.stroke(); drawn = true;
  });
  ["pointerup", "pointercancel", "pointerleave"].forEach(function (n) {
    pad.addEventListener(n, function () { drawing = false; });
  });
  var clear = document.getElementById("sign-clear");
  if (clear) clear.addEventListener("click", function () {
    g.fillStyle = "#fff"; g.fillRect(0, 0, pad.width, pad.height); drawn = false; out.value = "";
  });
  pad.closest("form").addEventListener("submit", function () {
    if (drawn) out.value = pad.toDataURL("image/png");
  });
})();
