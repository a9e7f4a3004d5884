//go:build !unix

package doc

import "path/filepath"

// acquireProfile gives every conversion a fresh profile (no file locks
// here to share one safely).
func acquireProfile(dir string) (string, func()) {
	return filepath.Join(dir, "profile"), func() {}
}
