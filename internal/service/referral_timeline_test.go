package service_test

import (
	"testing"

	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/mediation"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestReferralsOnTheTimeline_C7: to every kind of department — police, procuratorate, court,
// credit supervision, another bureau — a referral with what is asked, its documents and due
// date is on the timeline on our side, and so is the answer with its documents; an answer
// naming a file that is not the matter's, or from a department not asked, is refused with
// nothing written; an incoming referral becomes a matter whose timeline says where it came
// from — on both databases.
func TestReferralsOnTheTimeline_C7(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		f := newCourt(t, s, sh(t, "2026-06-01 09:00"))
		ctx := f.ctx
		m := f.complaint(t, f.county.county, nil)
		file, err := f.svc.Attach(ctx, auth.As(f.op), m.Number, "购物小票.png", signPNG(t, 4), "")
		if err != nil {
			t.Fatal(err)
		}
		due := calendar.DateOf(f.clock.Now()).AddDays(10)
		names := map[mediation.Department]string{mediation.Police: "湖口县公安局", mediation.Procuratorate: "湖口县人民检察院",
			mediation.Court: "湖口县人民法院", mediation.CreditSupervision: "湖口县市场监督管理局信用监管股", mediation.OtherBureau: "湖口县住房和城乡建设局"}
		for _, dep := range mediation.Departments {
			r, err := f.svc.Refer(ctx, auth.As(f.med), m.Number, mediation.Referral{Department: dep, DepartmentName: names[dep],
				Request: "请协助核查", Documents: []int64{file.ID}, DueDate: &due})
			if err != nil {
				t.Fatalf("refer to %s: %v", dep, err)
			}
			events := len(f.timeline(t, m))
			_, err = f.svc.AnswerReferral(ctx, auth.As(f.med), m.Number, r.ID, mediation.ReferralAnswer{DepartmentName: names[dep], Text: "已核查", Documents: []int64{file.ID + 1000}})
			refused(t, string(dep)+": an answer with a file not on the matter", err, false, "documents:not_found")
			_, err = f.svc.AnswerReferral(ctx, auth.As(f.med), m.Number, r.ID, mediation.ReferralAnswer{DepartmentName: "某某单位", Text: "已核查"})
			refused(t, string(dep)+": an answer from a department not asked", err, false, "department_name:court_not_asked")
			if n := len(f.timeline(t, m)); n != events {
				t.Fatalf("%s: the refused answers wrote %d timeline entries", dep, n-events)
			}
			if _, err := f.svc.AnswerReferral(ctx, auth.As(f.med), m.Number, r.ID, mediation.ReferralAnswer{DepartmentName: names[dep], Text: "已核查，情况属实",
				Documents: []int64{file.ID}}); err != nil {
				t.Fatalf("%s answers: %v", dep, err)
			}
		}
		refers, answers := 0, 0
		for _, ev := range f.timeline(t, m) {
			switch ev.Action {
			case casework.Refer:
				if ev.Data["request"] == "请协助核查" && ev.Data["due_date"] == due.String() {
					refers++
				}
			case casework.ReferralAnswered:
				if docs, ok := ev.Data["documents"].([]any); ok && len(docs) == 1 && ev.Data["text"] == "已核查，情况属实" {
					answers++
				}
			}
		}
		if refers != len(mediation.Departments) || answers != len(mediation.Departments) {
			t.Fatalf("timeline: %d referrals, %d answers with their documents, want %d each", refers, answers, len(mediation.Departments))
		}

		in, err := f.svc.ReceiveReferral(ctx, auth.As(f.op), service.IncomingReferral{
			Referral: mediation.Referral{Department: mediation.Procuratorate, DepartmentName: "湖口县人民检察院", Request: "公益诉讼线索，转请处理"},
			Matter: casework.IntakeInput{Kind: casework.Complaint, AreaID: &f.county.county.ID, Consumer: casework.Party{Name: "赵六", Phone: "13900139000"},
				MerchantName: "某药店", MerchantAddress: "东街3号", Facts: "销售过期药品", Request: "退款"}})
		if err != nil {
			t.Fatal(err)
		}
		var from bool
		for _, ev := range f.timeline(t, in) {
			if ev.Action == casework.Refer && ev.Data["direction"] == "in" {
				from = true
			}
		}
		if !from || in.Channel != casework.TransferDepartment {
			t.Fatalf("the incoming referral's matter: channel %s, on its timeline %v", in.Channel, from)
		}
	})
}
