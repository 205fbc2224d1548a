package web_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"weiquan/internal/casework"
	"weiquan/internal/service"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestQueuePastTheCountBound: past service.MaxCounted matters the queue says
// "more than 10,000" and its pager the page alone — it does not claim a
// number of pages it never counted. Both databases.
func TestQueuePastTheCountBound(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		c := newCounty(t, s)
		ctx := context.Background()
		at := c.now.UTC()
		if err := c.st.Tx(ctx, func(tx *store.Tx) error {
			for i := 0; i <= service.MaxCounted; i++ {
				m := casework.Matter{Number: fmt.Sprintf("B%05d", i), Kind: casework.Complaint, Channel: casework.Hotline12315,
					State: casework.Received, RuleSet: casework.Order121, Version: 1, Consumers: 1,
					AreaID: &c.pencheng.ID, AreaPath: c.pencheng.Path,
					ReceivedAt: at, CreatedAt: at, UpdatedAt: at, Facts: "充值卡余额不退", MerchantName: "好又多"}
				if err := tx.InsertMatter(ctx, &m); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		b := c.as(t, "fuzeren")
		p := b.get("/queue").body
		if !strings.Contains(p, "超过 10000 件") {
			t.Error("the queue's count does not say it stopped at the bound")
		}
		if !strings.Contains(p, "第 1 页") || strings.Contains(p, "/ 334 页") || strings.Contains(p, "/ 335 页") {
			t.Error("the queue's pager claims a number of pages past the bound")
		}
	})
}
