// Package ingest is the import pipeline: it walks files, directories and
// zip archives, skips what the archive already holds (by content hash),
// parses the rest in parallel on all cores, and commits reports and
// failures to the catalog in batches. It is idempotent and resumable: a
// re-run (also after a crash or a kill) does only what is missing.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"runtime/trace"
	"sync"
	"time"

	"gongkai/corpus"
	"gongkai/index"
	"gongkai/ingest/walk"
)

// DefaultMaxSize is the default Options.Walk.MaxFileSize of an import: 50
// MiB, several times the largest real report (text and HTML reports are
// 5–200 KB, PDFs a few MB). A larger file or zip member is refused before
// it is read, with reason too-large (its memory is never spent).
const DefaultMaxSize = 50 << 20

// Options tune an import.
type Options struct {
	Workers     int           // parallel parsers; default: the number of CPUs
	BatchSize   int           // entries per catalog transaction; default 200
	FlushEvery  time.Duration // commit at least this often; default 2 s
	RetryFailed bool          // re-parse documents whose earlier parse failed
	Walk        walk.Options  // MaxFileSize defaults to DefaultMaxSize
	Progress    Progress      // nil: silent
	// Index, when set, is given the reports of every committed batch.
	Index index.Backend
}

func (o *Options) defaults() {
	if o.Workers <= 0 {
		o.Workers = runtime.NumCPU()
	}
	if o.BatchSize <= 0 {
		o.BatchSize = 200
	}
	if o.FlushEvery <= 0 {
		o.FlushEvery = 2 * time.Second
	}
	if o.Progress == nil {
		o.Progress = nopProgress{}
	}
	if o.Walk.MaxFileSize <= 0 {
		o.Walk.MaxFileSize = DefaultMaxSize
	}
}

// Summary counts what an import did.
type Summary struct {
	Seen         int            // files and archive members looked at
	Imported     int            // new reports
	Reparsed     int            // reports parsed again (retry, reparse)
	Duplicates   int            // byte-identical to a document already imported
	Failed       int            // files that could not be imported
	ByReason     map[string]int // failures by reason
	FailedChecks int            // imported reports with a failed check
	Elapsed      time.Duration
}

func (s *Summary) add(o outcome) {
	s.Seen++
	switch {
	case o.duplicate:
		s.Duplicates++
	case o.failed != "":
		s.Failed++
		if s.ByReason == nil {
			s.ByReason = map[string]int{}
		}
		s.ByReason[o.failed]++
	case o.reparsed:
		s.Reparsed++
	default:
		s.Imported++
	}
	if o.failedChecks {
		s.FailedChecks++
	}
}

// outcome is what happened to one file, for the summary.
type outcome struct {
	duplicate, reparsed, failedChecks bool
	failed                            string // reason
}

// job is one file to import, or one stored document to parse again.
type job struct {
	item  walk.Item
	sha   string // set for re-parses: the document is read from its blob
	again bool
}

// result is a job's catalog entry and outcome.
type result struct {
	entry corpus.Entry
	out   outcome
	skip  bool // nothing to write
}

// Import imports the files, directories and zip archives at paths.
func Import(ctx context.Context, st *corpus.Store, paths []string, opt Options) (Summary, error) {
	opt.defaults()
	total, err := walk.Count(ctx, paths, opt.Walk)
	if err != nil {
		return Summary{}, fmt.Errorf("import: %w", err)
	}
	return run(ctx, st, opt, total, func(ctx context.Context, jobs chan<- job) error {
		return walk.Walk(ctx, paths, opt.Walk, func(it walk.Item) error {
			select {
			case jobs <- job{item: it}:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	})
}

// Reparse parses stored documents again from their blobs: those parsed by
// an older parser version (outdated) or those whose parse failed (retry).
func Reparse(ctx context.Context, st *corpus.Store, shas []string, opt Options) (Summary, error) {
	opt.defaults()
	return run(ctx, st, opt, len(shas), func(ctx context.Context, jobs chan<- job) error {
		for _, sha := range shas {
			select {
			case jobs <- job{sha: sha, again: true}:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		return nil
	})
}

// run feeds jobs from produce to the workers of pipeline.
func run(ctx context.Context, st *corpus.Store, opt Options, total int, produce func(context.Context, chan<- job) error) (Summary, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan job, opt.Workers*2)
	var prodErr error
	go func() {
		defer close(jobs)
		prodErr = produce(ctx, jobs)
	}()
	sum, err := pipeline(ctx, st, opt, total, func(ctx context.Context, claims *claimSet, send func(result) bool) {
		for j := range jobs {
			var r result
			trace.WithRegion(ctx, "parse", func() { r = work(ctx, st, j, opt.RetryFailed, claims) })
			if !send(r) {
				return
			}
		}
	})
	if err != nil {
		return sum, err
	}
	if prodErr != nil && !errors.Is(prodErr, context.Canceled) {
		return sum, fmt.Errorf("import: %w", prodErr)
	}
	return sum, ctx.Err()
}

// pipeline runs opt.Workers copies of worker, which turn their input into
// results and send them (send reports false once the import stops), and
// the single catalog writer that commits the results in batches. Workers
// share one claim set, so identical content met twice is parsed once.
func pipeline(ctx context.Context, st *corpus.Store, opt Options, total int, worker func(ctx context.Context, claims *claimSet, send func(result) bool)) (Summary, error) {
	start := time.Now()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// Room for a whole batch: the workers go on parsing while the writer
	// commits the previous one.
	results := make(chan result, max(opt.Workers*4, opt.BatchSize))
	send := func(r result) bool {
		select {
		case results <- r:
			return true
		case <-ctx.Done():
			return false
		}
	}
	claims := &claimSet{m: map[string]bool{}}
	var wg sync.WaitGroup
	for range opt.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			worker(ctx, claims, send)
		}()
	}
	go func() { wg.Wait(); close(results) }()

	opt.Progress.Start(total)
	sum, err := write(ctx, st, opt, results)
	sum.Elapsed = time.Since(start)
	opt.Progress.Finish(sum)
	if err != nil {
		cancel()
		for range results { // let the workers finish
		}
		return sum, err
	}
	return sum, ctx.Err()
}

// write batches results into catalog transactions. The reports of a
// committed batch go to the index in a goroutine of their own (indexer),
// so that the next batch is synced and committed while the index analyses
// this one: the index never holds a report the catalog does not.
func write(ctx context.Context, st *corpus.Store, opt Options, results <-chan result) (sum Summary, err error) {
	// Commits outlive a cancelled import: what was parsed is kept.
	cctx := context.WithoutCancel(ctx)
	idx := newIndexer(cctx, opt.Index)
	defer func() {
		if ierr := idx.close(); err == nil {
			err = ierr
		}
	}()
	batch := make([]corpus.Entry, 0, opt.BatchSize)
	var pending []outcome
	flush := func() error {
		if len(batch) == 0 {
			return idx.err()
		}
		// The regions name the steps in an execution trace (GONGKAI_TRACE).
		var err error
		trace.WithRegion(cctx, "sync blobs", func() { err = syncBatch(st, batch) })
		if err != nil {
			return err
		}
		trace.WithRegion(cctx, "commit", func() { err = st.Commit(cctx, batch) })
		if err != nil {
			return err
		}
		trace.WithRegion(cctx, "hand to indexer", func() { err = idx.add(batch) })
		if err != nil {
			return err
		}
		for _, o := range pending {
			sum.add(o)
		}
		batch, pending = batch[:0], pending[:0]
		opt.Progress.Update(sum)
		return nil
	}
	tick := time.NewTicker(opt.FlushEvery)
	defer tick.Stop()
	for {
		select {
		case r, ok := <-results:
			if !ok {
				return sum, flush()
			}
			if r.skip {
				sum.add(r.out)
				opt.Progress.Update(sum)
				continue
			}
			batch = append(batch, r.entry)
			pending = append(pending, r.out)
			if len(batch) >= opt.BatchSize {
				if err := flush(); err != nil {
					return sum, err
				}
			}
		case <-tick.C:
			if err := flush(); err != nil {
				return sum, err
			}
		case <-ctx.Done():
			// Commit what was parsed: nothing done is lost on Ctrl-C.
			if err := flush(); err != nil {
				return sum, err
			}
			return sum, ctx.Err()
		}
	}
}

// indexer feeds committed batches to the index, one at a time and in
// order, behind the catalog writer. It holds at most one batch waiting.
type indexer struct {
	ix    index.Backend
	ch    chan []*corpus.Report
	done  chan struct{}
	mu    sync.Mutex
	first error
}

func newIndexer(ctx context.Context, ix index.Backend) *indexer {
	x := &indexer{ix: ix, ch: make(chan []*corpus.Report, 1), done: make(chan struct{})}
	go func() {
		defer close(x.done)
		for reports := range x.ch {
			if x.err() != nil {
				continue // drain: the import stops at its next batch
			}
			var err error
			trace.WithRegion(ctx, "index", func() { err = ix.Index(ctx, reports) })
			if err != nil {
				x.mu.Lock()
				x.first = fmt.Errorf("index %d reports: %w", len(reports), err)
				x.mu.Unlock()
			}
		}
	}()
	return x
}

// add hands the reports of a committed batch to the index; it returns the
// error of an earlier batch, if any.
func (x *indexer) add(batch []corpus.Entry) error {
	if x.ix == nil {
		return nil
	}
	reports := make([]*corpus.Report, 0, len(batch))
	for i := range batch {
		if batch[i].Report != nil {
			reports = append(reports, batch[i].Report)
		}
	}
	if err := x.err(); err != nil {
		return err
	}
	if len(reports) > 0 {
		x.ch <- reports
	}
	return nil
}

func (x *indexer) err() error {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.first
}

// close waits until every batch handed over is indexed and returns the
// first indexing error.
func (x *indexer) close() error {
	close(x.ch)
	<-x.done
	return x.err()
}

// claimSet makes sure that identical files met in one run are parsed once.
type claimSet struct {
	mu sync.Mutex
	m  map[string]bool
}

func (c *claimSet) claim(sha string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m[sha] {
		return false
	}
	c.m[sha] = true
	return true
}
