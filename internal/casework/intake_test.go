package casework

import (
	"math"
	"testing"
	"time"

	"weiquan/internal/invalid"
)

// TestComplaintPlusReportSplits_R_L1: one submission with both becomes two linked matters.
func TestComplaintPlusReportSplits_R_L1(t *testing.T) {
	in := IntakeInput{Kind: Complaint, AlsoReport: true, Channel: Hotline12315, Consumer: Party{Name: "王五", Phone: "13900001111"},
		Facts: "买到的电饭煲漏电", ReportFacts: "该店销售无3C认证电器", Request: "退货", NeedsVisit: true, AmountInDispute: 29900}
	in.Normalize()
	if err := in.Validate(now); err != nil {
		t.Fatal(err)
	}
	ms := NewMatters(in, nil, now)
	if len(ms) != 2 || ms[0].Kind != Complaint || ms[1].Kind != Report {
		t.Fatalf("got %+v", ms)
	}
	if ms[1].Facts != "该店销售无3C认证电器" || ms[1].Request != "" || ms[1].NeedsVisit || ms[1].AmountInDispute != 0 {
		t.Fatalf("report part: %+v", ms[1])
	}
	in.Kind = Inquiry
	if err := in.Validate(now); err == nil {
		t.Fatal("also_report on an inquiry accepted")
	}
}

// TestIntakeValidation_R_L2 proves every matter carries a known channel and kind.
func TestIntakeValidation_R_L2(t *testing.T) {
	future := now.Add(time.Hour)
	nan := math.NaN()
	cases := []struct {
		name  string
		in    IntakeInput
		field string
	}{
		{"no channel", IntakeInput{Kind: Inquiry, Facts: "问"}, "channel"},
		{"bad channel", IntakeInput{Kind: Inquiry, Channel: "fax", Facts: "问"}, "channel"},
		{"bad kind", IntakeInput{Kind: "praise", Channel: Web, Facts: "好"}, "kind"},
		{"no facts", IntakeInput{Kind: Inquiry, Channel: Web}, "facts"},
		{"complaint without phone", IntakeInput{Kind: Complaint, Channel: Visit, Facts: "x", Consumer: Party{Name: "甲"}}, "consumer.phone"},
		{"bad phone", IntakeInput{Kind: Inquiry, Channel: Web, Facts: "x", Consumer: Party{Phone: "12345678901234"}}, "consumer.phone"},
		{"bad id", IntakeInput{Kind: Inquiry, Channel: Web, Facts: "x", Consumer: Party{IDNumber: "360481199001011234"}}, "consumer.id_number"},
		{"future", IntakeInput{Kind: Inquiry, Channel: Web, Facts: "x", ReceivedAt: &future}, "received_at"},
		{"negative amount", IntakeInput{Kind: Inquiry, Channel: Web, Facts: "x", AmountInDispute: -1}, "amount_in_dispute"},
		{"bad category", IntakeInput{Kind: Inquiry, Channel: Web, Facts: "x", Category: "food"}, "category"},
		{"NaN position", IntakeInput{Kind: Inquiry, Channel: Web, Facts: "x", Lat: &nan, Lng: &nan}, "lat"},
		{"half a position", IntakeInput{Kind: Inquiry, Channel: Web, Facts: "x", Lat: &nan}, "lat"},
	}
	for _, c := range cases {
		c.in.Normalize()
		errs, ok := invalid.As(c.in.Validate(now))
		if !ok || !errs.Has(c.field) {
			t.Errorf("%s: errors %v, want one on %s", c.name, errs, c.field)
		}
	}
}

func TestPhoneAndID(t *testing.T) {
	for _, p := range []string{"13800138000", "+8613800138000", "0792-4221234", "07924221234", "12315", "0792-4221234转801"} {
		if !ValidPhone(normalizePhone(p)) {
			t.Errorf("ValidPhone(%q) = false", p)
		}
	}
	for _, p := range []string{"1380013800", "abc", "138001380001", "0792-4221234转"} {
		if ValidPhone(normalizePhone(p)) {
			t.Errorf("ValidPhone(%q) = true", p)
		}
	}
	if !ValidIDNumber("11010519491231002X") || ValidIDNumber("110105194912310021") {
		t.Error("ID check character")
	}
}

// TestRuleSetByReceivedDate_R_L44: Order 20 before 2026-04-15 (Asia/Shanghai), Order 121 from that day.
func TestRuleSetByReceivedDate_R_L44(t *testing.T) {
	cases := []struct {
		at   time.Time
		want RuleSet
	}{
		{time.Date(2026, 4, 14, 23, 59, 59, 0, shanghai), Order20},
		{time.Date(2026, 4, 15, 0, 0, 0, 0, shanghai), Order121},
		{time.Date(2026, 4, 14, 16, 30, 0, 0, time.UTC), Order121}, // 00:30 on the 15th in Shanghai
		{time.Date(2025, 1, 1, 0, 0, 0, 0, shanghai), Order20},
	}
	for _, c := range cases {
		if got := RuleSetFor(c.at); got != c.want {
			t.Errorf("RuleSetFor(%v) = %s, want %s", c.at, got, c.want)
		}
	}
	in := IntakeInput{Kind: Inquiry, Channel: Letter, Facts: "x", ReceivedAt: &cases[0].at}
	if ms := NewMatters(in, nil, now); ms[0].RuleSet != Order20 {
		t.Errorf("a letter received before the change is handled under %s", ms[0].RuleSet)
	}
}

// TestCaseNumbers_R_P2: numbers sort by date and read out as digits.
func TestCaseNumbers_R_P2(t *testing.T) {
	late := time.Date(2026, 11, 30, 23, 30, 0, 0, shanghai)
	if d := NumberDay(late.UTC()); d != "20261130" {
		t.Fatalf("day %s", d)
	}
	a, b, c := FormatNumber("20261130", 9), FormatNumber("20261130", 10), FormatNumber("20261201", 1)
	if !(a < b && b < c) || a != "20261130-000009" {
		t.Fatalf("order: %s %s %s", a, b, c)
	}
	if !LooksLikeNumber(a) || LooksLikeNumber("2026-1130") {
		t.Fatal("LooksLikeNumber")
	}
}

// TestReportsNumberedApart_R_L25: reports draw from their own series, so the numbers
// of complaints a merchant sees have no gaps where reports are.
func TestReportsNumberedApart_R_L25(t *testing.T) {
	at := time.Date(2026, 11, 30, 9, 0, 0, 0, shanghai)
	for _, tc := range []struct {
		kind Kind
		want string
	}{
		{Complaint, "20261130"},
		{Inquiry, "20261130"},
		{Report, "JB20261130"},
	} {
		if got := NumberSeries(tc.kind, at); got != tc.want {
			t.Errorf("%s: series %q, want %q", tc.kind, got, tc.want)
		}
	}
	n := FormatNumber(NumberSeries(Report, at), 42)
	if n != "JB20261130-000042" || !LooksLikeNumber(n) || LooksLikeNumber("XX20261130-000042") {
		t.Fatalf("report number %q", n)
	}
}
