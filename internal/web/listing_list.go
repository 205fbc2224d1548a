package web

import (
	"net/http"

	"weiquan/internal/credit"
	"weiquan/internal/service"
)

type listingListData struct {
	Listings []credit.Listing
	All      bool
}

// listListings shows the unreachable-merchant procedures and the merchants on the list.
func (h *Handler) listListings(w http.ResponseWriter, r *http.Request) {
	all := r.URL.Query().Get("all") == "1"
	ls, err := h.svc.Listings(r.Context(), who(r), service.ListingFilter{Active: !all})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "credit_listings", page{Title: "listing.title", Active: "credit", Data: listingListData{Listings: ls, All: all}})
}
