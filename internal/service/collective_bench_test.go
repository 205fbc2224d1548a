package service_test

import (
	"context"
	"fmt"
	"syscall"
	"testing"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/collective"
	"weiquan/internal/dispatch"
	"weiquan/internal/service"
	"weiquan/internal/testdb"
)

// BenchmarkIntakeCollective is what detection adds to an intake on SQLite: a complaint
// against a merchant that already has `open` complaints in the window (generated gym and
// school facts), with detection off and on. The difference is the cost at intake.
func BenchmarkIntakeCollective(b *testing.B) {
	year := collective.Year(11, 0)
	for _, open := range []int{20, 100, 300} {
		for _, on := range []bool{false, true} {
			b.Run(fmt.Sprintf("open=%d/detect=%v", open, on), func(b *testing.B) {
				ctx := context.Background()
				svc := service.New(testdb.SQLite(b), time.Now)
				city := dispatch.Area{Name: "瑞昌市", Level: dispatch.County, Kind: dispatch.KindUrban}
				if err := svc.CreateArea(ctx, &city); err != nil {
					b.Fatal(err)
				}
				op := auth.User{Username: "op", Role: auth.Operator, AreaID: &city.ID, Active: true}
				admin := auth.User{Username: "admin", Role: auth.Admin, Active: true}
				for _, u := range []*auth.User{&op, &admin} {
					if err := svc.CreateUser(ctx, u, "long password"); err != nil {
						b.Fatal(err)
					}
				}
				set := service.DefaultCreditSettings()
				set.Collective.Enabled = on
				if _, err := svc.SaveCreditSettings(ctx, &admin, set); err != nil {
					b.Fatal(err)
				}
				in := func(i int) casework.IntakeInput {
					return casework.IntakeInput{Kind: casework.Complaint, Channel: casework.Hotline12315, AreaID: &city.ID,
						Consumer:     casework.Party{Name: "消费者", Phone: fmt.Sprintf("138%08d", i), Address: "码头镇码头村"},
						MerchantName: "力美健身俱乐部", MerchantAddress: "码头街2号", Facts: year[i%len(year)].Facts, Request: "退费"}
				}
				for i := 0; i < open; i++ {
					if _, err := svc.Intake(ctx, auth.As(&op), in(i)); err != nil {
						b.Fatal(err)
					}
				}
				i := open
				cpu0 := cpuTime()
				for b.Loop() {
					if _, err := svc.Intake(ctx, auth.As(&op), in(i)); err != nil {
						b.Fatal(err)
					}
					i++
				}
				// CPU time of the process per intake: less swayed than wall time by other work on a shared machine.
				b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1000/float64(b.N), "cpu-ms/op")
			})
		}
	}
}

// cpuTime is the user and system CPU time the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
