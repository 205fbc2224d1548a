package web_test

import (
	"bytes"
	"context"
	"html"
	"math/rand"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"weiquan/internal/ledger/ledgertest"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// uploadLedger posts the upload form with a file.
func uploadLedger(t *testing.T, b *client, name string, data []byte) resp {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	if name != "" {
		fw, _ := w.CreateFormFile("ledger_file", name)
		fw.Write(data)
	}
	w.Close()
	req, _ := http.NewRequest("POST", b.c.srv.URL+"/imports/preview", &buf)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return b.do(req)
}

var (
	tokenRe   = regexp.MustCompile(`name="token" value="([0-9a-f]+)"`)
	checkedRe = regexp.MustCompile(`name="checked" value="([0-9a-f]+)"`)
	mapRowRe  = regexp.MustCompile(`(?s)<input type="hidden" name="h" value="([^"]*)"></td>\s*<td[^>]*><select id="map-\d+" name="f">(.*?)</select>`)
	selRe     = regexp.MustCompile(`<option value="([a-z_]*)" selected>`)
)

// previewForm is the mapping form of a preview page as the browser would post it,
// with some columns (by header) set to other fields.
func previewForm(t *testing.T, page string, set map[string]string) url.Values {
	t.Helper()
	tok, checked := tokenRe.FindStringSubmatch(page), checkedRe.FindStringSubmatch(page)
	if tok == nil || checked == nil {
		t.Fatalf("no mapping form on the page:\n%.2000s", page)
	}
	form := url.Values{"token": {tok[1]}, "checked": {checked[1]}}
	for _, row := range mapRowRe.FindAllStringSubmatch(page, -1) {
		h, f := html.UnescapeString(row[1]), ""
		if m := selRe.FindStringSubmatch(row[2]); m != nil {
			f = m[1]
		}
		if v, ok := set[h]; ok {
			f = v
		}
		form.Add("h", h)
		form.Add("f", f)
	}
	return form
}

func (c *county) matterCount(t *testing.T) int {
	t.Helper()
	_, n, err := c.st.Matters(context.Background(), store.MatterFilter{Scope: store.Scope{All: true}, Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func contains(t *testing.T, what string, r resp, status int, wants ...string) {
	t.Helper()
	if r.status != status {
		t.Errorf("%s: status %d, want %d\n%.1500s", what, r.status, status, r.body)
	}
	for _, w := range wants {
		if !strings.Contains(r.body, w) {
			t.Errorf("%s lacks %q", what, w)
		}
	}
}

// TestImportUpload_C12: a supervisor uploads a ledger, sees how its columns map and how many
// rows would be created, commits, and follows the link to exactly the matters created; the
// same file again creates nothing. Nothing is written before the commit. On both databases.
func TestImportUpload_C12(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s)
		b := c.as(t, "fuzeren")
		contains(t, "empty imports page", b.get("/imports"), 200, `enctype="multipart/form-data"`, `name="ledger_file"`, "还没有导入过台账", "来源编号 source_id")
		rows := ledgertest.Year(2024, 40, "T-")
		data, err := ledgertest.CSV(rows, "gb18030", true)
		if err != nil {
			t.Fatal(err)
		}
		before := c.matterCount(t)
		r := uploadLedger(t, b, "2024年台账.csv", data)
		contains(t, "preview", r, 200, "导入预览", "2024年台账.csv", "gb18030", "检查通过：可以导入 40 件", `id="commit"`, "确认导入 40 件",
			`value="编号"`, `<option value="source_id" selected>`, `<option value="received_at" selected>`, "自动识别", "地区“外县某地”不在区划中", "SHA-256")
		if c.matterCount(t) != before {
			t.Fatal("the preview wrote matters")
		}
		form := previewForm(t, r.body, nil)
		done := b.post("/imports/commit", form)
		if done.status != 303 || !strings.HasPrefix(done.location, "/imports/result/") {
			t.Fatalf("commit: %d %s\n%.1000s", done.status, done.location, done.body)
		}
		res := b.get(done.location)
		contains(t, "result", res, 200, "导入完成", `id="done-created">40<`, `id="done-skipped">0<`, "/reports/matters?import=", "查看导入的 40 件事项", "外县某地")
		if c.matterCount(t) != before+40 {
			t.Fatalf("%d matters after the import", c.matterCount(t))
		}
		link := regexp.MustCompile(`href="(/reports/matters\?import=\d+)"`).FindStringSubmatch(res.body)
		list := b.get(link[1])
		contains(t, "imported matters", list, 200, `id="list-count" data-n="40"`, "由导入批次 #", "原编号 T-000001")
		contains(t, "imports list", b.get("/imports"), 200, "2024年台账.csv", `id="import-`, "陈秘书长", link[1])
		// The committed upload is gone: committing it again is refused.
		contains(t, "commit twice", b.post("/imports/commit", form), 410, "已过期或已导入")
		// The same file again: nothing new, no commit button.
		again := uploadLedger(t, b, "2024年台账.csv", data)
		contains(t, "again", again, 200, "没有需要导入的新事项：40 行")
		if strings.Contains(again.body, `id="commit"`) {
			t.Error("a file with nothing new offers to commit")
		}
		// The other formats preview alike.
		xlsx, _ := ledgertest.XLSX(ledgertest.Year(2023, 30, "X-"))
		contains(t, "xlsx", uploadLedger(t, b, "2023.xlsx", xlsx), 200, "Excel 工作簿", "可以导入 30 件", "表头在第 2 行")
		contains(t, "jsonl", uploadLedger(t, b, "2022.jsonl", ledgertest.JSONL(ledgertest.Year(2022, 20, "J-"))), 200, "JSON Lines", "可以导入 20 件")
	})
}

// TestImportOverrideAndRefusal_C12: a column the office named its own way is mapped by hand; a
// column with bad values can be left out; a file with a failing row lists every failure with
// row, column and reason, offers no commit, and a forged commit imports nothing (all or
// nothing); a mapping changed after the preview is shown again before anything is imported.
func TestImportOverrideAndRefusal_C12(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s)
		b := c.as(t, "admin")
		before := c.matterCount(t)
		file := "序号,类型,渠道,登记时间,争议金额,备注\n" +
			"A-1,投诉,12315热线,2024-03-01 08:30,100,\n" +
			"A-2,举报,来信,2024-03-02,abc,无\n" +
			"A-3,咨询,12345转办,2024-03-03,,\n"
		r := uploadLedger(t, b, "own.csv", []byte(file))
		contains(t, "unknown header", r, 200, "缺少必需的列“来源编号”", "整个文件不能导入", `value="序号"`, "— 不导入 —", "未使用")
		if strings.Contains(r.body, `id="commit"`) {
			t.Fatal("a refused file offers to commit")
		}
		// 序号 is the source id.
		r = b.post("/imports/preview", previewForm(t, r.body, map[string]string{"序号": "source_id"}))
		contains(t, "序号 mapped", r, 200, "手动指定", `<td class="mono">3</td>`, "争议金额", "第 3 行：“争议金额（元）”的“abc”不是以元为单位", "有 1 行未通过检查")
		if strings.Contains(r.body, `id="commit"`) {
			t.Fatal("a file with a failing row offers to commit")
		}
		// A forged commit of the failing file imports nothing.
		forged := previewForm(t, r.body, nil)
		contains(t, "forged commit", b.post("/imports/commit", forged), 422, "导入被拒绝，没有导入任何数据", `<td class="mono">3</td>`)
		if c.matterCount(t) != before {
			t.Fatal("a refused file imported matters")
		}
		if list, _ := c.st.Imports(context.Background(), 10); len(list) != 0 {
			t.Fatalf("a refused file was recorded: %+v", list)
		}
		// Leaving the amount out lets the file pass.
		r = b.post("/imports/preview", previewForm(t, r.body, map[string]string{"争议金额": ""}))
		contains(t, "amount left out", r, 200, "检查通过：可以导入 3 件", `id="commit"`)
		// Changing the mapping after the check shows the new check first.
		changed := previewForm(t, r.body, map[string]string{"备注": "facts"})
		contains(t, "changed", b.post("/imports/commit", changed), 422, "列对应关系在检查之后改过了")
		if c.matterCount(t) != before {
			t.Fatal("a changed mapping imported without a preview")
		}
		// Two columns for one field is an inline error.
		twice := previewForm(t, r.body, map[string]string{"备注": "kind"})
		contains(t, "twice", b.post("/imports/preview", twice), 422, `id="error-summary"`, "“类型”和“备注”两列都选了“类型”")
		done := b.post("/imports/commit", previewForm(t, r.body, nil))
		if done.status != 303 {
			t.Fatalf("commit: %d\n%.1500s", done.status, done.body)
		}
		contains(t, "result", b.get(done.location), 200, `id="done-created">3<`)
		ms, _, err := c.st.Matters(context.Background(), store.MatterFilter{Scope: store.Scope{All: true}})
		if err != nil || len(ms) != 3 {
			t.Fatal(err, len(ms))
		}
		for _, m := range ms {
			if m.AmountInDispute != 0 {
				t.Errorf("%s: the amount left out was imported: %v", m.SourceID, m.AmountInDispute)
			}
		}
	})
}

// TestImportRefusesBadFiles_C12: roles, a missing file, garbage, another user's upload and an
// expired one; and the preview in English.
func TestImportRefusesBadFiles_C12(t *testing.T) {
	c := fixture(t)
	for _, x := range []scenario{
		{name: "anonymous", path: "/imports", status: 303, location: "/login?next=%2Fimports"},
		{name: "operators import nothing", user: "zuoxi", path: "/imports", status: 403},
		{name: "mediators neither", user: "tiaojie1", method: "POST", path: "/imports/preview", form: url.Values{}, status: 403},
		{name: "nor commit", user: "tiaojie1", method: "POST", path: "/imports/commit", form: url.Values{}, status: 403},
		{name: "merchants neither", user: "haoyouduo", path: "/imports", status: 403},
		{name: "an unknown upload", user: "fuzeren", method: "POST", path: "/imports/preview", form: url.Values{"token": {"00ff"}}, status: 410},
		{name: "an unknown result", user: "fuzeren", path: "/imports/result/00ff", status: 404},
	} {
		x.run(t, c)
	}
	b := c.as(t, "fuzeren")
	contains(t, "no file", uploadLedger(t, b, "", nil), 422, `id="f-ledger-file-err"`, "台账文件")
	junk := make([]byte, 10<<10)
	rand.New(rand.NewSource(1)).Read(junk)
	r := uploadLedger(t, b, "junk.csv", junk)
	contains(t, "garbage", r, 200, "这个文件无法作为台账读取", "不是 UTF-8 或 GB18030 文本", `id="upload-again"`)
	contains(t, "empty", uploadLedger(t, b, "empty.csv", nil), 200, "文件是空的")
	contains(t, "old xls", uploadLedger(t, b, "old.xls", []byte("\xd0\xcf\x11\xe0")), 200, "另存为 .xlsx")
	good := uploadLedger(t, b, "a.csv", []byte("source_id,kind,channel,received_at\nA-1,complaint,letter,2024-01-02\n"))
	form := previewForm(t, good.body, nil)
	other := c.as(t, "admin")
	contains(t, "another user's upload", other.post("/imports/commit", form), 410, "重新上传")
	contains(t, "another user's preview", other.post("/imports/preview", form), 410)
	if c.matterCount(t) != 0 {
		t.Fatal("something was imported")
	}
	if r := b.post("/lang", url.Values{"lang": {"en"}, "back": {"/imports"}}); r.status != 303 {
		t.Fatal(r.status)
	}
	contains(t, "English", uploadLedger(t, b, "bad.csv", []byte("source_id,kind,channel,received_at\nA-1,complaint,letter,2024-13-02\n")), 200,
		"Import preview", "1 rows fail the checks", "Row", "Reason", "Header in the file", "— not imported —")
	contains(t, "English page", b.get("/imports"), 200, "Import old ledgers", "Upload and check", "Required")
}
