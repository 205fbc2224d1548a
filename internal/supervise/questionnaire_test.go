package supervise

import (
	"fmt"
	"testing"
	"time"

	"weiquan/internal/invalid"
)

func survey() Questionnaire {
	return Questionnaire{Title: "投诉处理满意度", Open: true, Questions: []Question{
		{Text: "您对处理结果是否满意？", Kind: Rating, Required: true},
		{Text: "处理用时", Kind: Choice, Options: []string{"很快", "一般", "太慢"}},
		{Text: "意见建议", Kind: Text}}}
}

// TestQuestionnaire_C10: a questionnaire as staff design it, answers checked against it, and
// the results added up exactly (means in tenths, shares in per mille, rounded half up).
func TestQuestionnaire_C10(t *testing.T) {
	for _, tc := range []struct {
		name  string
		edit  func(*Questionnaire)
		field string
	}{
		{"no title", func(q *Questionnaire) { q.Title = " " }, "title"},
		{"no questions", func(q *Questionnaire) { q.Questions = nil }, "questions"},
		{"a choice of one", func(q *Questionnaire) { q.Questions[1].Options = []string{"是", " "} }, "questions.1"},
		{"unknown kind", func(q *Questionnaire) { q.Questions[2].Kind = "video" }, "questions.2"},
		{"empty question", func(q *Questionnaire) { q.Questions[0].Text = "" }, "questions.0"},
	} {
		q := survey()
		tc.edit(&q)
		fe, ok := invalid.As(q.Validate())
		if !ok || !fe.Has(tc.field) {
			t.Fatalf("%s: %v", tc.name, fe)
		}
	}
	q := survey()
	if err := q.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		as    []Answer
		field string
	}{
		{"required rating missing", []Answer{{}, {}, {}}, "q0"},
		{"rating 6", []Answer{{Given: true, Rating: 6}, {}, {}}, "q0"},
		{"option out of range", []Answer{{Given: true, Rating: 5}, {Given: true, Option: 3}, {}}, "q1"},
		{"wrong count", []Answer{{Given: true, Rating: 5}}, "answers"},
		{"fine", []Answer{{Given: true, Rating: 5}, {Given: true, Option: 0}, {Given: true, Text: "  好 "}}, ""},
	} {
		err := q.ValidateAnswers(tc.as)
		if tc.field == "" {
			if err != nil || tc.as[2].Text != "好" {
				t.Fatalf("%s: %v", tc.name, err)
			}
			continue
		}
		if fe, ok := invalid.As(err); !ok || !fe.Has(tc.field) {
			t.Fatalf("%s: %v", tc.name, err)
		}
	}
	closed := survey()
	if fe, _ := invalid.As(closed.ValidateAnswers(nil)); fe.Has("questionnaire") {
		t.Fatal("an open questionnaire refused as closed")
	}
	closed.Open = false
	if fe, _ := invalid.As(closed.ValidateAnswers([]Answer{{Given: true, Rating: 5}, {}, {}})); !fe.Has("questionnaire") {
		t.Fatal("a closed questionnaire took answers")
	}

	rs := Aggregate(q, [][]Answer{
		{{Given: true, Rating: 5}, {Given: true, Option: 0}, {Given: true, Text: "很好"}},
		{{Given: true, Rating: 4}, {Given: true, Option: 2}, {}},
		{{Given: true, Rating: 2}, {}, {Given: true, Text: "太慢"}},
	})
	if r := rs[0]; r.Answered != 3 || fmt.Sprint(r.Counts) != "[0 1 0 1 1]" || r.MeanTenth != 37 || r.Satisfied != 667 {
		t.Fatalf("rating %+v", r) // mean 11/3 = 3.67 → 3.7; 2 of 3 satisfied = 666.7 → 667
	}
	if r := rs[1]; r.Answered != 2 || fmt.Sprint(r.Counts) != "[1 0 1]" {
		t.Fatalf("choice %+v", r)
	}
	if r := rs[2]; r.Answered != 2 || len(r.Texts) != 2 {
		t.Fatalf("text %+v", r)
	}
	if e := Aggregate(q, nil); e[0].Answered != 0 || e[0].MeanTenth != 0 {
		t.Fatalf("no answers %+v", e[0])
	}
}

// TestVisitsAndSamples_C10: a mystery-shopping visit needs its findings when it found
// problems; a sample's lab result comes no earlier than the sampling, a failure names its
// items, and only a result is published, once, after which it no longer changes.
func TestVisitsAndSamples_C10(t *testing.T) {
	today := "2026-06-16"
	for _, tc := range []struct {
		v     Visit
		field string
	}{
		{Visit{MerchantName: "甲超市", VisitedOn: "2026-06-10", Visitors: "张、李", Topic: "明码标价", Result: Issues}, "findings"},
		{Visit{MerchantName: "甲超市", VisitedOn: "2026-06-20", Visitors: "张", Topic: "明码标价", Result: Compliant}, "visited_on"},
		{Visit{MerchantName: "甲超市", VisitedOn: "2026-06-10", Visitors: "张", Topic: "明码标价", Result: "ok"}, "result"},
		{Visit{VisitedOn: "2026-06-10", Visitors: "张", Topic: "x", Result: Compliant}, "merchant_name"},
		{Visit{MerchantName: "甲超市", VisitedOn: "2026-06-10", Visitors: "张", Topic: "明码标价", Result: Issues, Findings: "部分商品未标价"}, ""},
	} {
		err := tc.v.Validate(today)
		if tc.field == "" {
			if err != nil {
				t.Fatal(err)
			}
			continue
		}
		if fe, ok := invalid.As(err); !ok || !fe.Has(tc.field) {
			t.Fatalf("%+v: %v", tc.v, err)
		}
	}
	s := Sample{Product: "纯牛奶", MerchantName: "甲超市", SampledOn: "2026-06-01", Lab: "九江市检验检测中心", Result: Pass}
	if err := s.Validate(today); err != nil || s.Result != Pending {
		t.Fatal(err, s.Result)
	}
	if fe, _ := invalid.As(s.Publish(time.Now())); !fe.Has("result") {
		t.Fatal("a pending sample was published")
	}
	for _, tc := range []struct {
		res                  LabResult
		no, on, items, field string
	}{
		{Fail, "JJ-001", "2026-06-10", "", "items"},
		{Pass, "JJ-001", "2026-05-30", "", "result_on"},
		{"maybe", "JJ-001", "2026-06-10", "", "result"},
		{Pass, "", "2026-06-10", "", "report_no"},
	} {
		if fe, ok := invalid.As(s.RecordResult(tc.res, tc.no, tc.on, tc.items, today)); !ok || !fe.Has(tc.field) {
			t.Fatalf("%+v: %v", tc, fe)
		}
	}
	if err := s.RecordResult(Fail, "JJ-001", "2026-06-10", "蛋白质含量不达标", today); err != nil {
		t.Fatal(err)
	}
	if err := s.Publish(time.Now()); err != nil || s.PublishedAt == nil {
		t.Fatal(err)
	}
	if s.Publish(time.Now()) == nil || s.RecordResult(Pass, "x", "2026-06-11", "", today) == nil {
		t.Fatal("a published result changed")
	}
}
