//go:build unix

package bleveindex

import "golang.org/x/sys/unix"

// dropPages tells the kernel that the process no longer needs the pages
// of a read-only file mapping (MADV_DONTNEED: for a shared file mapping
// the pages stay in the page cache, and reading them again faults them
// back in from there; nothing is lost). Errors are ignored: the pages then
// just stay resident.
func dropPages(b []byte) {
	if len(b) > 0 {
		_ = unix.Madvise(b, unix.MADV_DONTNEED)
	}
}
