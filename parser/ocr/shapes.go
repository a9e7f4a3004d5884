package ocr

import (
	"image"
	"math"
	"slices"
)

// The Chinese model misreads some printed digits consistently in fonts it
// was not trained on ("6" as "0", "351" as "3531"), so the two readings of
// a cell disagree although the digit model is right. The page itself holds
// the evidence to settle it: the digits of the cells both models read the
// same are samples of the very font. A disputed cell whose every mark
// looks, clearly, most like the page's samples of the digit the digit
// model read is settled by them; otherwise it stays uncertain.
//
// Written here: nearest-neighbour matching of small shape grids is a few
// dozen lines, and no Go package does font-adapted digit matching.

const (
	shapeW, shapeH = 8, 12
	// shapeMargin: the nearest other digit's samples must be at least this
	// many times as far as the read digit's.
	shapeMargin = 1.6
	// shapeSamples: the read digit needs this many samples on the page.
	shapeSamples = 2
)

type shape [shapeW * shapeH]float32

// glyphRuns returns the marks printed side by side in box (see
// glyphColumns), each as its own box.
func glyphRuns(g *image.Gray, box image.Rectangle, light uint8) []image.Rectangle {
	box = box.Intersect(g.Bounds())
	var out []image.Rectangle
	x0, top, bottom := -1, -1, -1
	end := func(x int) {
		if x0 >= 0 && 10*(bottom-top+1) >= 6*box.Dy() {
			out = append(out, image.Rect(x0, top, x, bottom+1))
		}
		x0, top, bottom = -1, -1, -1
	}
	for x := box.Min.X; x < box.Max.X; x++ {
		lo, hi := -1, -1
		for y := box.Min.Y; y < box.Max.Y; y++ {
			if g.Pix[y*g.Stride+x] <= light {
				if lo < 0 {
					lo = y
				}
				hi = y
			}
		}
		if lo < 0 {
			end(x)
			continue
		}
		if x0 < 0 {
			x0 = x
		}
		if top < 0 || lo < top {
			top = lo
		}
		bottom = max(bottom, hi)
	}
	end(box.Max.X)
	return out
}

// shapeOf samples a mark on a shapeW×shapeH grid: the share of ink in each
// part of a box as high as the mark and 0.7 times as wide, centred on it
// (so that a narrow "1" stays narrow).
func shapeOf(g *image.Gray, r image.Rectangle, light uint8) shape {
	var s shape
	h := r.Dy()
	w := max(r.Dx(), int(0.7*float64(h)+0.5))
	cx := (r.Min.X + r.Max.X) / 2
	x0 := cx - w/2
	for j := range shapeH {
		ya, yb := r.Min.Y+j*h/shapeH, r.Min.Y+(j+1)*h/shapeH
		for i := range shapeW {
			xa, xb := x0+i*w/shapeW, x0+(i+1)*w/shapeW
			n, ink := 0, 0
			for y := ya; y < max(yb, ya+1); y++ {
				for x := xa; x < max(xb, xa+1); x++ {
					n++
					if image.Pt(x, y).In(g.Bounds()) && g.Pix[y*g.Stride+x] <= light {
						ink++
					}
				}
			}
			s[j*shapeW+i] = float32(ink) / float32(max(n, 1))
		}
	}
	return s
}

func shapeDist(a, b *shape) float64 {
	d := 0.0
	for i := range a {
		v := float64(a[i] - b[i])
		d += v * v
	}
	return d
}

// digitSamples are a page's marks by the digit both models read there.
type digitSamples map[byte][]shape

// add keeps the marks of a cell read as the pure digits txt, when there
// are as many marks as digits.
func (ds digitSamples) add(txt string, marks []shape) {
	if len(marks) != len(txt) || !allDigits(txt) {
		return
	}
	for i := range marks {
		ds[txt[i]] = append(ds[txt[i]], marks[i])
	}
}

// nearest is the distance from m to the nearest sample of digit d; +Inf
// when the page has none.
func (ds digitSamples) nearest(d byte, m *shape) float64 {
	best := math.Inf(1)
	for i := range ds[d] {
		best = min(best, shapeDist(m, &ds[d][i]))
	}
	return best
}

// confirms reports whether the marks are, one by one, clearly most like
// the page's samples of the digits of txt: each mark's nearest digit is the
// one read, with shapeSamples samples at least, and every other digit with
// samples is shapeMargin times as far. The digits of other (the rival
// reading, when it is a number of the same length) must have samples, so
// that the rival is refuted and not merely unknown.
func (ds digitSamples) confirms(txt, other string, marks []shape) bool {
	if len(marks) != len(txt) || !allDigits(txt) {
		return false
	}
	for i := range marks {
		d := txt[i]
		if len(ds[d]) < shapeSamples {
			return false
		}
		if len(other) == len(txt) && allDigits(other) && len(ds[other[i]]) == 0 {
			return false
		}
		own := ds.nearest(d, &marks[i])
		for e := byte('0'); e <= '9'; e++ {
			if e == d || len(ds[e]) == 0 {
				continue
			}
			if ds.nearest(e, &marks[i]) < shapeMargin*own {
				return false
			}
		}
	}
	return true
}

// refutes reports whether the marks rule out the rival reading other of a
// cell read as txt by the digit model: other has a different number of
// digits than the marks printed, or at each place where the two differ the
// mark is far from every sample of other's digit — farther than
// refuteSpread times the typical distance between two samples of that
// digit (at least refuteSamples of them). The Chinese model's systematic
// misreadings ("6" as "0") are refuted this way, as the page is full of
// agreed zeros that look nothing like the mark.
func (ds digitSamples) refutes(other, txt string, marks []shape) bool {
	if len(marks) != len(txt) || !allDigits(txt) {
		return false
	}
	if !allDigits(other) {
		return false
	}
	if len(other) != len(txt) {
		return true // the marks printed are as many as the digits read, not as other's
	}
	for i := range marks {
		d := other[i]
		if d == txt[i] {
			continue
		}
		spread := ds.spread(d)
		if math.IsInf(spread, 1) || ds.nearest(d, &marks[i]) <= refuteSpread*max(spread, 0.05) {
			return false
		}
	}
	return true
}

const (
	refuteSpread  = 4
	refuteSamples = 3
)

// spread is the median distance from a sample of digit d to its nearest
// other sample; +Inf with fewer than refuteSamples samples.
func (ds digitSamples) spread(d byte) float64 {
	ss := ds[d]
	if len(ss) < refuteSamples {
		return math.Inf(1)
	}
	near := make([]float64, len(ss))
	for i := range ss {
		near[i] = math.Inf(1)
		for j := range ss {
			if i != j {
				near[i] = min(near[i], shapeDist(&ss[i], &ss[j]))
			}
		}
	}
	slices.Sort(near)
	return near[len(near)/2]
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
