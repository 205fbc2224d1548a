package api_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"weiquan/internal/dispatch"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestCourtSystemByAPIKey_R_L33: a court's own system delegates a dispute through the API with
// its key of scope court — for the court the key is bound to, whatever the body says — and
// reads the centre's decision, the result and the result letter (its SHA-256 checked) back
// through the API; another court's key sees none of it, the key opens no other door, and a
// revoked key opens nothing.
func TestCourtSystemByAPIKey_R_L33(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s)
		ctx := context.Background()
		courts := map[string]*dispatch.Station{}
		for _, name := range []string{"瑞昌市人民法院", "九江市浔阳区人民法院"} {
			st := &dispatch.Station{AreaID: f.city.ID, Name: name, HostType: dispatch.HostCentre, Active: true}
			if err := f.svc.SaveStation(ctx, st); err != nil {
				t.Fatal(err)
			}
			courts[name] = st
		}
		ours, theirs := courts["瑞昌市人民法院"], courts["九江市浔阳区人民法院"]
		key := func(name string, station int64) (string, int64) {
			status, body := f.do(t, "admin", "POST", "/api/v1/apikeys", `{"name":"`+name+`","scope":"court","court_station_id":`+itoa(station)+`}`, nil)
			if status != http.StatusCreated {
				t.Fatalf("court key: %d %s", status, body)
			}
			var out struct {
				Key    string
				APIKey struct{ ID int64 } `json:"api_key"`
			}
			_ = json.Unmarshal([]byte(body), &out)
			return out.Key, out.APIKey.ID
		}
		var oursID int64
		f.tokens["court"], oursID = key("瑞昌市人民法院诉讼服务中心系统", ours.ID)
		f.tokens["other-court"], _ = key("浔阳区法院系统", theirs.ID)
		dispute := `{"dispute":{"consumer":{"name":"王小明","phone":"13800138000","address":"码头镇码头村1号"},"merchant_id":` + itoa(f.merchant.ID) +
			`,"area_id":` + itoa(f.townA.ID) + `,"facts":"预付卡余额 1,500 元拒不退还","request":"退还余额","amount_in_dispute":"1500.00"},` +
			`"stage":"pre_filing","court_ref":"(2026)赣0481诉前调7号","court_station_id":` + itoa(theirs.ID) + `}`
		f.run(t, []scenario{
			{name: "a court key needs its court", user: "admin", method: "POST", path: "/api/v1/apikeys", body: `{"name":"x","scope":"court"}`, status: 422, contains: []string{`"field":"court_station_id"`}},
			{name: "an operator cannot delegate", user: "op", method: "POST", path: "/api/v1/court/delegations", body: dispute, status: 403},
			{name: "no key", method: "POST", path: "/api/v1/court/delegations", body: dispute, status: 401},
			{name: "a bad dispute", user: "court", method: "POST", path: "/api/v1/court/delegations", body: `{"dispute":{},"stage":"appeal"}`, status: 422, contains: []string{`"field":"stage"`}},
		})
		status, body := f.do(t, "court", "POST", "/api/v1/court/delegations", dispute, nil)
		if status != http.StatusCreated {
			t.Fatalf("delegate by key: %d %s", status, body)
		}
		var made struct {
			Number     string
			Delegation struct {
				CourtName      string `json:"court_name"`
				CourtStationID int64  `json:"court_station_id"`
			}
		}
		_ = json.Unmarshal([]byte(body), &made)
		if made.Delegation.CourtName != ours.Name || made.Delegation.CourtStationID != ours.ID {
			t.Fatalf("the key delegated for %q (%d), want its own court", made.Delegation.CourtName, made.Delegation.CourtStationID)
		}
		n := made.Number
		f.run(t, []scenario{
			{name: "the court reads its delegation", user: "court", method: "GET", path: "/api/v1/court/delegations/" + n, status: 200,
				contains: []string{`"court_ref":"（2026）赣0481诉前调7号"`}, absent: []string{"result_letter", "13800138000"}},
			{name: "the court lists its delegations", user: "court", method: "GET", path: "/api/v1/court/delegations", status: 200, contains: []string{n}},
			{name: "another court's key: not found", user: "other-court", method: "GET", path: "/api/v1/court/delegations/" + n, status: 404},
			{name: "another court's list is empty", user: "other-court", method: "GET", path: "/api/v1/court/delegations", status: 200, absent: []string{n}},
			{name: "no letter before the result", user: "court", method: "GET", path: "/api/v1/court/delegations/" + n + "/letter", status: 404},
			{name: "the key opens no other door", user: "court", method: "GET", path: "/api/v1/matters/" + n, status: 401},
			{name: "nor the 12345 door", user: "court", method: "POST", path: "/api/v1/hotline/inbound", body: `{"order_no":"X"}`, status: 401},
			// The centre accepts within 3 working days and sends the result.
			{name: "accept", user: "super", method: "POST", path: "/api/v1/matters/" + n + "/court/decision", body: `{"decision":"accept"}`, status: 200},
			{name: "result", user: "super", method: "POST", path: "/api/v1/matters/" + n + "/court/result", body: `{"result":"agreed","note":"双方达成协议"}`, status: 200},
		})
		status, body = f.do(t, "court", "GET", "/api/v1/court/delegations/"+n, "", nil)
		var back struct {
			Delegation struct {
				Decision string
				Result   string
			}
			Letter struct {
				HTMLSHA256 string `json:"html_sha256"`
				Href       string
			} `json:"result_letter"`
		}
		if err := json.Unmarshal([]byte(body), &back); status != 200 || err != nil || back.Delegation.Decision != "accept" || back.Delegation.Result != "agreed" || back.Letter.Href == "" {
			t.Fatalf("the result through the API: %d %s", status, body)
		}
		req, _ := http.NewRequest("GET", f.srv.URL+back.Letter.Href, nil)
		req.Header.Set("Authorization", "Bearer "+f.tokens["court"])
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		letter, _ := io.ReadAll(res.Body)
		res.Body.Close()
		sum := sha256.Sum256(letter)
		if res.StatusCode != 200 || hex.EncodeToString(sum[:]) != back.Letter.HTMLSHA256 || res.Header.Get("X-SHA256") != back.Letter.HTMLSHA256 ||
			!strings.Contains(string(letter), ours.Name) {
			t.Fatalf("letter %d %s: sha %x, want %s", res.StatusCode, res.Header.Get("Content-Type"), sum, back.Letter.HTMLSHA256)
		}
		// The timeline names the court's system; the read of the letter is in the audit log.
		status, body = f.do(t, "super", "GET", "/api/v1/matters/"+n+"/timeline", "", nil)
		if status != 200 || !strings.Contains(body, ours.Name+" (API)") {
			t.Fatalf("timeline %d %s", status, body)
		}
		if status, body = f.do(t, "admin", "GET", "/api/v1/audit?entity=matter", "", nil); status != 200 || !strings.Contains(body, "court_result") {
			t.Fatalf("audit %d %s", status, body)
		}
		// Revoked, the key opens nothing.
		f.run(t, []scenario{
			{name: "revoke", user: "admin", method: "DELETE", path: "/api/v1/apikeys/" + itoa(oursID), status: 204},
			{name: "revoked key", user: "court", method: "GET", path: "/api/v1/court/delegations/" + n, status: 401},
		})
	})
}
