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
// ink in r, split into glyph parts and specks. A glyph part is at least as
// large as the glyph threshold, or at least 0.04 in tall (a "+", a thin
// serif "1", "|"), or a dash or a minus at least 0.027 in long and twice
// as long as it is thick; small components a couple of pixels apart are
// judged together (groupNear). Anything else is a speck, kept only where
// punctuation sits: within the glyphs' span and height (the decimal point
// between digits, the dots of a character), or just after or before the
// glyphs (a third of their height away at most) in the lower half of
// their line (a comma, a full stop, "、"). Elsewhere — above the glyphs'
// middle beside them, or farther away — it is scanner noise and is
// dropped: a speck beside a lone digit cuts the digit model's confidence
// to nothing (measured on the 150 dpi noisy scans). It returns the box to
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
	isGlyph := func(box image.Rectangle, area int) bool {
		dx, dy := box.Dx(), box.Dy()
		// A part 0.04 in tall is a glyph's whatever its width and area: a
		// thin serif "1" of a printed table, smaller than minArea and more
		// than half as wide as it is tall, was whitened as a speck (the
		// rasterised samples lost 29 of 200 digits so, read confidently).
		// A bar from 0.027 in, twice as long as thick, is a minus sign.
		return area >= minArea || dy >= size || dx >= size*2/3 && dx >= 2*dy
	}
	// The thin strokes of a printed digit can fall apart when binarised
	// (a light-grey "3" of a rasterised page in pieces a pixel apart):
	// small components within a couple of pixels of each other are judged
	// together, so that the pieces of a glyph are not taken for specks
	// and whitened; lone specks stay alone.
	group := groupNear(comps, max(1, dpi/100), func(c *component) bool { return !isGlyph(c.box, c.area) })
	var glyphs image.Rectangle
	var heights []int
	var specks []component
	for _, g := range group {
		box, area := image.Rectangle{}, 0
		for _, i := range g {
			box, area = box.Union(comps[i].box), area+comps[i].area
		}
		if isGlyph(box, area) {
			glyphs = glyphs.Union(box)
			heights = append(heights, box.Dy())
			continue
		}
		for _, i := range g {
			specks = append(specks, comps[i])
		}
	}
	if glyphs.Empty() {
		return image.Rectangle{}, nil
	}
	slices.Sort(heights)
	gh := heights[len(heights)/2]
	gap := max(1, gh/3)
	low := glyphs.Min.Y + glyphs.Dy()/2 // the lower half of the line
	beside := image.Rect(glyphs.Min.X-gap, low, glyphs.Max.X+gap, glyphs.Max.Y)
	var drop []component
	keep := glyphs
	for _, s := range specks {
		if s.box.In(glyphs) || s.box.In(beside) {
			keep = keep.Union(s.box)
			continue
		}
		drop = append(drop, s)
	}
	return keep.Add(r.Min), drop
}

// groupNear returns the components in groups: each small one (small(c))
// with the small ones whose boxes are within gap pixels of it, others
// alone.
func groupNear(comps []component, gap int, small func(*component) bool) [][]int {
	parent := make([]int, len(comps))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for i := range comps {
		if !small(&comps[i]) {
			continue
		}
		near := comps[i].box.Inset(-gap)
		for j := i + 1; j < len(comps); j++ {
			if small(&comps[j]) && comps[j].box.Overlaps(near) {
				parent[find(i)] = find(j)
			}
		}
	}
	byRoot := map[int]int{}
	var out [][]int
	for i := range comps {
		r := find(i)
		k, ok := byRoot[r]
		if !ok {
			k = len(out)
			byRoot[r] = k
			out = append(out, nil)
		}
		out[k] = append(out[k], i)
	}
	return out
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

// despeckle whitens, in g, the specks of ink that stand alone: connected
// components (of bm, g binarised) smaller than a glyph part as cellInk
// counts them, with no other ink within 0.02 in. Scanner noise sprinkled
// over the text lowers the engine's reading of the text around it (the
// title of a 150 dpi scan lost "021" and "东省" to it); the dots and
// points of real text sit closer than that to the stroke or character
// before them and stay. It returns how many specks it whitened. bm is
// used as scratch space and left with values other than 0 and 1.
//
// Hand-written for the reason given at cellInk.
func despeckle(g *image.Gray, bm *bitmap, dpi int) int {
	size := max(3, dpi*4/100)
	minArea := max(8, dpi*dpi/1000)
	r := max(2, dpi*2/100)
	const (
		ink   = 1
		doing = 2 // the component being filled
		done  = 3
	)
	w, h := bm.w, bm.h
	var stack, pix []int32
	n := 0
	for start, v := range bm.pix {
		if v != ink {
			continue
		}
		box := image.Rect(start%w, start/w, start%w+1, start/w+1)
		area := 0
		pix = pix[:0]
		bm.pix[start] = doing
		stack = append(stack[:0], int32(start))
		for len(stack) > 0 {
			p := int(stack[len(stack)-1])
			stack = stack[:len(stack)-1]
			px, py := p%w, p/w
			area++
			if area <= minArea {
				pix = append(pix, int32(p))
			}
			box = box.Union(image.Rect(px, py, px+1, py+1))
			for dy := -1; dy <= 1; dy++ {
				for dx := -1; dx <= 1; dx++ {
					nx, ny := px+dx, py+dy
					if nx < 0 || ny < 0 || nx >= w || ny >= h {
						continue
					}
					if j := ny*w + nx; bm.pix[j] == ink {
						bm.pix[j] = doing
						stack = append(stack, int32(j))
					}
				}
			}
		}
		if area >= minArea || box.Dx() >= size || box.Dy() >= size {
			// A glyph part: its pixels stay "doing" no longer.
			markBox(bm, box, doing, done)
			continue
		}
		alone := true
		around := box.Inset(-r).Intersect(image.Rect(0, 0, w, h))
		for y := around.Min.Y; y < around.Max.Y && alone; y++ {
			for _, v := range bm.pix[y*w+around.Min.X : y*w+around.Max.X] {
				if v == ink || v == done {
					alone = false
					break
				}
			}
		}
		for _, p := range pix {
			bm.pix[p] = done
			if alone {
				g.Pix[g.PixOffset(g.Rect.Min.X+int(p)%w, g.Rect.Min.Y+int(p)/w)] = 255
			}
		}
		if alone {
			n++
		}
	}
	return n
}

// markBox sets the pixels of value from inside box to value to.
func markBox(bm *bitmap, box image.Rectangle, from, to uint8) {
	for y := box.Min.Y; y < box.Max.Y; y++ {
		row := bm.pix[y*bm.w+box.Min.X : y*bm.w+box.Max.X]
		for i, v := range row {
			if v == from {
				row[i] = to
			}
		}
	}
}
