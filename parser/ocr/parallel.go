package ocr

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"sync"
)

// ParallelEnv names the environment variable that sets how many batches
// of pages this process reads at once (default GOMAXPROCS).
const ParallelEnv = "GONGKAI_OCR_PARALLEL"

var (
	slotsOnce sync.Once
	slots     chan struct{}
)

// Parallel is how many batches of pages (BatchPages each) the process
// reads at once, over all the documents it parses: $GONGKAI_OCR_PARALLEL
// when set to a positive number, else GOMAXPROCS. Each batch is one run
// of the engine at a time, single-threaded, and holds its page images
// until it is read, so this bounds both the CPUs OCR takes and its memory,
// whatever the length and number of the scans.
func Parallel() int {
	slotsOnce.Do(func() {
		n := runtime.GOMAXPROCS(0)
		if v, err := strconv.Atoi(os.Getenv(ParallelEnv)); err == nil && v > 0 {
			n = v
		}
		slots = make(chan struct{}, n)
	})
	return cap(slots)
}

// Slot waits for one of the process's Parallel reading slots and returns
// the function that gives it back.
func Slot(ctx context.Context) (release func(), err error) {
	Parallel()
	select {
	case slots <- struct{}{}:
		return func() { <-slots }, nil
	case <-ctx.Done():
		return nil, fmt.Errorf("ocr: %w", ctx.Err())
	}
}
