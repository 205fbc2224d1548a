package portal

import (
	"encoding/base64"
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"weiquan/internal/document"
	"weiquan/internal/httpio"
	"weiquan/internal/service"
)

type posterData struct {
	Station service.PublicStation
	Link    string
	QR      template.URL // a PNG as a data: URL
	PDF     string       // the stored A4 PDF of the poster
}

// showPoster is a station's A4 poster: where and when it is open, its promise, and a QR code
// that opens the submit page with the station's area filled in. Print it from the browser.
func (h *Handler) showPoster(w http.ResponseWriter, r *http.Request) {
	q := reqOf(r)
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		h.notFound(w, r)
		return
	}
	list, err := h.svc.PublicStations(r.Context(), q.who, nil)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var st *service.PublicStation
	for i := range list {
		if list[i].ID == id {
			st = &list[i]
		}
	}
	if st == nil {
		h.notFound(w, r)
		return
	}
	link := h.base(r) + "/portal/submit?area=" + strconv.FormatInt(st.AreaID, 10)
	png, err := QRPNG(link)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d := posterData{Station: *st, Link: link, QR: template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(png)),
		PDF: "/portal/stations/" + strconv.FormatInt(st.ID, 10) + "/poster.pdf"}
	h.render(w, r, http.StatusOK, "poster", page{Title: "portal.poster.title", Data: d})
}

// base is where the public reaches the office: the configured public URL, else this request's host.
func (h *Handler) base(r *http.Request) string {
	if u := h.opt.BaseURL; u != "" {
		return strings.TrimSuffix(u, "/")
	}
	if u := h.svc.PortalURL(); u != "" {
		return u
	}
	scheme := "http"
	if httpio.Secure(r) {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// QRPNG draws a link as a QR code (error correction M, 8 pixels a module, the quiet zone of 4).
func QRPNG(link string) ([]byte, error) { return document.QRPNG(link) }
