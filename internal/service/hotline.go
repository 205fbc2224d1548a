package service

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/hotline"
	"weiquan/internal/invalid"
	"weiquan/internal/notify"
	"weiquan/internal/store"
)

// WorkOrderView is a 12345 work order as the office and the centre see it: its state,
// the office's next steps, and how the messages to the centre fared.
type WorkOrderView struct {
	hotline.Order
	StateName string         `json:"state_name"`
	Allowed   []hotline.Step `json:"allowed_steps"` // the office's next steps
	Messages  []MessageView  `json:"messages"`
}

// MessageView is one message of the outbox without its body.
type MessageView struct {
	ID            int64      `json:"id"`
	Kind          string     `json:"kind"`
	Status        string     `json:"status"`
	Attempts      int        `json:"attempts"`
	NextAttemptAt time.Time  `json:"next_attempt_at"`
	LastError     string     `json:"last_error,omitempty"`
	SentAt        *time.Time `json:"sent_at,omitempty"`
}

// officeSteps says which roles take each of the office's steps: anyone of the staff
// signs, handles and replies; a return is a head's decision.
var officeSteps = map[hotline.Step][]auth.Role{
	hotline.StepSign:          {auth.Admin, auth.Supervisor, auth.Operator, auth.Mediator, auth.Judge},
	hotline.StepHandle:        {auth.Admin, auth.Supervisor, auth.Operator, auth.Mediator, auth.Judge},
	hotline.StepReply:         {auth.Admin, auth.Supervisor, auth.Operator, auth.Mediator, auth.Judge},
	hotline.StepRequestReturn: {auth.Admin, auth.Supervisor},
}

// HotlineCaller is who sends the centre's side of the exchange: the 12345 centre by its
// API key, or a head or operator of the office entering what the centre decided.
func (s *Service) HotlineCaller(ctx context.Context, token, addr string) (auth.Principal, error) {
	if token == "" {
		return auth.Principal{}, ErrUnauthorized
	}
	id, err := s.store.ScopedAPIKeyID(ctx, auth.HashToken(token), auth.ScopeHotline)
	if err != nil {
		return auth.Principal{}, err
	}
	if id != 0 {
		return auth.Principal{APIKeyID: id, Hotline: true, Addr: addr}, nil
	}
	u, err := s.UserByToken(ctx, token)
	if err != nil {
		return auth.Principal{}, err
	}
	if u.Role != auth.Admin && u.Role != auth.Supervisor && u.Role != auth.Operator {
		return auth.Principal{}, ErrForbidden
	}
	return auth.Principal{User: &u, Addr: addr}, nil
}

// ReceiveFromCentre takes one message of the centre in its format (a new work order, or
// the centre's step on one) and returns the order as it stands after it.
func (s *Service) ReceiveFromCentre(ctx context.Context, p auth.Principal, doc map[string]any) (WorkOrderView, error) {
	orders, err := s.ReceiveBatchFromCentre(ctx, p, []map[string]any{doc})
	if err != nil {
		return WorkOrderView{}, unprefix(err)
	}
	return s.WorkOrder(ctx, p, orders[0].OrderNo)
}

// ReceiveBatchFromCentre takes a batch of the centre's messages (a file of them) in one
// transaction: all are taken, or none, with every problem named by its place in the batch.
func (s *Service) ReceiveBatchFromCentre(ctx context.Context, p auth.Principal, docs []map[string]any) ([]hotline.Order, error) {
	if !p.Hotline && !(p.User != nil && (p.User.Role == auth.Admin || p.User.Role == auth.Supervisor || p.User.Role == auth.Operator)) {
		return nil, ErrForbidden
	}
	set, err := s.settings(ctx)
	if err != nil {
		return nil, err
	}
	sc := store.Scope{All: true}
	if p.User != nil {
		if sc, err = s.userScope(ctx, p.User); err != nil {
			return nil, err
		}
	}
	now := s.now()
	out := make([]hotline.Order, len(docs))
	var errs invalid.Errors
	err = s.store.Tx(ctx, func(tx *store.Tx) error {
		for i, doc := range docs {
			o, err := s.receiveTx(ctx, tx, p, sc, set.Hotline, doc, now)
			if fe, ok := invalid.As(err); ok {
				for _, f := range fe {
					f.Field = fmt.Sprintf("orders[%d].%s", i, f.Field)
					errs = append(errs, f)
				}
				continue
			}
			if err != nil {
				return err
			}
			out[i] = o
		}
		return errs.Err()
	})
	return out, err
}

// unprefix takes the batch position off the errors of a single message.
func unprefix(err error) error {
	fe, ok := invalid.As(err)
	if !ok {
		return err
	}
	out := make(invalid.Errors, len(fe))
	for i, f := range fe {
		_, f.Field, _ = strings.Cut(f.Field, "].")
		out[i] = f
	}
	return out
}

func (s *Service) receiveTx(ctx context.Context, tx *store.Tx, p auth.Principal, sc store.Scope, mp hotline.Mapping, doc map[string]any, now time.Time) (hotline.Order, error) {
	in, err := mp.In(doc)
	if err != nil {
		return hotline.Order{}, err
	}
	str := func(k string) string { v, _ := in[k].(string); return v }
	orderNo, step := str(hotline.FieldOrderNo), hotline.Step(str(hotline.FieldState))
	var errs invalid.Errors
	errs.Need(mp.Name(hotline.FieldOrderNo), orderNo)
	errs.MaxLen(mp.Name(hotline.FieldOrderNo), orderNo, 64)
	errs.Need(mp.Name(hotline.FieldState), string(step))
	if err := errs.Err(); err != nil {
		return hotline.Order{}, err
	}
	if step == hotline.StepDispatch {
		return s.dispatchTx(ctx, tx, p, mp, in, now)
	}
	o, err := tx.LockWorkOrder(ctx, orderNo)
	if errors.Is(err, store.ErrNotFound) {
		return o, invalid.New(mp.Name(hotline.FieldOrderNo), invalid.NotFound)
	} else if err != nil {
		return o, err
	}
	m, err := tx.LockMatterID(ctx, o.MatterID)
	if err != nil {
		return o, err
	}
	if !Visible(sc, &m) {
		return o, invalid.New(mp.Name(hotline.FieldOrderNo), invalid.NotFound)
	}
	hin := hotline.Input{Note: str(hotline.FieldNote), Reason: str(hotline.FieldReason), Rating: str(hotline.FieldRating)}
	if n, ok := in[hotline.FieldScore].(int); ok {
		hin.Score = &n
	}
	c, err := hotline.Apply(&o, hotline.Centre, step, hin, now)
	if err != nil {
		return o, renameFields(err, mp)
	}
	if err := tx.UpdateWorkOrder(ctx, &o); err != nil {
		return o, err
	}
	return o, s.orderEvent(ctx, tx, p.User, &m, &o, c, hin, now)
}

// dispatchTx makes the matter of a new work order and the order itself.
func (s *Service) dispatchTx(ctx context.Context, tx *store.Tx, p auth.Principal, mp hotline.Mapping, in map[string]any, now time.Time) (hotline.Order, error) {
	str := func(k string) string { v, _ := in[k].(string); return v }
	kind := casework.Kind(str(hotline.FieldKind))
	if kind == "" {
		kind = casework.Complaint
	}
	facts := str(hotline.FieldContent)
	if t := str(hotline.FieldTitle); t != "" && facts != "" && !strings.HasPrefix(facts, t) {
		facts = "【" + t + "】" + facts
	}
	ii := casework.IntakeInput{Kind: kind, Channel: casework.Transfer12345, Facts: facts,
		Consumer:     casework.Party{Name: str(hotline.FieldCallerName), Phone: str(hotline.FieldCallerPhone), Address: str(hotline.FieldAddress)},
		MerchantName: str(hotline.FieldMerchantName), MerchantAddress: str(hotline.FieldMerchantAddr)}
	if at, ok := in[hotline.FieldAt].(time.Time); ok {
		ii.ReceivedAt = &at
	}
	ii.Normalize()
	if err := ii.Validate(now); err != nil {
		return hotline.Order{}, renameFields(err, mp)
	}
	o := hotline.Order{OrderNo: str(hotline.FieldOrderNo), State: hotline.Dispatched, Title: str(hotline.FieldTitle),
		DispatchedAt: now, UpdatedAt: now}
	if ii.ReceivedAt != nil {
		o.DispatchedAt = *ii.ReceivedAt
	}
	if due, ok := in[hotline.FieldDueAt].(time.Time); ok {
		o.CentreDueAt = &due
	}
	if len([]rune(o.Title)) > 200 {
		return o, invalid.New(mp.Name(hotline.FieldTitle), invalid.TooLong, "max", "200")
	}
	if _, err := tx.LockWorkOrder(ctx, o.OrderNo); err == nil {
		return o, invalid.New(mp.Name(hotline.FieldOrderNo), invalid.Duplicate)
	} else if !errors.Is(err, store.ErrNotFound) {
		return o, err
	}
	ms, err := s.intakeTx(ctx, tx, p.User, ii, now)
	if err != nil {
		return o, renameFields(err, mp)
	}
	m := ms[0]
	o.MatterID, o.MatterNumber = m.ID, m.Number
	if err := tx.InsertWorkOrder(ctx, &o); err != nil {
		return o, err
	}
	c := hotline.Change{Step: hotline.StepDispatch, Side: hotline.Centre, To: hotline.Dispatched}
	return o, s.orderEvent(ctx, tx, p.User, &m, &o, c, hotline.Input{}, now)
}

// intakeFields names the intake's fields as the shape does, for errors the centre can read.
var intakeFields = map[string]string{"consumer.name": hotline.FieldCallerName, "consumer.phone": hotline.FieldCallerPhone,
	"consumer.address": hotline.FieldAddress, "facts": hotline.FieldContent, "merchant_name": hotline.FieldMerchantName,
	"merchant_address": hotline.FieldMerchantAddr, "kind": hotline.FieldKind, "received_at": hotline.FieldAt,
	"state": hotline.FieldState, "note": hotline.FieldNote, "reason": hotline.FieldReason, "rating": hotline.FieldRating, "score": hotline.FieldScore}

func renameFields(err error, mp hotline.Mapping) error {
	fe, ok := invalid.As(err)
	if !ok {
		return err
	}
	out := make(invalid.Errors, len(fe))
	for i, f := range fe {
		if n, ok := intakeFields[f.Field]; ok {
			f.Field = mp.Name(n)
		}
		out[i] = f
	}
	return out
}

// WorkOrderStep takes one of the office's steps on a work order (签收, 办理, 回复, 申请退回)
// and puts the message telling the centre in the outbox, in the same transaction. A reply
// is the matter's reply to 12345 as well: it meets the reply clock (R-L27).
func (s *Service) WorkOrderStep(ctx context.Context, p auth.Principal, orderNo string, step hotline.Step, in hotline.Input) (WorkOrderView, error) {
	u := p.User
	if u == nil {
		return WorkOrderView{}, ErrForbidden
	}
	roles, ok := officeSteps[step]
	if !ok {
		var names []string
		for _, st := range hotline.Steps(hotline.Office) {
			names = append(names, string(st))
		}
		return WorkOrderView{}, invalid.New("step", invalid.OneOf, "values", strings.Join(names, ", "))
	}
	if !slices.Contains(roles, u.Role) {
		return WorkOrderView{}, ErrForbidden
	}
	sc, err := s.userScope(ctx, u)
	if err != nil {
		return WorkOrderView{}, err
	}
	pre, err := s.store.WorkOrder(ctx, orderNo)
	if err != nil {
		return WorkOrderView{}, err
	}
	now := s.now()
	err = s.store.Tx(ctx, func(tx *store.Tx) error {
		m, err := tx.LockMatterID(ctx, pre.MatterID) // the matter first, as every command locks
		if err != nil {
			return err
		}
		if !Visible(sc, &m) {
			return store.ErrNotFound
		}
		o, err := tx.LockWorkOrder(ctx, orderNo)
		if err != nil {
			return err
		}
		c, err := hotline.Apply(&o, hotline.Office, step, in, now)
		if err != nil {
			return err
		}
		if step == hotline.StepReply {
			if err := s.actLocked(ctx, tx, u, &m, casework.Reply12345, casework.ActionInput{Note: in.Note}, now); err != nil {
				return err
			}
		}
		if err := tx.UpdateWorkOrder(ctx, &o); err != nil {
			return err
		}
		if err := s.orderEvent(ctx, tx, u, &m, &o, c, in, now); err != nil {
			return err
		}
		return tx.AddMessage(ctx, orderMessage(&o, &m, c, u, in, now))
	})
	if err != nil {
		return WorkOrderView{}, err
	}
	return s.WorkOrder(ctx, p, orderNo)
}

// MatterWorkOrderStep takes one of the office's steps on the work order a matter came
// with, from its case page: the same command as WorkOrderStep, found by the matter's number.
func (s *Service) MatterWorkOrderStep(ctx context.Context, p auth.Principal, number string, step hotline.Step, in hotline.Input) (WorkOrderView, error) {
	if !p.Staff() {
		return WorkOrderView{}, ErrForbidden
	}
	_, m, _, err := s.matterFor(ctx, p, number)
	if err != nil {
		return WorkOrderView{}, err
	}
	o, err := s.store.WorkOrderOfMatter(ctx, m.ID)
	if err != nil {
		return WorkOrderView{}, err
	}
	return s.WorkOrderStep(ctx, p, o.OrderNo, step, in)
}

// orderMessage is the message in the shape that tells the centre of the office's step.
func orderMessage(o *hotline.Order, m *casework.Matter, c hotline.Change, u *auth.User, in hotline.Input, now time.Time) *notify.Message {
	name := hotline.Names[c.To]
	payload := map[string]any{hotline.FieldOrderNo: o.OrderNo, hotline.FieldState: string(c.Step), hotline.FieldStateName: name,
		hotline.FieldAt: now.Format(time.RFC3339Nano), hotline.FieldCaseNumber: m.Number, hotline.FieldHandler: u.Name()}
	if in.Note != "" {
		payload[hotline.FieldNote] = strings.TrimSpace(in.Note)
	}
	if c.Step == hotline.StepRequestReturn {
		payload[hotline.FieldReason] = in.Reason
	}
	id := m.ID
	return &notify.Message{Kind: "work_order_" + string(c.Step), Channel: notify.Hotline, Recipient: o.OrderNo, Lang: "zh-CN",
		Subject: "12345 " + o.OrderNo + " " + name, Body: strings.TrimSpace("工单 " + o.OrderNo + "：" + name + "。" + in.Note),
		Payload: payload, MatterID: &id, CreatedAt: now, NextAttemptAt: now}
}

// orderEvent puts a step of the work order on the matter's timeline.
func (s *Service) orderEvent(ctx context.Context, tx *store.Tx, u *auth.User, m *casework.Matter, o *hotline.Order, c hotline.Change, in hotline.Input, now time.Time) error {
	ac := actor(u)
	if u == nil {
		ac.Name = "12345热线 / 12345 centre"
	}
	data := map[string]any{"order_no": o.OrderNo, "step": string(c.Step), "side": string(c.Side), "to": string(c.To)}
	if c.From != "" {
		data["from"] = string(c.From)
	}
	for k, v := range map[string]string{"reason": in.Reason, "rating": in.Rating} {
		if v != "" {
			data[k] = v
		}
	}
	if in.Score != nil {
		data["score"] = *in.Score
	}
	ev := casework.Event{MatterID: m.ID, At: now, ActorID: ac.ID, ActorName: ac.Name, Action: casework.WorkOrder,
		From: m.State, To: m.State, Note: strings.TrimSpace(in.Note), Data: data}
	return tx.AppendEvent(ctx, &ev)
}

// WorkOrder reads a work order for the centre or for staff who see its matter.
func (s *Service) WorkOrder(ctx context.Context, p auth.Principal, orderNo string) (WorkOrderView, error) {
	o, err := s.store.WorkOrder(ctx, orderNo)
	if err != nil {
		return WorkOrderView{}, err
	}
	if !p.Hotline && !p.System {
		if !p.Staff() {
			return WorkOrderView{}, ErrForbidden
		}
		sc, err := s.userScope(ctx, p.User)
		if err != nil {
			return WorkOrderView{}, err
		}
		m, err := s.store.Matter(ctx, o.MatterID)
		if err != nil {
			return WorkOrderView{}, err
		}
		if !Visible(sc, &m) {
			return WorkOrderView{}, store.ErrNotFound
		}
	}
	return s.orderView(ctx, o)
}

// WorkOrderOfMatter is the work order a matter came with, for its case page; nil when none.
func (s *Service) workOrderOfMatter(ctx context.Context, matterID int64) (*WorkOrderView, error) {
	o, err := s.store.WorkOrderOfMatter(ctx, matterID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	v, err := s.orderView(ctx, o)
	return &v, err
}

func (s *Service) orderView(ctx context.Context, o hotline.Order) (WorkOrderView, error) {
	v := WorkOrderView{Order: o, StateName: hotline.Names[o.State], Allowed: hotline.Allowed(hotline.Office, &o), Messages: []MessageView{}}
	msgs, err := s.store.MatterMessages(ctx, o.MatterID)
	if err != nil {
		return v, err
	}
	for _, m := range msgs {
		if m.Channel != notify.Hotline || m.Recipient != o.OrderNo {
			continue
		}
		v.Messages = append(v.Messages, MessageView{ID: m.ID, Kind: m.Kind, Status: m.Status, Attempts: m.Attempts,
			NextAttemptAt: m.NextAttemptAt, LastError: m.LastError, SentAt: m.SentAt})
	}
	return v, nil
}

// HotlineMapping is the mapping as it stands, for the sender, which reads it at every send.
func (s *Service) HotlineMapping(ctx context.Context) (hotline.Mapping, error) {
	set, err := s.settings(ctx)
	return set.Hotline, err
}
