package store

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
)

// Signals are how the instances of one office on one PostgreSQL tell each other of
// something at once — a call ringing at the desk — without polling. They carry no data
// that matters once delivered: what is durable is in the tables, and a signal lost while
// a listener reconnects only means a browser learns of it on its next load.
const ChannelCalls = "weiquan_calls"

// Signal sends payload to every instance listening on channel when the transaction
// commits (PostgreSQL NOTIFY, sent only on commit, in commit order). On SQLite, where one
// process is the whole office, it sends nothing and reports false: the caller tells its
// own listeners after the commit.
func (t *Tx) Signal(ctx context.Context, channel, payload string) (bool, error) {
	if t.dialect != Postgres {
		return false, nil
	}
	if _, err := t.tx.ExecContext(ctx, "SELECT pg_notify($1, $2)", scoped(channel, t.ns), payload); err != nil {
		return false, fmt.Errorf("store: signal %s: %w", channel, err)
	}
	return true, nil
}

// Signals reports whether this store carries signals between instances.
func (s *Store) Signals() bool { return s.dialect == Postgres }

// Listen calls fn with the payload of every signal on channel until ctx ends, on a
// connection of its own, reconnecting after one is lost. ready is called once the first
// LISTEN is in place, so a caller may wait for it before relying on the signals. On
// SQLite it returns at once.
func (s *Store) Listen(ctx context.Context, channel string, ready func(), fn func(payload string)) {
	if s.dialect != Postgres {
		ready()
		return
	}
	first := true
	for ctx.Err() == nil {
		err := s.listenOnce(ctx, channel, func() {
			if first {
				first = false
				ready()
			}
		}, fn)
		if ctx.Err() != nil {
			return
		}
		slog.Warn("store: listener lost, reconnecting", "channel", channel, "error", err)
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Second):
		}
	}
}

func (s *Store) listenOnce(ctx context.Context, channel string, ready func(), fn func(string)) error {
	conn, err := pgx.Connect(ctx, s.url)
	if err != nil {
		return err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := conn.Exec(ctx, "LISTEN "+pgx.Identifier{scoped(channel, s.ns)}.Sanitize()); err != nil {
		return err
	}
	ready()
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return err
		}
		fn(n.Payload)
	}
}

// scoped is a channel's name within one schema: signals are database-wide, and one
// database may hold the schemas of several offices (or of parallel tests).
func scoped(channel, ns string) string {
	name := channel + "." + ns
	if len(name) > 63 { // an identifier's limit; NOTIFY would refuse a longer name
		name = name[:63]
	}
	return name
}
