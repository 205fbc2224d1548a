package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"weiquan/internal/auth"
)

// Session lookups gathered (issue 13, branch pgintake5). Every request names
// its session, and on PostgreSQL each lookup was a round trip of its own
// (≈ 11 % of the process's CPU an intake and a statement of the server's, at
// 16 clients). The lookups waiting at a moment now go in one statement, one
// row of arguments each, as the writers gather commands: a lookup asked while
// one is running waits for the next, so each request's answer still comes from
// a statement that began after it asked — the database as it stands, never a
// copy: a session ended or a user stopped by any instance is refused at the
// next request as before. A lone lookup runs the one-row statement as before.

// sessionAsk is one request's session lookup.
type sessionAsk struct {
	ctx                          context.Context
	hash                         string
	now, startedAfter, seenAfter time.Time
	done                         chan sessionAnswer
}

type sessionAnswer struct {
	u    auth.User
	seen time.Time
	err  error
}

// maxSessionAsks bounds the lookups of one statement.
const maxSessionAsks = 64

// sessionOne is the lookup of one session; sessionMany of several, each row
// of the arguments with its position (k.i).
var (
	sessionOne = "SELECT " + prefixed("u.", userCols) + ", s.last_seen_at" +
		" FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.created_at > $3" +
		" AND s.last_seen_at > $4 AND u.active"
	sessionMany = "SELECT " + prefixed("u.", userCols) + ", s.last_seen_at, k.i" +
		" FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[], $4::timestamptz[]) WITH ORDINALITY AS k(h, n, sa, se, i)" +
		" JOIN sessions s ON s.token_hash = k.h JOIN users u ON u.id = s.user_id" +
		" WHERE s.expires_at > k.n AND s.created_at > k.sa AND s.last_seen_at > k.se AND u.active"
)

// startSessionLookups starts n loops answering the session lookups (PostgreSQL).
func (s *Store) startSessionLookups(n int, stop <-chan struct{}) {
	s.sessionQ, s.sessionStop = make(chan *sessionAsk), stop
	for range n {
		go func() {
			for {
				var first *sessionAsk
				select {
				case <-stop:
					return
				case first = <-s.sessionQ:
				}
				asks := []*sessionAsk{first}
			more:
				for len(asks) < maxSessionAsks {
					select {
					case a := <-s.sessionQ:
						asks = append(asks, a)
					default:
						break more
					}
				}
				s.lookSessions(asks)
			}
		}()
	}
}

// askSession hands a lookup to the loops and waits for its answer.
func (s *Store) askSession(ctx context.Context, hash string, now, startedAfter, seenAfter time.Time) (auth.User, time.Time, error) {
	a := &sessionAsk{ctx: ctx, hash: hash, now: utc(now), startedAfter: utc(startedAfter), seenAfter: utc(seenAfter), done: make(chan sessionAnswer, 1)}
	select {
	case s.sessionQ <- a:
	case <-s.sessionStop:
		return auth.User{}, time.Time{}, fmt.Errorf("store: session: %w", errClosed)
	case <-ctx.Done():
		return auth.User{}, time.Time{}, fmt.Errorf("store: session: %w", ctx.Err())
	}
	select {
	case r := <-a.done:
		return r.u, r.seen, r.err
	case <-ctx.Done():
		return auth.User{}, time.Time{}, fmt.Errorf("store: session: %w", ctx.Err())
	}
}

// lookSessions answers asks: one statement for all of them.
func (s *Store) lookSessions(asks []*sessionAsk) {
	if len(asks) == 1 {
		a := asks[0]
		u, seen, err := s.sessionUser(a.ctx, a.hash, a.now, a.startedAfter, a.seenAfter)
		a.done <- sessionAnswer{u, seen, err}
		return
	}
	hashes := make([]string, len(asks))
	nows, started, seen := make([]time.Time, len(asks)), make([]time.Time, len(asks)), make([]time.Time, len(asks))
	for i, a := range asks {
		hashes[i], nows[i], started[i], seen[i] = a.hash, a.now, a.startedAfter, a.seenAfter
	}
	answers := make([]sessionAnswer, len(asks))
	found := make([]bool, len(asks))
	err := func() error {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		rows, err := s.keyed.QueryContext(ctx, sessionMany, hashes, nows, started, seen)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var at time.Time
			var i int64
			u, err := scanUser(scanPlus{rows, []any{&at, &i}})
			if err != nil {
				return err
			}
			if i < 1 || int(i) > len(asks) {
				return fmt.Errorf("row %d of %d lookups", i, len(asks))
			}
			answers[i-1], found[i-1] = sessionAnswer{u: u, seen: at.UTC()}, true
		}
		return rows.Err()
	}()
	for i, a := range asks {
		switch {
		case err != nil:
			answers[i] = sessionAnswer{err: fmt.Errorf("store: session: %w", err)}
		case !found[i]:
			answers[i] = sessionAnswer{err: fmt.Errorf("store: session: %w", ErrNotFound)}
		}
		a.done <- answers[i]
	}
}

// sessionUser is the lookup of one session.
func (s *Store) sessionUser(ctx context.Context, tokenHash string, now, startedAfter, seenAfter time.Time) (auth.User, time.Time, error) {
	// last_seen_at is set for every session (migration 0007 filled the older ones).
	var seen time.Time
	row := s.keyed.QueryRowContext(ctx, sessionOne, tokenHash, utc(now), utc(startedAfter), utc(seenAfter))
	u, err := scanUser(scanPlus{row, []any{&seen}})
	if errors.Is(err, sql.ErrNoRows) {
		return u, seen, fmt.Errorf("store: session: %w", ErrNotFound)
	}
	if err != nil {
		return u, seen, fmt.Errorf("store: session: %w", err)
	}
	return u, seen.UTC(), nil
}
