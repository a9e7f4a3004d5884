package ingest

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
)

// Progress receives an import's progress. Update may be called often; an
// implementation throttles its own output.
type Progress interface {
	Start(total int)
	Update(s Summary)
	Finish(s Summary)
}

type nopProgress struct{}

func (nopProgress) Start(int)      {}
func (nopProgress) Update(Summary) {}
func (nopProgress) Finish(Summary) {}

// NewProgress reports to w: a live bar (done/total, files/s, failures,
// ETA) when w is a terminal, else a plain line every interval.
func NewProgress(w io.Writer, terminal bool, interval time.Duration) Progress {
	if terminal {
		return &barProgress{w: w}
	}
	return &lineProgress{w: w, every: interval}
}

type barProgress struct {
	w   io.Writer
	bar *progressbar.ProgressBar
}

func (p *barProgress) Start(total int) {
	p.bar = progressbar.NewOptions(total,
		progressbar.OptionSetWriter(p.w),
		progressbar.OptionSetDescription("importing"),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("files"),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetWidth(30),
		progressbar.OptionClearOnFinish(),
	)
}

func (p *barProgress) Update(s Summary) {
	p.bar.Describe(fmt.Sprintf("importing (%d failed)", s.Failed))
	p.bar.Set(s.Seen)
}

func (p *barProgress) Finish(s Summary) {
	p.bar.Finish()
}

type lineProgress struct {
	w     io.Writer
	every time.Duration
	mu    sync.Mutex
	total int
	start time.Time
	last  time.Time
}

func (p *lineProgress) Start(total int) {
	p.total, p.start, p.last = total, time.Now(), time.Now()
}

func (p *lineProgress) Update(s Summary) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if time.Since(p.last) < p.every {
		return
	}
	p.last = time.Now()
	el := time.Since(p.start).Seconds()
	rate := float64(s.Seen) / max(el, 1e-9)
	eta := "?"
	if rate > 0 && p.total >= s.Seen {
		eta = (time.Duration(float64(p.total-s.Seen)/rate) * time.Second).Round(time.Second).String()
	}
	fmt.Fprintf(p.w, "import: %d/%d files, %.0f files/s, %d failed, ETA %s\n", s.Seen, p.total, rate, s.Failed, eta)
}

func (p *lineProgress) Finish(Summary) {}

// Report writes the summary at the end of an import.
func (s Summary) Report(w io.Writer) {
	rate := float64(s.Seen) / max(s.Elapsed.Seconds(), 1e-9)
	fmt.Fprintf(w, "%d files in %s (%.0f files/s): %d imported, %d re-parsed, %d duplicates skipped, %d failed, %d reports with failed checks\n",
		s.Seen, s.Elapsed.Round(time.Millisecond), rate, s.Imported, s.Reparsed, s.Duplicates, s.Failed, s.FailedChecks)
	if len(s.ByReason) > 0 {
		var rs []string
		for r, n := range s.ByReason {
			rs = append(rs, fmt.Sprintf("%s %d", r, n))
		}
		sort.Strings(rs)
		fmt.Fprintf(w, "failed by reason: %s (list them: gongkai failures --reason REASON)\n", strings.Join(rs, ", "))
	}
}
