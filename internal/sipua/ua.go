// Package sipua is the hotline desk's telephony part: a SIP user agent, built on sipgo,
// that registers as the desk's extension and watches the calls that ring it. It reports
// each call — ringing, answered at the desk (the PBX cancels with "completed elsewhere"),
// ended — to weiquan, which pops the caller's card in the operators' browsers. It never
// answers a call itself: the operator's own phone does.
package sipua

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strings"
	"time"

	"github.com/emiago/sipgo"
	"github.com/emiago/sipgo/sip"

	"weiquan/internal/desk"
)

// Config says where the user agent listens and which PBX it registers with.
type Config struct {
	Listen    string        // UDP host:port the PBX sends the extension's calls to, e.g. 0.0.0.0:5060
	Extension string        // the desk's extension (its SIP user), e.g. 12315
	Registrar string        // host:port of the PBX's registrar; empty: calls come without registering
	Password  string        // the extension's password at the registrar (digest authentication)
	Expires   time.Duration // how long a registration lasts; renewed at half of it
	MaxRing   time.Duration // a call that rings longer is given up (480); default 5 minutes
}

// Reporter is told of every call event: the service's RecordCall.
type Reporter func(ctx context.Context, e desk.Event) error

// HeaderRecording names where the PBX keeps the call's recording, when it says.
var recordingHeaders = []string{"X-Recording-Ref", "X-Recording", "X-Record-File"}

// UA is a running user agent.
type UA struct {
	cfg    Config
	report Reporter
	now    func() time.Time
	ua     *sipgo.UserAgent
	srv    *sipgo.Server
	conn   net.PacketConn
}

// New prepares a user agent; Listen binds its socket and Serve answers on it.
func New(cfg Config, report Reporter, now func() time.Time) (*UA, error) {
	if cfg.MaxRing == 0 {
		cfg.MaxRing = 5 * time.Minute
	}
	if cfg.Expires == 0 {
		cfg.Expires = time.Hour
	}
	if now == nil {
		now = time.Now
	}
	ua, err := sipgo.NewUA(sipgo.WithUserAgent("weiquan-desk"))
	if err != nil {
		return nil, fmt.Errorf("sipua: %w", err)
	}
	srv, err := sipgo.NewServer(ua)
	if err != nil {
		return nil, fmt.Errorf("sipua: %w", err)
	}
	u := &UA{cfg: cfg, report: report, now: now, ua: ua, srv: srv}
	srv.OnInvite(u.onInvite)
	srv.OnOptions(func(req *sip.Request, tx sip.ServerTransaction) {
		_ = tx.Respond(sip.NewResponseFromRequest(req, sip.StatusOK, "OK", nil))
	})
	srv.OnBye(func(req *sip.Request, tx sip.ServerTransaction) {
		_ = tx.Respond(sip.NewResponseFromRequest(req, sip.StatusOK, "OK", nil))
		u.tell(desk.Event{CallID: req.CallID().Value(), Caller: caller(req), Extension: u.extension(req), State: desk.Ended, At: u.now()})
	})
	return u, nil
}

// Listen binds the UDP socket; Addr then says where it is.
func (u *UA) Listen() error {
	c, err := net.ListenPacket("udp", u.cfg.Listen)
	if err != nil {
		return fmt.Errorf("sipua: listen %s: %w", u.cfg.Listen, err)
	}
	u.conn = c
	return nil
}

// Addr is the address the user agent listens on.
func (u *UA) Addr() string { return u.conn.LocalAddr().String() }

// Serve answers SIP on the bound socket until ctx ends, registering with the registrar
// when one is configured.
func (u *UA) Serve(ctx context.Context) error {
	if u.conn == nil {
		if err := u.Listen(); err != nil {
			return err
		}
	}
	go func() {
		<-ctx.Done()
		_ = u.conn.Close()
		_ = u.srv.Close()
	}()
	if u.cfg.Registrar != "" {
		go u.registerLoop(ctx)
	}
	err := u.srv.ServeUDP(u.conn)
	if ctx.Err() != nil {
		return nil
	}
	return err
}

// onInvite reports a ringing call and keeps it ringing (180) until the PBX cancels it:
// with "completed elsewhere" (RFC 3326 cause 200) the desk answered, otherwise the
// caller gave up.
func (u *UA) onInvite(req *sip.Request, tx sip.ServerTransaction) {
	callID := req.CallID().Value()
	e := desk.Event{CallID: callID, Caller: caller(req), Extension: u.extension(req), State: desk.Ringing, At: u.now()}
	for _, h := range recordingHeaders {
		if v := req.GetHeader(h); v != nil {
			e.RecordingRef = strings.TrimSpace(v.Value())
			break
		}
	}
	_ = tx.Respond(sip.NewResponseFromRequest(req, sip.StatusTrying, "Trying", nil))
	u.tell(e)
	ringing := sip.NewResponseFromRequest(req, sip.StatusRinging, "Ringing", nil)
	ringing.To().Params.Add("tag", sip.GenerateTagN(16))
	if err := tx.Respond(ringing); err != nil {
		slog.Warn("sipua: ringing", "call", callID, "error", err)
		return
	}
	tx.OnCancel(func(r *sip.Request) {
		st := desk.Ended
		if reason := r.GetHeader("Reason"); reason != nil && strings.Contains(reason.Value(), "cause=200") {
			st = desk.Answered
		}
		u.tell(desk.Event{CallID: callID, Caller: e.Caller, Extension: e.Extension, State: st, At: u.now(), RecordingRef: e.RecordingRef})
	})
	select {
	case <-tx.Done():
	case <-time.After(u.cfg.MaxRing):
		_ = tx.Respond(sip.NewResponseFromRequest(req, sip.StatusTemporarilyUnavailable, "Temporarily Unavailable", nil))
		u.tell(desk.Event{CallID: callID, Caller: e.Caller, Extension: e.Extension, State: desk.Ended, At: u.now()})
	}
}

// tell reports an event; an event the service refuses (a withheld number) is logged, and
// the call rings on at the desk as it would without weiquan.
func (u *UA) tell(e desk.Event) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := u.report(ctx, e); err != nil {
		slog.Warn("sipua: call not recorded", "call", e.CallID, "state", e.State, "error", err)
	}
}

// caller is the calling number: the PBX's asserted identity when it gives one, else From.
func caller(req *sip.Request) string {
	if h := req.GetHeader("P-Asserted-Identity"); h != nil {
		v := h.Value()
		if i, j := strings.Index(v, "<"), strings.Index(v, ">"); i >= 0 && j > i {
			v = v[i+1 : j]
		}
		return v
	}
	if f := req.From(); f != nil {
		return f.Address.User
	}
	return ""
}

func (u *UA) extension(req *sip.Request) string {
	if u.cfg.Extension != "" {
		return u.cfg.Extension
	}
	return req.Recipient.User
}

// registerLoop keeps the extension registered, renewing at half the expiry and retrying
// a failure after a minute.
func (u *UA) registerLoop(ctx context.Context) {
	for {
		wait := u.cfg.Expires / 2
		if err := u.Register(ctx); err != nil {
			slog.Error("sipua: register", "registrar", u.cfg.Registrar, "error", err)
			wait = time.Minute
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
	}
}

// ErrRegister means the registrar refused the extension.
var ErrRegister = errors.New("sipua: registration refused")

// Register registers the extension once, answering a digest challenge with the password.
func (u *UA) Register(ctx context.Context) error {
	host, port, err := net.SplitHostPort(u.Addr())
	if err != nil {
		return err
	}
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	client, err := sipgo.NewClient(u.ua, sipgo.WithClientHostname(host))
	if err != nil {
		return fmt.Errorf("sipua: client: %w", err)
	}
	defer client.Close()
	var to sip.Uri
	if err := sip.ParseUri("sip:"+u.cfg.Extension+"@"+u.cfg.Registrar, &to); err != nil {
		return fmt.Errorf("sipua: registrar %q: %w", u.cfg.Registrar, err)
	}
	req := sip.NewRequest(sip.REGISTER, to)
	req.AppendHeader(sip.NewHeader("Contact", fmt.Sprintf("<sip:%s@%s:%s>", u.cfg.Extension, host, port)))
	req.AppendHeader(sip.NewHeader("Expires", fmt.Sprint(int(u.cfg.Expires.Seconds()))))
	req.SetTransport("UDP")
	rctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	res, err := client.Do(rctx, req, sipgo.ClientRequestRegisterBuild)
	if err != nil {
		return fmt.Errorf("sipua: register: %w", err)
	}
	if res.StatusCode == sip.StatusUnauthorized || res.StatusCode == sip.StatusProxyAuthRequired {
		res, err = client.DoDigestAuth(rctx, req, res, sipgo.DigestAuth{Username: u.cfg.Extension, Password: u.cfg.Password})
		if err != nil {
			return fmt.Errorf("sipua: register: %w", err)
		}
	}
	if res.StatusCode != sip.StatusOK {
		return fmt.Errorf("%w: %d %s", ErrRegister, res.StatusCode, res.Reason)
	}
	return nil
}
