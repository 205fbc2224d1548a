// Package document renders the office's printable documents — 受理通知, 不予受理告知书, 调解书,
// 调解记录 and 终止调解告知书 — one way: an A4 HTML page with print CSS, in Chinese or English,
// which headless Chromium prints to PDF (R-L7, R-L19, R-L20, R-L21). The issued PDF is what the
// office keeps: its SHA-256 is recorded and a reprint serves the same bytes; a correction is a
// new version that names the one it replaces.
package document

import (
	"crypto/sha256"
	"encoding/hex"
	"time"

	"weiquan/internal/calendar"
	"weiquan/internal/casework"
	"weiquan/internal/mediation"
	"weiquan/internal/money"
)

// Kind is which document; the same names as mediation.Document, which decides when each is due.
type Kind = mediation.Document

// Kinds lists the documents in the order of a matter's life.
var Kinds = mediation.Documents

// Office is who issues the document and whose seal it bears.
type Office struct {
	Name     string `json:"name"`               // the issuing body, e.g. 某县市场监督管理局
	Unit     string `json:"unit,omitempty"`     // the handling unit, e.g. 某县消费者权益保护委员会
	SealText string `json:"seal_text"`          // the name on the seal the document is stamped with
	Address  string `json:"address,omitempty"`  //
	Phone    string `json:"phone,omitempty"`    //
	Delegate string `json:"delegate,omitempty"` // a delegate that mediated in the office's name (R-L14)
}

// Agent is a party's agent as documents name them (R-L4).
type Agent struct {
	Name      string `json:"name"`
	IDNumber  string `json:"id_number,omitempty"`
	Authority string `json:"authority,omitempty"` // as the power of attorney states it
}

// Party is a complainant or respondent as a document identifies them.
type Party struct {
	Name           string `json:"name"`
	IDType         string `json:"id_type,omitempty"`
	IDNumber       string `json:"id_number,omitempty"` // as the caller chooses to show it: full on a 调解书, masked elsewhere
	Phone          string `json:"phone,omitempty"`
	Address        string `json:"address,omitempty"`
	USCC           string `json:"uscc,omitempty"`           // a merchant's unified social credit code
	Representative string `json:"representative,omitempty"` // a merchant's legal representative or person in charge
	Agent          *Agent `json:"agent,omitempty"`
}

// Line is one amount of an agreement, by kind (R-S6).
type Line struct {
	Kind   mediation.AmountKind `json:"kind"`
	Amount money.Fen            `json:"amount"`
	Note   string               `json:"note,omitempty"`
}

// Signature is a party's signature on a 调解书 or 调解记录: the drawn PNG, or a note that the
// signed paper is scanned and attached (R-L34).
type Signature struct {
	Side     mediation.Side `json:"side"`
	Name     string         `json:"name"`
	PNG      []byte         `json:"-"`
	Scanned  bool           `json:"scanned,omitempty"`
	SignedAt time.Time      `json:"signed_at"`
}

// Version numbers a document: 1 is the first issue; a correction is the next number, names the
// SHA-256 of the PDF it replaces and why.
type Version struct {
	Number     int    `json:"number"`
	Supersedes string `json:"supersedes,omitempty"`
	Reason     string `json:"reason,omitempty"`
}

// Data is everything a document shows; the service fills it from the matter and its records.
// Times are instants, shown in Asia/Shanghai.
type Data struct {
	Kind            Kind             `json:"kind"`
	Lang            string           `json:"lang"` // zh-CN or en
	Version         Version          `json:"version"`
	Office          Office           `json:"office"`
	DocNumber       string           `json:"doc_number,omitempty"` // the office's 文号, if it numbers documents
	CaseNumber      string           `json:"case_number"`
	RuleSet         casework.RuleSet `json:"rule_set"`
	Complainant     Party            `json:"complainant"`
	Respondent      Party            `json:"respondent"`
	ReceivedAt      time.Time        `json:"received_at"`
	AcceptedAt      time.Time        `json:"accepted_at,omitzero"`
	DecidedAt       time.Time        `json:"decided_at,omitzero"` // rejection or termination decision
	AgreedAt        time.Time        `json:"agreed_at,omitzero"`
	IssuedAt        time.Time        `json:"issued_at"`
	Request         string           `json:"request,omitempty"`
	Facts           string           `json:"facts,omitempty"`
	Reason          casework.Reason  `json:"reason,omitzero"`
	Terms           string           `json:"terms,omitempty"`
	Lines           []Line           `json:"lines,omitempty"`
	Recovered       money.Fen        `json:"recovered_amount"`
	PerformedOnSpot bool             `json:"performed_on_spot,omitempty"`
	DueDate         *calendar.Date   `json:"due_date,omitempty"` // fulfilment date
	Mode            mediation.Mode   `json:"mode,omitempty"`
	Place           string           `json:"place,omitempty"`
	Mediators       []string         `json:"mediators,omitempty"`
	Signatures      []Signature      `json:"signatures,omitempty"`
	MediationDue    *calendar.Date   `json:"mediation_due,omitempty"` // acceptance notice: the end of the mediation period
}

// Issued is a document as the office issued it: the bytes handed out and their SHA-256, which
// the timeline records so a reprint can be shown to be the same document.
type Issued struct {
	Kind       Kind      `json:"kind"`
	Version    int       `json:"version"`
	HTML       []byte    `json:"-"`
	PDF        []byte    `json:"-"`
	HTMLSHA256 string    `json:"html_sha256"`
	PDFSHA256  string    `json:"pdf_sha256,omitempty"`
	IssuedAt   time.Time `json:"issued_at"`
}

// Sum is the hex SHA-256 of issued bytes.
func Sum(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// Correction is the Version of a corrected document that replaces prev, with the reason; it
// names prev by its PDF's hash, or its HTML's when it was issued without a PDF.
func Correction(prev Issued, reason string) Version {
	h := prev.PDFSHA256
	if h == "" {
		h = prev.HTMLSHA256
	}
	return Version{Number: prev.Version + 1, Supersedes: h, Reason: reason}
}
