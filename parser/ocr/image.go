package ocr

import (
	"bufio"
	"fmt"
	"image"
	"image/color"
	"io"
	"math"

	"golang.org/x/image/draw"
)

// isRed tells a seal's or a stamp's ink from black, grey and blue text:
// red clearly dominates both other channels. JPEG ringing and the seal's
// anti-aliased edge (pink) pass too; black text printed under a seal stays
// dark in all channels and is kept.
func isRed(r, g, b uint32) bool {
	return r > 110 && int(r)-int(max(g, b)) > 55
}

// luma is the grey level of an 8-bit RGB pixel, with seal red made white.
func luma(r, g, b uint32) uint8 {
	if isRed(r, g, b) {
		return 255
	}
	return uint8((299*r + 587*g + 114*b) / 1000)
}

// Gray converts a decoded image to grey levels, removing red seals and
// stamps by colour on the way (one pass, no RGB copy kept).
func Gray(img image.Image) *image.Gray {
	b := img.Bounds()
	out := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
	switch src := img.(type) {
	case *image.Gray:
		for y := 0; y < b.Dy(); y++ {
			copy(out.Pix[y*out.Stride:y*out.Stride+b.Dx()], src.Pix[src.PixOffset(b.Min.X, b.Min.Y+y):])
		}
	case *image.RGBA:
		for y := 0; y < b.Dy(); y++ {
			row := src.Pix[src.PixOffset(b.Min.X, b.Min.Y+y):]
			o := out.Pix[y*out.Stride:]
			for x := 0; x < b.Dx(); x++ {
				o[x] = luma(uint32(row[4*x]), uint32(row[4*x+1]), uint32(row[4*x+2]))
			}
		}
	case *image.NRGBA:
		for y := 0; y < b.Dy(); y++ {
			row := src.Pix[src.PixOffset(b.Min.X, b.Min.Y+y):]
			o := out.Pix[y*out.Stride:]
			for x := 0; x < b.Dx(); x++ {
				a := uint32(row[4*x+3])
				// Transparent parts are white paper.
				c := func(v byte) uint32 { return (uint32(v)*a + 255*(255-a)) / 255 }
				o[x] = luma(c(row[4*x]), c(row[4*x+1]), c(row[4*x+2]))
			}
		}
	case *image.YCbCr:
		for y := 0; y < b.Dy(); y++ {
			o := out.Pix[y*out.Stride:]
			for x := 0; x < b.Dx(); x++ {
				yi, ci := src.YOffset(b.Min.X+x, b.Min.Y+y), src.COffset(b.Min.X+x, b.Min.Y+y)
				r, g, bb := color.YCbCrToRGB(src.Y[yi], src.Cb[ci], src.Cr[ci])
				o[x] = luma(uint32(r), uint32(g), uint32(bb))
			}
		}
	default:
		for y := 0; y < b.Dy(); y++ {
			for x := 0; x < b.Dx(); x++ {
				r, g, bb, a := img.At(b.Min.X+x, b.Min.Y+y).RGBA()
				// Composite over white, then to 8 bits.
				w := 0xffff - a
				out.Pix[y*out.Stride+x] = luma((r+w)>>8, (g+w)>>8, (bb+w)>>8)
			}
		}
	}
	return out
}

// ReadPPMGray reads a binary PPM (P6) or PGM (P5), as pdftoppm writes them,
// straight into grey levels with seal red removed: the RGB page (26 MB at
// 300 dpi) is never held, only one row of it. Netpbm is a four-line header
// and raw samples, so no library is used.
func ReadPPMGray(r io.Reader) (*image.Gray, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	var magic string
	var w, h, maxv int
	if _, err := fmt.Fscan(br, &magic, &w, &h, &maxv); err != nil {
		return nil, fmt.Errorf("read PPM header: %w", err)
	}
	if _, err := br.ReadByte(); err != nil { // the single white space after maxval
		return nil, fmt.Errorf("read PPM header: %w", err)
	}
	ch := map[string]int{"P6": 3, "P5": 1}[magic]
	if ch == 0 || maxv != 255 || w <= 0 || h <= 0 || w > 20000 || h > 20000 {
		return nil, fmt.Errorf("read PPM: unsupported %s %dx%d maxval %d", magic, w, h, maxv)
	}
	out := image.NewGray(image.Rect(0, 0, w, h))
	row := make([]byte, w*ch)
	for y := range h {
		if _, err := io.ReadFull(br, row); err != nil {
			return nil, fmt.Errorf("read PPM row %d: %w", y, err)
		}
		o := out.Pix[y*out.Stride:]
		if ch == 1 {
			copy(o, row)
			continue
		}
		for x := range w {
			o[x] = luma(uint32(row[3*x]), uint32(row[3*x+1]), uint32(row[3*x+2]))
		}
	}
	return out, nil
}

// otsu returns the grey level that best separates ink from paper (Otsu's
// method), kept within [90, 210] so that a blank or a black page does not
// get an absurd threshold.
func otsu(g *image.Gray) uint8 {
	var hist [256]int
	for _, v := range g.Pix {
		hist[v]++
	}
	total := len(g.Pix)
	sum := 0.0
	for i, n := range hist {
		sum += float64(i * n)
	}
	var sumB, wB float64
	best, th := -1.0, 160
	for t := range 256 {
		wB += float64(hist[t])
		if wB == 0 {
			continue
		}
		wF := float64(total) - wB
		if wF == 0 {
			break
		}
		sumB += float64(t * hist[t])
		mB, mF := sumB/wB, (sum-sumB)/wF
		if v := wB * wF * (mB - mF) * (mB - mF); v > best {
			best, th = v, t
		}
	}
	return uint8(min(max(th, 90), 210))
}

// bitmap is a binarised page: 1 for ink.
type bitmap struct {
	w, h int
	pix  []uint8
}

func binarise(g *image.Gray, th uint8) *bitmap {
	b := g.Bounds()
	bm := &bitmap{w: b.Dx(), h: b.Dy(), pix: make([]uint8, b.Dx()*b.Dy())}
	for y := 0; y < bm.h; y++ {
		row := g.Pix[y*g.Stride : y*g.Stride+bm.w]
		o := bm.pix[y*bm.w:]
		for x, v := range row {
			if v <= th {
				o[x] = 1
			}
		}
	}
	return bm
}

// skewAngle estimates the page's rotation in degrees (positive:
// clockwise) within ±maxSkew by the projection profile: when the rows of
// text and the table rules are level, the ink's row histogram is most
// peaked. Only every other ink pixel of every other row is used.
func skewAngle(bm *bitmap) float64 {
	const maxSkew = 3.0
	type pt struct{ x, y float64 }
	var pts []pt
	for y := 0; y < bm.h; y += 2 {
		row := bm.pix[y*bm.w : (y+1)*bm.w]
		for x := 0; x < bm.w; x += 2 {
			if row[x] == 1 {
				pts = append(pts, pt{float64(x), float64(y)})
			}
		}
	}
	if len(pts) < 200 {
		return 0
	}
	hist := make([]float64, bm.h+bm.w)
	score := func(deg float64) float64 {
		clear(hist)
		t := math.Tan(deg * math.Pi / 180)
		off := float64(bm.w) * maxSkew / 57 // keep indices positive
		for _, p := range pts {
			// Bins two rows high: only every other row is sampled.
			i := int((p.y - p.x*t + off) / 2)
			if i >= 0 && i < len(hist) {
				hist[i]++
			}
		}
		s := 0.0
		for i := 1; i < len(hist); i++ {
			d := hist[i] - hist[i-1]
			s += d * d
		}
		return s
	}
	best, bestS := 0.0, score(0)
	for a := -maxSkew; a <= maxSkew+1e-9; a += 0.2 {
		if s := score(a); s > bestS {
			best, bestS = a, s
		}
	}
	c := best
	for a := c - 0.2; a <= c+0.2+1e-9; a += 0.04 {
		if s := score(a); s > bestS {
			best, bestS = a, s
		}
	}
	return best
}

// rotate turns g by deg degrees about its centre (the inverse of the
// measured skew), on white, with bilinear sampling. Written here rather
// than with golang.org/x/image/draw's Transform, which has no fast path
// for grey images and took about 0.25 s of CPU per 200-dpi page through
// its generic RGBA64 path (profile of BenchmarkOCR). The loop repeats that
// path's arithmetic on the bytes (pixel centres, 16-bit samples truncated,
// the grey conversion of image.Gray, the clamped last row and column):
// the grid finder and the thresholds were tuned on its output, and
// rounding differently moved a rule by a pixel on a noisy 150-dpi scan.
func rotate(g *image.Gray, deg float64) *image.Gray {
	b := g.Bounds()
	w, h := b.Dx(), b.Dy()
	dst := image.NewGray(b)
	rad := deg * math.Pi / 180
	c, s := math.Cos(rad), math.Sin(rad)
	cx, cy := float64(w)/2, float64(h)/2
	src := g.Pix[g.PixOffset(b.Min.X, b.Min.Y):]
	st := g.Stride
	for y := range h {
		row := dst.Pix[y*dst.Stride : y*dst.Stride+w]
		dy := float64(y) + 0.5 - cy
		for x := range row {
			// The source point of destination pixel x: R⁻¹·(dst − centre) + centre.
			dx := float64(x) + 0.5 - cx
			sx := c*dx + s*dy + cx
			sy := -s*dx + c*dy + cy
			if ix, iy := int(sx), int(sy); ix < 0 || iy < 0 || ix >= w || iy >= h {
				row[x] = 255
				continue
			}
			sx -= 0.5
			x0 := int(sx)
			xf0 := sx - float64(x0)
			xf1 := 1 - xf0
			x1 := x0 + 1
			if x0 < 0 {
				x0, x1, xf0, xf1 = 0, 0, 0, 1
			} else if x1 >= w {
				x0, x1, xf0, xf1 = w-1, w-1, 1, 0
			}
			sy -= 0.5
			y0 := int(sy)
			yf0 := sy - float64(y0)
			yf1 := 1 - yf0
			y1 := y0 + 1
			if y0 < 0 {
				y0, y1, yf0, yf1 = 0, 0, 0, 1
			} else if y1 >= h {
				y0, y1, yf0, yf1 = h-1, h-1, 1, 0
			}
			p00, p10 := float64(uint32(src[y0*st+x0])*0x101), float64(uint32(src[y0*st+x1])*0x101)
			p01, p11 := float64(uint32(src[y1*st+x0])*0x101), float64(uint32(src[y1*st+x1])*0x101)
			top := xf1*p00 + xf0*p10
			bot := xf1*p01 + xf0*p11
			v := uint32(uint16(yf1*top + yf0*bot))
			row[x] = uint8((v*0x10000 + 1<<15) >> 24)
		}
	}
	return dst
}

// crop copies a rectangle of g into a new image with a white margin of pad
// pixels, scaled by scale (1 = as is).
func crop(g *image.Gray, r image.Rectangle, pad int, scale float64) *image.Gray {
	r = r.Intersect(g.Bounds())
	w, h := int(float64(r.Dx())*scale), int(float64(r.Dy())*scale)
	out := image.NewGray(image.Rect(0, 0, w+2*pad, h+2*pad))
	for i := range out.Pix {
		out.Pix[i] = 255
	}
	inner := image.Rect(pad, pad, pad+w, pad+h)
	if scale == 1 {
		draw.Draw(out, inner, g, r.Min, draw.Src)
	} else {
		draw.CatmullRom.Scale(out, inner, g, r, draw.Src, nil)
	}
	return out
}
