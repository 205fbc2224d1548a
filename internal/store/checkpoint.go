package store

import (
	"context"
	"log/slog"
	"time"
)

// SQLite's checkpoint — copying the WAL's pages into the database file and
// syncing both — ran inside a commit of the writer whenever the WAL had grown
// by 1,000 pages (wal_autocheckpoint), so every few dozen batches one batch's
// callers waited for the copy and two fsyncs besides their own work (issue 13:
// with the writer's automatic checkpoint off, 16 clients acknowledged 18 %
// more a second and p99 fell by a fifth; BENCHMARKS.md, "The writer without
// its checkpoints"). The writer now never checkpoints (wal_autocheckpoint(0)
// in its DSN); the store copies the WAL from a connection of its own, beside
// the writer: PASSIVE, so it waits for no one and no one waits for it, at most
// every checkpointEvery while commits keep coming, and at once after the
// first commit at an idle office. A commit is durable before any checkpoint
// (the WAL holds it), so nothing of R-P1 depends on when this runs. What a
// PASSIVE checkpoint cannot copy (a reader still needs older pages) the next
// one does, as the writer's automatic one would have.
//
// Commits made outside the writers' transactions (a fill, a migration, the
// raw limit) need not say so: the checkpointer also runs every
// checkpointIdle, which costs nothing when the WAL holds nothing new.
const (
	checkpointEvery = 100 * time.Millisecond
	checkpointIdle  = time.Second
)

// startCheckpointer runs the checkpoints of an SQLite store until Close.
func (s *Store) startCheckpointer() {
	kick, stop := make(chan struct{}, 1), make(chan struct{})
	s.ckptKick, s.ckptStop = kick, stop
	s.ckptWG.Add(1)
	go func() {
		defer s.ckptWG.Done()
		idle := time.NewTicker(checkpointIdle)
		defer idle.Stop()
		for {
			select {
			case <-stop:
				return
			case <-kick:
			case <-idle.C:
			}
			s.checkpoint()
			t := time.NewTimer(checkpointEvery)
			select {
			case <-stop:
				t.Stop()
				return
			case <-t.C:
			}
		}
	}()
}

// checkpoint copies what it can of the WAL into the database file.
func (s *Store) checkpoint() {
	var busy, log, done int
	err := s.ckpt.QueryRowContext(context.Background(), "PRAGMA wal_checkpoint(PASSIVE)").Scan(&busy, &log, &done)
	if err != nil {
		slog.Warn("store: checkpoint", "err", err)
		return
	}
	s.ckptLog.Store(int64(log))
	s.ckptDone.Store(int64(done))
	s.checkpoints.Add(1)
}

// committed tells the checkpointer that the writer committed (SQLite).
func (s *Store) committed() {
	if s.ckptKick == nil {
		return
	}
	select {
	case s.ckptKick <- struct{}{}:
	default:
	}
}

// stopCheckpointer ends the checkpoints; Close then closes their connection.
func (s *Store) stopCheckpointer() {
	if s.ckptStop != nil {
		close(s.ckptStop)
		s.ckptStop = nil
	}
	s.ckptWG.Wait()
}
