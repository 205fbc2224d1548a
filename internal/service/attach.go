package service

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"weiquan/internal/auth"
	"weiquan/internal/casework"
	"weiquan/internal/invalid"
	"weiquan/internal/store"
)

// MaxAttachment is the largest file a matter keeps (a phone photo of a receipt fits easily).
const MaxAttachment = 10 << 20

// AttachmentTypes are the kinds of file a matter keeps, decided by the bytes, never by the name.
var AttachmentTypes = map[string]string{"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp", "application/pdf": ".pdf"}

// SniffAttachment returns the type of a file from its content, or "" when it is not one we keep.
func SniffAttachment(data []byte) string {
	ct := http.DetectContentType(data)
	if _, ok := AttachmentTypes[ct]; ok {
		return ct
	}
	return ""
}

// Attach keeps a file with a matter and records it in the timeline, in one
// transaction; any staff member who may see the matter may attach, in any state.
func (s *Service) Attach(ctx context.Context, p auth.Principal, number, name string, data []byte, note string) (casework.Attachment, error) {
	u := p.User
	if u == nil || !u.Role.Staff() {
		return casework.Attachment{}, ErrForbidden
	}
	var errs invalid.Errors
	ct := ""
	switch {
	case len(data) == 0:
		errs.Add("file", invalid.Required)
	case len(data) > MaxAttachment:
		errs.Add("file", "too_large", "max", "10 MB")
	default:
		if ct = SniffAttachment(data); ct == "" {
			errs.Add("file", invalid.OneOf, "values", "JPEG, PNG, WebP, PDF")
		}
	}
	if err := errs.Err(); err != nil {
		return casework.Attachment{}, err
	}
	sc, err := s.userScope(ctx, u)
	if err != nil {
		return casework.Attachment{}, err
	}
	sum := sha256.Sum256(data)
	a := casework.Attachment{Name: cleanFileName(name, ct), ContentType: ct, Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:]),
		Data: data, UploadedBy: &u.ID, CreatedAt: s.now()}
	err = s.store.Tx(ctx, func(tx *store.Tx) error {
		m, err := tx.LockMatter(ctx, number)
		if err != nil {
			return err
		}
		if !Visible(sc, &m) {
			return store.ErrNotFound
		}
		ev, err := casework.Apply(&m, actor(u), casework.Attach, casework.ActionInput{Note: note}, a.CreatedAt)
		if err != nil {
			return err
		}
		a.MatterID = m.ID
		if err := tx.InsertAttachment(ctx, &a); err != nil {
			return err
		}
		ev.Data = map[string]any{"attachment_id": a.ID, "name": a.Name, "size": a.Size, "content_type": a.ContentType}
		if err := tx.UpdateMatter(ctx, &m); err != nil {
			return err
		}
		return tx.AppendEvent(ctx, &ev)
	})
	a.Data = nil
	return a, err
}

// cleanFileName keeps the base of an uploaded name, short and printable, with the extension of its real type.
func cleanFileName(name, ct string) string {
	name = filepath.Base(strings.ReplaceAll(strings.ToValidUTF8(name, ""), `\`, "/"))
	name = strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f || r == '"' {
			return -1
		}
		return r
	}, name)
	ext := AttachmentTypes[ct]
	name = strings.TrimSuffix(name, filepath.Ext(name))
	if name == "" || name == "." || name == "/" {
		name = "file"
	}
	if utf8.RuneCountInString(name) > 80 {
		name = string([]rune(name)[:80])
	}
	return name + ext
}
