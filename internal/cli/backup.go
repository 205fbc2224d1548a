package cli

import (
	"archive/tar"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"weiquan/internal/service"
	"weiquan/internal/store"
)

// backupFormat names the archive layout; restore refuses any other.
const backupFormat = "weiquan-backup/1"

// manifest is the first member of a backup archive: what it holds and each
// file's SHA-256, checked by restore before anything is written.
type manifest struct {
	Format    string         `json:"format"`
	CreatedAt time.Time      `json:"created_at"`
	Files     []manifestFile `json:"files"`
}

type manifestFile struct {
	Name   string `json:"name"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// runBackup writes a consistent copy of a SQLite office — the database with
// its attachments and documents, and the audit head — into one archive while
// the office serves. The audit key is never put in it: it is kept apart from
// the backups (docs/BACKUP.md).
func runBackup(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	out := fs.String("out", "", "the archive to write (.tar.gz); must not exist")
	rest, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if *out == "" || len(rest) > 0 {
		return errors.New("usage: weiquan backup --out FILE [--data DIR]")
	}
	if env.DB != "" {
		return store.ErrNotSQLite
	}
	if _, err := os.Stat(filepath.Join(env.Data, store.DBFile)); err != nil {
		return fmt.Errorf("no office in %s: %w", env.Data, err)
	}
	if _, err := os.Stat(*out); err == nil {
		return fmt.Errorf("%s exists; choose a new file", *out)
	}
	tmp, err := os.MkdirTemp(filepath.Dir(*out), ".weiquan-backup-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	// The head first: it may then name an entry older than the copy's last,
	// which verifies; a head newer than the copy would look like a cut log.
	files := []string{}
	if b, err := os.ReadFile(filepath.Join(env.Data, service.AuditHeadFile)); err == nil {
		if err := os.WriteFile(filepath.Join(tmp, service.AuditHeadFile), b, 0o600); err != nil {
			return err
		}
		files = append(files, service.AuditHeadFile)
	} else if !errors.Is(err, os.ErrNotExist) {
		return err
	}
	st, err := store.Open(ctx, store.Options{DataDir: env.Data})
	if err != nil {
		return err
	}
	err = st.CopyTo(ctx, filepath.Join(tmp, store.DBFile))
	st.Close()
	if err != nil {
		return err
	}
	files = append([]string{store.DBFile}, files...)
	m := manifest{Format: backupFormat, CreatedAt: time.Now().UTC()}
	for _, name := range files {
		sum, size, err := fileSum(filepath.Join(tmp, name))
		if err != nil {
			return err
		}
		m.Files = append(m.Files, manifestFile{Name: name, Size: size, SHA256: sum})
	}
	if err := writeArchive(*out, tmp, m); err != nil {
		os.Remove(*out)
		return err
	}
	fmt.Fprintf(env.Stdout, "备份完成 backup written: %s (%d bytes of database). 审计密钥不在备份中 The audit key is not in it: keep audit.key (or WEIQUAN_AUDIT_KEY) apart.\n", *out, m.Files[0].Size)
	return nil
}

func fileSum(path string) (string, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	return hex.EncodeToString(h.Sum(nil)), n, err
}

func writeArchive(out, dir string, m manifest) error {
	f, err := os.OpenFile(out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	zw := gzip.NewWriter(f)
	tw := tar.NewWriter(zw)
	mb, _ := json.MarshalIndent(m, "", "  ")
	err = tw.WriteHeader(&tar.Header{Name: "MANIFEST.json", Mode: 0o600, Size: int64(len(mb)), ModTime: m.CreatedAt})
	if err == nil {
		_, err = tw.Write(mb)
	}
	for _, fm := range m.Files {
		if err != nil {
			break
		}
		err = func() error {
			src, err := os.Open(filepath.Join(dir, fm.Name))
			if err != nil {
				return err
			}
			defer src.Close()
			if err := tw.WriteHeader(&tar.Header{Name: fm.Name, Mode: 0o600, Size: fm.Size, ModTime: m.CreatedAt}); err != nil {
				return err
			}
			_, err = io.Copy(tw, src)
			return err
		}()
	}
	err = errors.Join(err, tw.Close(), zw.Close(), f.Sync(), f.Close())
	return err
}

// runRestore unpacks a backup into an empty data folder. Every file is
// checked against the manifest and the database against SQLite's integrity
// check before it takes its name; a bad archive leaves the folder as it was.
func runRestore(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("restore", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	rest, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return errors.New("usage: weiquan restore FILE --data DIR (an empty or new folder)")
	}
	if env.DB != "" {
		return store.ErrNotSQLite
	}
	if entries, err := os.ReadDir(env.Data); err == nil && len(entries) > 0 {
		return fmt.Errorf("恢复只写入空目录 restore writes only into an empty folder; %s holds %d entries", env.Data, len(entries))
	}
	if err := os.MkdirAll(env.Data, 0o750); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(env.Data, ".restore-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	m, err := readArchive(rest[0], tmp)
	if err != nil {
		return fmt.Errorf("备份文件无效 not a valid backup: %w", err)
	}
	if err := store.CheckFile(ctx, filepath.Join(tmp, store.DBFile)); err != nil {
		return fmt.Errorf("备份文件无效 not a valid backup: %w", err)
	}
	for _, fm := range m.Files {
		if err := os.Rename(filepath.Join(tmp, fm.Name), filepath.Join(env.Data, fm.Name)); err != nil {
			return err
		}
	}
	fmt.Fprintf(env.Stdout, "恢复完成 restored the backup of %s into %s. 请放回审计密钥 Put the audit key back (audit.key or WEIQUAN_AUDIT_KEY), then run weiquan verify-audit.\n",
		m.CreatedAt.Format(time.RFC3339), env.Data)
	return nil
}

// readArchive unpacks an archive into dir, refusing anything but the
// manifest's own files with their sizes and checksums.
func readArchive(path, dir string) (manifest, error) {
	var m manifest
	f, err := os.Open(path)
	if err != nil {
		return m, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return m, err
	}
	tr := tar.NewReader(zr)
	h, err := tr.Next()
	if err != nil || h.Name != "MANIFEST.json" || h.Size > 1<<20 {
		return m, errors.New("no manifest first")
	}
	if err := json.NewDecoder(io.LimitReader(tr, 1<<20)).Decode(&m); err != nil {
		return m, fmt.Errorf("manifest: %w", err)
	}
	if m.Format != backupFormat {
		return m, fmt.Errorf("format %q, want %q", m.Format, backupFormat)
	}
	want := map[string]manifestFile{}
	for _, fm := range m.Files {
		if fm.Name != store.DBFile && fm.Name != service.AuditHeadFile {
			return m, fmt.Errorf("unexpected file %q", fm.Name)
		}
		want[fm.Name] = fm
	}
	if _, ok := want[store.DBFile]; !ok {
		return m, errors.New("no database in the archive")
	}
	got := 0
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return m, err
		}
		fm, ok := want[h.Name]
		if !ok || h.Typeflag != tar.TypeReg || h.Size != fm.Size || strings.Contains(h.Name, "/") {
			return m, fmt.Errorf("unexpected member %q", h.Name)
		}
		delete(want, h.Name)
		dst, err := os.OpenFile(filepath.Join(dir, h.Name), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return m, err
		}
		hs := sha256.New()
		n, err := io.Copy(io.MultiWriter(dst, hs), io.LimitReader(tr, fm.Size))
		err = errors.Join(err, dst.Sync(), dst.Close())
		if err != nil {
			return m, err
		}
		if n != fm.Size || hex.EncodeToString(hs.Sum(nil)) != fm.SHA256 {
			return m, fmt.Errorf("%s does not match its checksum", h.Name)
		}
		got++
	}
	if len(want) > 0 {
		return m, fmt.Errorf("%d files of the manifest missing", len(want))
	}
	return m, nil
}
