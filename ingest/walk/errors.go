package walk

import (
	"context"
	"errors"
)

// Sentinel errors wrapped by Item.Err and by the errors Item.Read returns.
// Test them with errors.Is; map them to ledger codes with Reason.
var (
	// ErrTooLarge: a file or member larger than Options.MaxFileSize.
	ErrTooLarge = errors.New("file too large")
	// ErrZipBomb: a member whose compression ratio, count or total size
	// exceeds the limits, or which expands beyond its declared size.
	ErrZipBomb = errors.New("zip bomb")
	// ErrTraversal: a member name that is absolute, has a drive letter, a
	// ".." component or a NUL byte.
	ErrTraversal = errors.New("zip member path escapes the archive")
	// ErrTooDeep: an archive nested deeper than Options.MaxZipDepth.
	ErrTooDeep = errors.New("zip nested too deep")
	// ErrCorruptZip: an archive or member that cannot be decoded.
	ErrCorruptZip = errors.New("corrupt zip")
	// ErrEncrypted: an encrypted member (general purpose flag bit 0).
	ErrEncrypted = errors.New("encrypted zip member")
	// ErrUnsupported: a member compressed with a method other than store
	// or deflate (e.g. deflate64, bzip2, LZMA from 7-Zip).
	ErrUnsupported = errors.New("unsupported zip compression method")
	// ErrNotRegular: a FIFO, device or socket; never opened.
	ErrNotRegular = errors.New("not a regular file")
	// ErrUnreadable: the file system refused (missing, permission, I/O);
	// wrapped together with the underlying *fs.PathError.
	ErrUnreadable = errors.New("unreadable")
)

// reasons maps sentinels to ledger codes, most specific first.
var reasons = []struct {
	err  error
	code string
}{
	{ErrTraversal, "path-traversal"},
	{ErrEncrypted, "encrypted-zip-member"},
	{ErrUnsupported, "unsupported-zip-method"},
	{ErrZipBomb, "zip-bomb"},
	{ErrTooDeep, "zip-too-deep"},
	{ErrTooLarge, "too-large"},
	{ErrCorruptZip, "corrupt-zip"},
	{ErrNotRegular, "not-regular-file"},
	{context.Canceled, "canceled"},
	{context.DeadlineExceeded, "canceled"},
	{ErrUnreadable, "unreadable"},
}

// Reason returns a short stable code for the failures ledger: "too-large",
// "zip-bomb", "path-traversal", "zip-too-deep", "corrupt-zip",
// "encrypted-zip-member", "unsupported-zip-method", "not-regular-file",
// "canceled" or "unreadable" (also the code for any other error). It
// returns "" for a nil error.
func Reason(err error) string {
	if err == nil {
		return ""
	}
	for _, r := range reasons {
		if errors.Is(err, r.err) {
			return r.code
		}
	}
	return "unreadable"
}
