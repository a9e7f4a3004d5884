package ocr

import (
	"context"
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"

	"gongkai/synth"
)

// TestLongScanMemoryBounded: a long scan is rendered one page at a time
// and analysed in batches of BatchPages (as package pdf reads it), so the
// live heap's high-water mark does not grow with the page count: 12 pages
// need no more than 1.25× the memory of 4. Holding every page would need
// 3×. The engine is not run (it is a separate process, and slow); what is
// held in this process is the page images, their analysis and the cell
// crops.
func TestLongScanMemoryBounded(t *testing.T) {
	for _, p := range []string{"pdftoppm", "pdfinfo"} {
		if _, err := exec.LookPath(p); err != nil {
			t.Skipf("%s not found: apt-get install poppler-utils", p)
		}
	}
	pdf, err := os.ReadFile(filepath.Join("..", "..", "testdata", "synth", "example-2021.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	const dpi = 150
	scans, err := synth.ScanPages(context.Background(), pdf, synth.Scan{DPI: dpi, Quality: 80})
	if err != nil {
		t.Fatal(err)
	}
	peak := func(n int) uint64 {
		var pages [][]byte
		var want []int
		for i := range n {
			pages = append(pages, scans[i%len(scans)])
			want = append(want, i+1)
		}
		doc, err := synth.ImagePDF(pages, dpi)
		if err != nil {
			t.Fatal(err)
		}
		pages = nil
		var held []*pageWork
		var high uint64
		var ms runtime.MemStats
		err = RenderPDF(context.Background(), doc, want, 0, func(_, d int, img *image.Gray) error {
			held = append(held, preparePage(img, Options{DPI: d}))
			runtime.GC()
			runtime.ReadMemStats(&ms)
			high = max(high, ms.HeapAlloc)
			if len(held) == BatchPages {
				held = nil // the batch is read and its pages let go
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return high
	}
	small, large := peak(4), peak(12)
	t.Logf("live heap high-water: %.1f MB for 4 pages, %.1f MB for 12 pages (ratio %.2f)", float64(small)/(1<<20), float64(large)/(1<<20), float64(large)/float64(small))
	if float64(large) > 1.25*float64(small) {
		t.Errorf("memory grows with the page count: %.1f MB for 12 pages against %.1f MB for 4", float64(large)/(1<<20), float64(small)/(1<<20))
	}
}
