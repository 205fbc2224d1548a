package auth

import (
	"strings"
	"testing"

	"weiquan/internal/invalid"
)

// TestPasswordPolicy: at least 10 characters, not the user name, not a common password
// (issue 8: "12345678" was accepted).
func TestPasswordPolicy(t *testing.T) {
	for _, tc := range []struct {
		user, pw string
		code     string // "" = accepted
	}{
		{"zuoxi", "12345678", invalid.TooShort},  // the finding: 8 characters were enough
		{"zuoxi", "mima12345", invalid.TooShort}, // 9
		{"zuoxi", "维权工作平台密码", invalid.TooShort},  // 8 Chinese characters are 8, not 24
		{"zuoxi", "维权通工作平台的密码", ""},              // 10 characters
		{"zuoxi", strings.Repeat("密", 257), invalid.TooLong},
		{"zuoxi", strings.Repeat("ab", 128), ""},
		{"wangxiaoming", "wangxiaoming", CodeSameAsUsername},
		{"wangxiaoming", "WangXiaoMing", CodeSameAsUsername},
		{"wangxiaoming", "  wangxiaoming ", CodeSameAsUsername},
		{" WangXiaoMing ", "wangxiaoming", CodeSameAsUsername},
		{"wangxiaoming", "wangxiaoming1", ""},
		{"zuoxi", "1234567890", CodeCommon},
		{"zuoxi", "123456789a", CodeCommon},
		{"zuoxi", "QWERTYUIOP", CodeCommon}, // compared in lower case
		{"zuoxi", "password123", CodeCommon},
		{"zuoxi", "a1234567890", CodeCommon},
		{"zuoxi", "woaini1314", CodeCommon},
		{"zuoxi", "WoAiNi1314", CodeCommon},
		{"zuoxi", "qq123456789", CodeCommon},
		{"zuoxi", "11111111111", CodeCommon},
		{"zuoxi", "5201314520", CodeCommon},
		{"zuoxi", "mima123456", CodeCommon},
		{"zuoxi", "zzzzzzzzzzzz", CodeCommon}, // one character repeated, listed or not
		{"zuoxi", "哈哈哈哈哈哈哈哈哈哈", CodeCommon},
		{"zuoxi", "correct horse battery", ""},
		{"zuoxi", "tiaojie-mima-2026", ""},
	} {
		err := CheckPasswordPolicy(tc.user, tc.pw)
		errs, _ := invalid.As(err)
		got := ""
		if len(errs) > 0 {
			got = errs[0].Code
		}
		if got != tc.code || (err != nil && errs[0].Field != "password") {
			t.Errorf("%q / %q: got %q (%v), want %q", tc.user, tc.pw, got, err, tc.code)
		}
	}
}

// TestCommonPasswordList: the embedded list loads, holds only entries the length rule
// lets through, and carries the Chinese patterns.
func TestCommonPasswordList(t *testing.T) {
	if len(common) < 1500 {
		t.Fatalf("only %d common passwords loaded", len(common))
	}
	for pw := range common {
		if len([]rune(pw)) < MinPassword || pw != strings.ToLower(pw) || strings.TrimSpace(pw) != pw {
			t.Errorf("list entry %q: shorter than %d, not lower case or padded", pw, MinPassword)
		}
	}
	for _, pw := range []string{"woaini1314", "a1234567890", "qq123456789", "11111111111", "1qaz2wsx3edc", "qwertyuiop"} {
		if !common[pw] {
			t.Errorf("%q is not on the list", pw)
		}
	}
}

// TestSignInSize: an oversized user name or password is a field error, not a lookup.
func TestSignInSize(t *testing.T) {
	for _, tc := range []struct {
		user, pw string
		fields   string
	}{
		{"zuoxi", "whatever", ""},
		{strings.Repeat("a", 64), "x", ""},
		{strings.Repeat("a", 65), "x", "username"},
		{strings.Repeat("坐", 22), "x", "username"}, // 66 bytes
		{strings.Repeat("x", 1<<20), "x", "username"},
		{"zuoxi", strings.Repeat("p", 1025), "password"},
		{"", "", "username,password"},
	} {
		errs, _ := invalid.As(CheckSignInSize(tc.user, tc.pw))
		var got []string
		for _, f := range errs {
			got = append(got, f.Field)
		}
		if strings.Join(got, ",") != tc.fields {
			t.Errorf("%d-byte name, %d-byte password: fields %v, want %q", len(tc.user), len(tc.pw), got, tc.fields)
		}
	}
}
