//go:build unix

package doc

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
)

// A LibreOffice user profile takes seconds to initialise on first use, so
// conversions reuse a few profiles kept in the temp directory, one per
// slot, each locked (flock) while a conversion uses it: two soffice
// processes never share a profile, across goroutines or processes.

// acquireProfile returns a profile directory and a release function. When
// every slot is busy it falls back to a fresh profile under dir.
func acquireProfile(dir string) (string, func()) {
	base := filepath.Join(os.TempDir(), fmt.Sprintf("gongkai-libreoffice-%d", os.Getuid()))
	for slot := 0; slot < max(2, runtime.NumCPU()); slot++ {
		p := filepath.Join(base, fmt.Sprint(slot))
		if err := os.MkdirAll(p, 0o700); err != nil {
			break
		}
		f, err := os.OpenFile(filepath.Join(base, fmt.Sprintf("%d.lock", slot)), os.O_CREATE|os.O_RDWR, 0o600)
		if err != nil {
			break
		}
		if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
			f.Close()
			continue
		}
		return p, func() {
			syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
			f.Close()
		}
	}
	return filepath.Join(dir, "profile"), func() {}
}
