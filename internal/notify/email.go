package notify

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	mail "github.com/wneessen/go-mail"
)

// SMTP delivers the e-mail channel through the office's mail server, UTF-8 subject and body
// in plain text. A refusal the server calls permanent (5xx: no such mailbox, not accepted)
// goes to the dead letters at once; anything else is tried again.
type SMTP struct {
	Host     string
	Port     int
	Username string // with Password: SMTP AUTH (PLAIN, LOGIN or CRAM-MD5 as the server offers)
	Password string
	From     string // e.g. "消费者权益保护委员会 <noreply@example.gov.cn>"
	// TLS is "starttls" (required, the default), "tls" (implicit, port 465) or "none" (a relay on
	// the same host or the loopback address only).
	TLS     string
	Timeout time.Duration
}

// Send delivers one message.
func (s *SMTP) Send(ctx context.Context, m Message) (string, error) {
	msg := mail.NewMsg()
	if err := msg.From(s.From); err != nil {
		return "", Permanent(fmt.Errorf("email: sender %q: %w", s.From, err))
	}
	if err := msg.To(m.Recipient); err != nil {
		return "", Permanent(fmt.Errorf("email: recipient: %w", err))
	}
	msg.Subject(m.Subject)
	msg.SetBodyString(mail.TypeTextPlain, m.Body)
	msg.SetMessageIDWithValue(fmt.Sprintf("weiquan.%d.%d@%s", m.ID, m.Attempts+1, hostOf(s.From)))
	msg.SetDate()
	opts := []mail.Option{mail.WithPort(s.port()), mail.WithTimeout(s.timeout())}
	switch strings.ToLower(s.TLS) {
	case "none":
		opts = append(opts, mail.WithTLSPolicy(mail.NoTLS))
	case "tls":
		opts = append(opts, mail.WithSSL())
	default:
		opts = append(opts, mail.WithTLSPolicy(mail.TLSMandatory))
	}
	if s.Username != "" {
		auth := mail.SMTPAuthAutoDiscover
		if strings.EqualFold(s.TLS, "none") {
			auth = mail.SMTPAuthPlainNoEnc // a relay on this host: no TLS to wait for
		}
		opts = append(opts, mail.WithSMTPAuth(auth), mail.WithUsername(s.Username), mail.WithPassword(s.Password))
	}
	c, err := mail.NewClient(s.Host, opts...)
	if err != nil {
		return "", Permanent(fmt.Errorf("email: %w", err))
	}
	if err := c.DialAndSendWithContext(ctx, msg); err != nil {
		var se *mail.SendError
		if errors.As(err, &se) && !se.IsTemp() && se.ErrorCode() >= 500 {
			return se.Error(), Permanent(fmt.Errorf("email: %w", err))
		}
		return "", fmt.Errorf("email: %w", err)
	}
	return "250 accepted by " + s.Host, nil
}

func (s *SMTP) port() int {
	if s.Port > 0 {
		return s.Port
	}
	if strings.EqualFold(s.TLS, "tls") {
		return 465
	}
	return 587
}

func (s *SMTP) timeout() time.Duration {
	if s.Timeout > 0 {
		return s.Timeout
	}
	return 20 * time.Second
}

func hostOf(addr string) string {
	if i := strings.LastIndex(addr, "@"); i >= 0 {
		return strings.Trim(addr[i+1:], "> ")
	}
	return "weiquan.local"
}
