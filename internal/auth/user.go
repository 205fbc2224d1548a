// Package auth holds users, their roles and credentials: who may sign in and
// what each role may see and do.
package auth

import (
	"strconv"
	"strings"
	"time"

	"weiquan/internal/invalid"
)

// Role is what a user does in the office (SPEC §1).
type Role string

// Roles.
const (
	Admin      Role = "admin"
	Supervisor Role = "supervisor"
	Operator   Role = "operator"
	Mediator   Role = "mediator"
	Judge      Role = "judge"
	Liaison    Role = "liaison"
	Merchant   Role = "merchant"
)

// Roles lists every role.
var Roles = []Role{Admin, Supervisor, Operator, Mediator, Judge, Liaison, Merchant}

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	for _, v := range Roles {
		if v == r {
			return true
		}
	}
	return false
}

// Staff reports whether the role works inside the office and sees matters by area.
func (r Role) Staff() bool {
	return r == Admin || r == Supervisor || r == Operator || r == Mediator || r == Judge
}

// SeesPersonalData reports whether the role needs consumers' phone, address and
// ID number unmasked to do its work (R-P5).
func (r Role) SeesPersonalData() bool {
	return r == Admin || r == Supervisor || r == Operator || r == Mediator || r == Judge
}

// User is a person who signs in.
type User struct {
	ID           int64     `json:"id"`
	Username     string    `json:"username"`
	DisplayName  string    `json:"display_name"`
	Role         Role      `json:"role"`
	AreaID       *int64    `json:"area_id,omitempty"`
	StationID    *int64    `json:"station_id,omitempty"`
	MerchantID   *int64    `json:"merchant_id,omitempty"`
	Phone        string    `json:"phone,omitempty"`
	Lang         string    `json:"lang"`
	Active       bool      `json:"active"`
	PasswordHash string    `json:"-"`
	CreatedAt    time.Time `json:"created_at"`
}

// Name is how the user appears in timelines.
func (u *User) Name() string {
	if u.DisplayName != "" {
		return u.DisplayName
	}
	return u.Username
}

// Validate checks a user before it is stored. A new user needs a password, and a
// password being set must follow CheckPasswordPolicy.
func (u *User) Validate(password string, isNew bool) error {
	var errs invalid.Errors
	u.Username = strings.TrimSpace(u.Username)
	u.DisplayName = strings.TrimSpace(u.DisplayName)
	errs.Need("username", u.Username)
	errs.MaxLen("username", u.Username, 64)
	if len(u.Username) > MaxUsernameBytes && !errs.Has("username") {
		errs.Add("username", CodeTooManyBytes, "max", strconv.Itoa(MaxUsernameBytes))
	}
	for _, r := range u.Username {
		if r <= ' ' || r == '/' || r == ':' {
			errs.Add("username", invalid.Format)
			break
		}
	}
	errs.MaxLen("display_name", u.DisplayName, 100)
	if !u.Role.Valid() {
		errs.Add("role", invalid.OneOf, "values", "admin, supervisor, operator, mediator, judge, liaison, merchant")
	}
	if u.Role == Merchant && u.MerchantID == nil {
		errs.Add("merchant_id", invalid.Required)
	}
	if u.Lang == "" {
		u.Lang = "zh-CN"
	}
	if u.Lang != "zh-CN" && u.Lang != "en" {
		errs.Add("lang", invalid.OneOf, "values", "zh-CN, en")
	}
	if isNew || password != "" {
		if err := CheckPasswordPolicy(u.Username, password); err != nil {
			pe, _ := invalid.As(err)
			errs = append(errs, pe...)
		}
	}
	return errs.Err()
}
