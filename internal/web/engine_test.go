package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
)

func testHandler(t testing.TB) *Handler {
	t.Helper()
	v, err := loadViews()
	if err != nil {
		t.Fatal(err)
	}
	return &Handler{views: v, assets: loadAssets()}
}

// renderAs renders the sign-in page for a request in lang.
func renderAs(h *Handler, lang string) *httptest.ResponseRecorder {
	r := httptest.NewRequest("GET", "/login", nil)
	r = r.WithContext(context.WithValue(r.Context(), langKey, lang))
	w := httptest.NewRecorder()
	h.render(w, r, http.StatusOK, "login", page{Title: "web.login.title", Form: url.Values{}})
	return w
}

// TestConcurrentLanguages: requests rendered at the same time in zh-CN and
// English each get their own language, never the other's words.
func TestConcurrentLanguages(t *testing.T) {
	h := testHandler(t)
	want := map[string]string{"zh-CN": `<html lang="zh-CN">`, "en": `<html lang="en">`}
	words := map[string]string{"zh-CN": "登录", "en": "Sign in"}
	var wg sync.WaitGroup
	errs := make(chan string, 400)
	for i := range 400 {
		lang := []string{"zh-CN", "en"}[i%2]
		other := []string{"en", "zh-CN"}[i%2]
		wg.Add(1)
		go func() {
			defer wg.Done()
			body := renderAs(h, lang).Body.String()
			if !strings.Contains(body, want[lang]) || !strings.Contains(body, words[lang]) || strings.Contains(body, "<title>"+words[other]) {
				errs <- lang + ": " + body[:min(len(body), 300)]
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Fatal(e)
	}
}

// BenchmarkRender renders the sign-in page in alternating languages.
func BenchmarkRender(b *testing.B) {
	h := testHandler(b)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		renderAs(h, []string{"zh-CN", "en"}[i%2])
		i++
	}
}
