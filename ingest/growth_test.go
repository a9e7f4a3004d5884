//go:build unix

package ingest_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"gongkai/synth"
)

// BenchmarkGrowth imports generated reports into one archive, chunk by
// chunk, as a user feeding a national collection would, and at each
// checkpoint prints one row: the time and CPU per report of the imports
// since the last checkpoint, the largest peak RSS of any of those imports,
// the catalog, blob and index sizes, and the query latency on the index
// (p50/p99 of TestArchiveLatency in index/bleve). Rows are printed as
// each checkpoint is reached. Each chunk is generated
// (synth, HTML/text/Markdown/DOCX, no LibreOffice pool), imported with the
// index on (the default) by a separate gongkai process, and removed, so
// neither the generator nor the benchmark holds more than one chunk.
//
// It is skipped unless GONGKAI_BENCH_GROWTH lists the checkpoints:
//
//	GONGKAI_BENCH_GROWTH=10000,50000,100000 go test ./ingest -run '^$' -bench Growth -benchtime 1x -timeout 24h
//
// GONGKAI_BENCH_CHUNK (default 5000) is the number of reports per import,
// GONGKAI_BENCH_DIR (default a temporary directory, removed afterwards)
// keeps the archive. Generation is not measured.
func BenchmarkGrowth(b *testing.B) {
	spec := os.Getenv("GONGKAI_BENCH_GROWTH")
	if spec == "" {
		b.Skip("set GONGKAI_BENCH_GROWTH=10000,50000,100000 to run the growth benchmark (hours)")
	}
	var points []int
	for _, f := range strings.Split(spec, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n <= 0 || len(points) > 0 && n <= points[len(points)-1] {
			b.Fatalf("GONGKAI_BENCH_GROWTH=%q: want increasing sizes", spec)
		}
		points = append(points, n)
	}
	chunk := 5000
	if v := os.Getenv("GONGKAI_BENCH_CHUNK"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			b.Fatalf("GONGKAI_BENCH_CHUNK=%q: not a count", v)
		}
		chunk = n
	}
	root := os.Getenv("GONGKAI_BENCH_DIR")
	if root == "" {
		root = b.TempDir()
	}
	if _, err := exec.LookPath("/usr/bin/time"); err != nil {
		b.Fatalf("peak RSS needs GNU time (apt-get install time): %v", err)
	}
	bin := gongkaiBinary(b)
	latBin := filepath.Join(root, "bleve.test")
	if out, err := exec.Command("go", "test", "-c", "-o", latBin, "gongkai/index/bleve").CombinedOutput(); err != nil {
		b.Fatalf("build the latency test: %v\n%s", err, out)
	}
	arch := filepath.Join(root, "archive")
	in := filepath.Join(root, "chunk")
	for range b.N {
		os.RemoveAll(arch)
		fmt.Printf("%8s %9s %9s %10s %8s %9s %8s %8s %7s %7s %6s\n", "reports", "imports", "ms/rep", "cpu_ms/rep", "rss_MB", "catalogMB", "blobsMB", "indexMB", "p50_ms", "p99_ms", "load")
		done, step := 0, 0
		for _, cp := range points {
			var wall time.Duration
			var cpu, rss float64
			imports, from := 0, done
			for done < cp {
				n := min(chunk, cp-done)
				os.RemoveAll(in)
				generate(b, in, synth.Options{Seed: uint64(1000 + step), BrokenShare: 0.02}, n, 0)
				w, c, r := growthImport(b, bin, arch, in)
				wall += w
				cpu += c
				rss = max(rss, r)
				done += n
				step++
				imports++
			}
			os.RemoveAll(in)
			os.Remove(in + ".manifest.json")
			n := float64(done - from)
			p50, p99 := growthLatency(b, latBin, arch)
			fmt.Printf("%8d %9d %9.1f %10.1f %8.0f %9.0f %8.0f %8.0f %7s %7s %6s\n", done, imports,
				float64(wall.Milliseconds())/n, cpu*1000/n, rss/1024,
				mib(filepath.Join(arch, "catalog.db")), mib(filepath.Join(arch, "blobs")), mib(filepath.Join(arch, "index")),
				p50, p99, loadAverage())
		}
	}
}

// growthImport imports dir into arch and returns the wall time, the CPU
// seconds and the peak RSS (KiB) of the gongkai process.
func growthImport(b *testing.B, bin, arch, dir string) (time.Duration, float64, float64) {
	b.Helper()
	rssFile := filepath.Join(b.TempDir(), "time")
	cmd := exec.Command("/usr/bin/time", "-f", "%U %S %M", "-o", rssFile, bin, "import", "--archive", arch, "--quiet", dir)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil && !someFailed(err, out.String()) {
		b.Fatalf("import %s: %v\n%s", dir, err, out.String())
	}
	cpu, rss := readTime(b, rssFile)
	return wall, cpu, rss
}

var latencyLine = regexp.MustCompile(`p50_ms=(\S+) p99_ms=(\S+)`)

// growthLatency runs TestArchiveLatency (index/bleve) on the archive.
func growthLatency(b *testing.B, latBin, arch string) (p50, p99 string) {
	b.Helper()
	cmd := exec.Command(latBin, "-test.run", "^TestArchiveLatency$")
	cmd.Env = append(os.Environ(), "GONGKAI_BENCH_ARCHIVE="+arch)
	out, err := cmd.CombinedOutput()
	m := latencyLine.FindSubmatch(out)
	if err != nil || m == nil {
		b.Fatalf("query latency: %v\n%s", err, out)
	}
	return string(m[1]), string(m[2])
}

// mib is the size of a file or directory tree in MiB.
func mib(path string) float64 {
	var n int64
	filepath.Walk(path, func(_ string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			n += fi.Size()
		}
		return nil
	})
	return float64(n) / (1 << 20)
}
