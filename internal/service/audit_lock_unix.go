//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package service

import (
	"fmt"
	"os"
	"syscall"
)

// lockFile takes an exclusive lock on path, so instances sharing a data folder
// write the audit head one at a time.
func lockFile(path string) (unlock func(), err error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("service: audit head lock: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, fmt.Errorf("service: audit head lock: %w", err)
	}
	return func() {
		_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}
