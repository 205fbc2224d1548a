package document

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"html"
	"html/template"
	"strings"

	qrcode "github.com/piglig/go-qr"

	"weiquan/internal/i18n"
)

// Poster is a station's A4 poster for its wall (issue 12): the office, the station, where and
// when it is open, the on-site promise of its area, and a QR code that opens the portal's submit
// page with the station's area filled in. It holds no date, so the same station prints the same
// page, and the stored PDF of that page is what a reprint returns.
type Poster struct {
	Lang          string
	Office        string
	Station       string
	Address       string
	Phone         string
	Hours         string
	OnSiteMinutes int
	Link          string // what the QR code opens
}

var posterPage = template.Must(template.New("poster.html").Funcs(template.FuncMap{"t": i18n.T}).ParseFS(templateFiles, "templates/poster.html"))

type posterView struct {
	Poster
	QR      template.URL
	Minutes string
}

// QRPNG draws a link as a QR code (error correction M, 8 pixels a module, the quiet zone of 4).
func QRPNG(link string) ([]byte, error) {
	qr, err := qrcode.EncodeText(link, qrcode.Medium)
	if err != nil {
		return nil, err
	}
	return qr.ToPNGBytes(qrcode.NewQrCodeImgConfig(8, 4))
}

// RenderPoster writes a poster as a standalone A4 HTML page, its QR code inside as a PNG.
func RenderPoster(p Poster) ([]byte, error) {
	if (p.Lang != "zh-CN" && p.Lang != "en") || strings.TrimSpace(p.Station) == "" || strings.TrimSpace(p.Link) == "" {
		return nil, fmt.Errorf("document: poster in %q: no station or link, or an unknown language", p.Lang)
	}
	png, err := QRPNG(p.Link)
	if err != nil {
		return nil, fmt.Errorf("document: poster QR code: %w", err)
	}
	v := posterView{Poster: p, QR: template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(png)), Minutes: fmt.Sprint(p.OnSiteMinutes)}
	var b bytes.Buffer
	if err := posterPage.Execute(&b, v); err != nil {
		return nil, fmt.Errorf("document: poster: %w", err)
	}
	return b.Bytes(), nil
}

// PrintPoster prints a rendered poster to PDF; ErrNoChromium without a browser.
func PrintPoster(ctx context.Context, r *Renderer, p Poster, page []byte) ([]byte, error) {
	if r == nil {
		return nil, ErrNoChromium
	}
	return r.PDF(ctx, page, html.EscapeString(i18n.T(p.Lang, "doc.poster.footer", "station", p.Station)))
}
