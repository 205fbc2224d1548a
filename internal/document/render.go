package document

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"fmt"
	"html"
	"html/template"
	"strconv"

	"weiquan/internal/i18n"
)

//go:embed templates
var templateFiles embed.FS

// pages holds one parsed template per document: the shared A4 layout with the document's body.
var pages = mustParse()

func mustParse() map[Kind]*template.Template {
	funcs := template.FuncMap{"t": i18n.T, "signBox": signBox, "prefix": prefix}
	base := template.Must(template.New("page.html").Funcs(funcs).ParseFS(templateFiles, "templates/page.html"))
	out := map[Kind]*template.Template{}
	for _, k := range Kinds {
		out[k] = template.Must(template.Must(base.Clone()).ParseFS(templateFiles, "templates/"+string(k)+".html"))
	}
	return out
}

// Render checks the data and writes the document as a standalone A4 HTML page: print CSS, no
// script, no outside resource (drawn signatures are inlined), so the browser's print and the
// server's PDF show the same thing.
func Render(d Data) ([]byte, error) {
	if err := d.Validate(); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := pages[d.Kind].Execute(&b, newView(&d)); err != nil {
		return nil, fmt.Errorf("document: render %s: %w", d.Kind, err)
	}
	return b.Bytes(), nil
}

// Issue renders a document for issuing: its HTML, its PDF when a renderer is given, and the
// SHA-256 of each. Without Chromium it returns the HTML alone with an error wrapping
// ErrNoChromium, so the caller can still offer the print layout and say why there is no PDF.
// The caller stores the PDF it issues: Chromium stamps each PDF with the time it was made, so a
// reprint must serve the stored bytes, not a new render.
func Issue(ctx context.Context, r *Renderer, d Data) (Issued, error) {
	page, err := Render(d)
	if err != nil {
		return Issued{}, err
	}
	out := Issued{Kind: d.Kind, Version: d.Version.Number, HTML: page, HTMLSHA256: Sum(page), IssuedAt: d.IssuedAt}
	if r == nil {
		return out, ErrNoChromium
	}
	pdf, err := r.PDF(ctx, page, Footer(d))
	if err != nil {
		if errors.Is(err, ErrNoChromium) {
			return out, err
		}
		return Issued{}, err
	}
	out.PDF, out.PDFSHA256 = pdf, Sum(pdf)
	return out, nil
}

// Footer is the line printed at the foot of every PDF page: the title, the case number and the
// version, escaped for the browser's footer template.
func Footer(d Data) string {
	s := i18n.T(d.Lang, "doc.title."+string(d.Kind)) + " · " + i18n.T(d.Lang, "doc.case_number") + " " + d.CaseNumber
	if d.Version.Number > 1 {
		s += " · v" + strconv.Itoa(d.Version.Number)
	}
	return html.EscapeString(s)
}
