package service

import (
	"context"
	"encoding/json"
	"fmt"

	"weiquan/internal/auth"
	"weiquan/internal/claimant"
	"weiquan/internal/collective"
	"weiquan/internal/credit"
	"weiquan/internal/invalid"
	"weiquan/internal/store"
)

// SettingCredit is the key of the rules of issue 11: collective cases, suspicious-claimant
// flags, the abnormal-operations list, honour rolls and the merchant's record.
const SettingCredit = "credit"

// CreditSettings are the office's thresholds for many consumers against one merchant
// and for merchants' credit, stored under one key with defaults in code.
type CreditSettings struct {
	Collective collective.Settings    `json:"collective"`     // when intake proposes a collective case (SPEC C8)
	Flags      claimant.Settings      `json:"claimant_flags"` // the suspicious-claimant patterns (R-L9)
	Listing    credit.Rules           `json:"listing"`        // the abnormal-operations list's figures (R-L36–R-L39)
	Honours    credit.HonourRules     `json:"honours"`        // when substantiated complaints propose revoking an honour (R-S8)
	Record     credit.RecordRules     `json:"record"`         // when a merchant is a repeat offender
	Disclosure credit.DisclosureRules `json:"disclosure"`     // what of a merchant's figures is public, and when (R-L29)
}

// DefaultCreditSettings are the thresholds a new office starts with.
func DefaultCreditSettings() CreditSettings {
	return CreditSettings{Collective: collective.DefaultSettings(), Flags: claimant.DefaultSettings(), Listing: credit.DefaultRules(), Honours: credit.DefaultHonourRules(),
		Record: credit.DefaultRecordRules(), Disclosure: credit.DefaultDisclosureRules()}
}

// Validate checks settings an admin sends.
func (c CreditSettings) Validate() error {
	return sections([]string{"collective", "claimant_flags", "listing", "honours", "record", "disclosure"},
		c.Collective.Validate(), c.Flags.Validate(), c.Listing.Validate(), c.Honours.Validate(), c.Record.Validate(), c.Disclosure.Validate())
}

// sections gathers the field errors of each part of the settings under the part's name
// ("collective.window_days"), so a form can put each beside its field.
func sections(names []string, errs ...error) error {
	var all invalid.Errors
	for i, err := range errs {
		if err == nil {
			continue
		}
		fe, ok := invalid.As(err)
		if !ok {
			return err
		}
		for _, f := range fe {
			f.Field = names[i] + "." + f.Field
			all = append(all, f)
		}
	}
	return all.Err()
}

func decodeCredit(raw map[string]string) (CreditSettings, error) {
	set := DefaultCreditSettings()
	if v, ok := raw[SettingCredit]; ok {
		if err := json.Unmarshal([]byte(v), &set); err != nil {
			return set, fmt.Errorf("service: setting %s: %w", SettingCredit, err)
		}
	}
	return set, nil
}

func creditSettingsTx(ctx context.Context, tx *store.Tx) (CreditSettings, error) {
	raw, err := tx.Settings(ctx)
	if err != nil {
		return CreditSettings{}, err
	}
	return decodeCredit(raw)
}

// CreditSettings returns the thresholds as they stand, to staff.
func (s *Service) CreditSettings(ctx context.Context, p auth.Principal) (CreditSettings, error) {
	if !p.System && !p.Staff() {
		return CreditSettings{}, ErrForbidden
	}
	raw, err := s.store.Settings(ctx)
	if err != nil {
		return CreditSettings{}, err
	}
	return decodeCredit(raw)
}

// SaveCreditSettings stores the thresholds after checking them; an admin's command.
func (s *Service) SaveCreditSettings(ctx context.Context, u *auth.User, v CreditSettings) (CreditSettings, error) {
	if err := v.Validate(); err != nil {
		return CreditSettings{}, err
	}
	if _, err := s.saveSetting(ctx, u, SettingCredit, v); err != nil {
		return CreditSettings{}, err
	}
	return v, nil
}
