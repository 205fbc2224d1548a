package collective

import (
	"fmt"
	"testing"
	"time"
)

// BenchmarkDetect is the work intake adds: one new matter against the open matters of a
// busy merchant (60 within the window), profiles built afresh as at intake.
func BenchmarkDetect(b *testing.B) {
	y := Year(7, 0)
	now := time.Date(2026, 3, 30, 0, 0, 0, 0, time.UTC)
	var facts []string
	for _, p := range y {
		facts = append(facts, p.Facts)
	}
	set := DefaultSettings()
	for b.Loop() {
		earlier := make([]*Matter, 60)
		for i := range earlier {
			earlier[i] = &Matter{ID: int64(i + 1), MerchantKey: "id:1", Facts: facts[i%len(facts)], ReceivedAt: now.Add(-time.Duration(i) * time.Hour), Open: true}
		}
		m := &Matter{ID: 999, MerchantKey: "id:1", Facts: facts[3], ReceivedAt: now}
		Detect(set, m, earlier, "x")
	}
}

// BenchmarkPlantedYear scores detection on generated years (three seeds) at several
// thresholds and reports precision and recall as metrics.
func BenchmarkPlantedYear(b *testing.B) {
	for _, mm := range []int{3, 5} {
		for _, sim := range []float64{0.14, 0.22, 0.30} {
			b.Run(fmt.Sprintf("min=%d/sim=%.2f", mm, sim), func(b *testing.B) {
				set := Settings{Enabled: true, WindowDays: 30, MinMatters: mm, MinSimilarity: sim}
				var prec, rec, found float64
				for b.Loop() {
					prec, rec, found = 0, 0, 0
					for _, seed := range []uint64{2026, 2027, 2028} {
						sc := Evaluate(set, Year(seed, 3600))
						prec += sc.Precision / 3
						rec += sc.Recall / 3
						found += float64(sc.ClustersFound) / 3
					}
				}
				b.ReportMetric(prec, "precision")
				b.ReportMetric(rec, "recall")
				b.ReportMetric(found, "clusters-found/3")
			})
		}
	}
}
