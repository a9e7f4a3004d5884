package pdf

import (
	"math"
	"regexp"
	"slices"
	"strings"

	"gongkai/parser/layout"
)

// Rows split by a page break.
//
// Writers that let a table row break across pages (LibreOffice does so by
// default) draw the row's first part at the bottom of one page and the
// rest at the top of the next, each part closed by its own rules. Read
// page by page, the wrapped text of one cell then comes out as two rows:
// "5.要求 | 13 | … | 14" at the bottom of page n and "行政机关确认… |
// (empty cells)" at the top of page n+1. joinSplitRows puts the second
// part back into the first.
//
// The two parts are told from a row that merely starts on a new page by
// geometry and text flow, never by matching particular labels:
//
//   - the bottom table of page n and the top table of page n+1 have the
//     same column boundaries;
//   - every non-empty cell of the continuation row has, in the last row of
//     page n, a non-empty cell over exactly the same columns;
//   - in each such pair the text wraps: the last line of the upper part,
//     followed by the first word of the lower part, would be wider than
//     any line that the same column wrapped elsewhere in the two tables
//     (so a column that never wraps never joins);
//   - no continued text starts like a new list item ("3.", "（六）",
//     "二、"): the row that starts on the new page is usually numbered.
//
// A cell that starts a new row whose values are filled fails the second
// or third test in its value columns, so only rows whose continuation
// holds wrapped text alone are joined. What stays ambiguous is a new row
// with blank values, an unnumbered label and a previous label whose last
// line happens to be full: it is joined, wrongly.

// itemStartRE matches text that starts a numbered item: "3." (not
// "3.5"), "3、", "（六）", "(2)", "二、", "第三条".
var itemStartRE = regexp.MustCompile(`^\s*(\d{1,3}\s*([、)）]|[.．]([^\d]|$))|[（(]\s*[\d一二三四五六七八九十]{1,3}\s*[)）]|[一二三四五六七八九十]{1,3}\s*[、.．]|第[\d一二三四五六七八九十]{1,3}[章节条项部分])`)

// wrapSlack is how much wider than the column's widest wrapped line a
// line must get before it counts as not fitting, in points.
const wrapSlack = 0.5

// joinSplitRows rejoins rows that a page break split: when a page ends
// with a table and the next page starts with its continuation, the first
// row of the continuation is merged into the last row of the table.
func joinSplitRows(pages []pageResult) {
	for i := 0; i+1 < len(pages); i++ {
		a, b := &pages[i], &pages[i+1]
		if !a.usable || !b.usable || len(a.blocks) == 0 || len(b.blocks) == 0 || a.last == nil || b.first == nil {
			continue
		}
		end, start := &a.blocks[len(a.blocks)-1], &b.blocks[0]
		if end.Kind != layout.Table || start.Kind != layout.Table || !joinSplitRow(a.last, b.first) {
			continue
		}
		end.Rows = a.last.block().Rows
		if rows := b.first.block().Rows; len(rows) > 0 {
			start.Rows = rows
			continue
		}
		// The continuation was the whole table: nothing of it is left.
		b.blocks = b.blocks[1:]
		if b.last == b.first {
			b.last = nil
		}
		b.first = nil
	}
}

// joinSplitRow merges the first grid row of next into the last grid row
// of prev when the two are parts of one row (see the comment above) and
// reports whether it did.
func joinSplitRow(prev, next *table) bool {
	if !sameColumns(prev.g.xs, next.g.xs) || len(prev.owner) == 0 || len(next.owner) == 0 {
		return false
	}
	last := prev.owner[len(prev.owner)-1]
	type pair struct{ up, down *region }
	var pairs []pair
	for _, reg := range next.cells {
		if reg.r0 != 0 || reg.text == "" {
			continue
		}
		up := last[reg.c0]
		if up.c0 != reg.c0 || up.c1 != reg.c1 || up.text == "" || itemStartRE.MatchString(reg.text) ||
			!wrapsInto(up, reg, prev, next) {
			return false
		}
		pairs = append(pairs, pair{up, reg})
	}
	if len(pairs) == 0 {
		return false
	}
	for _, p := range pairs {
		p.up.text = joinWrapped(p.up.text, p.down.text)
		if p.up.home == nil {
			p.up.home = slices.Clip(p.up.glyphs) // its place stays on its own page
		}
		p.up.glyphs = append(p.up.glyphs, p.down.glyphs...)
		p.up.lines = append(p.up.lines, p.down.lines...)
		p.down.text, p.down.glyphs, p.down.lines = "", nil, nil
	}
	next.dropFirstRow()
	return true
}

// dropFirstRow removes the table's first grid row: cells confined to it
// go, cells spanning below it start one row later.
func (t *table) dropFirstRow() {
	kept := t.cells[:0]
	for _, reg := range t.cells {
		if reg.r1 == 0 {
			continue
		}
		reg.r0, reg.r1 = max(reg.r0-1, 0), reg.r1-1
		kept = append(kept, reg)
	}
	t.cells = kept
	t.owner = t.owner[1:]
	t.g.ys = t.g.ys[1:]
}

// sameColumns reports whether two grids have the same column boundaries.
func sameColumns(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Abs(a[i]-b[i]) > snapTol {
			return false
		}
	}
	return true
}

// wrapsInto reports whether the text of down plausibly continues the text
// of up after a line wrap: up's last line plus down's first word would
// not fit in the width that the column wraps at.
func wrapsInto(up, down *region, tables ...*table) bool {
	if len(up.lines) == 0 || len(down.lines) == 0 {
		return false
	}
	width := wrapWidth(up.c0, up.c1, tables...)
	if width <= 0 {
		return false
	}
	l, f := up.lines[len(up.lines)-1], down.lines[0]
	sep := 0.0
	if !wide(lastRune(l.text)) && !wide(firstRune(f.text)) {
		sep = 0.25 * f.size
	}
	return l.x1-l.x0+sep+firstWord(f) > width+wrapSlack
}

// wrapWidth is the width of the widest line that was followed by another
// line in the same cell, over the cells spanning columns c0..c1 of the
// tables; 0 when no such cell wraps.
func wrapWidth(c0, c1 int, tables ...*table) float64 {
	w := 0.0
	for _, t := range tables {
		for _, reg := range t.cells {
			if reg.c0 != c0 || reg.c1 != c1 {
				continue
			}
			for _, l := range reg.lines[:max(len(reg.lines)-1, 0)] {
				w = math.Max(w, l.x1-l.x0)
			}
		}
	}
	return w
}

// firstWord is the width of a line's first word: its first glyph when
// that is a CJK character (which can break anywhere), otherwise the glyphs
// up to the first gap, space or CJK character.
func firstWord(l line) float64 {
	g0 := l.glyphs[0]
	if wide(firstRune(g0.text)) {
		return g0.w
	}
	end := g0.right()
	for _, g := range l.glyphs[1:] {
		if g.x-end > 0.25*g.size || strings.TrimSpace(g.text) == "" || wide(firstRune(g.text)) {
			break
		}
		end = g.right()
	}
	return end - g0.x
}
