package service

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"image"
	_ "image/jpeg" // photos are decoded to prove they are what they say
	_ "image/png"
	"net/mail"
	"strings"
	"time"

	_ "golang.org/x/image/webp" // WebP photos too: a file that only starts like one is refused

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/invalid"
	"weiquan/internal/money"
	"weiquan/internal/notify"
	"weiquan/internal/store"
)

// ErrSpam is a submission a person would not have made: the field no one sees was filled.
var ErrSpam = errors.New("service: refused as automated")

// MaxPortalPhotos bounds the photos one portal submission carries.
const MaxPortalPhotos = 4

// maxPixels refuses photos that would take a server's memory to open (a decompression bomb).
const maxPixels = 60_000_000

// PortalPhoto is an evidence photo sent with a portal submission.
type PortalPhoto struct {
	Name string
	Data []byte
}

// PortalSubmission is what a member of the public files on the portal.
type PortalSubmission struct {
	Kind            casework.Kind
	AlsoReport      bool // a complaint that also reports a violation (R-L1)
	Name, Phone     string
	Address         string // the consumer's address, needed before a complaint is accepted (R-L3)
	Email           string // optional: notices by e-mail too
	MerchantName    string
	MerchantAddress string
	AreaID          *int64
	AreaText        string
	Category        casework.Category
	Amount          money.Fen
	Facts, Request  string
	ReportFacts     string
	Photos          []PortalPhoto
	Honeypot        string // the field hidden from people; a robot fills it
	Lang            string
}

// PortalReceipt is what the consumer is shown at once: the numbers and the tracking code,
// which is never shown again (only its hash is kept).
type PortalReceipt struct {
	Numbers      []string
	Kinds        []casework.Kind
	TrackingCode string
}

// SubmitOnPortal files a complaint, report or inquiry from the public with the rules of staff
// intake (channel web), its photos checked as staff uploads are, and sends the numbers and the
// tracking code by SMS (and e-mail when given) through the outbox, all in one transaction.
func (s *Service) SubmitOnPortal(ctx context.Context, p auth.Principal, in PortalSubmission) (PortalReceipt, error) {
	if p.User != nil || p.System || p.APIKeyID != 0 {
		return PortalReceipt{}, ErrForbidden
	}
	if strings.TrimSpace(in.Honeypot) != "" {
		return PortalReceipt{}, ErrSpam
	}
	base, lim := s.portalSettings()
	lang := portalLang(in.Lang)
	ii := casework.IntakeInput{Kind: in.Kind, AlsoReport: in.AlsoReport && in.Kind == casework.Complaint, Channel: casework.Web,
		Consumer:     casework.Party{Name: in.Name, Phone: in.Phone, Address: in.Address},
		MerchantName: in.MerchantName, MerchantAddress: in.MerchantAddress, AreaID: in.AreaID, AreaText: in.AreaText,
		Category: in.Category, AmountInDispute: in.Amount, Facts: in.Facts, Request: in.Request, ReportFacts: in.ReportFacts}
	ii.Normalize()
	var errs invalid.Errors
	if verr, ok := invalid.As(ii.Validate(s.now())); ok {
		errs = append(errs, verr...)
	}
	if ii.Kind == casework.Inquiry || ii.Kind == casework.Report {
		// Someone must be told the number and be able to prove it is theirs: a phone or an e-mail.
		if ii.Consumer.Phone == "" && strings.TrimSpace(in.Email) == "" {
			errs.Add("consumer.phone", invalid.Required)
		}
	}
	email := strings.TrimSpace(in.Email)
	if email != "" {
		if a, err := mail.ParseAddress(email); err != nil || a.Address != email || len(email) > 200 {
			errs.Add("email", invalid.Format)
		}
	}
	photos, perrs := checkPhotos(in.Photos)
	errs = append(errs, perrs...)
	if err := errs.Err(); err != nil {
		return PortalReceipt{}, err
	}
	if err := s.throttle(ctx, "submit_addr", p.Addr, lim.SubmitPerAddr); err != nil {
		return PortalReceipt{}, err
	}
	if err := s.throttle(ctx, "submit_phone", casework.NormalizePhone(ii.Consumer.Phone), lim.SubmitPerPhone); err != nil {
		return PortalReceipt{}, err
	}
	code := trackingCode()
	now := s.now()
	var ms []casework.Matter
	err := s.store.Tx(ctx, func(tx *store.Tx) error {
		var err error
		if ms, err = s.intakeTx(ctx, tx, nil, ii, now); err != nil {
			return err
		}
		for i := range ms {
			if err := tx.AddPortalReceipt(ctx, store.PortalReceipt{MatterID: ms[i].ID, TrackHash: hashTracking(ms[i].Number, code),
				Email: email, Lang: lang, CreatedAt: now}); err != nil {
				return err
			}
		}
		for _, ph := range photos {
			a := ph
			a.MatterID, a.CreatedAt = ms[0].ID, now
			if err := tx.InsertAttachment(ctx, &a); err != nil {
				return err
			}
			ev := casework.Event{MatterID: ms[0].ID, At: now, ActorName: actor(nil).Name, Action: casework.Attach,
				Data: map[string]any{"attachment_id": a.ID, "name": a.Name, "size": a.Size, "content_type": a.ContentType, "portal": true}}
			if err := tx.AppendEvent(ctx, &ev); err != nil {
				return err
			}
		}
		numbers := make([]string, len(ms))
		for i, m := range ms {
			numbers[i] = m.Number
		}
		v := notify.Vars{Number: ms[0].Number, Numbers: strings.Join(numbers, ", "), Code: code, TrackURL: base + "/portal/track"}
		if err := s.tell(ctx, tx, notify.KindPortalReceipt, lang, ii.Consumer.Phone, email, ms[0].ID, v, now); err != nil {
			return err
		}
		return s.hook(ctx, tx, ms, now)
	})
	if err != nil {
		return PortalReceipt{}, err
	}
	r := PortalReceipt{TrackingCode: code}
	for _, m := range ms {
		r.Numbers, r.Kinds = append(r.Numbers, m.Number), append(r.Kinds, m.Kind)
	}
	return r, nil
}

// hook tells the office's own system of a portal submission: numbers, kinds and area only.
func (s *Service) hook(ctx context.Context, tx *store.Tx, ms []casework.Matter, now time.Time) error {
	url := s.portalWebhook()
	if url == "" {
		return nil
	}
	for _, m := range ms {
		id := m.ID
		pl := map[string]any{"event": "matter.submitted", "number": m.Number, "kind": string(m.Kind), "channel": string(m.Channel),
			"received_at": m.ReceivedAt}
		if m.AreaID != nil {
			pl["area_id"] = *m.AreaID
		}
		msg := notify.Message{Kind: "matter_submitted", Channel: notify.Webhook, Recipient: url, Body: "portal: " + m.Number,
			Payload: pl, MatterID: &id, CreatedAt: now}
		if err := tx.AddMessage(ctx, &msg); err != nil {
			return err
		}
	}
	return nil
}

// checkPhotos holds portal photos to the checks of staff uploads — size, a type read from the
// bytes — and opens JPEG and PNG images to refuse files that only start like one.
func checkPhotos(in []PortalPhoto) ([]casework.Attachment, invalid.Errors) {
	var errs invalid.Errors
	if len(in) > MaxPortalPhotos {
		errs.Add("photos", "too_many", "max", "4")
		return nil, errs
	}
	var out []casework.Attachment
	for _, ph := range in {
		if len(ph.Data) == 0 {
			continue
		}
		if len(ph.Data) > MaxAttachment {
			errs.Add("photos", "too_large", "max", "10 MB")
			continue
		}
		ct := SniffAttachment(ph.Data)
		if ct == "" || ct == "application/pdf" {
			errs.Add("photos", invalid.OneOf, "values", "JPEG, PNG, WebP")
			continue
		}
		cfg, _, err := image.DecodeConfig(bytes.NewReader(ph.Data))
		if err != nil || cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > maxPixels {
			errs.Add("photos", invalid.Format)
			continue
		}
		if _, _, err := image.Decode(bytes.NewReader(ph.Data)); err != nil {
			errs.Add("photos", invalid.Format)
			continue
		}
		sum := sha256.Sum256(ph.Data)
		out = append(out, casework.Attachment{Name: cleanFileName(ph.Name, ct), ContentType: ct, Size: int64(len(ph.Data)),
			SHA256: hex.EncodeToString(sum[:]), Data: ph.Data})
	}
	return out, errs
}

// tell puts one message of a kind into the outbox for the phone and one for the e-mail
// address, in the consumer's language, worded as the admins set it.
func (s *Service) tell(ctx context.Context, tx *store.Tx, kind, lang, phone, email string, matterID int64, v notify.Vars, now time.Time) error {
	tp, err := tx.MessageTemplate(ctx, kind, lang)
	if errors.Is(err, store.ErrNotFound) {
		tp, _ = notify.DefaultTemplate(kind, lang)
	} else if err != nil {
		return err
	}
	subject, body, err := tp.Render(v)
	if err != nil {
		return err
	}
	id := matterID
	for _, to := range []struct{ channel, addr string }{{notify.SMS, phone}, {notify.Email, email}} {
		if to.addr == "" {
			continue
		}
		m := notify.Message{Kind: kind, Channel: to.channel, Recipient: to.addr, Lang: lang, Subject: subject, Body: body,
			MatterID: &id, CreatedAt: now}
		if err := m.Validate(); err != nil {
			return err
		}
		if err := tx.AddMessage(ctx, &m); err != nil {
			return err
		}
	}
	return nil
}

func portalLang(l string) string {
	if l == "en" {
		return "en"
	}
	return "zh-CN"
}

// trackingCode is ten characters people can read aloud: no 0/O, 1/I/L.
func trackingCode() string {
	const alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
	b := make([]byte, 10)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b[:5]) + "-" + string(b[5:])
}

func normalizeTracking(code string) string {
	code = strings.ToUpper(strings.NewReplacer(" ", "", "-", "", "\u3000", "").Replace(strings.TrimSpace(code)))
	return code
}

func hashTracking(number, code string) string {
	sum := sha256.Sum256([]byte("track\x00" + number + "\x00" + normalizeTracking(code)))
	return hex.EncodeToString(sum[:])
}
