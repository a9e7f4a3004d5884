package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"time"

	"golang.org/x/term"

	"gongkai/corpus"
	"gongkai/ingest"
	"gongkai/parser"
)

// archiveFlag adds --archive to a command's flags.
func archiveFlag(fs *flag.FlagSet) *string {
	return fs.String("archive", corpus.DefaultDir(), "the archive directory (default $GONGKAI_HOME, else ./gongkai-archive)")
}

func newFlags(name, usage string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: gongkai %s\n", usage)
		fs.PrintDefaults()
	}
	return fs
}

func progressFor(stderr io.Writer, quiet bool) ingest.Progress {
	if quiet {
		return nil
	}
	tty := false
	if f, ok := stderr.(*os.File); ok {
		tty = term.IsTerminal(int(f.Fd()))
	}
	return ingest.NewProgress(stderr, tty, 5*time.Second)
}

func runImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("import", "import [--archive DIR] [--retry-failed] [--workers N] PATH...", stderr)
	dir := archiveFlag(fs)
	retry := fs.Bool("retry-failed", false, "retry only the files whose earlier import failed (PATHs are not needed)")
	workers := fs.Int("workers", 0, "parallel parsers (default: the number of CPUs)")
	quiet := fs.Bool("quiet", false, "no progress output")
	noIndex := fs.Bool("no-index", false, "do not feed the search index (gongkai index --rebuild makes it later)")
	spec := indexFlag(fs)
	maxSize := fs.Int64("max-size", ingest.DefaultMaxSize>>20, "refuse files and zip members over this many MiB (reason too-large) before reading them")
	paths, err := parseInterspersed(fs, args)
	if err != nil || (len(paths) == 0 && !*retry) {
		fs.Usage()
		return errUsage
	}
	defer startProfiling(stderr)()
	limitMemory()
	st, err := corpus.Open(*dir)
	if err != nil {
		return err
	}
	defer st.Close()
	if *maxSize <= 0 {
		fmt.Fprintln(stderr, "gongkai import: --max-size must be a positive number of MiB")
		return errUsage
	}
	opt := ingest.Options{Workers: *workers, Progress: progressFor(stderr, *quiet), RetryFailed: *retry}
	opt.Walk.MaxFileSize = *maxSize << 20
	finish := func(bool) error { return nil }
	if !*noIndex {
		if opt.Index, finish, err = importIndex(ctx, st, *dir, *spec, stderr); err != nil {
			return err
		}
	}
	var sum ingest.Summary
	if len(paths) == 0 {
		shas, err := st.FailedDocuments(ctx)
		if err != nil {
			return err
		}
		sum, err = ingest.Reparse(ctx, st, shas, opt)
	} else {
		sum, err = ingest.Import(ctx, st, paths, opt)
	}
	sum.Report(stderr)
	if ferr := finish(sum.Imported+sum.Reparsed > 0); err == nil {
		err = ferr
	}
	if err != nil {
		return err
	}
	if sum.Failed > 0 {
		return fmt.Errorf("%d files failed: %w", sum.Failed, errSomeFailed)
	}
	return nil
}

// importMemoryLimit is the Go heap's share of an import's memory budget
// (700 MB peak RSS): the rest is SQLite's (soft_heap_limit, 128 MiB; about
// 110 MB measured outside Go's heap), the binary, and the index segments a
// merge maps (bounded by the merge policy of index/bleve). Near the limit
// the Go collector runs more often instead of letting the heap grow to
// three times the live data. The live heap peaks near 250 MB on 2,000
// reports, of which the segmentation dictionary is 145 MB; measured on
// 2,000 reports, 360 MiB instead of 450 MiB lowered peak RSS from 623 to
// 560 MB at no measurable CPU cost. On 20,000 reports the heap stays at the
// limit, and 360 MiB left a peak of 759 MB with merges mapping up to 200 MB
// of index pages beside it: 320 MiB.
const importMemoryLimit = 320 << 20

// finishMemoryLimit is the Go heap's limit once the files are imported,
// while the index merges what the import added and writes its vocabulary:
// the live heap is then little more than the segmentation dictionary, and
// the merge maps the segments it reads (on 20,000 reports the heap grew
// back to the import's limit during that merge, the peak of the import).
const finishMemoryLimit = 240 << 20

// importGCPercent lets the heap grow to three times the live data between
// collections (GOGC=200) while under importMemoryLimit: measured on 2,000
// reports, 10 % less CPU for the import with the index on, peak RSS 626
// instead of 599 MB.
const importGCPercent = 200

// limitMemory sets importMemoryLimit and importGCPercent unless GOMEMLIMIT
// or GOGC say otherwise.
func limitMemory() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(importMemoryLimit)
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(importGCPercent)
	}
}

// limitFinishMemory sets finishMemoryLimit unless GOMEMLIMIT says otherwise.
func limitFinishMemory() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(finishMemoryLimit)
	}
}

func runReparse(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("reparse", "reparse [--archive DIR] --outdated | --all", stderr)
	dir := archiveFlag(fs)
	outdated := fs.Bool("outdated", false, "re-parse the reports parsed by an older parser version")
	all := fs.Bool("all", false, "re-parse every report and parse failure (reviews are kept)")
	quiet := fs.Bool("quiet", false, "no progress output")
	spec := indexFlag(fs)
	rest, err := parseInterspersed(fs, args)
	if err != nil || len(rest) > 0 || *outdated == *all {
		fs.Usage()
		return errUsage
	}
	st, err := corpus.Open(*dir)
	if err != nil {
		return err
	}
	defer st.Close()
	var shas []string
	if *all {
		shas, err = st.ParsedDocuments(ctx)
	} else {
		shas, err = st.Outdated(ctx, parser.Version)
	}
	if err != nil {
		return err
	}
	opt := ingest.Options{Progress: progressFor(stderr, *quiet)}
	x, finish, err := importIndex(ctx, st, *dir, *spec, stderr)
	if err != nil {
		return err
	}
	opt.Index = x
	sum, err := ingest.Reparse(ctx, st, shas, opt)
	sum.Report(stderr)
	if ferr := finish(sum.Imported+sum.Reparsed > 0); err == nil {
		err = ferr
	}
	return err
}

func runFailures(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("failures", "failures [--archive DIR] [--reason R] [--json]", stderr)
	dir := archiveFlag(fs)
	reason := fs.String("reason", "", "only failures with this reason (e.g. no-text-layer)")
	asJSON := fs.Bool("json", false, "one JSON object per line")
	if rest, err := parseInterspersed(fs, args); err != nil || len(rest) > 0 {
		fs.Usage()
		return errUsage
	}
	st, err := corpus.Open(*dir)
	if err != nil {
		return err
	}
	defer st.Close()
	fails, err := st.Failures(ctx, *reason)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	for _, f := range fails {
		if *asJSON {
			if err := enc.Encode(f); err != nil {
				return err
			}
			continue
		}
		name := f.Path
		if f.Member != "" {
			name += "!/" + f.Member
		}
		fmt.Fprintf(stdout, "%-18s %s\n%18s %s (attempts %d)\n", f.Reason, name, "", f.Error, f.Attempts)
	}
	if !*asJSON {
		fmt.Fprintf(stderr, "%d failures\n", len(fails))
	}
	return nil
}

func runGet(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("get", "get [--archive DIR] ID -o FILE", stderr)
	dir := archiveFlag(fs)
	out := fs.String("o", "", "write the original file here (- for standard output)")
	rest, err := parseInterspersed(fs, args)
	if err != nil || len(rest) != 1 || *out == "" {
		fs.Usage()
		return errUsage
	}
	st, err := corpus.Open(*dir)
	if err != nil {
		return err
	}
	defer st.Close()
	sha, err := st.DocumentOf(ctx, rest[0])
	if err != nil {
		return err
	}
	data, err := st.Blob(sha)
	if err != nil {
		return err
	}
	if *out == "-" {
		_, err = stdout.Write(data)
		return err
	}
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		return fmt.Errorf("get %s: %w", rest[0], err)
	}
	fmt.Fprintf(stderr, "wrote %s (%d bytes, sha256 %s)\n", *out, len(data), sha)
	return nil
}

func runVerify(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("verify", "verify [--archive DIR]", stderr)
	dir := archiveFlag(fs)
	if rest, err := parseInterspersed(fs, args); err != nil || len(rest) > 0 {
		fs.Usage()
		return errUsage
	}
	st, err := corpus.Open(*dir)
	if err != nil {
		return err
	}
	defer st.Close()
	probs, err := st.Verify(ctx, nil)
	if err != nil {
		return err
	}
	stats, err := st.Stats(ctx)
	if err != nil {
		return err
	}
	for _, p := range probs {
		fmt.Fprintf(stdout, "%-13s %s  %s\n", p.Kind, p.SHA256, p.Detail)
	}
	fmt.Fprintf(stderr, "%d documents, %d reports, %d failures: %d problems\n", stats.Documents, stats.Reports, stats.Failures, len(probs))
	for _, p := range probs {
		if p.Kind != "orphan-blob" {
			return errors.New("the archive has problems (see above)")
		}
	}
	return nil
}
