package open311

import (
	"encoding/xml"
	"net/http"

	"weiquan/internal/i18n"
)

// Changeset is when the services or their definitions last changed; clients
// that cache them refresh when it moves. Change it with services.go.
const Changeset = "2026-11-30T00:00:00+08:00"

type discoveryDoc struct {
	XMLName    xml.Name   `xml:"discovery" json:"-"`
	Changeset  string     `xml:"changeset" json:"changeset"`
	Contact    string     `xml:"contact" json:"contact"`
	KeyService string     `xml:"key_service" json:"key_service"`
	Endpoints  []endpoint `xml:"endpoints>endpoint" json:"endpoints"`
}

type endpoint struct {
	Specification string   `xml:"specification" json:"specification"`
	URL           string   `xml:"url" json:"url"`
	Changeset     string   `xml:"changeset" json:"changeset"`
	Type          string   `xml:"type" json:"type"`
	Formats       []string `xml:"formats>format" json:"formats"`
}

// discovery is the Service Discovery document: where the endpoint is, which
// formats it speaks, whom to ask for help and for an api_key.
func (h *Handler) discovery(w http.ResponseWriter, r *http.Request, f format, _ string) {
	l := lang(r)
	doc := discoveryDoc{
		Changeset:  Changeset,
		Contact:    i18n.T(l, "open311.contact"),
		KeyService: i18n.T(l, "open311.key_service"),
	}
	// Both endpoints, as the specification's own example lists them: clients built on
	// common libraries read a one-element XML list as a single object and fail on it.
	for i, prefix := range prefixes {
		doc.Endpoints = append(doc.Endpoints, endpoint{Specification: Specification, URL: baseURL(r) + prefix,
			Changeset: Changeset, Type: []string{"production", "test"}[i], Formats: []string{"text/xml", "application/json"}})
	}
	write(w, f, http.StatusOK, doc, doc)
}

// baseURL is the scheme and host the client reached us at. X-Forwarded-Proto is
// believed only for "https": it changes nothing but the URL this client reads.
func baseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https" {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}
