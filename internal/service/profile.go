package service

import (
	"context"

	"weiquan/internal/auth"
	"weiquan/internal/invalid"
)

// SetLanguage remembers the language a user reads the product in (R-P6).
func (s *Service) SetLanguage(ctx context.Context, u *auth.User, lang string) error {
	if lang != "zh-CN" && lang != "en" {
		return invalid.New("lang", invalid.OneOf, "values", "zh-CN, en")
	}
	cur, err := s.store.User(ctx, u.ID)
	if err != nil {
		return err
	}
	cur.Lang = lang
	if err := s.UpdateUser(ctx, &cur, ""); err != nil {
		return err
	}
	u.Lang = lang
	return nil
}

// ChangePassword sets a new password after checking the old one, so a session
// left open on a shared office PC cannot be used to take the account over. The user's
// other sessions end (someone who knew the old password is signed out); the session
// whose token is given stays.
func (s *Service) ChangePassword(ctx context.Context, u *auth.User, token, old, password string) error {
	cur, err := s.store.User(ctx, u.ID)
	if err != nil {
		return err
	}
	var errs invalid.Errors
	errs.Need("old_password", old)
	errs.Need("password", password)
	if err := errs.Err(); err != nil {
		return err
	}
	ok, err := auth.CheckPassword(cur.PasswordHash, old)
	if err != nil {
		return err
	}
	if !ok {
		return invalid.New("old_password", "mismatch")
	}
	return s.updateUser(ctx, &cur, password, auth.HashToken(token))
}
