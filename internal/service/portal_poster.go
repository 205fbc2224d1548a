package service

import (
	"context"
	"errors"
	"strconv"

	"weiquan/internal/auth"
	"weiquan/internal/document"
	"weiquan/internal/store"
)

// StationPoster is a station's A4 poster as a PDF, for anyone: rendered through
// internal/document, printed by headless Chromium and kept with the SHA-256 of its page and its
// PDF. The page holds no date, so while the station's details stay the same a reprint returns
// the very file printed first; a changed station prints a new one. base is where the public
// reaches the portal; the QR code opens its submit page with the station's area filled in.
// ErrNotFound for no such active station; document.ErrNoChromium when the server cannot print.
func (s *Service) StationPoster(ctx context.Context, p auth.Principal, stationID int64, lang, base string) (store.Poster, error) {
	lang = portalLang(lang)
	list, err := s.PublicStations(ctx, p, nil)
	if err != nil {
		return store.Poster{}, err
	}
	var st *PublicStation
	for i := range list {
		if list[i].ID == stationID {
			st = &list[i]
		}
	}
	if st == nil {
		return store.Poster{}, store.ErrNotFound
	}
	set, err := s.settings(ctx)
	if err != nil {
		return store.Poster{}, err
	}
	doc := document.Poster{Lang: lang, Office: set.Office.Name, Station: st.Name, Address: st.Address, Phone: st.Phone, Hours: st.Hours,
		OnSiteMinutes: st.OnSiteMinutes, Link: base + "/portal/submit?area=" + strconv.FormatInt(st.AreaID, 10)}
	page, err := document.RenderPoster(doc)
	if err != nil {
		return store.Poster{}, err
	}
	sum := document.Sum(page)
	if kept, err := s.store.Poster(ctx, st.ID, lang, sum); err == nil {
		return kept, nil
	} else if !errors.Is(err, store.ErrNotFound) {
		return store.Poster{}, err
	}
	if s.Printer == nil {
		return store.Poster{}, document.ErrNoChromium
	}
	// Printing costs a browser's time and a row: a new print is throttled per address (a page
	// differs by the link, which without --public-url follows the request's host).
	_, lim := s.portalSettings()
	if err := s.throttle(ctx, "print_addr", p.Addr, lim.PrintPerAddr); err != nil {
		return store.Poster{}, err
	}
	pdf, err := document.PrintPoster(ctx, s.Printer, doc, page)
	if err != nil {
		return store.Poster{}, err
	}
	out := store.Poster{StationID: st.ID, Lang: lang, HTMLSHA256: sum, HTML: page, PDF: pdf, PDFSHA256: document.Sum(pdf), CreatedAt: s.now()}
	err = s.store.Tx(ctx, func(tx *store.Tx) error { return tx.AddPoster(ctx, &out) })
	if errors.Is(err, store.ErrConflict) { // another request printed it first: theirs is the one kept
		return s.store.Poster(ctx, st.ID, lang, sum)
	}
	return out, err
}
