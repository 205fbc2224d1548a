package store_test

import (
	"bytes"
	"context"
	"errors"
	"testing"
	"time"

	"weiquan/internal/casework"
	"weiquan/internal/store"
	"weiquan/internal/testdb"
)

// TestAttachmentsKeepBytes: a file's bytes come back exactly on both databases,
// and a file is only found through its own matter.
func TestAttachmentsKeepBytes(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a, b := &casework.Matter{Facts: "a"}, &casework.Matter{Facts: "b"}
		insertMatters(t, s, a, b)
		data := append([]byte("\x89PNG\r\n\x1a\n\x00\xff"), bytes.Repeat([]byte{0, 1, 2, 255}, 1000)...)
		att := store.Attachment{MatterID: a.ID, Name: "小票.png", ContentType: "image/png", Size: int64(len(data)), SHA256: "x", Data: data, CreatedAt: t0}
		if err := s.Tx(ctx, func(tx *store.Tx) error { return tx.InsertAttachment(ctx, &att) }); err != nil {
			t.Fatal(err)
		}
		got, err := s.Attachment(ctx, a.ID, att.ID)
		if err != nil || !bytes.Equal(got.Data, data) || got.Name != "小票.png" || !got.CreatedAt.Equal(t0.Truncate(time.Microsecond)) {
			t.Fatalf("round trip: %v %q", err, got.Name)
		}
		if _, err := s.Attachment(ctx, b.ID, att.ID); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("through another matter: %v", err)
		}
		list, err := s.Attachments(ctx, a.ID)
		if err != nil || len(list) != 1 || list[0].Data != nil || list[0].Size != int64(len(data)) {
			t.Fatalf("list: %+v %v", list, err)
		}
	})
}

// TestRecentSamePhoneMerchant: the intake warning looks back by phone and merchant, by id or by name.
func TestRecentSamePhoneMerchant(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		old := &casework.Matter{Consumer: casework.Party{Phone: "13800138000"}, MerchantName: "某超市", ReceivedAt: t0.Add(-40 * 24 * time.Hour)}
		recent := &casework.Matter{Consumer: casework.Party{Phone: "13800138000"}, MerchantName: "某超市", ReceivedAt: t0.Add(-2 * 24 * time.Hour)}
		other := &casework.Matter{Consumer: casework.Party{Phone: "13800138000"}, MerchantName: "别的店", ReceivedAt: t0.Add(-time.Hour)}
		insertMatters(t, s, old, recent, other)
		got, err := s.RecentSamePhoneMerchant(ctx, "13800138000", nil, "某超市", t0.Add(-30*24*time.Hour))
		if err != nil || len(got) != 1 || got[0].ID != recent.ID {
			t.Fatalf("by name: %v %v", got, err)
		}
		if got, _ := s.RecentSamePhoneMerchant(ctx, "13800138000", nil, "", t0.Add(-30*24*time.Hour)); got != nil {
			t.Fatalf("no merchant at all: %v", got)
		}
		if n, err := s.MerchantMatterCount(ctx, 12345); err != nil || n != 0 {
			t.Fatalf("count: %d %v", n, err)
		}
	})
}
