package service

import (
	"context"
	"encoding/json"
	"fmt"

	"weiquan/internal/auth"
	"weiquan/internal/deadline"
	"weiquan/internal/dispatch"
	"weiquan/internal/document"
	"weiquan/internal/hotline"
	"weiquan/internal/invalid"
	"weiquan/internal/mediation"
	"weiquan/internal/store"
)

// Settings are the office's configurable rules, stored per key as JSON with defaults in code.
type Settings struct {
	Clocks deadline.Settings  `json:"clocks"` // reminders, the 12345 reply, escalation on breach
	Tiers  dispatch.TierRules `json:"tiers"`  // handling levels (R-S2)
	// Hotline fits the 12345 exchange's JSON shape to the city's format (docs/HOTLINE.md).
	Hotline hotline.Mapping `json:"hotline"`
	// Mediation holds the session notice lead, the callback sample and the code and reminder times (issue 9).
	Mediation mediation.Settings `json:"mediation"`
	// Office is the issuing body documents and notices name, and its seal.
	Office document.Office `json:"office"`
}

// Setting keys.
const (
	SettingClocks  = "clocks"
	SettingTiers   = "tiers"
	SettingHotline = "hotline"
)

// DefaultSettings are the rules a new office starts with.
func DefaultSettings() Settings {
	return Settings{Clocks: deadline.DefaultSettings(), Tiers: dispatch.DefaultTierRules(), Mediation: mediation.DefaultSettings(), Office: DefaultOffice()}
}

// decodeSettings lays stored values over the defaults; a value that no longer decodes is
// an error rather than a silent default, so a bad row is noticed.
func decodeSettings(raw map[string]string) (Settings, error) {
	set := DefaultSettings()
	for key, dst := range map[string]any{SettingClocks: &set.Clocks, SettingTiers: &set.Tiers, SettingHotline: &set.Hotline,
		SettingMediation: &set.Mediation, SettingOffice: &set.Office} {
		if v, ok := raw[key]; ok {
			if err := json.Unmarshal([]byte(v), dst); err != nil {
				return set, fmt.Errorf("service: setting %s: %w", key, err)
			}
		}
	}
	return set, nil
}

// Settings returns the office's rules as they stand, to staff.
func (s *Service) Settings(ctx context.Context, p auth.Principal) (Settings, error) {
	if !p.System && !p.Staff() {
		return Settings{}, ErrForbidden
	}
	return s.settings(ctx)
}

func (s *Service) settings(ctx context.Context) (Settings, error) {
	raw, err := s.store.Settings(ctx)
	if err != nil {
		return Settings{}, err
	}
	return decodeSettings(raw)
}

func settingsTx(ctx context.Context, tx *store.Tx) (Settings, error) {
	raw, err := tx.Settings(ctx)
	if err != nil {
		return Settings{}, err
	}
	return decodeSettings(raw)
}

// SaveClockSettings stores the clock settings after checking them.
func (s *Service) SaveClockSettings(ctx context.Context, u *auth.User, v deadline.Settings) (Settings, error) {
	if err := v.Validate(); err != nil {
		return Settings{}, err
	}
	return s.saveSetting(ctx, u, SettingClocks, v)
}

// SaveTierRules stores the tier criteria after checking them; they apply to matters taken in from now on.
func (s *Service) SaveTierRules(ctx context.Context, u *auth.User, v dispatch.TierRules) (Settings, error) {
	if err := v.Validate(); err != nil {
		return Settings{}, err
	}
	return s.saveSetting(ctx, u, SettingTiers, v)
}

// SaveHotlineMapping stores how the 12345 exchange's messages are fitted to the city's
// format after checking that every name it maps exists; messages still waiting are sent
// with it from then on.
func (s *Service) SaveHotlineMapping(ctx context.Context, u *auth.User, m hotline.Mapping) (Settings, error) {
	if err := m.Validate(); err != nil {
		return Settings{}, err
	}
	return s.saveSetting(ctx, u, SettingHotline, m)
}

func (s *Service) saveSetting(ctx context.Context, u *auth.User, key string, v any) (Settings, error) {
	if u == nil || u.Role != auth.Admin {
		return Settings{}, ErrForbidden
	}
	b, err := json.Marshal(v)
	if err != nil {
		return Settings{}, fmt.Errorf("service: setting %s: %w", key, err)
	}
	var set Settings
	err = s.store.Tx(ctx, func(tx *store.Tx) error {
		if err := tx.SaveSetting(ctx, key, string(b), &u.ID, s.now()); err != nil {
			return err
		}
		set, err = settingsTx(ctx, tx)
		return err
	})
	return set, err
}

// SaveMediationSettings stores the mediation settings after checking them.
func (s *Service) SaveMediationSettings(ctx context.Context, u *auth.User, v mediation.Settings) (Settings, error) {
	if err := v.Validate(); err != nil {
		return Settings{}, err
	}
	return s.saveSetting(ctx, u, SettingMediation, v)
}

// SaveOffice stores the issuing body's name and seal that documents and notices carry.
func (s *Service) SaveOffice(ctx context.Context, u *auth.User, v document.Office) (Settings, error) {
	var errs invalid.Errors
	errs.Need("name", v.Name)
	errs.Need("seal_text", v.SealText)
	errs.MaxLen("name", v.Name, 200)
	errs.MaxLen("seal_text", v.SealText, 200)
	if err := errs.Err(); err != nil {
		return Settings{}, err
	}
	return s.saveSetting(ctx, u, SettingOffice, v)
}
