// Package debuglog is where recovered panics leave their stack traces: the
// file named by $GONGKAI_DEBUG_LOG (appended to), else standard error. A
// stack trace never goes into the failures ledger, a report or an API
// answer; those get Recovered's one-line error.
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
	Write(fmt.Sprintf("%s: %s: panic: %v\n%s", stage, subject, v, debug.Stack()))
	if subject == "" {
		return fmt.Errorf("%s: %w: %v (stack trace in the debug log)", stage, ErrPanic, v)
	}
	return fmt.Errorf("%s: %s: %w: %v (stack trace in the debug log)", stage, subject, ErrPanic, v)
}

// Write appends one entry to the debug log, with the time.
func Write(entry string) {
	mu.Lock()
	defer mu.Unlock()
	var w io.Writer = os.Stderr
	if path := os.Getenv("GONGKAI_DEBUG_LOG"); path != "" {
		f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		if err == nil {
			defer f.Close()
			w = f
		}
	}
	fmt.Fprintf(w, "gongkai debug %s %s\n", time.Now().UTC().Format(time.RFC3339), entry)
}
