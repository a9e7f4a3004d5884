package parser

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"gongkai/synth"
)

// BenchmarkOCR parses a generated report (testdata/synth/example-2021,
// 5 pages) scanned at 150, 200 and 300 dpi as an image-only PDF through
// OCR. Metrics: cpu-s/page, the CPU time of this process and of the
// engine's processes per page (the target: ≤ 3 s at 200 dpi on one
// core: run under `taskset -c 0`), and text-cpu-s/page, the text-layer
// parse of the same PDF measured in the same run, for the ratio.
//
//	taskset -c 0 go test ./parser -run '^$' -bench 'OCR/200dpi' -benchtime 3x
func BenchmarkOCR(b *testing.B) {
	needOCRTools(b)
	pdf, err := os.ReadFile(filepath.Join("..", "testdata", "synth", "example-2021.pdf"))
	if err != nil {
		b.Fatal(err)
	}
	for _, sc := range []synth.Scan{
		{DPI: 150, Rotate: 1, Noise: 0.0005, Seal: true, Quality: 60, Seed: 3},
		{DPI: 200, Rotate: -0.7, Quality: 75, Seed: 2},
		{DPI: 300},
	} {
		img, err := synth.ScanPDF(context.Background(), pdf, sc)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("%ddpi", sc.DPI), func(b *testing.B) {
			_, refCPU, _, err := measuredParse(pdf, "example-2021.pdf")
			if err != nil {
				b.Fatal(err)
			}
			var cpu, pages float64
			for b.Loop() {
				r, c, _, err := measuredParse(img, "scan.pdf")
				if err != nil {
					b.Fatal(err)
				}
				if r.Source.OCR == "" {
					b.Fatal("not read by OCR")
				}
				cpu += c.Seconds()
				pages += float64(r.Source.Pages)
			}
			b.ReportMetric(cpu/pages, "cpu-s/page")
			b.ReportMetric(refCPU.Seconds()/5, "text-cpu-s/page")
			b.ReportMetric(0, "ns/op")
		})
	}
}
