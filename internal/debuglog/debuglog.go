// Package debuglog is where recovered panics leave their stack traces: the
// file named by $GONGKAI_DEBUG_LOG (appended to); without it they are not
// kept (the one-line error Recovered returns still names the stage, the
// subject and the panic). A stack trace never goes into the failures
// ledger, a report, a diagnostic or an API answer.
//
// gongkai recovers panics only at its boundaries: around each third-party
// decoder (one per format: the PDF, OLE, ZIP and HTML readers, gse, bleve's
// query parser), at the parse of one file (so one bad file cannot stop an
// import) and at the HTTP handler.
package debuglog

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"sync"
	"time"
)

// ErrPanic marks an error made from a recovered panic: a bug, or a
// third-party decoder that could not cope with its input.
var ErrPanic = errors.New("internal error")

var mu sync.Mutex

// Recovered logs v and the current goroutine's stack (call it in the
// deferred function that recovered v) and returns an error naming the stage
// and the subject (a file name, "page 3", a request), wrapping ErrPanic.
func Recovered(stage, subject string, v any) error {
	if os.Getenv("GONGKAI_DEBUG_LOG") != "" {
		Write(fmt.Sprintf("%s: %s: panic: %v\n%s", stage, subject, v, debug.Stack()))
	}
	if subject == "" {
		return fmt.Errorf("%s: %w: %v (GONGKAI_DEBUG_LOG=FILE keeps the stack trace)", stage, ErrPanic, v)
	}
	return fmt.Errorf("%s: %s: %w: %v (GONGKAI_DEBUG_LOG=FILE keeps the stack trace)", stage, subject, ErrPanic, v)
}

// Write appends one entry to the debug log ($GONGKAI_DEBUG_LOG), with the
// time; without the variable, or when the file cannot be opened, the entry
// is dropped.
func Write(entry string) {
	path := os.Getenv("GONGKAI_DEBUG_LOG")
	if path == "" {
		return
	}
	mu.Lock()
	defer mu.Unlock()
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return
	}
	defer f.Close()
	var w io.Writer = f
	fmt.Fprintf(w, "gongkai debug %s %s\n", time.Now().UTC().Format(time.RFC3339), entry)
}
