package parser

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"gongkai/synth"
)

// longScanResult is what one parse of a long scan measured (in a process
// of its own, so that its peak RSS is its own).
type longScanResult struct {
	Pages      int     `json:"pages"`
	OCR        string  `json:"ocr"`
	FileBytes  int64   `json:"file_bytes"`
	LivePeak   uint64  `json:"live_peak"`   // the Go heap's live objects as of each GC, high-water
	HeapPeak   uint64  `json:"heap_peak"`   // Go heap objects, live or not yet collected, sampled every 10 ms
	GoPeak     uint64  `json:"go_peak"`     // all memory the Go runtime mapped, sampled
	SelfHWM    int64   `json:"self_hwm"`    // this process's peak RSS (VmHWM), bytes
	ChildRSS   int64   `json:"child_rss"`   // the largest child's peak RSS (pdftoppm, tesseract: VmHWM, sampled), bytes
	TreePeak   int64   `json:"tree_peak"`   // peak of this process's RSS plus its children's, sampled every 25 ms
	CPU        float64 `json:"cpu"`         // seconds, this process and its children
	Wall       float64 `json:"wall"`        // seconds
	Cells      int     `json:"cells"`       // template cells found
	Uncertain  int     `json:"uncertain"`   // of which uncertain
	ParseError string  `json:"parse_error"` // "" on success
}

// TestOCRLongScan (GONGKAI_OCR_LONG=1) OCRs an image-only PDF of 100 pages
// through the whole parser path, engine included, and the first 10 pages
// of the same scan, each parse in a child process of its own, and compares
// their peak memory: a 100-page scan must not hold 100 pages in memory.
// The pages are the 5 pages of testdata/synth/example-2021 scanned at
// 200 dpi (turned −0.7°, JPEG quality 75) and repeated.
//
// It prints, per page count: the PDF's size, the Go heap's high-water
// mark, the process's peak RSS, the largest engine/renderer child's peak
// RSS, the peak of process plus children sampled together, and the CPU
// time per page (this process and its children) with the load average:
//
//	GONGKAI_OCR_LONG=1 nice go test ./parser -run TestOCRLongScan -v -timeout 60m
//
// GONGKAI_OCR_LONG=10,40 measures other page counts (the last is compared
// with the first). The file's own bytes are held by the caller (Parse takes
// them as a slice), so the bound is on memory beyond the file: the live
// heap's high-water mark, less the file, and the peak RSS of the process
// and its children, less twice the file (the runtime's heap goal is twice
// the live heap), may not grow by more than 25 % (plus 8 and 16 MB of
// slack) from the smallest to the largest count.
func TestOCRLongScan(t *testing.T) {
	if path := os.Getenv("GONGKAI_OCR_LONG_CHILD"); path != "" {
		longScanChild(t, path)
		return
	}
	spec := os.Getenv("GONGKAI_OCR_LONG")
	if spec == "" {
		t.Skip("set GONGKAI_OCR_LONG=1 to OCR a 100-page scan (several minutes of CPU)")
	}
	counts := []int{10, 100}
	if spec != "1" {
		counts = nil
		for _, f := range strings.Split(spec, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil || n < 1 {
				t.Fatalf("GONGKAI_OCR_LONG=%q: want 1 or page counts such as 10,100", spec)
			}
			counts = append(counts, n)
		}
	}
	needOCRTools(t)
	src, err := os.ReadFile(filepath.Join("..", "testdata", "synth", "example-2021.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	scan := synth.Scan{DPI: 200, Rotate: -0.7, Quality: 75, Seed: 2}
	scans, err := synth.ScanPages(context.Background(), src, scan)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	load0 := loadAvg()
	var res []longScanResult
	for _, n := range counts {
		pages := make([][]byte, n)
		for i := range pages {
			pages[i] = scans[i%len(scans)]
		}
		doc, err := synth.ImagePDF(pages, scan.DPI)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, fmt.Sprintf("scan-%d.pdf", n))
		if err := os.WriteFile(path, doc, 0o600); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(os.Args[0], "-test.run", "^TestOCRLongScan$", "-test.v", "-test.timeout", "0")
		cmd.Env = append(os.Environ(), "GONGKAI_OCR_LONG_CHILD="+path)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%d pages: child: %v\n%s\n%s", n, err, out, stderr.String())
		}
		var r longScanResult
		found := false
		sc := bufio.NewScanner(bytes.NewReader(out))
		for sc.Scan() {
			if j, ok := strings.CutPrefix(sc.Text(), "longscan-result "); ok {
				if err := json.Unmarshal([]byte(j), &r); err != nil {
					t.Fatal(err)
				}
				found = true
			}
		}
		if !found {
			t.Fatalf("%d pages: the child printed no result:\n%s", n, out)
		}
		if r.ParseError != "" {
			t.Fatalf("%d pages: %s", n, r.ParseError)
		}
		if r.Pages != n || !strings.HasSuffix(r.OCR, fmt.Sprintf("pages 1-%d", n)) {
			t.Errorf("%d pages: the record says %d pages, OCR %q: not every page was read", n, r.Pages, r.OCR)
		}
		res = append(res, r)
	}
	mb := func(v int64) float64 { return float64(v) / (1 << 20) }
	var sb strings.Builder
	fmt.Fprintf(&sb, "\nlong scan, example-2021 at 200 dpi repeated (load average before %s, after %s)\n", load0, loadAvg())
	sb.WriteString("| pages | PDF | Go live heap high-water | Go heap high-water (with garbage) | process peak RSS | largest child peak RSS | process + children peak RSS | CPU s/page | wall s/page | cells (uncertain) |\n|---|---|---|---|---|---|---|---|---|---|\n")
	for _, r := range res {
		fmt.Fprintf(&sb, "| %d | %.1f MB | %.1f MB | %.1f MB | %.1f MB | %.1f MB | %.1f MB | %.2f | %.2f | %d (%d) |\n",
			r.Pages, mb(r.FileBytes), mb(int64(r.LivePeak)), mb(int64(r.HeapPeak)), mb(r.SelfHWM), mb(r.ChildRSS), mb(r.TreePeak),
			r.CPU/float64(r.Pages), r.Wall/float64(r.Pages), r.Cells, r.Uncertain)
	}
	t.Log(sb.String())
	if len(res) < 2 {
		return
	}
	a, b := res[0], res[len(res)-1]
	// The file's bytes are live throughout (the caller's slice), and the
	// runtime lets the heap grow to twice the live heap before collecting
	// (GOGC=100), so the resident memory may grow by up to twice the
	// file's growth; what is measured against the bound is what is left.
	for _, m := range []struct {
		what   string
		file   int64 // times the file's size taken off
		lo, hi int64
		slack  int64
	}{
		{"Go live heap high-water", 1, int64(a.LivePeak), int64(b.LivePeak), 8 << 20},
		{"process + children peak RSS", 2, a.TreePeak, b.TreePeak, 16 << 20},
	} {
		lo, hi := m.lo-m.file*a.FileBytes, m.hi-m.file*b.FileBytes
		t.Logf("%s less %d× the file: %.1f MB at %d pages, %.1f MB at %d pages (ratio %.2f)", m.what, m.file, mb(lo), a.Pages, mb(hi), b.Pages, float64(hi)/float64(max(lo, 1)))
		if float64(hi) > 1.25*float64(lo)+float64(m.slack) {
			t.Errorf("%s grows with the page count: %.1f MB at %d pages against %.1f MB at %d (less %d× the file)", m.what, mb(hi), b.Pages, mb(lo), a.Pages, m.file)
		}
	}
}

// longScanChild parses the PDF at path and prints what it measured as one
// "longscan-result {json}" line.
func longScanChild(t *testing.T, path string) {
	var r longScanResult
	defer func() {
		j, _ := json.Marshal(r)
		fmt.Printf("longscan-result %s\n", j)
	}()
	data, err := os.ReadFile(path)
	if err != nil {
		r.ParseError = err.Error()
		return
	}
	r.FileBytes = int64(len(data))
	var live, heap, goTotal atomic.Uint64
	var tree, child atomic.Int64
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/memory/classes/total:bytes"}, {Name: "/gc/heap/live:bytes"}}
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		for k := 0; ; k++ {
			metrics.Read(s)
			heap.Store(max(heap.Load(), s[0].Value.Uint64()))
			goTotal.Store(max(goTotal.Load(), s[1].Value.Uint64()))
			live.Store(max(live.Load(), s[2].Value.Uint64()))
			if k%5 == 0 {
				sum, kid := treeRSS()
				tree.Store(max(tree.Load(), sum))
				child.Store(max(child.Load(), kid))
			}
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()
	c0, _ := cpuTime()
	t0 := time.Now()
	rep, err := Parse(context.Background(), data, filepath.Base(path))
	r.Wall = time.Since(t0).Seconds()
	c1, _ := cpuTime()
	close(stop)
	<-done
	r.CPU = (c1 - c0).Seconds()
	r.LivePeak, r.HeapPeak, r.GoPeak, r.TreePeak = live.Load(), heap.Load(), goTotal.Load(), tree.Load()
	// Not the children's ru_maxrss: Go starts a child with CLONE_VM, so
	// until it execs the child counts this process's pages as its own.
	r.ChildRSS = child.Load()
	r.SelfHWM = statusKB(fmt.Sprintf("/proc/%d/status", os.Getpid()), "VmHWM:") << 10
	if err != nil {
		r.ParseError = err.Error()
		return
	}
	r.Pages, r.OCR = rep.Source.Pages, rep.Source.OCR
	for _, c := range rep.Cells {
		r.Cells++
		if c.Uncertain {
			r.Uncertain++
		}
	}
}

// treeRSS returns the resident memory of this process and of its children
// (the renderer and the engine) together, and the largest child's peak
// (VmHWM), in bytes; Linux /proc only (0 elsewhere).
func treeRSS() (sum, child int64) {
	self := os.Getpid()
	comm, _ := os.ReadFile(fmt.Sprintf("/proc/%d/comm", self))
	total := statusKB(fmt.Sprintf("/proc/%d/status", self), "VmRSS:")
	ents, err := os.ReadDir("/proc")
	if err != nil {
		return total << 10, 0
	}
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || pid == self {
			continue
		}
		b, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue
		}
		// pid (comm) state ppid …; comm may hold spaces: split after ')'.
		i := bytes.LastIndexByte(b, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(string(b[i+1:]))
		if len(f) < 2 {
			continue
		}
		// A child caught between fork and exec still shares this
		// process's memory and reports it as its own: skip it.
		open := bytes.IndexByte(b, '(')
		if ppid, _ := strconv.Atoi(f[1]); ppid == self && open >= 0 && string(b[open+1:i]) != strings.TrimSpace(string(comm)) {
			total += statusKB("/proc/"+e.Name()+"/status", "VmRSS:")
			child = max(child, statusKB("/proc/"+e.Name()+"/status", "VmHWM:"))
		}
	}
	return total << 10, child << 10
}

// statusKB reads a "Key:  123 kB" line of a /proc status file.
func statusKB(path, key string) int64 {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, key); ok {
			f := strings.Fields(v)
			if len(f) > 0 {
				n, _ := strconv.ParseInt(f[0], 10, 64)
				return n
			}
		}
	}
	return 0
}
