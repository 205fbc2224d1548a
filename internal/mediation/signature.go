package mediation

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"

	"weiquan/internal/calendar"
	"weiquan/internal/invalid"
)

// SignMethod is how a signature reached the agreement (R-L34 groundwork).
type SignMethod string

// Methods of signing.
const (
	Drawn   SignMethod = "drawn"   // drawn by touch on the mediator's phone or tablet; kept as a PNG
	Scanned SignMethod = "scanned" // the signed paper, scanned and attached
	Sealed  SignMethod = "seal"    // the organisation's seal (an attached scan of the sealed page, or its e-seal)
)

// MaxSignatureBytes bounds a drawn signature's PNG.
const MaxSignatureBytes = 512 << 10

// Signatory is someone who may sign for a side: the party itself, or its agent with a special
// authority in force (R-L4).
type Signatory struct {
	Side  Side   `json:"side"`
	Name  string `json:"name"`
	Agent *Agent `json:"agent,omitempty"`
}

// Signature is one signature on an agreement, or the presiding organisation's seal (Side empty).
type Signature struct {
	ID           int64      `json:"id"`
	AgreementID  int64      `json:"agreement_id"`
	Side         Side       `json:"side,omitempty"`
	SignerName   string     `json:"signer_name"`
	ByAgent      bool       `json:"by_agent,omitempty"`
	Method       SignMethod `json:"method"`
	ImageSHA256  string     `json:"image_sha256,omitempty"`  // drawn: the hash of the stored PNG
	AttachmentID *int64     `json:"attachment_id,omitempty"` // scanned or sealed: the file on the matter
	SignedAt     time.Time  `json:"signed_at"`
}

var pngMagic = []byte("\x89PNG\r\n\x1a\n")

// ValidateSignature checks a signature on agreement a at time now, the PNG of a drawn one in
// img: the signer is one of the parties (or its agent entitled to settle), each side signs once,
// a drawn signature is a PNG within MaxSignatureBytes whose SHA-256 is set on sig (and must equal
// the one the device sent, if it sent one), a scanned one names its file.
func ValidateSignature(a Agreement, parties []Signatory, sig *Signature, img []byte, existing []Signature, now time.Time) error {
	var errs invalid.Errors
	sig.SignerName = strings.TrimSpace(sig.SignerName)
	if sig.SignedAt.IsZero() {
		sig.SignedAt = now
	}
	switch {
	case sig.SignedAt.After(now):
		errs.Add("signed_at", invalid.Future)
	case sig.SignedAt.Before(a.AgreedAt):
		errs.Add("signed_at", BeforeAgreement)
	}
	if sig.Method == Sealed || sig.Side == "" {
		return sealErrors(a, sig, existing, errs)
	}
	if !signatoryOf(parties, sig, calendar.DateOf(sig.SignedAt)) {
		errs.Add("signer_name", NotParty)
	}
	for _, e := range existing {
		if e.Side == sig.Side {
			errs.Add("side", Already)
			break
		}
	}
	switch sig.Method {
	case Drawn:
		switch {
		case len(img) == 0:
			errs.Add("image", invalid.Required)
		case len(img) > MaxSignatureBytes:
			errs.Add("image", invalid.TooLong, "max", "512 KB")
		case !bytes.HasPrefix(img, pngMagic):
			errs.Add("image", invalid.Format)
		default:
			sum := sha256.Sum256(img)
			h := hex.EncodeToString(sum[:])
			if sig.ImageSHA256 != "" && !strings.EqualFold(sig.ImageSHA256, h) {
				errs.Add("image_sha256", Mismatch)
			}
			sig.ImageSHA256 = h
		}
	case Scanned:
		if sig.AttachmentID == nil {
			errs.Add("attachment_id", invalid.Required)
		}
	default:
		errs.Add("method", invalid.OneOf, "values", "drawn, scanned")
	}
	return errs.Err()
}

// signatoryOf reports whether sig's signer may sign for its side on day d, and marks an agent.
func signatoryOf(parties []Signatory, sig *Signature, d calendar.Date) bool {
	if !sig.Side.Valid() || sig.SignerName == "" {
		return false
	}
	for _, p := range parties {
		if p.Side != sig.Side {
			continue
		}
		if strings.TrimSpace(p.Name) == sig.SignerName {
			sig.ByAgent = false
			return true
		}
		if p.Agent != nil && strings.TrimSpace(p.Agent.Name) == sig.SignerName && p.Agent.MaySettle(d) {
			sig.ByAgent = true
			return true
		}
	}
	return false
}

// sealErrors checks the presiding organisation's seal: only when one presides, in its name,
// with the sealed scan, once.
func sealErrors(a Agreement, sig *Signature, existing []Signature, errs invalid.Errors) error {
	sig.Side, sig.Method = "", Sealed
	if a.Presided == "" || sig.SignerName != a.Presided {
		errs.Add("signer_name", NotParty)
	}
	if sig.AttachmentID == nil {
		errs.Add("attachment_id", invalid.Required)
	}
	for _, e := range existing {
		if e.Method == Sealed {
			errs.Add("seal", Already)
			break
		}
	}
	return errs.Err()
}

// Effective reports whether the agreement has taken effect: every party has signed, and the
// organisation that presided has sealed it (R-L34; Order 121 Art.24 for the 调解书). missing
// names what is still needed: "complainant", "respondent", "seal".
func (a Agreement) Effective(sigs []Signature) (ok bool, missing []string) {
	has := map[string]bool{}
	for _, s := range sigs {
		if s.Method == Sealed {
			has["seal"] = true
		} else {
			has[string(s.Side)] = true
		}
	}
	for _, s := range Sides {
		if !has[string(s)] {
			missing = append(missing, string(s))
		}
	}
	if a.Presided != "" && !has["seal"] {
		missing = append(missing, "seal")
	}
	return len(missing) == 0, missing
}
