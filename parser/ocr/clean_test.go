package ocr

import (
	"image"
	"image/color"
	"testing"
)

// whitePage returns a white grey image of w×h pixels and a function that
// inks a rectangle of it.
func whitePage(w, h int) (*image.Gray, func(x0, y0, x1, y1 int)) {
	g := image.NewGray(image.Rect(0, 0, w, h))
	for i := range g.Pix {
		g.Pix[i] = 255
	}
	return g, func(x0, y0, x1, y1 int) {
		for y := y0; y < y1; y++ {
			for x := x0; x < x1; x++ {
				g.SetGray(x, y, color.Gray{30})
			}
		}
	}
}

// TestCellInkSpecks: at 150 dpi, a digit-sized glyph (a ring 8×14 px) with
// a speck beside it above its middle and one farther off is cropped to the
// glyph alone; a point just after it on its lower half and one between two
// digits are kept, and so are a minus and a plus sign before it; a lone
// dash is a glyph, and a cell of specks alone is blank.
func TestCellInkSpecks(t *testing.T) {
	ring := func(ink func(x0, y0, x1, y1 int), x, y int) {
		ink(x, y, x+8, y+2)
		ink(x, y+12, x+8, y+14)
		ink(x, y, x+2, y+14)
		ink(x+6, y, x+8, y+14)
	}
	cell := image.Rect(0, 0, 80, 30)
	for _, tc := range []struct {
		name string
		draw func(ink func(x0, y0, x1, y1 int))
		want image.Rectangle // empty: blank
	}{
		{"speck above the middle, beside", func(ink func(x0, y0, x1, y1 int)) {
			ring(ink, 30, 8)
			ink(41, 9, 43, 11) // 3 px right of the glyph, near its top
		}, image.Rect(30, 8, 38, 22)},
		{"speck a glyph height away", func(ink func(x0, y0, x1, y1 int)) {
			ring(ink, 30, 8)
			ink(50, 18, 52, 20)
		}, image.Rect(30, 8, 38, 22)},
		{"point after the glyph, low", func(ink func(x0, y0, x1, y1 int)) {
			ring(ink, 30, 8)
			ink(39, 19, 41, 21)
		}, image.Rect(30, 8, 41, 22)},
		{"decimal point between digits", func(ink func(x0, y0, x1, y1 int)) {
			ring(ink, 20, 8)
			ring(ink, 34, 8)
			ink(30, 19, 32, 21)
		}, image.Rect(20, 8, 42, 22)},
		{"minus sign before a digit", func(ink func(x0, y0, x1, y1 int)) {
			ink(24, 14, 28, 16) // 4×2 px: 0.027 in at 150 dpi
			ring(ink, 30, 8)
		}, image.Rect(24, 8, 38, 22)},
		{"plus sign before a digit", func(ink func(x0, y0, x1, y1 int)) {
			ink(20, 14, 26, 15)
			ink(22, 12, 23, 18)
			ring(ink, 30, 8)
		}, image.Rect(20, 8, 38, 22)},
		{"a lone dash", func(ink func(x0, y0, x1, y1 int)) {
			ink(34, 14, 42, 16)
		}, image.Rect(34, 14, 42, 16)},
		{"specks only", func(ink func(x0, y0, x1, y1 int)) {
			ink(10, 10, 12, 12)
			ink(40, 20, 42, 22)
			ink(60, 5, 61, 6)
		}, image.Rectangle{}},
	} {
		g, ink := whitePage(cell.Dx(), cell.Dy())
		tc.draw(ink)
		got, _ := cellInk(binarise(g, 128), cell, 150)
		if got != tc.want {
			t.Errorf("%s: ink box %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestDespeckle: at 150 dpi, lone specks are whitened; a glyph, a point
// close after it, a dash and the dot of a character stay.
func TestDespeckle(t *testing.T) {
	g, ink := whitePage(200, 100)
	ink(20, 20, 40, 40)   // a character
	ink(42, 36, 45, 39)   // a full stop 2 px after it
	ink(60, 30, 70, 32)   // a dash
	ink(100, 20, 102, 22) // lone specks
	ink(150, 70, 151, 71)
	ink(180, 10, 183, 13)
	ink(20, 60, 40, 80) // a character with a dot above it
	ink(28, 56, 31, 59)
	n := despeckle(g, binarise(g, 128), 150)
	if n != 3 {
		t.Errorf("%d specks whitened, want 3", n)
	}
	for _, p := range []image.Point{{100, 20}, {150, 70}, {181, 11}} {
		if g.GrayAt(p.X, p.Y).Y != 255 {
			t.Errorf("speck at %v left", p)
		}
	}
	for _, p := range []image.Point{{30, 30}, {43, 37}, {65, 31}, {29, 57}} {
		if g.GrayAt(p.X, p.Y).Y == 255 {
			t.Errorf("ink at %v whitened", p)
		}
	}
}
