package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"mime"
	"net/http"
	"path"
)

//go:embed static
var staticFiles embed.FS

// assets serves the embedded CSS, JS and icons under URLs that carry a hash of
// their content, so browsers may cache them for a long time.
type assets struct {
	hash map[string]string
}

func loadAssets() *assets {
	a := &assets{hash: map[string]string{}}
	entries, err := staticFiles.ReadDir("static")
	if err != nil {
		panic(err)
	}
	for _, e := range entries {
		b, err := staticFiles.ReadFile("static/" + e.Name())
		if err != nil {
			panic(err)
		}
		sum := sha256.Sum256(b)
		a.hash[e.Name()] = hex.EncodeToString(sum[:6])
	}
	return a
}

func (a *assets) url(name string) string { return "/static/" + name + "?v=" + a.hash[name] }

func (h *Handler) serveStatic(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("file")
	b, err := staticFiles.ReadFile("static/" + path.Base(name))
	if err != nil {
		h.errorPage(w, r, http.StatusNotFound)
		return
	}
	w.Header().Del("Content-Security-Policy")
	w.Header().Set("Content-Type", mime.TypeByExtension(path.Ext(name)))
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	_, _ = w.Write(b)
}
