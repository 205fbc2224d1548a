package mediation

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"testing"
)

var png = append([]byte("\x89PNG\r\n\x1a\n"), []byte("IHDR…a signature")...)

// TestSignature_R_L34: each party signs once, drawn (PNG, time, SHA-256) or on scanned paper;
// someone who is not a party is refused; an agent signs only with a special authority in force.
func TestSignature_R_L34(t *testing.T) {
	now := at(t, "2026-05-12 11:30")
	a := goodAgreement(t)
	a.Presided = "某县消费者权益保护委员会"
	parties := []Signatory{
		{Side: Complainant, Name: "王小明", Agent: &Agent{Name: "王大明", Authority: SpecialAuthority, TermFrom: day(t, "2026-05-01")}},
		{Side: Respondent, Name: "某某健身有限公司", Agent: &Agent{Name: "店员小刘", Authority: GeneralAuthority, TermFrom: day(t, "2026-05-01")}},
	}
	sum := sha256.Sum256(png)
	hash := hex.EncodeToString(sum[:])
	signedC := []Signature{{Side: Complainant, SignerName: "王小明", Method: Drawn}}
	cases := []struct {
		name     string
		sig      Signature
		img      []byte
		existing []Signature
		want     []string
	}{
		{"consumer draws", Signature{Side: Complainant, SignerName: "王小明", Method: Drawn}, png, nil, nil},
		{"the device's hash matches", Signature{Side: Complainant, SignerName: "王小明", Method: Drawn, ImageSHA256: hash}, png, nil, nil},
		{"merchant on scanned paper", Signature{Side: Respondent, SignerName: "某某健身有限公司", Method: Scanned, AttachmentID: ptr(int64(8))}, nil, signedC, nil},
		{"agent with special authority", Signature{Side: Complainant, SignerName: "王大明", Method: Drawn}, png, nil, nil},
		{"agent with general authority is not a signatory", Signature{Side: Respondent, SignerName: "店员小刘", Method: Drawn}, png, nil,
			[]string{"signer_name:not_party"}},
		{"someone who is not a party (issue's bad input)", Signature{Side: Complainant, SignerName: "路人甲", Method: Drawn}, png, nil,
			[]string{"signer_name:not_party"}},
		{"a name of the other side", Signature{Side: Respondent, SignerName: "王小明", Method: Drawn}, png, nil, []string{"signer_name:not_party"}},
		{"signed twice", Signature{Side: Complainant, SignerName: "王小明", Method: Drawn}, png, signedC, []string{"side:already"}},
		{"not a PNG", Signature{Side: Complainant, SignerName: "王小明", Method: Drawn}, []byte("GIF89a"), nil, []string{"image:format"}},
		{"no image", Signature{Side: Complainant, SignerName: "王小明", Method: Drawn}, nil, nil, []string{"image:required"}},
		{"too large", Signature{Side: Complainant, SignerName: "王小明", Method: Drawn}, append(slices.Clone(png), make([]byte, MaxSignatureBytes)...), nil,
			[]string{"image:too_long"}},
		{"hash differs from the image", Signature{Side: Complainant, SignerName: "王小明", Method: Drawn, ImageSHA256: "00"}, png, nil,
			[]string{"image_sha256:mismatch"}},
		{"scan without file", Signature{Side: Respondent, SignerName: "某某健身有限公司", Method: Scanned}, nil, nil, []string{"attachment_id:required"}},
		{"signed before the agreement", Signature{Side: Complainant, SignerName: "王小明", Method: Drawn, SignedAt: at(t, "2026-05-12 10:00")}, png, nil,
			[]string{"signed_at:before_agreement"}},
		{"the presiding organisation's seal", Signature{SignerName: "某县消费者权益保护委员会", Method: Sealed, AttachmentID: ptr(int64(9))}, nil, signedC, nil},
		{"a seal of another organisation", Signature{SignerName: "某商会", Method: Sealed, AttachmentID: ptr(int64(9))}, nil, nil,
			[]string{"signer_name:not_party"}},
		{"sealed twice", Signature{SignerName: "某县消费者权益保护委员会", Method: Sealed, AttachmentID: ptr(int64(9))}, nil,
			[]Signature{{Method: Sealed}}, []string{"seal:already"}},
	}
	for _, c := range cases {
		s := c.sig
		want(t, c.name, ValidateSignature(a, parties, &s, c.img, c.existing, now), c.want...)
		if c.want == nil && s.Method == Drawn && s.ImageSHA256 != hash {
			t.Errorf("%s: hash %q not set", c.name, s.ImageSHA256)
		}
		if c.name == "agent with special authority" && !s.ByAgent {
			t.Errorf("%s: not marked as by agent", c.name)
		}
	}
}

// TestEffective_R_L34: an agreement takes effect when every party has signed, and the presiding
// organisation has sealed it.
func TestEffective_R_L34(t *testing.T) {
	c := Signature{Side: Complainant, Method: Drawn}
	r := Signature{Side: Respondent, Method: Scanned}
	seal := Signature{Method: Sealed}
	presided := Agreement{Presided: "某县消保委", Online: true}
	cases := []struct {
		name    string
		a       Agreement
		sigs    []Signature
		missing []string
	}{
		{"nobody", presided, nil, []string{"complainant", "respondent", "seal"}},
		{"consumer only", presided, []Signature{c}, []string{"respondent", "seal"}},
		{"both parties, no seal", presided, []Signature{c, r}, []string{"seal"}},
		{"both and the seal", presided, []Signature{r, seal, c}, nil},
		{"no organisation presided: parties suffice", Agreement{Online: true}, []Signature{c, r}, nil},
	}
	for _, x := range cases {
		ok, missing := x.a.Effective(x.sigs)
		if ok != (x.missing == nil) || !slices.Equal(missing, x.missing) {
			t.Errorf("%s: %v %v, want %v", x.name, ok, missing, x.missing)
		}
	}
}
