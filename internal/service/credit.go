package service

import (
	"context"
	"errors"
	"strconv"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/calendar"
	"weiquan/internal/credit"
	"weiquan/internal/invalid"
	"weiquan/internal/merchant"
	"weiquan/internal/store"
)

// Alerts of the abnormal-operations list.
const (
	AlertListingDue     = "listing_due"     // a listing or removal decision's working days ran out (R-L36, R-L37)
	AlertListingRemind  = "listing_remind"  // the public reminder 60 days before three years listed (R-L38)
	AlertListingSerious = "listing_serious" // three years listed: proposed for the serious-violation list (R-L38)
	AlertCustodyMany    = "custody_many"    // a custody company has K or more listed unreachable shops (R-L39)
)

// Clock kinds of a procedure.
const (
	ClockListingDecision = "listing_decision"
	ClockRemovalDecision = "removal_decision"
	ClockObjectionAccept = "objection_accept" // + ":<objection id>": an individual business's objection accepted or not in 5 WD (R-L37)
	ClockObjectionVerify = "objection_verify" // + ":<objection id>": and, accepted, verified in 20 WD (R-L37)
	ClockPublicReminder  = "public_reminder"
	ClockSeriousList     = "serious_list"
)

// ErrListingRunning means the merchant has a procedure running or stands listed already.
var ErrListingRunning = invalid.New("merchant_id", invalid.Duplicate)

func creditWorker(p auth.Principal) bool {
	r := p.Role()
	return r == auth.Admin || r == auth.Supervisor || r == auth.Operator
}

func creditDecider(p auth.Principal) bool {
	r := p.Role()
	return r == auth.Admin || r == auth.Supervisor
}

// OpenListing starts the unreachable-merchant procedure for a merchant (R-L36).
func (s *Service) OpenListing(ctx context.Context, p auth.Principal, merchantID int64) (credit.Listing, error) {
	if !creditWorker(p) {
		return credit.Listing{}, ErrForbidden
	}
	now := s.now()
	var l credit.Listing
	err := s.store.Tx(ctx, func(tx *store.Tx) error {
		m, err := tx.Merchant(ctx, merchantID)
		if errors.Is(err, store.ErrNotFound) {
			return invalid.New("merchant_id", invalid.NotFound)
		} else if err != nil {
			return err
		}
		l = credit.Open(m, now)
		if err := tx.InsertListing(ctx, &l); errors.Is(err, store.ErrDuplicate) {
			return ErrListingRunning
		} else if err != nil {
			return err
		}
		return s.recordAs(ctx, tx, p, "listing_open", "merchant", strconv.FormatInt(m.ID, 10), map[string]any{"listing_id": l.ID})
	})
	return l, err
}

// ListingStep is one command on a procedure.
type ListingStep struct {
	Action    string         // attempt, refer, list, ask_removal, remove, object, accept_objection, decide_objection
	Attempt   credit.Attempt // attempt
	Reason    credit.Reason  // list
	Ref       string         // list, remove: the decision's document number
	Ground    string         // ask_removal: address_change or renewed_contact
	Text      string         // object: the objection; decide_objection: the decision
	Objection int            // accept_objection, decide_objection: which one (0-based)
	Upheld    bool           // decide_objection
}

// ListingActions lists the commands a procedure takes.
var ListingActions = []string{"attempt", "refer", "list", "ask_removal", "remove", "object", "accept_objection", "decide_objection"}

// StepListing carries out one command on a procedure in one transaction: the rule of the
// credit package decides, the clocks follow, a custody company with many listed shops raises
// its alert (R-L39), the audit log keeps who did it. Decisions are a supervisor's or admin's.
func (s *Service) StepListing(ctx context.Context, p auth.Principal, id int64, st ListingStep) (credit.Listing, error) {
	if !creditWorker(p) {
		return credit.Listing{}, ErrForbidden
	}
	switch st.Action {
	case "list", "remove", "accept_objection", "decide_objection":
		if !creditDecider(p) {
			return credit.Listing{}, ErrForbidden
		}
	case "attempt", "refer", "ask_removal", "object":
	default:
		return credit.Listing{}, invalid.New("action", invalid.OneOf, "values", "attempt, refer, list, ask_removal, remove, object, accept_objection, decide_objection")
	}
	now := s.now()
	var l credit.Listing
	err := s.store.Tx(ctx, func(tx *store.Tx) error {
		var err error
		if l, err = tx.LockListing(ctx, id); err != nil {
			return err
		}
		set, err := creditSettingsTx(ctx, tx)
		if err != nil {
			return err
		}
		env, err := s.clockEnv(ctx, tx)
		if err != nil {
			return err
		}
		wasOn := l.Status.OnList()
		r := set.Listing
		switch st.Action {
		case "attempt":
			a := st.Attempt
			if a.At.IsZero() {
				a.At = now
			}
			if p.User != nil {
				uid := p.User.ID
				a.ByID, a.By = &uid, p.User.Name()
			}
			err = l.Record(a, env.cal, r, now)
		case "refer":
			err = l.Refer(env.cal, r, now)
		case "list":
			err = l.List(st.Reason, st.Ref, r, now)
		case "ask_removal":
			err = l.AskRemoval(st.Ground, env.cal, r, now)
		case "remove":
			err = l.Remove(st.Ref, now)
		case "object":
			err = l.Object(credit.Objection{ReceivedAt: now, Text: st.Text}, env.cal, now)
		case "accept_objection":
			err = l.AcceptObjection(st.Objection, env.cal, now)
		case "decide_objection":
			err = l.DecideObjection(st.Objection, st.Upheld, st.Text, now)
		}
		if err != nil {
			return err
		}
		if err := tx.UpdateListing(ctx, &l); err != nil {
			return err
		}
		if err := tx.SyncListingClocks(ctx, l.ID, listingClocks(&l), now); err != nil {
			return err
		}
		if !wasOn && l.Status.OnList() && l.CustodyID != nil && l.Reason == credit.AddressUnreachable {
			if err := custodyAlert(ctx, tx, *l.CustodyID, r, now); err != nil {
				return err
			}
		}
		return s.recordAs(ctx, tx, p, "listing_"+st.Action, "merchant", strconv.FormatInt(l.MerchantID, 10),
			map[string]any{"listing_id": l.ID, "status": string(l.Status)})
	})
	return l, err
}

// listingClocks are the clocks a procedure should have running as it stands.
func listingClocks(l *credit.Listing) map[string]time.Time {
	want := map[string]time.Time{}
	if l.Status == credit.Referred && l.DecisionDue != nil {
		want[ClockListingDecision] = *l.DecisionDue
	}
	if l.Status.OnList() && l.RemovalDue != nil {
		want[ClockRemovalDecision] = *l.RemovalDue
	}
	for _, o := range l.Objections { // each undecided objection its own clock, named by its id
		if !l.Status.OnList() || o.DecidedAt != nil || o.ID == 0 {
			continue
		}
		if o.AcceptedAt == nil && o.AcceptDue != nil {
			want[ClockObjectionAccept+":"+strconv.FormatInt(o.ID, 10)] = *o.AcceptDue
		}
		if o.AcceptedAt != nil && o.VerifyDue != nil {
			want[ClockObjectionVerify+":"+strconv.FormatInt(o.ID, 10)] = *o.VerifyDue
		}
	}
	if l.Status == credit.Listed && l.ReminderAt != nil && l.ReminderPublished == nil {
		want[ClockPublicReminder] = *l.ReminderAt
	}
	if l.Status == credit.Listed && l.SeriousAt != nil {
		want[ClockSeriousList] = *l.SeriousAt
	}
	return want
}

func custodyAlert(ctx context.Context, tx *store.Tx, custodyID int64, r credit.Rules, now time.Time) error {
	n, err := tx.CustodyListedCount(ctx, custodyID)
	if err != nil || !credit.CustodyAlert(n, r) {
		return err
	}
	c, err := tx.Merchant(ctx, custodyID)
	if err != nil {
		return err
	}
	// One standing alert per custody company while it is unread.
	payload := map[string]any{"custody_id": custodyID, "custody": c.Name}
	if dup, err := tx.UnreadAlertExists(ctx, AlertCustodyMany, payload); err != nil || dup {
		return err
	}
	return tx.AddAlert(ctx, &store.Alert{Kind: AlertCustodyMany, CreatedAt: now, Payload: payload})
}

// scanListings fires the procedures' due clocks, each claimed in its own transaction so it
// fires once — after a restart and across instances too.
func (s *Service) scanListings(ctx context.Context, now time.Time) error {
	due, err := s.store.DueListingClocks(ctx, now, scanBatch)
	if err != nil {
		return err
	}
	var failed error
	for _, c := range due {
		err := s.store.Tx(ctx, func(tx *store.Tx) error {
			l, err := tx.LockListing(ctx, c.ListingID)
			if err != nil {
				return err
			}
			if ok, err := tx.ClaimListingClock(ctx, c.ID, now); err != nil || !ok {
				return err
			}
			payload := map[string]any{"listing_id": l.ID, "merchant_id": l.MerchantID, "merchant": l.MerchantName, "clock": c.Kind,
				"due_at": c.DueAt.Format(time.RFC3339)}
			kind := AlertListingDue
			switch c.Kind {
			case ClockPublicReminder:
				if !l.RemindPublicly(now) {
					return nil
				}
				kind = AlertListingRemind
			case ClockSeriousList:
				if !l.ProposeSerious(now) {
					return nil
				}
				kind = AlertListingSerious
			}
			if err := tx.UpdateListing(ctx, &l); err != nil {
				return err
			}
			if err := tx.SyncListingClocks(ctx, l.ID, listingClocks(&l), now); err != nil {
				return err
			}
			return tx.AddAlert(ctx, &store.Alert{Kind: kind, CreatedAt: now, Payload: payload})
		})
		if err != nil {
			if ctx.Err() != nil {
				return err
			}
			failed = errors.Join(failed, err)
		}
	}
	return failed
}

// ListingFilter narrows the procedures listed (store.ListingFilter).
type ListingFilter = store.ListingFilter

// HonourFilter narrows the honours listed (store.HonourFilter).
type HonourFilter = store.HonourFilter

// Listings lists the procedures for staff, newest first.
func (s *Service) Listings(ctx context.Context, p auth.Principal, f ListingFilter) ([]credit.Listing, error) {
	if !p.System && !p.Staff() {
		return nil, ErrForbidden
	}
	return s.store.Listings(ctx, f)
}

// Listing reads one procedure with its attempts and objections, for staff.
func (s *Service) Listing(ctx context.Context, p auth.Principal, id int64) (credit.Listing, error) {
	if !p.System && !p.Staff() {
		return credit.Listing{}, ErrForbidden
	}
	return s.store.Listing(ctx, id)
}

// PublicListing is one entry of the abnormal-operations list as the public sees it: the
// business, the ground in its exact wording, the decision and its date — no person's data.
type PublicListing struct {
	Merchant    string `json:"merchant"`
	USCC        string `json:"uscc,omitempty"`
	Marked      bool   `json:"marked"` // an individual business: 标记经营异常状态, not listed (R-L35)
	Reason      string `json:"reason"`
	ReasonText  string `json:"reason_text"`
	ListedOn    string `json:"listed_on"`
	DecisionRef string `json:"decision_ref"`
	Reminder    bool   `json:"serious_list_reminder"` // the 60-day public reminder is out (R-L38)
	Proposed    bool   `json:"serious_list_proposed"`
}

// AbnormalList is the current abnormal-operations list for anyone, the public included: what
// the portal renders. It carries no personal data and is the same for every principal.
func (s *Service) AbnormalList(ctx context.Context, _ auth.Principal) ([]PublicListing, error) {
	ls, err := s.store.Listings(ctx, store.ListingFilter{OnList: true, Limit: 2000})
	if err != nil {
		return nil, err
	}
	out := make([]PublicListing, 0, len(ls))
	for _, l := range ls {
		e := PublicListing{Merchant: l.MerchantName, USCC: l.USCC, Marked: l.Individual, Reason: string(l.Reason), ReasonText: l.Reason.Text(),
			DecisionRef: l.DecisionRef, Reminder: l.ReminderPublished != nil, Proposed: l.Status == credit.SeriousProposed}
		if l.ListedAt != nil {
			e.ListedOn = shDate(*l.ListedAt)
		}
		out = append(out, e)
	}
	return out, nil
}

// MerchantCredit is the credit side of a merchant's page: the domicile check of a
// cluster-registered shop, its custody agreement, its procedures.
type MerchantCredit struct {
	Merchant  merchant.Merchant `json:"merchant"`
	Problems  []string          `json:"domicile_problems,omitempty"`
	Agreement *credit.Agreement `json:"custody_agreement,omitempty"`
	Listings  []credit.Listing  `json:"listings"`
}

// MerchantCreditOf reads the credit side of a merchant, for staff.
func (s *Service) MerchantCreditOf(ctx context.Context, p auth.Principal, merchantID int64) (MerchantCredit, error) {
	if !p.System && !p.Staff() {
		return MerchantCredit{}, ErrForbidden
	}
	m, err := s.store.Merchant(ctx, merchantID)
	if err != nil {
		return MerchantCredit{}, err
	}
	mc := MerchantCredit{Merchant: m, Problems: credit.DomicileProblems(m)}
	if a, err := s.store.CustodyAgreement(ctx, merchantID); err == nil {
		mc.Agreement = &a
	} else if !errors.Is(err, store.ErrNotFound) {
		return mc, err
	}
	if mc.Listings, err = s.store.Listings(ctx, store.ListingFilter{MerchantID: &merchantID}); err != nil {
		return mc, err
	}
	if mc.Listings == nil {
		mc.Listings = []credit.Listing{}
	}
	return mc, nil
}

// SaveAgreement records a cluster-registered shop's custody agreement (R-L39).
func (s *Service) SaveAgreement(ctx context.Context, p auth.Principal, a credit.Agreement) error {
	if !creditDecider(p) {
		return ErrForbidden
	}
	if err := a.Validate(); err != nil {
		return err
	}
	now := s.now()
	return s.store.Tx(ctx, func(tx *store.Tx) error {
		for _, id := range []int64{a.MerchantID, a.CustodyID} {
			if _, err := tx.Merchant(ctx, id); errors.Is(err, store.ErrNotFound) {
				return invalid.New("custody_id", invalid.NotFound)
			} else if err != nil {
				return err
			}
		}
		if err := tx.SaveAgreement(ctx, a, now); err != nil {
			return err
		}
		return s.recordAs(ctx, tx, p, "custody_agreement", "merchant", strconv.FormatInt(a.MerchantID, 10), a)
	})
}

// shDate is the day of t in Asia/Shanghai, as public pages print it.
func shDate(t time.Time) string { return calendar.DateOf(t).String() }
