//go:build unix

package ingest_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"gongkai/corpus"
	"gongkai/ingest/walk"
	"gongkai/synth"
)

// BenchmarkImportProcess measures `gongkai import` as a user runs it: a
// separate process importing a generated archive of N reports (mostly HTML
// and text, a pool of PDF and DOC renditions through LibreOffice, a few
// broken files) into a fresh archive. Per size it reports files/s, wall
// seconds, µs per file (constant when time grows linearly) and peak RSS, and
// two baselines run in this process over the same files: reading and
// hashing only, and reading, hashing and storing the blobs (the import's
// I/O without parsing or the catalog).
//
// It is skipped unless GONGKAI_BENCH_IMPORT=1 (it takes minutes):
//
//	GONGKAI_BENCH_IMPORT=1 go test ./ingest -run '^$' -bench ImportProcess -benchtime 1x -timeout 2h
//
// GONGKAI_BENCH_SIZES (default 2000,10000,20000) picks the sizes,
// GONGKAI_BENCH_DIR (default $TMPDIR/gongkai-bench) keeps the generated
// inputs between runs (generation is not measured), GONGKAI_BENCH_PDFPOOL
// (default 20) sizes the LibreOffice pool, and GONGKAI_BENCH_PROFILE=DIR
// writes a CPU profile per size there. The import runs with --no-index
// (the catalog only) unless GONGKAI_BENCH_INDEX=1.
func BenchmarkImportProcess(b *testing.B) {
	if os.Getenv("GONGKAI_BENCH_IMPORT") != "1" {
		b.Skip("set GONGKAI_BENCH_IMPORT=1 to run the import benchmark (minutes)")
	}
	sizes := []int{2000, 10000, 20000}
	if v := os.Getenv("GONGKAI_BENCH_SIZES"); v != "" {
		sizes = sizes[:0]
		for _, f := range strings.Split(v, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil || n <= 0 {
				b.Fatalf("GONGKAI_BENCH_SIZES=%q: %q is not a size", v, f)
			}
			sizes = append(sizes, n)
		}
	}
	pdfPool := 20
	if v := os.Getenv("GONGKAI_BENCH_PDFPOOL"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			b.Fatalf("GONGKAI_BENCH_PDFPOOL=%q: not a count", v)
		}
		pdfPool = n
	}
	root := os.Getenv("GONGKAI_BENCH_DIR")
	if root == "" {
		root = filepath.Join(os.TempDir(), "gongkai-bench")
	}
	bin := gongkaiBinary(b)
	for _, n := range sizes {
		b.Run(fmt.Sprintf("reports=%d", n), func(b *testing.B) {
			in := benchInput(b, root, n, pdfPool)
			for range b.N {
				benchImport(b, bin, in, n)
			}
		})
	}
}

// benchInput returns the input directory for n reports, generating it on
// first use.
func benchInput(b *testing.B, root string, n, pdfPool int) string {
	b.Helper()
	in := filepath.Join(root, fmt.Sprintf("in-%d-pool%d", n, pdfPool))
	if _, err := os.Stat(in + ".manifest.json"); err == nil {
		return in
	}
	os.RemoveAll(in)
	start := time.Now()
	m := generate(b, in, synth.Options{Seed: uint64(n), BrokenShare: 0.02}, n, pdfPool)
	b.Logf("generated %d files in %s (not measured)%s", len(m.Files), time.Since(start).Round(time.Second), strings.Join(m.Notes, "; "))
	return in
}

// benchImport runs one import and its baselines and reports the figures.
func benchImport(b *testing.B, bin, in string, n int) {
	b.StopTimer()
	tmp := b.TempDir()
	arch := filepath.Join(tmp, "archive")
	// Peak RSS comes from GNU time: the rusage of a child started by this
	// process would count this process's own memory (the child shares it
	// until exec).
	rssFile := filepath.Join(tmp, "maxrss")
	timeBin, err := exec.LookPath("/usr/bin/time")
	if err != nil {
		b.Fatalf("peak RSS needs GNU time (apt-get install time): %v", err)
	}
	args := []string{"-f", "%U %S %M", "-o", rssFile, bin, "import", "--archive", arch, "--quiet"}
	if !benchIndex() {
		args = append(args, "--no-index")
	}
	cmd := exec.Command(timeBin, append(args, in)...)
	if dir := os.Getenv("GONGKAI_BENCH_PROFILE"); dir != "" {
		cmd.Env = append(os.Environ(), fmt.Sprintf("GONGKAI_CPUPROFILE=%s", filepath.Join(dir, fmt.Sprintf("import-%d.prof", n))))
	}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	// The inputs sit in the page cache (just generated or read), for the
	// import and the baselines alike, as a user's files do after a download.
	b.StartTimer()
	start := time.Now()
	err = cmd.Run()
	wall := time.Since(start)
	b.StopTimer()
	if err != nil && !someFailed(err, out.String()) {
		b.Fatalf("import: %v\n%s", err, out.String())
	}
	files := countFiles(b, in)
	cpu, rss := readTime(b, rssFile)
	st := stats(b, arch)

	hashOnly := baseline(b, in, nil)
	blobs, err := corpus.Open(filepath.Join(b.TempDir(), "blobs-only"))
	if err != nil {
		b.Fatal(err)
	}
	defer blobs.Close()
	hashStore := baseline(b, in, blobs)

	b.ReportMetric(float64(files)/wall.Seconds(), "files/s")
	b.ReportMetric(wall.Seconds(), "wall-s")
	b.ReportMetric(float64(wall.Microseconds())/float64(files), "µs/file")
	b.ReportMetric(rss/1024, "peak-RSS-MB")
	b.ReportMetric(cpu, "cpu-s")
	b.ReportMetric(hashOnly.Seconds(), "read+hash-s")
	b.ReportMetric(hashStore.Seconds(), "read+hash+blob-s")
	b.Logf("%d files: %s (CPU %.1f s user+sys), %.0f files/s, peak RSS %.0f MB, load average %s; %d reports, %d failures, %d cells; baselines: read+hash %s, read+hash+store blobs %s\n%s",
		files, wall.Round(time.Millisecond), cpu, float64(files)/wall.Seconds(), rss/1024, loadAverage(), st.Reports, st.Failures, st.Cells,
		hashOnly.Round(time.Millisecond), hashStore.Round(time.Millisecond), strings.TrimSpace(out.String()))
}

// baseline walks the input as the import does (same walker, two workers per
// core) and reads and hashes every file; with st it also stores the blobs
// as the import does (WriteBlob, one SyncBlobs per 200).
func baseline(b *testing.B, in string, st *corpus.Store) time.Duration {
	b.Helper()
	start := time.Now()
	items := make(chan walk.Item, 64)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var firstErr error
	var pending []string
	for range 2 * max(1, runtime.NumCPU()) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := range items {
				data, err := it.Read()
				if err != nil {
					continue // failures are the import's business
				}
				sha := corpus.Hash(data)
				if st == nil {
					continue
				}
				err = st.WriteBlob(sha, data)
				mu.Lock()
				if err == nil {
					// Synced per batch of 200, as the import does.
					if pending = append(pending, sha); len(pending) == 200 {
						err = st.SyncBlobs(pending)
						pending = pending[:0]
					}
				}
				if err != nil && firstErr == nil {
					firstErr = err
				}
				mu.Unlock()
			}
		}()
	}
	err := walk.Walk(context.Background(), []string{in}, walk.Options{}, func(it walk.Item) error {
		items <- it
		return nil
	})
	close(items)
	wg.Wait()
	if err == nil && st != nil {
		err = st.SyncBlobs(pending)
	}
	if err == nil {
		err = firstErr
	}
	if err != nil {
		b.Fatalf("baseline: %v", err)
	}
	return time.Since(start)
}

func countFiles(b *testing.B, dir string) int {
	b.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		b.Fatal(err)
	}
	return len(ents)
}

// benchIndex says whether the measured import also feeds the search index
// (GONGKAI_BENCH_INDEX=1); by default it runs with --no-index, measuring
// parsing into the catalog.
func benchIndex() bool { return os.Getenv("GONGKAI_BENCH_INDEX") == "1" }

// readTime reads what GNU time wrote: user and system CPU seconds and the
// peak RSS in KiB (on the last line; time notes a non-zero exit status on
// the line before).
func readTime(b *testing.B, path string) (cpu, rssKiB float64) {
	b.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	f := strings.Fields(lines[len(lines)-1])
	if len(f) != 3 {
		b.Fatalf("%s: %q", path, data)
	}
	var v [3]float64
	for i := range f {
		if v[i], err = strconv.ParseFloat(f[i], 64); err != nil {
			b.Fatalf("%s: %v", path, err)
		}
	}
	return v[0] + v[1], v[2]
}

// loadAverage is the 1-minute load average, to judge a measurement on a
// shared machine ("?" where /proc/loadavg is missing).
func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Fields(string(data))[0]
}
