package cli

import (
	"flag"
	"fmt"
	"os"
	"strings"
)

// Globals are the flags every subcommand takes, before or after its own arguments.
type Globals struct {
	Data string // data folder for the embedded database (--data, WEIQUAN_DATA)
	DB   string // postgres://… to run on PostgreSQL (--db, WEIQUAN_DB)
	Addr string // listen address (--addr, WEIQUAN_ADDR)
	Demo bool   // fill a demo county on start (--demo)

	TrustedProxies string // CIDRs whose X-Forwarded-For is believed (--trusted-proxies, WEIQUAN_TRUSTED_PROXIES)
	PublicURL      string // where people reach the office; https:// makes cookies Secure (--public-url, WEIQUAN_PUBLIC_URL)
	SessionIdle    string // a session ends after this long unused (--session-idle, WEIQUAN_SESSION_IDLE)
	SessionMax     string // and this long after sign-in at the latest (--session-max, WEIQUAN_SESSION_MAX)

	HotlineURL     string // where the 12345 centre takes the office's steps (--hotline-url, WEIQUAN_HOTLINE_URL)
	HotlineSecret  string // shared with the centre; signs every message (--hotline-secret, WEIQUAN_HOTLINE_SECRET)
	HotlineToken   string // a bearer token the centre asks for (--hotline-token, WEIQUAN_HOTLINE_TOKEN)
	OutboxAttempts string // tries of a message before it is given up (--outbox-attempts, WEIQUAN_OUTBOX_ATTEMPTS)

	SIPListen    string // UDP host:port of the desk's SIP user agent; empty: no telephony (--sip-listen, WEIQUAN_SIP_LISTEN)
	SIPExtension string // the desk's extension (--sip-extension, WEIQUAN_SIP_EXTENSION)
	SIPRegistrar string // host:port of the PBX's registrar (--sip-registrar, WEIQUAN_SIP_REGISTRAR)
	SIPPassword  string // the extension's password there (WEIQUAN_SIP_PASSWORD)

	// Notifications (docs/PORTAL.md): e-mail, SMS and the office's webhook.
	SMTP          string // host:port of the mail server (--smtp, WEIQUAN_SMTP)
	SMTPUser      string // (--smtp-user, WEIQUAN_SMTP_USER); the password only from WEIQUAN_SMTP_PASSWORD
	SMTPPassword  string
	SMTPFrom      string // the From of every mail (--smtp-from, WEIQUAN_SMTP_FROM)
	SMTPTLS       string // starttls, tls or none (--smtp-tls, WEIQUAN_SMTP_TLS)
	SMSURL        string // the SMS gateway (--sms-url, WEIQUAN_SMS_URL)
	SMSKey        string // the office's key there (--sms-key, WEIQUAN_SMS_KEY); the secret only from WEIQUAN_SMS_SECRET
	SMSSecret     string
	SMSSign       string // the registered signature name (--sms-sign, WEIQUAN_SMS_SIGN)
	SMSTemplateID string // the provider's template code (--sms-template-id, WEIQUAN_SMS_TEMPLATE_ID)
	SMSTemplate   string // a file holding the request body's template (--sms-template, WEIQUAN_SMS_TEMPLATE)
	WebhookURL    string // told of every portal submission (--webhook-url, WEIQUAN_WEBHOOK_URL); secret WEIQUAN_WEBHOOK_SECRET
	WebhookSecret string
}

var valueFlags = map[string]func(*Globals, string){
	"data": func(g *Globals, v string) { g.Data = v },
	"db":   func(g *Globals, v string) { g.DB = v },
	"addr": func(g *Globals, v string) { g.Addr = v },

	"trusted-proxies": func(g *Globals, v string) { g.TrustedProxies = v },
	"public-url":      func(g *Globals, v string) { g.PublicURL = v },
	"session-idle":    func(g *Globals, v string) { g.SessionIdle = v },
	"session-max":     func(g *Globals, v string) { g.SessionMax = v },
	"hotline-url":     func(g *Globals, v string) { g.HotlineURL = v },
	"hotline-secret":  func(g *Globals, v string) { g.HotlineSecret = v },
	"hotline-token":   func(g *Globals, v string) { g.HotlineToken = v },
	"outbox-attempts": func(g *Globals, v string) { g.OutboxAttempts = v },
	"sip-listen":      func(g *Globals, v string) { g.SIPListen = v },
	"sip-extension":   func(g *Globals, v string) { g.SIPExtension = v },
	"sip-registrar":   func(g *Globals, v string) { g.SIPRegistrar = v },
	"smtp":            func(g *Globals, v string) { g.SMTP = v },
	"smtp-user":       func(g *Globals, v string) { g.SMTPUser = v },
	"smtp-from":       func(g *Globals, v string) { g.SMTPFrom = v },
	"smtp-tls":        func(g *Globals, v string) { g.SMTPTLS = v },
	"sms-url":         func(g *Globals, v string) { g.SMSURL = v },
	"sms-key":         func(g *Globals, v string) { g.SMSKey = v },
	"sms-sign":        func(g *Globals, v string) { g.SMSSign = v },
	"sms-template-id": func(g *Globals, v string) { g.SMSTemplateID = v },
	"sms-template":    func(g *Globals, v string) { g.SMSTemplate = v },
	"webhook-url":     func(g *Globals, v string) { g.WebhookURL = v },
}

// splitGlobals pulls the global flags out of args wherever they stand, so
// "weiquan apikey create --name x --data d" and "weiquan --data d apikey create --name x" mean the same.
func splitGlobals(args []string) (Globals, []string, error) {
	g := Globals{Data: envOr("WEIQUAN_DATA", "weiquan-data"), DB: os.Getenv("WEIQUAN_DB"), Addr: envOr("WEIQUAN_ADDR", "127.0.0.1:8080"),
		TrustedProxies: os.Getenv("WEIQUAN_TRUSTED_PROXIES"), PublicURL: os.Getenv("WEIQUAN_PUBLIC_URL"),
		SessionIdle: os.Getenv("WEIQUAN_SESSION_IDLE"), SessionMax: os.Getenv("WEIQUAN_SESSION_MAX"),
		HotlineURL: os.Getenv("WEIQUAN_HOTLINE_URL"), HotlineSecret: os.Getenv("WEIQUAN_HOTLINE_SECRET"),
		HotlineToken: os.Getenv("WEIQUAN_HOTLINE_TOKEN"), OutboxAttempts: os.Getenv("WEIQUAN_OUTBOX_ATTEMPTS"),
		SIPListen: os.Getenv("WEIQUAN_SIP_LISTEN"), SIPExtension: envOr("WEIQUAN_SIP_EXTENSION", "12315"),
		SIPRegistrar: os.Getenv("WEIQUAN_SIP_REGISTRAR"), SIPPassword: os.Getenv("WEIQUAN_SIP_PASSWORD"),
		SMTP: os.Getenv("WEIQUAN_SMTP"), SMTPUser: os.Getenv("WEIQUAN_SMTP_USER"), SMTPPassword: os.Getenv("WEIQUAN_SMTP_PASSWORD"),
		SMTPFrom: os.Getenv("WEIQUAN_SMTP_FROM"), SMTPTLS: envOr("WEIQUAN_SMTP_TLS", "starttls"),
		SMSURL: os.Getenv("WEIQUAN_SMS_URL"), SMSKey: os.Getenv("WEIQUAN_SMS_KEY"), SMSSecret: os.Getenv("WEIQUAN_SMS_SECRET"),
		SMSSign: os.Getenv("WEIQUAN_SMS_SIGN"), SMSTemplateID: os.Getenv("WEIQUAN_SMS_TEMPLATE_ID"), SMSTemplate: os.Getenv("WEIQUAN_SMS_TEMPLATE"),
		WebhookURL: os.Getenv("WEIQUAN_WEBHOOK_URL"), WebhookSecret: os.Getenv("WEIQUAN_WEBHOOK_SECRET")}
	var rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i:]...)
			break
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") {
			rest = append(rest, a)
			continue
		}
		if set, ok := valueFlags[name]; ok {
			if !hasValue {
				if i+1 >= len(args) {
					return g, nil, fmt.Errorf("flag --%s needs a value", name)
				}
				i++
				value = args[i]
			}
			set(&g, value)
			continue
		}
		if name == "demo" {
			g.Demo = !hasValue || value == "true" || value == "1"
			continue
		}
		rest = append(rest, a)
	}
	return g, rest, nil
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

// parseInterleaved parses a subcommand's flags even when they follow its positional arguments.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}
