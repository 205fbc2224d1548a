package document

import (
	"encoding/base64"
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"time"

	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/i18n"
	"weiquan/internal/mediation"
	"weiquan/internal/money"
)

// view is what a template shows: the data with every text worked out in its language.
type view struct {
	*Data
	Title, Law, Article, Period                  string
	Received, Accepted, Decided, Agreed, Issued  string
	AgreedTime                                   string
	Due, MediationDue, Mode, Where, MediatorList string
	Total, TotalCapitals                         string
	Lines                                        []viewLine
	FactsParas, RequestParas, TermsParas         []string
	Complainant, Respondent                      viewParty
	Remedies                                     []string
	ShowTranslation                              bool
	Colon, Contact                               string
}

// NumberKey labels the number in the header: every document of a matter shows its case number.
func (v view) NumberKey() string { return "doc.case_number" }

type viewLine struct{ Label, Amount, Note string }

type viewParty struct {
	Party
	Lang, Role, Comma, Colon string
	Sign                     viewSign
}

// signView is one signature box: its label, the party's name and how they signed.
type signView struct {
	Label, Name, ScannedText, DateLabel string
	Sign                                viewSign
}

func signBox(lang string, p viewParty, key string) signView {
	return signView{Label: i18n.T(lang, key), Name: p.Name, Sign: p.Sign,
		ScannedText: i18n.T(lang, "doc.sign.scanned"), DateLabel: i18n.T(lang, "doc.sign.date")}
}

type viewSign struct {
	Src     template.URL // a drawn signature as a data: URL of its PNG
	Scanned bool
	Date    string
}

func newView(d *Data) *view {
	lang := d.Lang
	t := func(key string, args ...string) string { return i18n.T(lang, key, args...) }
	v := &view{Data: d, Title: t("doc.title." + string(d.Kind)), Law: t("doc.law." + string(d.RuleSet)),
		Period: t("doc.period." + string(d.RuleSet)), ShowTranslation: lang == "en"}
	v.Received, v.Accepted, v.Decided = dateText(lang, d.ReceivedAt), dateText(lang, d.AcceptedAt), dateText(lang, d.DecidedAt)
	v.Agreed, v.Issued = dateText(lang, d.AgreedAt), dateText(lang, d.IssuedAt)
	if !d.AgreedAt.IsZero() {
		v.AgreedTime = v.Agreed + " " + d.AgreedAt.In(calendar.Shanghai).Format("15:04")
	}
	if d.Reason.Code != "" {
		v.Article = articleText(lang, d.RuleSet, d.Reason.Code)
	}
	if d.DueDate != nil {
		v.Due = dayText(lang, *d.DueDate)
	}
	if d.MediationDue != nil {
		v.MediationDue = dayText(lang, *d.MediationDue)
	}
	if d.Mode != "" {
		v.Mode = t("doc.mode." + string(d.Mode))
	}
	if d.Place != "" {
		v.Where = t("doc.where", "place", d.Place)
	}
	sep := "、"
	if lang == "en" {
		sep = ", "
	}
	v.MediatorList = strings.Join(d.Mediators, sep)
	for _, l := range d.Lines {
		v.Lines = append(v.Lines, viewLine{Label: i18n.T(lang, "mediation.amount_kind."+string(l.Kind)), Amount: Figures(l.Amount), Note: l.Note})
	}
	v.Total, v.TotalCapitals = Figures(d.Recovered), d.Recovered.Capitals()
	v.FactsParas, v.RequestParas, v.TermsParas = paras(d.Facts), paras(d.Request), paras(d.Terms)
	comma, colon := "，", "："
	if lang == "en" {
		comma, colon = ", ", ": "
	}
	v.Colon = colon
	var contact []string
	if d.Office.Phone != "" {
		contact = append(contact, t("doc.contact", "phone", d.Office.Phone))
	}
	if d.Office.Address != "" {
		contact = append(contact, t("doc.address", "address", d.Office.Address))
	}
	semi := "；"
	if lang == "en" {
		semi = "; "
	}
	v.Contact = strings.Join(contact, semi)
	v.Complainant = viewParty{Party: d.Complainant, Lang: lang, Role: t("doc.party.complainant"), Comma: comma, Colon: colon}
	v.Respondent = viewParty{Party: d.Respondent, Lang: lang, Role: t("doc.party.respondent"), Comma: comma, Colon: colon}
	for _, s := range d.Signatures {
		vs := viewSign{Scanned: s.Scanned, Date: dateText(lang, s.SignedAt)}
		if len(s.PNG) > 0 && strings.HasPrefix(string(s.PNG), "\x89PNG\r\n\x1a\n") {
			vs.Src = template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(s.PNG))
		}
		switch s.Side {
		case mediation.Complainant:
			v.Complainant.Sign = vs
		case mediation.Respondent:
			v.Respondent.Sign = vs
		}
	}
	for i := 1; i <= 5; i++ {
		v.Remedies = append(v.Remedies, t("doc.remedies."+strconv.Itoa(i)))
	}
	return v
}

// Figures writes an amount with thousands separators, as documents print figures: 2,860.50.
func Figures(f money.Fen) string {
	s := f.String()
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	out := b.String() + "." + frac
	if neg {
		out = "-" + out
	}
	return out
}

// dateText writes the day of an instant in Asia/Shanghai: 2026年5月12日, or 12 May 2026.
func dateText(lang string, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return dayText(lang, calendar.DateOf(t))
}

func dayText(lang string, d calendar.Date) string {
	if lang == "en" {
		return fmt.Sprintf("%d %s %d", d.Day, d.Month, d.Year)
	}
	return fmt.Sprintf("%d年%d月%d日", d.Year, int(d.Month), d.Day)
}

var zhNumbers = []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}

// articleText cites the article and item of a reason code: R16-4 → 第十六条第（四）项 (Article
// 16(4)); T codes are Art.23 of Order 121 and Art.21 of Order 20.
func articleText(lang string, rs casework.RuleSet, code string) string {
	art, item := 0, 0
	switch {
	case strings.HasPrefix(code, "R"):
		a, i, _ := strings.Cut(code[1:], "-")
		art, _ = strconv.Atoi(a)
		item, _ = strconv.Atoi(i)
	case strings.HasPrefix(code, "T"):
		item, _ = strconv.Atoi(code[1:])
		art = 23
		if rs == casework.Order20 {
			art = 21
		}
	}
	if art == 0 || item < 1 || item > 9 {
		return code
	}
	if lang == "en" {
		return fmt.Sprintf("Article %d(%d)", art, item)
	}
	tens := ""
	if art >= 20 {
		tens = zhNumbers[art/10]
	}
	return "第" + tens + "十" + zhNumbers[art%10] + "条第（" + zhNumbers[item] + "）项"
}

// paras splits text people typed into its non-empty lines, each printed as an indented paragraph.
func paras(s string) []string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// prefix puts a label before the first paragraph.
func prefix(label string, ps []string) []string {
	if len(ps) == 0 {
		return nil
	}
	out := append([]string{label + ps[0]}, ps[1:]...)
	return out
}
