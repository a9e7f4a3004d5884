package parser

import (
	"context"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"

	"gongkai/synth"
)

// TestOCRPlaces: a value read by OCR from a scan of a generated PDF is
// placed where the text-layer parse of the same PDF places it — the same
// page, and a box whose centre is within 3 pt — on a scan turned by 1.5°:
// the value is printed turned with the page, and the deskewed image's
// boxes must be turned back to land on it.
func TestOCRPlaces(t *testing.T) {
	needOCRTools(t)
	ctx := context.Background()
	pdf, err := os.ReadFile(filepath.Join("..", "testdata", "synth", "template-2019.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	ref, err := Parse(ctx, pdf, "template-2019.pdf")
	if err != nil {
		t.Fatal(err)
	}
	var width, height float64
	out, err := exec.Command("pdfinfo", filepath.Join("..", "testdata", "synth", "template-2019.pdf")).Output()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fmt.Sscanf(regexp.MustCompile(`Page size:\s+(.*)`).FindStringSubmatch(string(out))[1], "%g x %g", &width, &height); err != nil {
		t.Fatalf("pdfinfo page size: %v", err)
	}
	want := map[string][4]float64{}
	page := map[string]int{}
	raw := map[string]string{}
	for _, c := range ref.Cells {
		if c.At != nil && c.At.Box != nil {
			want[c.Key], page[c.Key], raw[c.Key] = *c.At.Box, c.At.Page, c.Raw
		}
	}
	// Turned only: a straight scan is the same path with no angle to undo
	// (measured once: within 0.8 pt), and each scan costs a minute of OCR.
	for _, sc := range []synth.Scan{{DPI: 200, Rotate: 1.5, Seed: 2}} {
		t.Run(sc.Name(), func(t *testing.T) {
			scan, err := synth.ScanPDF(ctx, pdf, sc)
			if err != nil {
				t.Fatal(err)
			}
			rep, err := Parse(ctx, scan, "scan.pdf")
			if err != nil {
				t.Fatal(err)
			}
			n, off, worst := 0, 0, 0.0
			for _, c := range rep.Cells {
				w, ok := want[c.Key]
				if !ok || c.Raw == "" || c.Uncertain {
					// An uncertain row's values are not known, so neither is
					// which cell each came from.
					continue
				}
				if c.At == nil || c.At.Box == nil {
					t.Errorf("%s: read by OCR without a place", c.Key)
					continue
				}
				b := *c.At.Box
				x, y := turned((w[0]+w[2])/2, (w[1]+w[3])/2, sc.Rotate, width, height)
				d := math.Hypot((b[0]+b[2])/2-x, (b[1]+b[3])/2-y)
				worst = max(worst, d)
				n++
				if c.At.Page != page[c.Key] || d > 3 {
					off++
					t.Errorf("%s = %q (text layer %q): OCR places it on page %d at %v, the text layer on page %d at %v (%.1f pt apart)", c.Key, c.Raw, raw[c.Key], c.At.Page, b, page[c.Key], w, d)
				}
			}
			if n < 100 {
				t.Errorf("only %d OCR'd values to compare", n)
			}
			t.Logf("%d values: %d placed more than 3 pt away; the farthest %.1f pt", n, off, worst)
		})
	}
}

// turned returns where point (x, y) of a width×height page (points, y up)
// lands when the scan turns the page by deg about its centre as
// synth.Scan does (in image coordinates, y down).
func turned(x, y, deg, width, height float64) (float64, float64) {
	rad := deg * math.Pi / 180
	c, s := math.Cos(rad), math.Sin(rad)
	X, Y := x-width/2, (height-y)-height/2
	X, Y = c*X-s*Y+width/2, s*X+c*Y+height/2
	return X, height - Y
}
