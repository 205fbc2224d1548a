package service

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"weiquan/internal/auth"
	"weiquan/internal/fault"
	"weiquan/internal/ledger"
	"weiquan/internal/store"
)

// An uploaded ledger waits in the database between its preview and its commit, under a
// random token that only its uploader can use, so that the preview and the commit may be
// served by different instances. Keeping it — rather than asking the browser to send it
// again or to carry it in the page — means the file committed is byte for byte the file
// previewed (its SHA-256 is shown and recorded). It is gone after PreviewTTL; after the
// commit only what the commit did is kept, for the result page. The commit still checks
// every row again, so nothing from the preview is trusted.
const (
	PreviewTTL      = 30 * time.Minute
	previewBytes    = 256 << 20 // all waiting files together
	previewsPerUser = 3
)

// Preview is an uploaded ledger waiting for its commit, or the commit's result.
type Preview struct {
	Name, SHA string
	Data      []byte         // nil once committed
	Result    *ledger.Result // after the commit: what it did
}

// StashImport keeps an uploaded ledger for its uploader and returns its token and
// SHA-256; the user's (or everyone's) oldest files make room.
func (s *Service) StashImport(ctx context.Context, u *auth.User, name string, data []byte) (string, string, error) {
	if !MayImport(u) || u == nil {
		return "", "", ErrForbidden
	}
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", "", fmt.Errorf("service: import token: %w", err)
	}
	tok := hex.EncodeToString(b[:])
	sum := sha256.Sum256(data)
	sha := hex.EncodeToString(sum[:])
	now := s.now()
	err := s.store.Tx(ctx, func(tx *store.Tx) error {
		if err := tx.SweepImportPreviews(ctx, now); err != nil {
			return err
		}
		for {
			mine, bytes, err := tx.ImportPreviewSpace(ctx, u.ID)
			if err != nil {
				return err
			}
			if mine < previewsPerUser && bytes+int64(len(data)) <= previewBytes {
				break
			}
			owner := int64(0)
			if mine >= previewsPerUser {
				owner = u.ID
			}
			dropped, err := tx.DropOldestImportPreview(ctx, owner)
			if err != nil {
				return err
			}
			if !dropped {
				break
			}
		}
		return tx.PutImportPreview(ctx, store.ImportPreview{TokenHash: auth.HashToken(tok), UserID: u.ID, CreatedAt: now,
			ExpiresAt: now.Add(PreviewTTL), FileName: name, SHA256: sha, Size: int64(len(data)), Data: data})
	})
	if err != nil {
		return "", "", err
	}
	return tok, sha, nil
}

// ImportPreview returns what a token holds, for its uploader only; fault.ErrNotFound when
// it has expired or is someone else's.
func (s *Service) ImportPreview(ctx context.Context, u *auth.User, token string) (Preview, error) {
	if u == nil || token == "" {
		return Preview{}, fault.ErrNotFound
	}
	p, err := s.store.ImportPreview(ctx, auth.HashToken(token), u.ID, s.now(), true)
	if err != nil {
		return Preview{}, err
	}
	return previewOf(p)
}

// ClaimImport marks a waiting file as being committed, so a second click — on this
// instance or another — cannot import it twice; fault.ErrConflict when it is not waiting.
func (s *Service) ClaimImport(ctx context.Context, u *auth.User, token string) (Preview, error) {
	if u == nil || token == "" {
		return Preview{}, fault.ErrNotFound
	}
	now, hash := s.now(), auth.HashToken(token)
	var ok bool
	err := s.store.Tx(ctx, func(tx *store.Tx) error {
		var err error
		ok, err = tx.ClaimImportPreview(ctx, hash, u.ID, now)
		return err
	})
	if err != nil {
		return Preview{}, err
	}
	if !ok {
		return Preview{}, fmt.Errorf("service: import %s is not waiting: %w", token[:min(8, len(token))], fault.ErrConflict)
	}
	p, err := s.store.ImportPreview(ctx, hash, u.ID, now, true)
	if err != nil {
		return Preview{}, err
	}
	return previewOf(p)
}

// ReleaseImport gives a claimed file back after a commit that did not happen.
func (s *Service) ReleaseImport(ctx context.Context, token string) error {
	return s.store.Tx(ctx, func(tx *store.Tx) error { return tx.ReleaseImportPreview(ctx, auth.HashToken(token)) })
}

// FinishImport replaces a committed file by what its commit did, for the result page.
func (s *Service) FinishImport(ctx context.Context, token string, res *ledger.Result) error {
	b, err := json.Marshal(savedResult{Result: res, FailArgs: argsOf(res.Failures), WarnArgs: argsOf(res.Warnings)})
	if err != nil {
		return fmt.Errorf("service: keep import result: %w", err)
	}
	now := s.now()
	return s.store.Tx(ctx, func(tx *store.Tx) error {
		return tx.FinishImportPreview(ctx, auth.HashToken(token), string(b), now.Add(PreviewTTL))
	})
}

// savedResult is a commit's result as kept: the message arguments JSON leaves out ride beside it.
type savedResult struct {
	Result   *ledger.Result `json:"result"`
	FailArgs [][]string     `json:"fail_args"`
	WarnArgs [][]string     `json:"warn_args"`
}

func argsOf(ps []ledger.Problem) [][]string {
	out := make([][]string, len(ps))
	for i, p := range ps {
		out[i] = p.Args
	}
	return out
}

func previewOf(p store.ImportPreview) (Preview, error) {
	out := Preview{Name: p.FileName, SHA: p.SHA256, Data: p.Data}
	if p.State != store.PreviewDone {
		if out.Data == nil {
			out.Data = []byte{}
		}
		return out, nil
	}
	out.Data = nil
	var sr savedResult
	if err := json.Unmarshal([]byte(p.Result), &sr); err != nil || sr.Result == nil {
		return out, errors.Join(fmt.Errorf("service: import result unreadable"), err)
	}
	for i := range sr.Result.Failures {
		if i < len(sr.FailArgs) {
			sr.Result.Failures[i].Args = sr.FailArgs[i]
		}
	}
	for i := range sr.Result.Warnings {
		if i < len(sr.WarnArgs) {
			sr.Result.Warnings[i].Args = sr.WarnArgs[i]
		}
	}
	out.Result = sr.Result
	return out, nil
}
