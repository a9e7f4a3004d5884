package ingest_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"gongkai/corpus"
	"gongkai/corpus/corpustest"
	"gongkai/synth"
)

// TestCrashSafety kills real `gongkai import` processes (SIGKILL) at random
// moments and checks after every kill that the archive opens, verifies
// (orphan blobs aside) and lost nothing already committed; then a last run
// completes the import and the result must equal an import that was never
// interrupted, match the generator's manifest, verify clean, and a further
// run must import nothing.
//
// The kill delays come from a seeded generator; set GONGKAI_CRASH_SEED to
// replay a run (the seed is logged), GONGKAI_CRASH_ROUNDS to kill more often.
func TestCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("builds gongkai and runs real imports: skipped under -short")
	}
	seed := envUint(t, "GONGKAI_CRASH_SEED", uint64(time.Now().UnixNano()))
	rounds := int(envUint(t, "GONGKAI_CRASH_ROUNDS", 16))
	t.Logf("seed %d (replay: GONGKAI_CRASH_SEED=%d), %d kill rounds", seed, seed, rounds)
	rng := rand.New(rand.NewPCG(seed, 0xC0FFEE))

	bin := gongkaiBinary(t)
	tmp := t.TempDir()
	in := filepath.Join(tmp, "in")
	// Input: a few hundred reports, mostly HTML and text, no LibreOffice
	// (pdfPool 0), a tenth broken files; the synth seed is fixed so that a
	// replayed test seed replays the same input.
	m := generate(t, in, synth.Options{Seed: 20240601, BrokenShare: 0.1, BadArithmeticShare: 0.05}, 400, 0)
	// Byte-identical copies next to their originals (they sort just before
	// them), so that two workers meet the same content at once.
	copies := 0
	for i, f := range m.Files {
		if i%15 != 7 {
			continue
		}
		ext := filepath.Ext(f.File)
		data, err := os.ReadFile(filepath.Join(in, f.File))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(in, strings.TrimSuffix(f.File, ext)+"-copy"+ext), data, 0o644); err != nil {
			t.Fatal(err)
		}
		copies++
	}

	// Reference: one import never interrupted. Its duration calibrates the
	// kill delays; its catalog is what the killed imports must end with.
	ref := filepath.Join(tmp, "reference")
	start := time.Now()
	if out, err := runGongkai(bin, "import", "--archive", ref, "--quiet", in); err != nil && !someFailed(err, out) {
		t.Fatalf("reference import: %v\n%s", err, out)
	}
	full := time.Since(start)
	t.Logf("reference import of %d files and %d copies: %s", len(m.Files), copies, full.Round(time.Millisecond))

	arch := filepath.Join(tmp, "archive")
	var prev corpus.Stats
	var inCommit, completed int
	for round := range rounds {
		left := 1 - float64(prev.Reports+prev.Failures)/float64(len(m.Files))
		delay := killDelay(rng, round, time.Duration(float64(full)*max(left, 0.05)))
		k := killImport(t, bin, arch, in, delay)
		t.Logf("round %2d: kill after %-8s %s", round, delay.Round(time.Millisecond), k)
		if k.inTx || k.torn {
			inCommit++
		}
		if k.finished {
			completed++
		}
		prev = checkAfterKill(t, arch, prev, round)
		if t.Failed() {
			return
		}
	}
	t.Logf("%d of %d kills landed inside a catalog transaction; %d runs finished before their kill", inCommit, rounds, completed)

	if out, err := runGongkai(bin, "import", "--archive", arch, "--quiet", in); err != nil && !someFailed(err, out) {
		t.Fatalf("completing import: %v\n%s", err, out)
	}
	checkComplete(t, arch, ref, m, copies)
	if out, err := runGongkai(bin, "verify", "--archive", arch); err != nil {
		t.Errorf("gongkai verify: %v\n%s", err, out)
	}
	// The search index holds every report: a kill between a batch's commit
	// and its indexing must not leave it short for good.
	if out, err := runGongkai(bin, "index", "--archive", arch, "--check"); err != nil {
		t.Errorf("gongkai index --check after the completing import: %v\n%s", err, out)
	}
	before := stats(t, arch)
	out, err := runGongkai(bin, "import", "--archive", arch, "--quiet", in)
	if err != nil {
		t.Errorf("re-run: %v\n%s", err, out)
	}
	if !strings.Contains(out, " 0 imported, 0 re-parsed") {
		t.Errorf("a re-run after completion imported something:\n%s", out)
	}
	if after := stats(t, arch); after != before {
		t.Errorf("a re-run changed the catalog: %+v, was %+v", after, before)
	}
}

// killDelay spreads the kills over an import: some at once (opening the
// archive, migrating, counting the input), the others anywhere over the
// work left, with a share near the end where the last commits happen.
//
// left estimates the time an uninterrupted run needs for what is left; the
// delays stay under it, so that most kills find work to interrupt and the
// archive is completed in steps.
func killDelay(rng *rand.Rand, round int, left time.Duration) time.Duration {
	switch round % 4 {
	case 0:
		return time.Duration(rng.Int64N(int64(60 * time.Millisecond)))
	case 1:
		return time.Duration(float64(left) * (0.1 + 0.3*rng.Float64()))
	case 2:
		return time.Duration(float64(left) * (0.4 + 0.4*rng.Float64()))
	default:
		return time.Duration(float64(left) * 0.8 * rng.Float64())
	}
}

// kill is what one killed import left behind.
type kill struct {
	finished bool // the import ended before the kill
	inTx     bool // the import held the catalog's write lock (it was inside Commit)
	tmpFiles int  // blobs being written at the kill
	wal      walState
	torn     bool // the WAL ends in frames of an uncommitted transaction
}

func (k kill) String() string {
	switch {
	case k.finished:
		return "(the import had finished)"
	case k.inTx || k.torn:
		return fmt.Sprintf("inside a catalog transaction: %d committed and %d uncommitted WAL frames; %d partial blobs", k.wal.committed, k.wal.uncommitted, k.tmpFiles)
	}
	return fmt.Sprintf("outside catalog transactions: %d committed WAL frames; %d partial blobs", k.wal.committed, k.tmpFiles)
}

// killImport starts an import and SIGKILLs it after delay.
func killImport(t *testing.T, bin, arch, in string, delay time.Duration) kill {
	t.Helper()
	cmd := exec.Command(bin, "import", "--archive", arch, "--quiet", in)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatalf("start import: %v", err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var k kill
	select {
	case err := <-done:
		k.finished = true
		if err != nil && !someFailed(err, out.String()) {
			t.Fatalf("import ended on its own with %v:\n%s", err, out.String())
		}
		return k
	case <-time.After(delay):
	}
	k.inTx = writeLocked(filepath.Join(arch, "catalog.db"))
	if err := cmd.Process.Kill(); err != nil && !errors.Is(err, os.ErrProcessDone) {
		t.Fatalf("kill import: %v", err)
	}
	err := <-done
	var ee *exec.ExitError
	if err == nil || !errors.As(err, &ee) || ee.ProcessState.Exited() {
		// It finished between the timer and the signal.
		k.finished = true
		return k
	}
	// Look at what the kill left before Open tidies up.
	if ents, err := os.ReadDir(filepath.Join(arch, "tmp")); err == nil {
		k.tmpFiles = len(ents)
	}
	k.wal = readWAL(t, filepath.Join(arch, "catalog.db-wal"))
	k.torn = k.wal.uncommitted > 0
	return k
}

// checkAfterKill opens the archive, verifies it and checks that no count
// went down; it returns the new counts.
func checkAfterKill(t *testing.T, arch string, prev corpus.Stats, round int) corpus.Stats {
	t.Helper()
	ctx := context.Background()
	st, err := corpus.Open(arch)
	if err != nil {
		t.Fatalf("round %d: the archive does not open after a kill: %v", round, err)
	}
	defer st.Close()
	var ic string
	if err := corpustest.DB(st).QueryRow(`PRAGMA integrity_check`).Scan(&ic); err != nil || ic != "ok" {
		t.Errorf("round %d: integrity_check = %q (%v)", round, ic, err)
	}
	probs, err := st.Verify(ctx, nil)
	if err != nil {
		t.Fatalf("round %d: verify: %v", round, err)
	}
	orphans := 0
	for _, p := range probs {
		if p.Kind == "orphan-blob" {
			orphans++
			continue
		}
		t.Errorf("round %d: %s %s: %s", round, p.Kind, p.SHA256, p.Detail)
	}
	checkCellsComplete(t, st, fmt.Sprintf("round %d", round))
	s, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("round %2d: %d documents, %d reports, %d failures, %d cells, %d orphan blobs", round, s.Documents, s.Reports, s.Failures, s.Cells, orphans)
	if s.Documents < prev.Documents || s.Sources < prev.Sources || s.Reports < prev.Reports || s.Failures < prev.Failures || s.Cells < prev.Cells {
		t.Errorf("round %d: counts went down: %+v, were %+v", round, s, prev)
	}
	return s
}

// checkCellsComplete checks that every report has all its cells and checks
// in the catalog: a report row never appears without the rest of its parse.
func checkCellsComplete(t *testing.T, st *corpus.Store, when string) {
	t.Helper()
	rows, err := corpustest.DB(st).Query(`SELECT r.id,
		json_array_length(r.record, '$.cells'), (SELECT count(*) FROM cells c WHERE c.report_id = r.id),
		json_array_length(r.record, '$.checks'), (SELECT count(*) FROM checks k WHERE k.report_id = r.id)
		FROM reports r`)
	if err != nil {
		t.Fatalf("%s: %v", when, err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var wantCells, cells, wantChecks, checks int
		if err := rows.Scan(&id, &wantCells, &cells, &wantChecks, &checks); err != nil {
			t.Fatal(err)
		}
		if cells != wantCells || checks != wantChecks {
			t.Errorf("%s: report %s has %d cells and %d checks in the catalog, its record %d and %d", when, id, cells, checks, wantCells, wantChecks)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
}

// checkComplete checks a completed archive against the reference import and
// the manifest.
func checkComplete(t *testing.T, arch, ref string, m synth.Manifest, copies int) {
	t.Helper()
	ctx := context.Background()
	st, err := corpus.Open(arch)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	probs, err := st.Verify(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range probs {
		t.Errorf("completed archive: %s %s: %s", p.Kind, p.SHA256, p.Detail)
	}
	checkCellsComplete(t, st, "completed archive")

	// Every distinct file of the manifest is a report or a failure, once.
	got := catalogOutcomes(t, st)
	files := map[string]synth.ManifestEntry{}
	for _, f := range m.Files {
		files[f.SHA256] = f
	}
	if len(got) != len(files) {
		t.Errorf("%d documents have an outcome, the manifest has %d distinct files", len(got), len(files))
	}
	// Year and template must be right; the office is recognised from the
	// text (a region-recognition question for the parser), so wrong offices
	// and reports read from files that hold none are logged as parser
	// findings and fail the test only in bulk.
	var reports, failures int
	var parserFindings []string
	for sha, f := range files {
		o, ok := got[sha]
		switch {
		case !ok:
			t.Errorf("%s: neither a report nor a failure", f.File)
		case o.n != 1:
			t.Errorf("%s: %d outcomes", f.File, o.n)
		case o.report && f.Truth == nil:
			parserFindings = append(parserFindings, fmt.Sprintf("%s (%s): a report from a file that holds none", f.File, f.Broken))
		case o.report:
			reports++
			tr := f.Truth
			if o.year != tr.Year || o.template != tr.Template {
				t.Errorf("%s: year %d template %q, want %d %q", f.File, o.year, o.template, tr.Year, tr.Template)
			}
			if o.office != tr.OfficeFull {
				parserFindings = append(parserFindings, fmt.Sprintf("%s: office %q, want %q", f.File, o.office, tr.OfficeFull))
			}
		case f.Truth != nil:
			t.Errorf("%s: failed (%s), but holds a report", f.File, o.reason)
		default:
			failures++
		}
	}
	t.Logf("completed: %d reports, %d failures for %d distinct files (%d files)", reports, failures, len(files), len(m.Files))
	sort.Strings(parserFindings)
	for _, f := range parserFindings {
		t.Logf("parser finding: %s", f)
	}
	if len(parserFindings) > len(files)/10 {
		t.Errorf("%d parser findings for %d files: more than a tenth", len(parserFindings), len(files))
	}
	var sources int
	corpustest.DB(st).QueryRow(`SELECT count(DISTINCT path) FROM sources`).Scan(&sources)
	if sources != len(m.Files)+copies {
		t.Errorf("%d source paths, want one per file (%d and %d copies)", sources, len(m.Files), copies)
	}

	// The same catalog as an import never interrupted, timestamps aside and
	// the path of a document met twice (which copy a worker claims first
	// depends on timing).
	for _, q := range []string{
		`SELECT group_concat(sha256 || json_remove(record, '$.source.path'), '') FROM (SELECT sha256, record FROM reports ORDER BY sha256)`,
		`SELECT group_concat(coalesce(sha256, '') || reason || attempts, '') FROM (SELECT * FROM failures ORDER BY sha256, reason)`,
		`SELECT group_concat(sha256 || path || member, '') FROM (SELECT * FROM sources ORDER BY sha256, path, member)`,
		`SELECT count(*) || '/' || total(coalesce(value, 0)) FROM cells`,
		`SELECT count(*) || '/' || sum(primary_rendition) FROM reports`,
		`SELECT group_concat(sha256 || format || encoding || size, '') FROM (SELECT * FROM documents ORDER BY sha256)`,
	} {
		a, b := queryString(t, arch, q), queryString(t, ref, q)
		if a != b {
			t.Errorf("the killed-and-resumed archive differs from the reference import on %.60s…", q)
		}
	}
}

type docOutcome struct {
	n        int
	report   bool
	office   string
	year     int
	template string
	reason   string
}

// catalogOutcomes maps each document to its report or failure.
func catalogOutcomes(t *testing.T, st *corpus.Store) map[string]*docOutcome {
	t.Helper()
	out := map[string]*docOutcome{}
	rows, err := corpustest.DB(st).Query(`SELECT sha256, 1, office_full, year, template, '' FROM reports
		UNION ALL SELECT coalesce(sha256, ''), 0, '', 0, '', reason FROM failures`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var sha string
		var o docOutcome
		if err := rows.Scan(&sha, &o.report, &o.office, &o.year, &o.template, &o.reason); err != nil {
			t.Fatal(err)
		}
		if p := out[sha]; p != nil {
			p.n++
			continue
		}
		o.n = 1
		out[sha] = &o
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func queryString(t testing.TB, arch, q string) string {
	t.Helper()
	st, err := corpus.Open(arch)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var s string
	if err := corpustest.DB(st).QueryRow(q).Scan(&s); err != nil {
		t.Fatalf("%.60s: %v", q, err)
	}
	return s
}

func stats(t testing.TB, arch string) corpus.Stats {
	t.Helper()
	st, err := corpus.Open(arch)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s, err := st.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// walState summarises a SQLite write-ahead log: the frames of committed
// transactions and the frames after the last commit (a transaction cut
// short).
type walState struct{ committed, uncommitted int }

// writeLocked says whether another process holds the catalog's write lock,
// that is, is inside a write transaction: it tries to take the lock without
// waiting and, when it gets it, lets go at once.
func writeLocked(path string) bool {
	if _, err := os.Stat(path); err != nil {
		return false // no catalog yet
	}
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(0)")
	if err != nil {
		return false
	}
	defer db.Close()
	conn, err := db.Conn(context.Background())
	if err != nil {
		return false
	}
	defer conn.Close()
	if _, err := conn.ExecContext(context.Background(), "BEGIN IMMEDIATE"); err != nil {
		return strings.Contains(err.Error(), "locked") || strings.Contains(err.Error(), "busy")
	}
	conn.ExecContext(context.Background(), "ROLLBACK")
	return false
}

// readWAL reads the frame headers of a WAL file (https://sqlite.org/fileformat2.html#walformat):
// a 32-byte header with the page size and two salts, then frames of a
// 24-byte header and a page; a frame belongs to the current log when its
// salts match the header's, and a commit frame has a non-zero database size.
func readWAL(t *testing.T, path string) walState {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil || len(data) < 32 {
		return walState{}
	}
	be := binary.BigEndian
	pageSize := int(be.Uint32(data[8:12]))
	if pageSize == 1 {
		pageSize = 65536
	}
	salt1, salt2 := be.Uint32(data[16:20]), be.Uint32(data[20:24])
	var s walState
	pending := 0
	for off := 32; off+24+pageSize <= len(data); off += 24 + pageSize {
		h := data[off : off+24]
		if be.Uint32(h[8:12]) != salt1 || be.Uint32(h[12:16]) != salt2 {
			break // a frame of an earlier log, reused space
		}
		pending++
		if be.Uint32(h[4:8]) != 0 {
			s.committed += pending
			pending = 0
		}
	}
	s.uncommitted = pending
	return s
}

func runGongkai(bin string, args ...string) (string, error) {
	out, err := exec.Command(bin, args...).CombinedOutput()
	return string(out), err
}

// someFailed says whether an import ended with exit status 1 because some
// files failed (as broken input files do), not because of an error.
func someFailed(err error, out string) bool {
	var ee *exec.ExitError
	return errors.As(err, &ee) && ee.ExitCode() == 1 && strings.Contains(out, "failed by reason:") && !strings.Contains(out, "gongkai:")
}

func envUint(t *testing.T, name string, def uint64) uint64 {
	t.Helper()
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.ParseUint(v, 10, 64)
	if err != nil {
		t.Fatalf("%s=%q: %v", name, v, err)
	}
	return n
}
