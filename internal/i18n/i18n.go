// Package i18n holds the zh-CN and English catalogues of every screen, message
// and document (R-P6) and picks a request's language.
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"golang.org/x/text/language"
)

// Languages weiquan speaks; the first is the default.
var Languages = []string{"zh-CN", "en"}

// Default is the language when nothing else is known.
const Default = "zh-CN"

// Each language is a folder of JSON files merged at start, so separate parts of
// the product keep their own file; a key defined twice is a start-up error.
//
//go:embed catalog
var files embed.FS

var catalogs = map[string]map[string]string{}

func init() {
	for _, lang := range Languages {
		m, err := load(lang)
		if err != nil {
			panic(err)
		}
		catalogs[lang] = m
	}
}

func load(lang string) (map[string]string, error) {
	dir := "catalog/" + lang
	entries, err := fs.ReadDir(files, dir)
	if err != nil {
		return nil, fmt.Errorf("i18n: catalogue %s: %w", lang, err)
	}
	m := map[string]string{}
	for _, e := range entries {
		b, err := files.ReadFile(dir + "/" + e.Name())
		if err != nil {
			return nil, fmt.Errorf("i18n: %s/%s: %w", lang, e.Name(), err)
		}
		part := map[string]string{}
		if err := json.Unmarshal(b, &part); err != nil {
			return nil, fmt.Errorf("i18n: %s/%s: %w", lang, e.Name(), err)
		}
		for k, v := range part {
			if _, dup := m[k]; dup {
				return nil, fmt.Errorf("i18n: %s/%s: key %q defined twice", lang, e.Name(), k)
			}
			m[k] = v
		}
	}
	return m, nil
}

// Normalize maps a language tag to one weiquan speaks.
func Normalize(tag string) string {
	t := strings.ToLower(strings.TrimSpace(tag))
	switch {
	case strings.HasPrefix(t, "en"):
		return "en"
	case strings.HasPrefix(t, "zh"):
		return "zh-CN"
	}
	return ""
}

// matcher chooses between the catalogues in the order of Languages.
var matcher = language.NewMatcher([]language.Tag{language.MustParse("zh-CN"), language.English})

// maxAcceptLanguage bounds the header read; browsers send a few dozen bytes.
const maxAcceptLanguage = 512

// FromAcceptLanguage picks a language for an Accept-Language header with
// golang.org/x/text/language: q-values order the choices (q=0 refuses one),
// regional variants match (en-GB is en). Every Chinese — zh-TW, zh-Hant, zh-HK
// — reads the Simplified catalogue, the only Chinese shipped and closer to a
// reader of Traditional than English is; "*" is the default. A part that does
// not parse is skipped; no match at all is zh-CN.
func FromAcceptLanguage(h string) string {
	if len(h) > maxAcceptLanguage {
		h = h[:maxAcceptLanguage]
		if i := strings.LastIndexByte(h, ','); i >= 0 {
			h = h[:i]
		}
	}
	type weighted struct {
		tag language.Tag
		q   float32
	}
	var ws []weighted
	for _, part := range strings.Split(h, ",") {
		tags, qs, err := language.ParseAcceptLanguage(part)
		if err != nil {
			continue
		}
		for i, t := range tags {
			if base, _ := t.Base(); base.String() == "zh" || base.String() == "mul" {
				t = language.MustParse("zh-CN")
			}
			ws = append(ws, weighted{t, qs[i]})
		}
	}
	sort.SliceStable(ws, func(i, j int) bool { return ws[i].q > ws[j].q })
	tags := make([]language.Tag, len(ws))
	for i, w := range ws {
		tags[i] = w.tag
	}
	_, i, conf := matcher.Match(tags...)
	if conf == language.No {
		return Default
	}
	return Languages[i]
}

// T translates key into lang, filling {name} placeholders from args (pairs).
// A missing key returns the key itself, so a gap shows rather than hides.
func T(lang, key string, args ...string) string {
	c, ok := catalogs[lang]
	if !ok {
		c = catalogs[Default]
	}
	s, ok := c[key]
	if !ok {
		return key
	}
	for i := 0; i+1 < len(args); i += 2 {
		s = strings.ReplaceAll(s, "{"+args[i]+"}", args[i+1])
	}
	return s
}

// Has reports whether the catalogue has the key.
func Has(lang, key string) bool {
	_, ok := catalogs[lang][key]
	return ok
}

// Keys lists a catalogue's keys, for the test that both catalogues match.
func Keys(lang string) []string {
	var out []string
	for k := range catalogs[lang] {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
