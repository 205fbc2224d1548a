package cli

import (
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"weiquan/internal/notify"
	"weiquan/internal/service"
)

// applyNotify gives the outbox its senders of e-mail, SMS and webhooks from the flags; a channel
// without its settings keeps its messages waiting (and the admin's outbox page shows them).
func applyNotify(env *Env, svc *service.Service) error {
	if env.SMTP != "" {
		host, port, err := net.SplitHostPort(env.SMTP)
		p, perr := strconv.Atoi(port)
		if err != nil || perr != nil || host == "" {
			return fmt.Errorf("--smtp %q: want host:port, e.g. smtp.example.gov.cn:587", env.SMTP)
		}
		switch env.SMTPTLS {
		case "starttls", "tls", "none":
		default:
			return fmt.Errorf("--smtp-tls %q: want starttls, tls or none", env.SMTPTLS)
		}
		if env.SMTPFrom == "" {
			return fmt.Errorf("--smtp-from: the From of the office's mail is needed with --smtp")
		}
		svc.SetSender(notify.Email, &notify.SMTP{Host: host, Port: p, Username: env.SMTPUser, Password: env.SMTPPassword,
			From: env.SMTPFrom, TLS: env.SMTPTLS})
	}
	if env.SMSURL != "" {
		if err := httpURL("--sms-url", env.SMSURL); err != nil {
			return err
		}
		g := &notify.SMSGateway{URL: env.SMSURL, Key: env.SMSKey, Secret: env.SMSSecret, SignName: env.SMSSign, TemplateID: env.SMSTemplateID,
			Client: &http.Client{Timeout: 15 * time.Second}}
		if env.SMSTemplate != "" {
			b, err := os.ReadFile(env.SMSTemplate)
			if err != nil {
				return fmt.Errorf("--sms-template: %w", err)
			}
			g.Template = strings.TrimSpace(string(b))
		}
		svc.SetSender(notify.SMS, g)
	}
	if env.WebhookURL != "" {
		if err := httpURL("--webhook-url", env.WebhookURL); err != nil {
			return err
		}
		svc.SetPortalWebhook(env.WebhookURL)
	}
	// Webhook messages carry their own address; the sender signs them with the office's secret.
	svc.SetSender(notify.Webhook, &notify.WebhookSender{Secret: env.WebhookSecret, Client: &http.Client{Timeout: 15 * time.Second}})
	return nil
}

func httpURL(flag, v string) error {
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%s %q: want http://host/path or https://host/path", flag, v)
	}
	return nil
}
