package supervise

import (
	"encoding/json"
	"testing"
)

// FuzzVerify: a published draw is outside input to whoever verifies it; whatever the file
// holds, verifying answers (verified or not) and never panics, and a draw that verifies
// re-runs to the same list.
func FuzzVerify(f *testing.F) {
	in := sample()
	in.Algorithm = Algorithm
	got, _ := Draw(in)
	good, _ := json.Marshal(Published{Inputs: in, Commitment: Commit(in), Result: got})
	f.Add(good)
	f.Add([]byte(`{}`))
	f.Add([]byte(`{"algorithm":"weiquan-draw-v1","seed":"00","pool":[{"id":-1}],"merchants":99999999,"inspectors_per":-3}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var p Published
		if json.Unmarshal(b, &p) != nil {
			return
		}
		if len(p.Pool) > 2000 || len(p.Inspectors) > 200 {
			return
		}
		list, err := Verify(p)
		if err == nil {
			again, err := Draw(p.Inputs)
			if err != nil || len(again) != len(list) {
				t.Fatalf("verified but does not re-run: %v", err)
			}
		}
	})
}

// FuzzAnswers: a questionnaire's answers come from anyone holding the link. Whatever they
// are, an answer set is either refused or, once accepted, adds up within bounds: ratings 1–5,
// options among those offered, the mean between 1.0 and 5.0, the satisfied share in per mille.
func FuzzAnswers(f *testing.F) {
	f.Add(5, true, 1, true, "处理及时", true)
	f.Add(0, true, -1, true, "", false)
	f.Add(6, false, 3, true, "\x00\xff", true)
	f.Add(-2147483648, true, 2147483647, true, " ", true)
	q := Questionnaire{Title: "回访", Open: true, Questions: []Question{
		{Text: "满意吗", Kind: Rating, Required: true},
		{Text: "哪里办的", Kind: Choice, Options: []string{"服务站", "电话", "网上"}},
		{Text: "意见", Kind: Text}}}
	f.Fuzz(func(t *testing.T, rating int, rGiven bool, option int, oGiven bool, text string, tGiven bool) {
		as := []Answer{{Given: rGiven, Rating: rating}, {Given: oGiven, Option: option}, {Given: tGiven, Text: text}}
		if q.ValidateAnswers(as) != nil {
			return
		}
		res := Aggregate(q, [][]Answer{as, as})
		r := res[0]
		if r.Answered != 2 || r.MeanTenth < 10 || r.MeanTenth > 50 || r.Satisfied < 0 || r.Satisfied > 1000 {
			t.Fatalf("rating %d accepted: %+v", rating, r)
		}
		n := 0
		for _, c := range res[1].Counts {
			n += c
		}
		if n != res[1].Answered || (oGiven && n != 2) {
			t.Fatalf("option %d accepted: %+v", option, res[1])
		}
	})
}
