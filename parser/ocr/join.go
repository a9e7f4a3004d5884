package ocr

import (
	"slices"
	"strings"
	"unicode"

	"gongkai/parser/layout"
)

// placedCell is a table cell with the grid position where it starts.
type placedCell struct {
	r, c int
	cell layout.Cell
}

// place returns the cells of a table block with their grid positions and
// the grid's width.
func place(b *layout.Block) ([]placedCell, int) {
	occupied := map[[2]int]bool{}
	var out []placedCell
	width := 0
	for r, row := range b.Rows {
		c := 0
		for _, cell := range row {
			for occupied[[2]int{r, c}] {
				c++
			}
			rs, cs := max(cell.RowSpan, 1), max(cell.ColSpan, 1)
			for dr := range rs {
				for dc := range cs {
					occupied[[2]int{r + dr, c + dc}] = true
				}
			}
			out = append(out, placedCell{r, c, cell})
			c += cs
			width = max(width, c)
		}
	}
	return out, width
}

// unplace rebuilds a table's rows from placed cells.
func unplace(cells []placedCell, rows int) [][]layout.Cell {
	slices.SortStableFunc(cells, func(a, b placedCell) int {
		if a.r != b.r {
			return a.r - b.r
		}
		return a.c - b.c
	})
	out := make([][]layout.Cell, rows)
	for _, p := range cells {
		if p.r >= 0 && p.r < rows {
			out[p.r] = append(out[p.r], p.cell)
		}
	}
	return out
}

// isValue: a cell that holds a number (not a label with an enumerator).
func isValue(s string) bool {
	s = strings.TrimSpace(s)
	return hasDigit(s) && strings.IndexFunc(s, func(r rune) bool { return !strings.ContainsRune("0123456789.,-+ ", r) }) < 0
}

func hasDigit(s string) bool {
	return strings.IndexFunc(s, unicode.IsDigit) >= 0
}

// JoinSplitRow joins a table row that a page break split: prev is the last
// table of one page, next the first table of the following page. When
// next's first row holds no digits, has the same number of columns, and is
// empty in every column where prev's last row holds a number, it is the
// rest of prev's last row (the end of a wrapped label): its texts are
// appended to the cells above and the row is removed (cells spanning down
// from it start one row later). It reports whether it joined.
func JoinSplitRow(prev, next *layout.Block) bool {
	if prev.Kind != layout.Table || next.Kind != layout.Table || len(prev.Rows) == 0 || len(next.Rows) < 2 {
		return false
	}
	pc, pw := place(prev)
	nc, nw := place(next)
	if pw != nw {
		return false
	}
	last := len(prev.Rows) - 1
	// owner[c] is the prev cell covering column c of its last row.
	owner := make([]int, pw)
	for i := range owner {
		owner[i] = -1
	}
	for i, p := range pc {
		if p.r+max(p.cell.RowSpan, 1)-1 != last {
			continue
		}
		for dc := range max(p.cell.ColSpan, 1) {
			if p.c+dc < pw {
				owner[p.c+dc] = i
			}
		}
	}
	valueCols := map[int]bool{}
	for c, i := range owner {
		if i >= 0 && pc[i].r == last && isValue(pc[i].cell.Text) {
			valueCols[c] = true
		}
	}
	texts := 0
	for _, p := range nc {
		if p.r != 0 {
			continue
		}
		t := strings.TrimSpace(p.cell.Text)
		if hasDigit(t) || (t != "" && valueCols[p.c]) {
			return false
		}
		if t != "" {
			texts++
		}
	}
	if texts == 0 || len(valueCols) == 0 {
		return false
	}
	var kept []placedCell
	for _, p := range nc {
		if p.r != 0 {
			p.r--
			kept = append(kept, p)
			continue
		}
		if t := strings.TrimSpace(p.cell.Text); t != "" && owner[p.c] >= 0 {
			o := &pc[owner[p.c]].cell
			o.Text += "\n" + t
		}
		if p.cell.RowSpan > 1 {
			p.cell.RowSpan--
			kept = append(kept, p)
		}
	}
	prev.Rows = unplace(pc, len(prev.Rows))
	next.Rows = unplace(kept, len(next.Rows)-1)
	return true
}
