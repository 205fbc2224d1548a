package document

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"html/template"
	"strings"
	"time"

	"weiquan/internal/i18n"
)

// Paper is a document of the office's work with the court and the departments (issue 10):
// the application for judicial confirmation with its package, the result of a delegated
// mediation sent back to the court, the letter of a transfer to filing, a joint meeting's
// minutes. It is printed the one way every document is — the A4 page, PDF through headless
// Chromium — from titled sections of rows and paragraphs the service fills.
type Paper struct {
	Kind       string    `json:"kind"` // court_application, court_result, transfer_letter, meeting_minutes
	Lang       string    `json:"lang"`
	Office     Office    `json:"office"`
	CaseNumber string    `json:"case_number"`
	To         string    `json:"to,omitempty"` // whom it is addressed to, e.g. the court
	Sections   []Section `json:"sections"`
	IssuedAt   time.Time `json:"issued_at"`
}

// Section is one titled part of a paper.
type Section struct {
	Heading string      `json:"heading,omitempty"`
	Rows    [][2]string `json:"rows,omitempty"` // label, value
	Paras   []string    `json:"paras,omitempty"`
}

// PaperKinds lists the kinds of paper.
var PaperKinds = []string{"court_application", "court_result", "transfer_letter", "meeting_minutes"}

var paperPage = template.Must(template.Must(template.Must(template.New("page.html").
	Funcs(template.FuncMap{"t": i18n.T, "signBox": signBox, "prefix": prefix}).
	ParseFS(templateFiles, "templates/page.html")).Clone()).ParseFS(templateFiles, "templates/court/paper.html"))

type paperView struct {
	*Paper
	Title, Issued, Colon, DocNumber string
	Version                         Version
	ShowTranslation                 bool
}

// NumberKey labels the number in the header: a joint meeting's minutes carry the meeting's
// number, every other paper the case number of its matter.
func (v paperView) NumberKey() string { return numberKey(v.Kind) }

func numberKey(kind string) string {
	if kind == "meeting_minutes" {
		return "doc.meeting_number"
	}
	return "doc.case_number"
}

// RenderPaper writes a paper as a standalone A4 HTML page.
func RenderPaper(p Paper) ([]byte, error) {
	known := false
	for _, k := range PaperKinds {
		known = known || k == p.Kind
	}
	if !known || (p.Lang != "zh-CN" && p.Lang != "en") || strings.TrimSpace(p.Office.Name) == "" {
		return nil, fmt.Errorf("document: paper %q in %q: unknown kind or language, or no office", p.Kind, p.Lang)
	}
	colon := "："
	if p.Lang == "en" {
		colon = ": "
	}
	v := paperView{Paper: &p, Title: i18n.T(p.Lang, "doc.title."+p.Kind), Issued: dateText(p.Lang, p.IssuedAt), Colon: colon,
		Version: Version{Number: 1}, ShowTranslation: p.Lang == "en"}
	var b bytes.Buffer
	if err := paperPage.Execute(&b, v); err != nil {
		return nil, fmt.Errorf("document: render %s: %w", p.Kind, err)
	}
	return b.Bytes(), nil
}

// IssuePaper renders a paper and prints its PDF when a renderer is given; without Chromium
// it returns the HTML with an error wrapping ErrNoChromium, as Issue does.
func IssuePaper(ctx context.Context, r *Renderer, p Paper) (Issued, error) {
	page, err := RenderPaper(p)
	if err != nil {
		return Issued{}, err
	}
	out := Issued{Kind: Kind(p.Kind), Version: 1, HTML: page, HTMLSHA256: Sum(page), IssuedAt: p.IssuedAt}
	if r == nil {
		return out, ErrNoChromium
	}
	footer := html.EscapeString(i18n.T(p.Lang, "doc.title."+p.Kind) + " · " + i18n.T(p.Lang, numberKey(p.Kind)) + " " + p.CaseNumber)
	pdf, err := r.PDF(ctx, page, footer)
	if err != nil {
		if errors.Is(err, ErrNoChromium) {
			return out, err
		}
		return Issued{}, err
	}
	out.PDF, out.PDFSHA256 = pdf, Sum(pdf)
	return out, nil
}
