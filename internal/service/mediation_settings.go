package service

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"weiquan/internal/auth"
	"weiquan/internal/document"
	"weiquan/internal/invalid"
	"weiquan/internal/mediation"
	"weiquan/internal/store"
)

// validOffice checks the issuing body documents and notices carry: its name and the seal's text
// are needed, so that no document goes out under the placeholder (R-L7, R-L19–R-L21).
func validOffice(o *document.Office) error {
	var errs invalid.Errors
	o.Name, o.Unit, o.SealText = strings.TrimSpace(o.Name), strings.TrimSpace(o.Unit), strings.TrimSpace(o.SealText)
	o.Address, o.Phone = strings.TrimSpace(o.Address), strings.TrimSpace(o.Phone)
	errs.Need("name", o.Name)
	errs.Need("seal_text", o.SealText)
	for f, v := range map[string]string{"name": o.Name, "unit": o.Unit, "seal_text": o.SealText, "address": o.Address} {
		errs.MaxLen(f, v, 200)
	}
	errs.MaxLen("phone", o.Phone, 40)
	return errs.Err()
}

// SaveMediationOffice stores the mediation settings and the issuing body together, from the
// admin's one form: both are checked first and written in one transaction, or neither is.
// The system (the demo county) may set them too.
func (s *Service) SaveMediationOffice(ctx context.Context, p auth.Principal, v mediation.Settings, o document.Office) (Settings, error) {
	var by *int64
	switch u := p.User; {
	case p.System:
	case u != nil && u.Role == auth.Admin:
		by = &u.ID
	default:
		return Settings{}, ErrForbidden
	}
	var errs invalid.Errors
	if err := v.Validate(); err != nil {
		fe, _ := invalid.As(err)
		errs = append(errs, fe...)
	}
	if err := validOffice(&o); err != nil {
		fe, _ := invalid.As(err)
		errs = append(errs, fe...)
	}
	if err := errs.Err(); err != nil {
		return Settings{}, err
	}
	var set Settings
	err := s.store.Tx(ctx, func(tx *store.Tx) error {
		for key, val := range map[string]any{SettingMediation: v, SettingOffice: o} {
			b, err := json.Marshal(val)
			if err != nil {
				return fmt.Errorf("service: setting %s: %w", key, err)
			}
			if err := tx.SaveSetting(ctx, key, string(b), by, s.now()); err != nil {
				return err
			}
		}
		var err error
		set, err = settingsTx(ctx, tx)
		return err
	})
	return set, err
}
