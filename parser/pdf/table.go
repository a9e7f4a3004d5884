package pdf

import (
	"math"
	"slices"

	"gongkai/corpus"
	"gongkai/parser/layout"
)

// Tolerances in points for matching rules to each other.
const (
	snapTol  = 2.0 // two rules this close are one grid line
	touchTol = 3.0 // a rule ending this close to another touches it
	maxRules = 4000
)

// grid is a ruled table: column boundaries xs (ascending) and row
// boundaries ys (descending, top first), and the rules that drew it.
type grid struct {
	xs, ys []float64
	hs, vs []segment
}

func (t *grid) contains(x, y float64) bool {
	return x >= t.xs[0] && x <= t.xs[len(t.xs)-1] && y <= t.ys[0] && y >= t.ys[len(t.ys)-1]
}

// findGrids groups the page's rules into connected sets and keeps those
// that form a grid of at least two cells.
func findGrids(segs []segment) []*grid {
	var hs, vs []segment
	for _, s := range segs {
		switch {
		case s.horizontal():
			hs = append(hs, s)
		case s.vertical():
			vs = append(vs, s)
		}
	}
	if len(hs) < 2 || len(vs) < 2 || len(hs)+len(vs) > maxRules {
		return nil
	}
	all := append(append([]segment{}, hs...), vs...)
	parent := make([]int, len(all))
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
	for i := range hs {
		for j := range vs {
			if touches(hs[i], vs[j]) {
				parent[find(i)] = find(len(hs) + j)
			}
		}
	}
	groups := map[int]*grid{}
	var order []int
	for i, s := range all {
		r := find(i)
		g, ok := groups[r]
		if !ok {
			g = &grid{}
			groups[r] = g
			order = append(order, r)
		}
		if i < len(hs) {
			g.hs = append(g.hs, s)
		} else {
			g.vs = append(g.vs, s)
		}
	}
	var out []*grid
	for _, r := range order {
		g := groups[r]
		for _, s := range g.vs {
			g.xs = append(g.xs, (s.x0+s.x1)/2)
		}
		for _, s := range g.hs {
			g.ys = append(g.ys, (s.y0+s.y1)/2)
		}
		g.ys = append(g.ys, openEnds(g)...)
		g.xs, g.ys = snap(g.xs, false), snap(g.ys, true)
		if len(g.xs) >= 2 && len(g.ys) >= 2 && (len(g.xs) > 2 || len(g.ys) > 2) {
			out = append(out, g)
		}
	}
	return out
}

// openEnds returns the y of vertical rules' ends that reach past the
// outermost horizontal rule: a table continued on the next page has no
// bottom rule, but its column rules end where its last row ends.
func openEnds(g *grid) []float64 {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, h := range g.hs {
		lo, hi = math.Min(lo, h.y0), math.Max(hi, h.y1)
	}
	var out []float64
	vlo, vhi := math.Inf(1), math.Inf(-1)
	for _, v := range g.vs {
		vlo, vhi = math.Min(vlo, v.y0), math.Max(vhi, v.y1)
	}
	if vlo < lo-snapTol*2 {
		out = append(out, vlo)
	}
	if vhi > hi+snapTol*2 {
		out = append(out, vhi)
	}
	return out
}

func touches(h, v segment) bool {
	x, y := (v.x0+v.x1)/2, (h.y0+h.y1)/2
	return x >= h.x0-touchTol && x <= h.x1+touchTol && y >= v.y0-touchTol && y <= v.y1+touchTol
}

// snap sorts coordinates and merges those within snapTol.
func snap(vals []float64, desc bool) []float64 {
	slices.Sort(vals)
	var out []float64
	for _, v := range vals {
		if len(out) > 0 && v-out[len(out)-1] <= snapTol {
			continue
		}
		out = append(out, v)
	}
	if desc {
		slices.Reverse(out)
	}
	return out
}

// ruledV reports whether a vertical rule at x covers the middle of the
// band between y values a > b; ruledH likewise for horizontal rules.
func (t *grid) ruledV(x, a, b float64) bool {
	mid := (a + b) / 2
	for _, s := range t.vs {
		if math.Abs((s.x0+s.x1)/2-x) <= snapTol && s.y0 <= mid && s.y1 >= mid {
			return true
		}
	}
	return false
}

func (t *grid) ruledH(y, l, r float64) bool {
	mid := (l + r) / 2
	for _, s := range t.hs {
		if math.Abs((s.y0+s.y1)/2-y) <= snapTol && s.x0 <= mid && s.x1 >= mid {
			return true
		}
	}
	return false
}

// region is one printed cell: a rectangle of grid positions.
type region struct {
	r0, c0, r1, c1 int // inclusive
	glyphs         []glyph
	lines          []line // the glyphs as lines, top to bottom
	text           string
	// home holds the glyphs printed on the table's own page when a
	// continuation on the next page was joined in (joinSplitRow); nil
	// otherwise.
	home []glyph
}

// loc is where the cell's text is printed: on its own page.
func (reg *region) loc(page int) *corpus.Loc {
	if reg.home != nil {
		return glyphsLoc(page, reg.home)
	}
	return glyphsLoc(page, reg.glyphs)
}

// regions merges grid positions not separated by a rule into cells.
func (t *grid) regions() ([]*region, [][]*region) {
	nr, nc := len(t.ys)-1, len(t.xs)-1
	owner := make([][]*region, nr)
	for r := range owner {
		owner[r] = make([]*region, nc)
	}
	var cells []*region
	for r := range nr {
		for c := range nc {
			if owner[r][c] != nil {
				continue
			}
			reg := &region{r0: r, c0: c, r1: r, c1: c}
			for reg.c1+1 < nc && owner[r][reg.c1+1] == nil && !t.ruledV(t.xs[reg.c1+1], t.ys[r], t.ys[r+1]) {
				reg.c1++
			}
			for reg.r1+1 < nr && t.rowOpen(reg, owner) {
				reg.r1++
			}
			for rr := reg.r0; rr <= reg.r1; rr++ {
				for cc := reg.c0; cc <= reg.c1; cc++ {
					owner[rr][cc] = reg
				}
			}
			cells = append(cells, reg)
		}
	}
	return cells, owner
}

// rowOpen reports whether the region can extend one row down: no rule
// below it along its whole width, and the positions below are free.
func (t *grid) rowOpen(reg *region, owner [][]*region) bool {
	next := reg.r1 + 1
	for c := reg.c0; c <= reg.c1; c++ {
		if owner[next][c] != nil || t.ruledH(t.ys[next], t.xs[c], t.xs[c+1]) {
			return false
		}
	}
	return true
}

// locate returns the grid position holding point (x, y), or -1s.
func (t *grid) locate(x, y float64) (int, int) {
	r, c := -1, -1
	for i := 0; i+1 < len(t.ys); i++ {
		if y <= t.ys[i] && y >= t.ys[i+1] {
			r = i
			break
		}
	}
	for i := 0; i+1 < len(t.xs); i++ {
		if x >= t.xs[i] && x <= t.xs[i+1] {
			c = i
			break
		}
	}
	return r, c
}

// table is a grid with its glyphs laid into cells. It is kept past the
// page's layout so that a row that a page break split can be joined
// again (see joinSplitRow).
type table struct {
	page  int // the page it is printed on, from 1
	g     *grid
	cells []*region
	owner [][]*region // grid position → cell
}

// fill lays the glyphs inside the grid into its cells.
func (t *grid) fill(gs []glyph) *table {
	cells, owner := t.regions()
	for _, g := range gs {
		r, c := t.locate(g.center())
		if r >= 0 && c >= 0 {
			owner[r][c].glyphs = append(owner[r][c].glyphs, g)
		}
	}
	for _, reg := range cells {
		reg.lines = buildLines(reg.glyphs)
		reg.text = linesText(reg.lines)
	}
	return &table{g: t, cells: cells, owner: owner}
}

// block returns the table as a layout block. Every grid row gets its
// cells in column order, including empty ones; a merged cell appears
// once, in its first row, with its spans. Rows in which every position
// belongs to a cell from above, or that hold only empty cells of height
// one, are dropped and the spans adjusted.
func (t *table) block() layout.Block {
	rows := make([][]layout.Cell, len(t.owner))
	for _, reg := range t.cells {
		rows[reg.r0] = append(rows[reg.r0], layout.Cell{
			Text:    reg.text,
			RowSpan: reg.r1 - reg.r0 + 1,
			ColSpan: reg.c1 - reg.c0 + 1,
			At:      reg.loc(t.page),
		})
	}
	return layout.Block{Kind: layout.Table, Rows: dropEmptyRows(rows)}
}

// dropEmptyRows removes rows that start no cell, or whose cells are all
// empty and single-row, adjusting the spans of cells that covered them.
func dropEmptyRows(rows [][]layout.Cell) [][]layout.Cell {
	out := rows[:0]
	for _, row := range rows {
		empty := true
		for _, c := range row {
			if c.Text != "" || c.RowSpan > 1 {
				empty = false
			}
		}
		if !empty {
			out = append(out, row)
			continue
		}
		// The row vanishes: a cell above that spans into it loses a row.
		shrinkSpans(out, len(out))
	}
	return out
}

func shrinkSpans(rows [][]layout.Cell, at int) {
	for r := range rows {
		for i := range rows[r] {
			if c := &rows[r][i]; c.RowSpan > 1 && r+c.RowSpan > at {
				c.RowSpan--
			}
		}
	}
}

// linesText is the text of one cell: its lines joined as soft wraps.
// Vertically set runs are single glyphs by now and read top to bottom.
func linesText(lines []line) string {
	text := ""
	for _, l := range lines {
		text = joinWrapped(text, l.text)
	}
	return text
}
