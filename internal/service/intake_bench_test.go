package service_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/dispatch"
	"weiquan/internal/service"
	"weiquan/internal/testdb"
)

// BenchmarkIntake measures one complaint's intake through the service on SQLite:
// validation, routing, the first clocks, the number, the row, the timeline event
// and the search index, in one transaction. `weiquan load` measures the HTTP path.
func BenchmarkIntake(b *testing.B) {
	ctx := context.Background()
	svc := service.New(testdb.SQLite(b), time.Now)
	city := dispatch.Area{Name: "瑞昌市", Level: dispatch.County, Kind: dispatch.KindUrban}
	if err := svc.CreateArea(ctx, &city); err != nil {
		b.Fatal(err)
	}
	town := dispatch.Area{ParentID: &city.ID, Name: "码头镇", Level: dispatch.Township}
	if err := svc.CreateArea(ctx, &town); err != nil {
		b.Fatal(err)
	}
	st := dispatch.Station{AreaID: town.ID, Name: "码头镇消费维权服务站", HostType: dispatch.HostTownship, Active: true}
	if err := svc.SaveStation(ctx, &st); err != nil {
		b.Fatal(err)
	}
	op := auth.User{Username: "op", Role: auth.Operator, AreaID: &city.ID, Active: true}
	if err := svc.CreateUser(ctx, &op, "long password"); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	cpu0 := processCPU()
	for i := 0; i < b.N; i++ {
		_, err := svc.Intake(ctx, auth.As(&op), casework.IntakeInput{Kind: casework.Complaint, Channel: casework.Hotline12315, AreaID: &town.ID,
			Consumer:     casework.Party{Name: "消费者", Phone: fmt.Sprintf("138%08d", i), Address: "码头镇码头村"},
			MerchantName: "某某超市", MerchantAddress: "码头街2号", Facts: "购买的牛奶已过保质期，要求退货并赔偿。", Request: "退一赔十", NeedsVisit: i%4 == 0})
		if err != nil {
			b.Fatal(err)
		}
	}
	// CPU time is what an intake costs the machine; the time per op also
	// counts the waits of a machine the other sessions keep busy.
	if cpu := processCPU(); cpu > 0 {
		b.ReportMetric(float64((cpu-cpu0).Microseconds())/float64(b.N), "cpu-µs/op")
	}
}
