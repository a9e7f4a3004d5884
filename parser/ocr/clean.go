package ocr

import (
	"image"
	"slices"
)

// component is a connected set of ink pixels (8-connectivity).
type component struct {
	box  image.Rectangle
	area int
	pix  []int32 // offsets into the cell's window, for whitening
}

// cellInk finds what is printed inside a cell: the connected components of
// ink in r, split into glyph parts and specks. A speck (shorter and
// narrower than 0.04 in and smaller than the glyph threshold) is kept only
// near the glyphs: inside their bounding box or within one glyph height to
// its left or right, where decimal points, commas and Chinese punctuation
// sit; elsewhere it is scanner noise and is dropped. It returns the box to
// crop (empty when the cell holds no glyph) and the specks to whiten.
//
// Hand-written: a flood fill over a cell-sized window; the image packages
// of the Go ecosystem have no connected-component labelling.
func cellInk(bm *bitmap, r image.Rectangle, dpi int) (image.Rectangle, []component) {
	r = r.Intersect(image.Rect(0, 0, bm.w, bm.h))
	if r.Empty() {
		return image.Rectangle{}, nil
	}
	w, h := r.Dx(), r.Dy()
	seen := make([]bool, w*h)
	var comps []component
	var stack []int32
	for y := range h {
		for x := range w {
			i := y*w + x
			if seen[i] || bm.pix[(r.Min.Y+y)*bm.w+r.Min.X+x] == 0 {
				continue
			}
			c := component{box: image.Rect(x, y, x+1, y+1)}
			seen[i] = true
			stack = append(stack[:0], int32(i))
			for len(stack) > 0 {
				p := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				px, py := int(p)%w, int(p)/w
				c.area++
				c.pix = append(c.pix, p)
				c.box = c.box.Union(image.Rect(px, py, px+1, py+1))
				for dy := -1; dy <= 1; dy++ {
					for dx := -1; dx <= 1; dx++ {
						nx, ny := px+dx, py+dy
						if nx < 0 || ny < 0 || nx >= w || ny >= h {
							continue
						}
						j := ny*w + nx
						if !seen[j] && bm.pix[(r.Min.Y+ny)*bm.w+r.Min.X+nx] == 1 {
							seen[j] = true
							stack = append(stack, int32(j))
						}
					}
				}
			}
			comps = append(comps, c)
		}
	}
	size := max(3, dpi*4/100)       // 0.04 in
	minArea := max(8, dpi*dpi/1000) // 22 px at 150 dpi, 90 at 300
	var glyphs image.Rectangle
	var heights []int
	var specks []component
	for _, c := range comps {
		if c.area >= minArea || c.box.Dx() >= size || c.box.Dy() >= size {
			glyphs = glyphs.Union(c.box)
			heights = append(heights, c.box.Dy())
			continue
		}
		specks = append(specks, c)
	}
	if glyphs.Empty() {
		return image.Rectangle{}, nil
	}
	slices.Sort(heights)
	gh := heights[len(heights)/2]
	near := image.Rect(glyphs.Min.X-gh, glyphs.Min.Y, glyphs.Max.X+gh, glyphs.Max.Y)
	var drop []component
	keep := glyphs
	for _, s := range specks {
		if s.box.In(near) {
			keep = keep.Union(s.box)
			continue
		}
		drop = append(drop, s)
	}
	return keep.Add(r.Min), drop
}

// whiten paints the dropped specks of a cell window (origin at) white in g.
func whiten(g *image.Gray, at image.Point, w int, drop []component) {
	for _, c := range drop {
		for _, p := range c.pix {
			x, y := at.X+int(p)%w, at.Y+int(p)/w
			g.Pix[y*g.Stride+x] = 255
		}
	}
}
