package store_test

import (
	"context"
	"strings"
	"testing"

	"weiquan/internal/casework"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestPairsTriggerEqualsTheFill: PostgreSQL's pair trigger (migration 0081,
// one pass over the text) stores for a matter inserted or edited exactly the
// pairs the fill computes in Go — spaces between fields, capitals (lowered
// A–Z only, as lower() under the "C" collation of matters.number does:
// 'ＯＰＰＯ', 'Ä' and 'K' (Kelvin) stay), Chinese, a character outside the
// BMP, a long account of the facts.
func TestPairsTriggerEqualsTheFill(t *testing.T) {
	s := testdb.Postgres(t)
	ctx := context.Background()
	facts := []string{"牛奶过期", "Milk 过期 OK", "退款😀不退", "ＯＰＰＯ手机 Äpfel \u212Aelvin ᲐᲑ", strings.Repeat("消费者反映商家拒绝退款。", 60), "a"}
	for _, f := range facts {
		m := casework.Matter{Kind: casework.Complaint, Channel: casework.Hotline12315, State: casework.Received,
			RuleSet: casework.Order121, Version: 1, Consumers: 1, ReceivedAt: t0, CreatedAt: t0, UpdatedAt: t0,
			Facts: f, Consumer: casework.Party{Name: "王 五", Phone: "13900001111"}, MerchantName: "好又多 超市"}
		if err := s.Tx(ctx, func(tx *store.Tx) error { return tx.InsertMatter(ctx, &m) }); err != nil {
			t.Fatal(err)
		}
		check := func(when string) {
			t.Helper()
			want := store.TextPairsForTest(lowerAZ(m.Number + " " + m.Consumer.Name + " " + m.Consumer.Phone + " " + m.MerchantName + " " + m.Facts))
			if eq, err := store.PairsEqualForTest(ctx, s, m.ID, want); err != nil || !eq {
				t.Errorf("%s %.20q: pairs differ from the fill's (%v)", when, m.Facts, err)
			}
		}
		check("inserted")
		m.Facts += " 又及：Second"
		if err := s.Tx(ctx, func(tx *store.Tx) error { return tx.UpdateMatter(ctx, &m) }); err != nil {
			t.Fatal(err)
		}
		check("edited")
	}
}

// lowerAZ lowers A–Z and nothing else.
func lowerAZ(t string) string {
	return strings.Map(func(r rune) rune {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, t)
}
