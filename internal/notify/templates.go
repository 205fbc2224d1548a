package notify

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"text/template"

	"weiquan/internal/invalid"
)

// Kinds of message the portal sends; admins may reword each in both languages.
const (
	KindPortalReceipt = "portal_receipt" // the case number and tracking code, at submission
	KindPortalCode    = "portal_code"    // a one-time code proving the phone
	KindWithdrawn     = "portal_withdrawn"
	KindProgress      = "portal_progress" // accepted, not accepted, answered, settled, closed (R-S5)
	KindRateInvite    = "portal_rate"     // the callback at closure: rate the handling 1–5 on the portal (R-L23)
	KindAcceptNotice  = "accept_notice"   // the complaint is accepted: to every complainant with a phone or e-mail, whatever the channel
	KindRejectNotice  = "reject_notice"   // not accepted: the reason and the CRPL Art.39 channels (R-L7), likewise
)

// Steps are the words a progress message uses for each step, by language. Acceptance and
// rejection are not among them: they have notices of their own (KindAcceptNotice,
// KindRejectNotice) that reach every complainant, not only those who filed on the portal.
var Steps = map[string]map[string]string{
	"answer":    {"zh-CN": "已答复", "en": "answered"},
	"agree":     {"zh-CN": "已达成调解协议", "en": "settled by agreement"},
	"terminate": {"zh-CN": "调解终止", "en": "mediation ended without agreement"},
	"close":     {"zh-CN": "已办结", "en": "closed"},
}

// Template is the wording of one kind of message in one language: Go text/template
// text with the fields of Vars.
type Template struct {
	Kind    string `json:"kind"`
	Lang    string `json:"lang"`
	Subject string `json:"subject"`
	Body    string `json:"body"`
}

// Vars are what a template may use.
type Vars struct {
	Number   string // the case number
	Numbers  string // every number of the submission, comma-separated
	Code     string // a one-time code or the tracking code
	Minutes  int    // how long a code lives
	TrackURL string // where to follow the matter
	Office   string
	Step     string // what happened, in the message's language (Steps)
	Reason   string // why a complaint was not accepted, in the message's language (R-L7)
	Remedies string // the CRPL Art.39 channels, in the message's language (R-L7)
}

// SampleVars fill a preview.
var SampleVars = Vars{Number: "20260501-000123", Numbers: "20260501-000123, JB20260501-000124", Code: "7KQ4-M2XD", Minutes: 10,
	TrackURL: "https://weiquan.example.gov.cn/portal/track", Office: "消费者权益保护委员会", Step: "已受理",
	Reason: "未提供规定的材料，或者提供的材料虚假", Remedies: "（一）与经营者协商和解；（二）请求消费者协会或者依法成立的其他调解组织调解；（三）向有关行政部门投诉；（四）根据与经营者达成的仲裁协议提请仲裁机构仲裁；（五）向人民法院提起诉讼。"}

// Defaults is the wording used until an admin changes it.
var Defaults = []Template{
	{KindPortalReceipt, "zh-CN", "您的诉求已登记：{{.Number}}",
		"【维权通】您的诉求已登记，编号 {{.Numbers}}，查询码 {{.Code}}。凭编号和手机号可在 {{.TrackURL}} 查询进度。"},
	{KindPortalReceipt, "en", "Your matter is registered: {{.Number}}",
		"[weiquan] Your matter is registered as {{.Numbers}}; tracking code {{.Code}}. Follow it at {{.TrackURL}} with the number and your phone."},
	{KindPortalCode, "zh-CN", "查询验证码",
		"【维权通】验证码 {{.Code}}，{{.Minutes}} 分钟内有效，用于查询 {{.Number}}。请勿告诉他人。"},
	{KindPortalCode, "en", "Your one-time code",
		"[weiquan] Code {{.Code}}, valid {{.Minutes}} minutes, to follow {{.Number}}. Tell no one."},
	{KindProgress, "zh-CN", "{{.Number}} {{.Step}}",
		"【维权通】您的诉求 {{.Number}} {{.Step}}。凭编号和手机号可在 {{.TrackURL}} 查看。"},
	{KindProgress, "en", "{{.Number}}: {{.Step}}",
		"[weiquan] Your matter {{.Number}} is {{.Step}}. See {{.TrackURL}} with the number and your phone."},
	{KindAcceptNotice, "zh-CN", "投诉已受理：{{.Number}}",
		"【维权通】受理通知：您的投诉 {{.Number}} 已受理，我们将依法处理。凭编号和手机号可在 {{.TrackURL}} 查询进度。"},
	{KindAcceptNotice, "en", "Complaint accepted: {{.Number}}",
		"[weiquan] Notice of acceptance: your complaint {{.Number}} is accepted and will be handled as the law provides. Follow it at {{.TrackURL}} with the number and your phone."},
	{KindRejectNotice, "zh-CN", "投诉不予受理：{{.Number}}",
		"【维权通】不予受理告知：您的投诉 {{.Number}} 不予受理。理由：{{.Reason}}。依照《消费者权益保护法》第三十九条，您可以通过下列途径解决争议：{{.Remedies}}"},
	{KindRejectNotice, "en", "Complaint not accepted: {{.Number}}",
		"[weiquan] Notice of non-acceptance: your complaint {{.Number}} is not accepted. Reason: {{.Reason}}. Under Art. 39 of the Consumer Rights Protection Law you may resolve the dispute by: {{.Remedies}}"},
	{KindWithdrawn, "zh-CN", "投诉已撤回：{{.Number}}",
		"【维权通】您已撤回投诉 {{.Number}}。如非本人操作，请致电 12315。"},
	{KindWithdrawn, "en", "Complaint withdrawn: {{.Number}}",
		"[weiquan] You withdrew complaint {{.Number}}. If this was not you, call 12315."},
	{KindRateInvite, "zh-CN", "请为 {{.Number}} 的办理评分",
		"【维权通】回访：您的投诉 {{.Number}} 已办结。请在 {{.TrackURL}} 凭编号和手机号为办理评分（1–5 分），也可留下意见。"},
	{KindRateInvite, "en", "Rate how {{.Number}} was handled",
		"[weiquan] Follow-up: your complaint {{.Number}} is closed. Please rate how it was handled (1–5) at {{.TrackURL}} with the number and your phone; comments welcome."},
}

// TemplateKinds lists the kinds an admin may reword.
func TemplateKinds() []string {
	var out []string
	for _, t := range Defaults {
		if !slices.Contains(out, t.Kind) {
			out = append(out, t.Kind)
		}
	}
	return out
}

// DefaultTemplate returns the built-in wording of a kind in a language (Chinese when the language has none).
func DefaultTemplate(kind, lang string) (Template, bool) {
	var zh *Template
	for i, t := range Defaults {
		if t.Kind != kind {
			continue
		}
		if t.Lang == lang {
			return t, true
		}
		if t.Lang == "zh-CN" {
			zh = &Defaults[i]
		}
	}
	if zh == nil {
		return Template{}, false
	}
	return *zh, true
}

// Validate checks a template an admin wrote: it must parse and render with the sample values.
func (t *Template) Validate() error {
	var errs invalid.Errors
	t.Subject, t.Body = strings.TrimSpace(t.Subject), strings.TrimSpace(t.Body)
	if !slices.Contains(TemplateKinds(), t.Kind) {
		errs.Add("kind", invalid.OneOf, "values", strings.Join(TemplateKinds(), ", "))
	}
	if t.Lang != "zh-CN" && t.Lang != "en" {
		errs.Add("lang", invalid.OneOf, "values", "zh-CN, en")
	}
	errs.Need("template_body", t.Body)
	errs.MaxLen("subject", t.Subject, 200)
	errs.MaxLen("template_body", t.Body, 2000)
	if err := errs.Err(); err != nil {
		return err
	}
	_, body, err := t.Render(SampleVars)
	if err != nil {
		return invalid.New("template_body", invalid.Format, "error", err.Error())
	}
	// A rejection notice without its reason or the Art.39 channels may not be sent (R-L7).
	if t.Kind == KindRejectNotice && (!strings.Contains(body, SampleVars.Reason) || !strings.Contains(body, SampleVars.Remedies)) {
		return invalid.New("template_body", invalid.Required, "fields", "{{.Reason}}, {{.Remedies}}")
	}
	return nil
}

// Render fills the template with v.
func (t Template) Render(v Vars) (subject, body string, err error) {
	subject, err = fill(t.Subject, v)
	if err != nil {
		return "", "", fmt.Errorf("subject: %w", err)
	}
	body, err = fill(t.Body, v)
	if err != nil {
		return "", "", fmt.Errorf("body: %w", err)
	}
	return subject, body, nil
}

func fill(text string, v Vars) (string, error) {
	tp, err := template.New("m").Option("missingkey=error").Parse(text)
	if err != nil {
		return "", err
	}
	var b bytes.Buffer
	if err := tp.Execute(&b, v); err != nil {
		return "", err
	}
	return b.String(), nil
}
