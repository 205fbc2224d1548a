package web

import "testing"

// TestLocalPath: next= and back= send a browser only to a path of this site.
// Browsers drop tabs and line breaks in a URL and read "\" as "/", so "/\t/evil"
// and "/\evil" are other hosts; so are "//evil" and "https://evil".
func TestLocalPath(t *testing.T) {
	const fb = "/fallback"
	cases := map[string]string{
		"/queue":                            "/queue",
		"/queue?state=all&q=%E5%BC%A0":      "/queue?state=all&q=%E5%BC%A0",
		"/queue?q=%20a":                     "/queue?q=%20a", // an encoded space in the query is harmless
		"/matters/20261130-000001#timeline": "/matters/20261130-000001#timeline",
		"/":                                 "/",
		"":                                  fb,
		"queue":                             fb,
		"//evil":                            fb,
		"//evil.example/":                   fb,
		"/\\evil":                           fb,
		"/\\/evil":                          fb,
		"\\\\evil":                          fb,
		"/\t/other-host/":                   fb, // what /login?next=/%09/other-host/ decodes to
		"/%09/other-host/":                  fb,
		"/\n/evil":                          fb,
		"/\r\n/evil":                        fb,
		"/ /evil":                           fb,
		"/%2F%2Fevil":                       fb,
		"/%2f/evil":                         fb,
		"/%5Cevil":                          fb,
		"/%5C%5Cevil":                       fb,
		"https://evil":                      fb,
		"http:/evil":                        fb,
		"javascript:alert(1)":               fb,
		"/\u00a0/evil":                      fb, // no-break space
		"/\u3000/evil":                      fb, // ideographic space
		"/\u2028/evil":                      fb, // line separator
		"/\u200b/evil":                      fb, // zero-width space
		"/\u202e/evil":                      fb, // right-to-left override
		"/\x00":                             fb,
		"/%00":                              fb,
		"/\xff":                             fb,
		"/%FF":                              fb,
		"/%zz":                              fb,
		"/queue\x7f":                        fb,
	}
	for in, want := range cases {
		if got := localPath(in, fb); got != want {
			t.Errorf("localPath(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzLocalPath(f *testing.F) {
	for _, s := range []string{"/queue", "//evil", "/\t/x", "/%2F%2Fx", "https://x", "/\\x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		got := localPath(p, "/")
		if got == "/" {
			return
		}
		if got[0] != '/' || len(got) > 1 && (got[1] == '/' || got[1] == '\\') {
			t.Fatalf("localPath(%q) = %q leaves the site", p, got)
		}
		for _, r := range got {
			if r < 0x20 || r == 0x7f || r == '\\' || r == ' ' {
				t.Fatalf("localPath(%q) = %q keeps %q", p, got, r)
			}
		}
	})
}
