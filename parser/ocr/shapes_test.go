package ocr

import (
	"image"
	"image/color"
	"testing"
)

// TestDigitSamples: marks are matched against the page's own samples of
// the digits both models agreed on: a bar among sampled bars ("1") and
// rings ("0") is confirmed as a 1 and refutes a reading of 0; a ring does
// not confirm a 1; a digit without samples is not confirmed.
func TestDigitSamples(t *testing.T) {
	g := image.NewGray(image.Rect(0, 0, 400, 40))
	for i := range g.Pix {
		g.Pix[i] = 255
	}
	ink := func(x0, y0, x1, y1 int) {
		for y := y0; y < y1; y++ {
			for x := x0; x < x1; x++ {
				g.SetGray(x, y, color.Gray{0})
			}
		}
	}
	bar := func(x, w int) image.Rectangle { ink(x, 5, x+w, 35); return image.Rect(x, 5, x+w, 35) }
	ring := func(x, w int) image.Rectangle {
		ink(x, 5, x+w, 8)
		ink(x, 32, x+w, 35)
		ink(x, 5, x+4, 35)
		ink(x+w-4, 5, x+w, 35)
		return image.Rect(x, 5, x+w, 35)
	}
	marks := func(rs ...image.Rectangle) []shape {
		var out []shape
		for _, r := range rs {
			out = append(out, shapeOf(g, r, 128))
		}
		return out
	}
	ds := digitSamples{}
	ds.add("10", marks(bar(10, 4), ring(30, 18)))
	ds.add("01", marks(ring(60, 19), bar(90, 5)))
	ds.add("100", marks(bar(110, 4), ring(130, 18), ring(160, 17)))
	ds.add("12", marks(bar(190, 4))) // marks and digits disagree: not kept
	if len(ds['1']) != 3 || len(ds['0']) != 4 {
		t.Fatalf("samples: %d of 1, %d of 0; want 3 and 4", len(ds['1']), len(ds['0']))
	}
	newBar, newRing := marks(bar(220, 5)), marks(ring(240, 18))
	if !ds.confirms("1", "0", newBar) {
		t.Error("a bar is not confirmed as 1")
	}
	if !ds.refutes("0", "1", newBar) {
		t.Error("a bar does not refute a reading of 0")
	}
	if ds.confirms("1", "0", newRing) || ds.refutes("0", "1", newRing) {
		t.Error("a ring confirms 1 or refutes 0")
	}
	if ds.confirms("7", "", newBar) {
		t.Error("a digit without samples is confirmed")
	}
}
