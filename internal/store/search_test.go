package store_test

import (
	"context"
	"os"
	"slices"
	"testing"
	"time"

	"weiquan/internal/casework"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

func insertMatters(t *testing.T, s *store.Store, ms ...*casework.Matter) {
	t.Helper()
	ctx := context.Background()
	err := s.Tx(ctx, func(tx *store.Tx) error {
		for _, m := range ms {
			m.Channel, m.State, m.RuleSet, m.Version, m.Consumers = casework.Hotline12315, casework.Received, casework.Order121, 1, 1
			if m.Kind == "" {
				m.Kind = casework.Complaint
			}
			if m.ReceivedAt.IsZero() {
				m.ReceivedAt = t0
			}
			m.CreatedAt, m.UpdatedAt = t0, t0
			if err := tx.InsertMatter(ctx, m); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func search(t *testing.T, s *store.Store, q string) []string {
	t.Helper()
	ms, total, err := s.Matters(context.Background(), store.MatterFilter{Scope: store.Scope{All: true}, Q: q})
	if err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	if total != len(ms) {
		t.Fatalf("search %q: total %d, listed %d", q, total, len(ms))
	}
	var out []string
	for _, m := range ms {
		out = append(out, m.Consumer.Name)
	}
	slices.Sort(out)
	return out
}

// TestSearchChinese: the queue's search finds two-character Chinese words (LIKE)
// as well as longer phrases (the trigram index), on both databases, and follows edits.
func TestSearchChinese(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		a := &casework.Matter{Consumer: casework.Party{Name: "张三", Phone: "13800138000"}, MerchantName: "瑞昌市好又多超市",
			Facts: "购买的电饭煲有质量问题，商家拒绝退货"}
		b := &casework.Matter{Consumer: casework.Party{Name: "李四", Phone: "13912345678"}, MerchantName: "码头镇美发店",
			Facts: "预付卡余额无法退还，店铺已经关门跑路"}
		c := &casework.Matter{Consumer: casework.Party{Name: "Wang Wu", Phone: "0792-4221234"}, MerchantName: "Jiujiang Auto",
			Facts: "Car repair overcharged"}
		insertMatters(t, s, a, b, c)
		for _, tc := range []struct {
			q    string
			want []string
		}{
			{"退货", []string{"张三"}},                 // two characters: LIKE
			{"退", []string{"张三", "李四"}},            // one character
			{"预付卡", []string{"李四"}},                // three characters: the trigram index
			{"预付卡余额无法退还", []string{"李四"}},          // a longer phrase
			{"超市 退货", []string{"张三"}},              // every word must match
			{"超市 跑路", nil},                         // in different matters
			{"张三", []string{"张三"}},                 // consumer name
			{"13912345678", []string{"李四"}},        // phone
			{"1234", []string{"Wang Wu", "李四"}},    // part of two phones
			{"美发", []string{"李四"}},                 // merchant
			{a.Number, []string{"张三"}},             // case number
			{"REPAIR", []string{"Wang Wu"}},        // case does not matter
			{"car", []string{"Wang Wu"}},           // short latin word
			{"没有这回事", nil},                         // nothing
			{"%", []string{"Wang Wu", "张三", "李四"}}, // LIKE wildcards are plain text, and nothing left means no filter
			{`"`, nil},
		} {
			if got := search(t, s, tc.q); !slices.Equal(got, tc.want) {
				t.Errorf("search %q = %v, want %v", tc.q, got, tc.want)
			}
		}
		// The index follows changes to the matter.
		ctx := context.Background()
		err := s.Tx(ctx, func(tx *store.Tx) error {
			m, err := tx.LockMatter(ctx, b.Number)
			if err != nil {
				return err
			}
			m.Facts = "理发卡不给退款"
			return tx.UpdateMatter(ctx, &m)
		})
		if err != nil {
			t.Fatal(err)
		}
		if got := search(t, s, "预付卡"); got != nil {
			t.Errorf("old facts still found: %v", got)
		}
		if got := search(t, s, "理发卡"); !slices.Equal(got, []string{"李四"}) {
			t.Errorf("new facts not found: %v", got)
		}
	})
}

// FuzzSearch: any query string is searched without error or panic on both databases.
func FuzzSearch(f *testing.F) {
	stores := []*store.Store{testdb.SQLite(f)}
	if os.Getenv("WEIQUAN_TEST_POSTGRES") != "" {
		stores = append(stores, testdb.Postgres(f))
	}
	for _, s := range stores {
		err := s.Tx(context.Background(), func(tx *store.Tx) error {
			m := casework.Matter{Kind: casework.Complaint, Channel: casework.Web, State: casework.Received, RuleSet: casework.Order121,
				ReceivedAt: t0, CreatedAt: t0, UpdatedAt: t0, Version: 1, Consumers: 1, Facts: "商家拒绝退货", Consumer: casework.Party{Name: "张三"}}
			return tx.InsertMatter(context.Background(), &m)
		})
		if err != nil {
			f.Fatal(err)
		}
	}
	for _, seed := range []string{"退货", "预付卡余额", `"`, `"" OR 1=1 --`, "NEAR(a b)", "a* b^", "\x00", "\xff\xfe", "%_\\", "   ", "退货 AND", "{number}:1", "'; DROP TABLE matters; --"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, q string) {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		for _, s := range stores {
			if _, _, err := s.Matters(ctx, store.MatterFilter{Scope: store.Scope{All: true}, Q: q, Limit: 5}); err != nil {
				t.Fatalf("%s: search %q: %v", s.Dialect(), q, err)
			}
		}
	})
}
