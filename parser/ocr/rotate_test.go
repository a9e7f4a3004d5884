package ocr

import (
	"image"
	"image/color"
	"math"
	"math/rand/v2"
	"testing"

	"golang.org/x/image/draw"
	"golang.org/x/image/math/f64"
)

// TestRotateMatchesXImage: the hand-written rotation samples as
// golang.org/x/image/draw's bilinear Transform does.
func TestRotateMatchesXImage(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	g := image.NewGray(image.Rect(0, 0, 301, 203))
	for i := range g.Pix {
		g.Pix[i] = 255
	}
	for range 400 { // ink blobs
		x, y := 12+r.IntN(270), 12+r.IntN(170) // a white margin: at the edge the two differ
		for dy := range 1 + r.IntN(8) {
			for dx := range 1 + r.IntN(8) {
				g.SetGray(x+dx, y+dy, color.Gray{Y: uint8(r.IntN(120))})
			}
		}
	}
	for _, deg := range []float64{-2.3, -0.7, 0.4, 1.9} {
		got := rotate(g, deg)
		want := image.NewGray(g.Bounds())
		for i := range want.Pix {
			want.Pix[i] = 255
		}
		rad := deg * math.Pi / 180
		c, s := math.Cos(rad), math.Sin(rad)
		cx, cy := float64(g.Bounds().Dx())/2, float64(g.Bounds().Dy())/2
		m := f64.Aff3{c, -s, cx - c*cx + s*cy, s, c, cy - s*cx - c*cy}
		draw.BiLinear.Transform(want, m, g, g.Bounds(), draw.Src, nil)
		// Every pixel agrees (within a grey level, for the last bits of the
		// inverted matrix).
		worst := 0
		for y := 0; y < 203; y++ {
			for x := 0; x < 301; x++ {
				worst = max(worst, abs(int(got.GrayAt(x, y).Y)-int(want.GrayAt(x, y).Y)))
			}
		}
		if worst > 1 {
			t.Errorf("rotate %.1f°: differs from x/image/draw by up to %d grey levels", deg, worst)
		}
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
