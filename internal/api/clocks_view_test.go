package api_test

import (
	"strings"
	"testing"

	"weiquan/internal/auth"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestClockTimesInShanghai_R_P7 checks the jurisdiction-dispute times are shown in
// Asia/Shanghai like every other time of a matter.
func TestClockTimesInShanghai_R_P7(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		o := newOffice(t, s)
		var created struct{ Matters []struct{ Number string } }
		o.call(auth.Operator, "POST", "/api/v1/matters", `{"kind":"report","channel":"hotline_12315","facts":"卖过期食品",
			"consumer":{"name":"李四","phone":"13800138001","address":"x"},"merchant_name":"某超市","merchant_address":"人民路2号"}`, 201, &created)
		path := "/api/v1/matters/" + created.Matters[0].Number
		o.call(auth.Supervisor, "POST", path+"/actions/dispute_jurisdiction", `{"note":"邻县认为应由其处理"}`, 200, nil)
		var m struct {
			DisputeAt     string `json:"dispute_at"`
			DisputeDoneAt string `json:"dispute_done_at"`
		}
		o.call(auth.Supervisor, "POST", path+"/actions/settle_jurisdiction", `{"reason_code":"ours"}`, 200, &m)
		if m.DisputeAt != "2026-05-06T10:00:00+08:00" || m.DisputeDoneAt != "2026-05-06T10:00:00+08:00" {
			t.Fatalf("dispute_at %q, dispute_done_at %q, want 2026-05-06T10:00:00+08:00", m.DisputeAt, m.DisputeDoneAt)
		}
	})
}

// TestAttachNeedsAFile checks the action endpoint refuses attach: a file comes with its
// content through the upload, and a bare attach would put a file that is not there on the timeline.
func TestAttachNeedsAFile(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		o := newOffice(t, s)
		var created struct{ Matters []struct{ Number string } }
		o.call(auth.Operator, "POST", "/api/v1/matters", `{"kind":"inquiry","channel":"visit","facts":"如何退货",
			"consumer":{"name":"王五","phone":"13800138002","address":"x"},"merchant_name":"","merchant_address":""}`, 201, &created)
		path := "/api/v1/matters/" + created.Matters[0].Number
		var eb errorBody
		o.call(auth.Operator, "POST", path+"/actions/attach?lang=en", `{"note":"没有文件"}`, 422, &eb)
		if len(eb.Errors) != 1 || eb.Errors[0].Field != "action" || eb.Errors[0].Code != "one_of" || strings.Contains(eb.Errors[0].Message, "attach") {
			t.Fatalf("bare attach: %+v", eb)
		}
		if tl := o.call(auth.Operator, "GET", path+"/timeline", "", 200, nil); strings.Contains(tl, `"attach"`) {
			t.Fatalf("a bare attach reached the timeline: %s", tl)
		}
	})
}
