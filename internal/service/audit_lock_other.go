//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package service

// lockFile does nothing where flock is missing: one process's mutex still orders
// its own head writes, but instances must not share a data folder there.
func lockFile(string) (func(), error) { return func() {}, nil }
