package auth

import (
	_ "embed"
	"strconv"
	"strings"
	"unicode/utf8"

	"weiquan/internal/invalid"
)

// Limits of what a sign-in form and a new password may hold. A sign-in with more
// bytes than these is refused before anything is looked up or counted, so an
// attacker's megabyte "user name" costs nothing and is stored nowhere.
const (
	MaxUsernameBytes = 64
	MinPassword      = 10   // characters
	MaxPassword      = 256  // characters
	MaxPasswordBytes = 1024 // MaxPassword characters of at most 4 bytes each
)

// Field error codes of the password policy; each has a message "err.<code>".
const (
	CodeTooManyBytes   = "too_many_bytes"
	CodeSameAsUsername = "password_is_username"
	CodeCommon         = "password_common"
)

//go:embed passwords/common.txt
var commonText string

// common holds the embedded list of common passwords (see passwords/README.md).
var common = func() map[string]bool {
	m := map[string]bool{}
	for _, line := range strings.Split(commonText, "\n") {
		line = strings.TrimSpace(line)
		if line != "" && !strings.HasPrefix(line, "#") {
			m[strings.ToLower(line)] = true
		}
	}
	return m
}()

// CheckPasswordPolicy checks a password being set for a user: at least MinPassword
// characters, at most MaxPassword, not the user name (case and surrounding spaces
// ignored), not a common password and not one character repeated. It applies when a
// password is set; existing passwords keep working.
func CheckPasswordPolicy(username, password string) error {
	var errs invalid.Errors
	n := utf8.RuneCountInString(password)
	switch {
	case n < MinPassword:
		errs.Add("password", invalid.TooShort, "min", strconv.Itoa(MinPassword))
	case n > MaxPassword:
		errs.Add("password", invalid.TooLong, "max", strconv.Itoa(MaxPassword))
	case strings.EqualFold(strings.TrimSpace(password), strings.TrimSpace(username)):
		errs.Add("password", CodeSameAsUsername)
	case IsCommonPassword(password):
		errs.Add("password", CodeCommon)
	}
	return errs.Err()
}

// IsCommonPassword reports whether a password is on the embedded list of common
// passwords (compared in lower case, surrounding spaces removed) or is one character repeated.
func IsCommonPassword(pw string) bool {
	pw = strings.ToLower(strings.TrimSpace(pw))
	if pw == "" {
		return false
	}
	if common[pw] {
		return true
	}
	first, _ := utf8.DecodeRuneInString(pw)
	return strings.Trim(pw, string(first)) == ""
}

// CheckSignInSize refuses a sign-in whose user name or password is longer than any
// that can be stored, before anything is looked up or counted.
func CheckSignInSize(username, password string) error {
	var errs invalid.Errors
	errs.Need("username", username)
	errs.Need("password", password)
	if len(username) > MaxUsernameBytes {
		errs.Add("username", CodeTooManyBytes, "max", strconv.Itoa(MaxUsernameBytes))
	}
	if len(password) > MaxPasswordBytes {
		errs.Add("password", CodeTooManyBytes, "max", strconv.Itoa(MaxPasswordBytes))
	}
	return errs.Err()
}
