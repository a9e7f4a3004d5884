package ocr

import (
	"image"
	"slices"
	"sort"
)

// A rule is a drawn line: horizontal (at y, from a to b in x) or vertical
// (at x, from a to b in y), in pixels.
type rule struct {
	at, a, b int
}

// findRules finds horizontal and vertical rules: runs of ink at least
// minLen pixels long (gaps up to gap pixels bridged, for broken or
// speckled scans), merged across neighbouring rows/columns (a rule is
// several pixels thick) when they overlap.
//
// Written here rather than taken from a library: no maintained pure-Go
// package does line detection on document images (gocv needs OpenCV), and
// run-length scanning of a binarised page is a few dozen lines.
func findRules(bm *bitmap, minLen, gap, tol int) (hs, vs []rule) {
	var raw []rule
	for y := 0; y < bm.h; y++ {
		row := bm.pix[y*bm.w : (y+1)*bm.w]
		raw = appendRuns(raw, y, bm.w, func(x int) bool { return row[x] == 1 }, minLen, gap)
	}
	hs = mergeRuns(raw, tol)
	raw = raw[:0]
	for x := 0; x < bm.w; x++ {
		raw = appendRuns(raw, x, bm.h, func(y int) bool { return bm.pix[y*bm.w+x] == 1 }, minLen, gap)
	}
	vs = mergeRuns(raw, tol)
	return hs, vs
}

func appendRuns(out []rule, at, n int, ink func(int) bool, minLen, gap int) []rule {
	start, last := -1, -1
	for i := 0; i <= n; i++ {
		if i < n && ink(i) {
			if start < 0 {
				start = i
			}
			last = i
			continue
		}
		if start >= 0 && (i == n || i-last > gap) {
			if last-start+1 >= minLen {
				out = append(out, rule{at, start, last + 1})
			}
			start = -1
		}
	}
	return out
}

// mergeRuns joins runs whose positions are within tol of each other and
// whose extents overlap into one rule at their mean position.
func mergeRuns(runs []rule, tol int) []rule {
	sort.Slice(runs, func(i, j int) bool { return runs[i].at < runs[j].at })
	type acc struct {
		sum, n, a, b, lastAt int
	}
	var open []*acc
	var out []rule
	flush := func(k *acc) { out = append(out, rule{(k.sum + k.n/2) / k.n, k.a, k.b}) }
	for _, r := range runs {
		merged := false
		keep := open[:0]
		for _, k := range open {
			if r.at-k.lastAt > tol {
				flush(k)
				continue
			}
			keep = append(keep, k)
			if !merged && r.a <= k.b && r.b >= k.a {
				k.sum += r.at
				k.n++
				k.a, k.b = min(k.a, r.a), max(k.b, r.b)
				k.lastAt = r.at
				merged = true
			}
		}
		open = keep
		if !merged {
			open = append(open, &acc{sum: r.at, n: 1, a: r.a, b: r.b, lastAt: r.at})
		}
	}
	for _, k := range open {
		flush(k)
	}
	return out
}

// grid is one ruled table: column boundaries xs and row boundaries ys
// (ascending, pixels), and its rules.
type grid struct {
	xs, ys []int
	hs, vs []rule
	tol    int
}

func (g *grid) bounds() image.Rectangle {
	return image.Rect(g.xs[0], g.ys[0], g.xs[len(g.xs)-1], g.ys[len(g.ys)-1])
}

// findGrids groups rules that touch into tables of at least two rows of
// boundaries and two columns of boundaries.
func findGrids(hs, vs []rule, tol int) []*grid {
	n := len(hs) + len(vs)
	parent := make([]int, n)
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for i, h := range hs {
		for j, v := range vs {
			if v.at >= h.a-tol && v.at <= h.b+tol && h.at >= v.a-tol && h.at <= v.b+tol {
				parent[find(i)] = find(len(hs) + j)
			}
		}
	}
	groups := map[int]*grid{}
	var order []int
	for i := range n {
		r := find(i)
		g := groups[r]
		if g == nil {
			g = &grid{tol: tol}
			groups[r] = g
			order = append(order, r)
		}
		if i < len(hs) {
			g.hs = append(g.hs, hs[i])
		} else {
			g.vs = append(g.vs, vs[i-len(hs)])
		}
	}
	var out []*grid
	for _, r := range order {
		g := groups[r]
		if len(g.hs) < 2 || len(g.vs) < 2 {
			continue
		}
		g.ys = cluster(g.hs, tol)
		g.xs = cluster(g.vs, tol)
		if len(g.ys) < 2 || len(g.xs) < 2 {
			continue
		}
		g.ys = openEnds(g.ys, g.vs, tol)
		g.xs = openEnds(g.xs, g.hs, tol)
		out = append(out, g)
	}
	slices.SortFunc(out, func(a, b *grid) int { return a.ys[0] - b.ys[0] })
	return out
}

// cluster returns the distinct positions of rules, those within 2·tol of
// each other counted as one (double rules, thick rules).
func cluster(rs []rule, tol int) []int {
	pos := make([]int, len(rs))
	for i, r := range rs {
		pos[i] = r.at
	}
	slices.Sort(pos)
	var out []int
	for i := 0; i < len(pos); {
		j, sum := i, 0
		for j < len(pos) && pos[j]-pos[i] <= 2*tol {
			sum += pos[j]
			j++
		}
		out = append(out, sum/(j-i))
		i = j
	}
	return out
}

// openEnds adds the boundaries a table has without a rule: where the
// crossing rules (cross: the vertical rules for the row boundaries bs, the
// horizontal ones for the column boundaries) run on past the first or the
// last boundary by more than a short row. That is a table cut by the page
// break, whose last row on the page has no closing rule (or whose first
// row has no opening one), and a table drawn without its outer side rules.
// Without the added boundary that row or column would be outside the grid
// and read as loose text, its numbers out of their columns. Two crossing
// rules at least must run on; the boundary is the median of their ends.
func openEnds(bs []int, cross []rule, tol int) []int {
	ext := 6 * tol // about 0.12 in: less than any row of text
	var before, after []int
	for _, r := range cross {
		if r.a < bs[0]-ext {
			before = append(before, r.a)
		}
		if r.b > bs[len(bs)-1]+ext {
			after = append(after, r.b)
		}
	}
	if len(before) >= 2 {
		slices.Sort(before)
		bs = append([]int{before[len(before)/2]}, bs...)
	}
	if len(after) >= 2 {
		slices.Sort(after)
		bs = append(bs, after[len(after)/2])
	}
	return bs
}

// ruled reports whether a rule of rs at position at (±tol) covers at
// least half of [a, b].
func ruled(rs []rule, at, a, b, tol int) bool {
	cover := 0
	for _, r := range rs {
		if r.at < at-tol-1 || r.at > at+tol+1 {
			continue
		}
		cover += max(0, min(r.b, b)-max(r.a, a))
	}
	return 2*cover >= b-a
}

// region is one printed cell: grid rows r0..r1 and columns c0..c1
// (inclusive), and its pixel rectangle.
type region struct {
	r0, c0, r1, c1 int
	rect           image.Rectangle
}

// regions merges grid positions not separated by a rule into printed
// cells (rowspan/colspan), in reading order.
func (g *grid) regions() [][]*region {
	nr, nc := len(g.ys)-1, len(g.xs)-1
	parent := make([]int, nr*nc)
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for r := range nr {
		for c := range nc {
			if c+1 < nc && !ruled(g.vs, g.xs[c+1], g.ys[r], g.ys[r+1], g.tol) {
				parent[find(r*nc+c)] = find(r*nc + c + 1)
			}
			if r+1 < nr && !ruled(g.hs, g.ys[r+1], g.xs[c], g.xs[c+1], g.tol) {
				parent[find(r*nc+c)] = find((r+1)*nc + c)
			}
		}
	}
	byRoot := map[int]*region{}
	for r := range nr {
		for c := range nc {
			root := find(r*nc + c)
			reg := byRoot[root]
			if reg == nil {
				byRoot[root] = &region{r0: r, c0: c, r1: r, c1: c}
				continue
			}
			reg.r0, reg.c0 = min(reg.r0, r), min(reg.c0, c)
			reg.r1, reg.c1 = max(reg.r1, r), max(reg.c1, c)
		}
	}
	rows := make([][]*region, nr)
	for r := range nr {
		for c := range nc {
			reg := byRoot[find(r*nc+c)]
			if reg.r0 == r && reg.c0 == c {
				reg.rect = image.Rect(g.xs[reg.c0], g.ys[reg.r0], g.xs[reg.c1+1], g.ys[reg.r1+1])
				rows[r] = append(rows[r], reg)
			}
		}
	}
	return rows
}
