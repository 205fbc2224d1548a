package hotline

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"weiquan/internal/notify"
)

// Headers of a message sent to the centre (docs/HOTLINE.md).
const (
	HeaderMessageID = "X-Weiquan-Message-Id"
	HeaderTimestamp = "X-Weiquan-Timestamp"
	HeaderSignature = "X-Weiquan-Signature" // "sha256=" + hex HMAC-SHA256 over "<timestamp>.<body>" with the shared secret
)

// Sender posts the office's steps to the centre's work-order system: one JSON object per
// message in the shape, fitted by the mapping, signed with the shared secret. It is the
// outbox's sender of the channel notify.Hotline.
type Sender struct {
	URL     string
	Secret  string // shared with the centre; signs every message
	Token   string // sent as "Authorization: Bearer …" when the centre asks for one
	Client  *http.Client
	Now     func() time.Time
	Mapping func(ctx context.Context) (Mapping, error) // read at every send, so a corrected mapping mends messages still waiting
}

// Sign computes the signature header's value for a body sent at unix time ts.
func Sign(secret string, ts int64, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	fmt.Fprintf(mac, "%d.", ts)
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// Verify checks a signature header against a body: what the centre (and the tests'
// fake centre) does with what it receives.
func Verify(secret, header, ts string, body []byte) bool {
	n, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return false
	}
	return hmac.Equal([]byte(Sign(secret, n, body)), []byte(header))
}

// Send delivers one message. A 2xx whose answer the mapping takes as accepted is
// delivered; 408, 429, 5xx and network failures are tried again; any other answer is
// a refusal no retry mends.
func (s *Sender) Send(ctx context.Context, m notify.Message) (string, error) {
	if s.URL == "" {
		return "", fmt.Errorf("hotline: no URL of the 12345 centre is configured (--hotline-url)")
	}
	mp := Mapping{}
	if s.Mapping != nil {
		var err error
		if mp, err = s.Mapping(ctx); err != nil {
			return "", err
		}
	}
	doc := map[string]any{}
	for k, v := range m.Payload {
		doc[k] = v
	}
	doc[FieldMessageID] = m.ID
	body, err := json.Marshal(mp.Out(doc))
	if err != nil {
		return "", notify.Permanent(fmt.Errorf("hotline: encode: %w", err))
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.URL, bytes.NewReader(body))
	if err != nil {
		return "", notify.Permanent(fmt.Errorf("hotline: request: %w", err))
	}
	now := time.Now
	if s.Now != nil {
		now = s.Now
	}
	ts := now().Unix()
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	req.Header.Set(HeaderMessageID, strconv.FormatInt(m.ID, 10))
	req.Header.Set(HeaderTimestamp, strconv.FormatInt(ts, 10))
	if s.Secret != "" {
		req.Header.Set(HeaderSignature, Sign(s.Secret, ts, body))
	}
	if s.Token != "" {
		req.Header.Set("Authorization", "Bearer "+s.Token)
	}
	client := s.Client
	if client == nil {
		client = &http.Client{Timeout: 10 * time.Second}
	}
	resp, err := client.Do(req)
	if err != nil {
		return "", fmt.Errorf("hotline: post: %w", err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	detail := fmt.Sprintf("HTTP %d %s", resp.StatusCode, clip(string(raw), 300))
	switch {
	case resp.StatusCode >= 200 && resp.StatusCode < 300:
	case resp.StatusCode == http.StatusRequestTimeout || resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
		return detail, fmt.Errorf("hotline: centre answered %d", resp.StatusCode)
	default:
		return detail, notify.Permanent(fmt.Errorf("hotline: centre refused the message: %d", resp.StatusCode))
	}
	if mp.Success != nil {
		var ans map[string]any
		if json.Unmarshal(raw, &ans) != nil {
			return detail, fmt.Errorf("hotline: the centre's answer is not JSON")
		}
		if ok, got := mp.Taken(ans); !ok {
			return detail, fmt.Errorf("hotline: the centre did not take the message (%s)", got)
		}
	}
	return detail, nil
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n]) + "…"
	}
	return string(r)
}
