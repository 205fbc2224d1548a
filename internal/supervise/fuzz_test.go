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
