package html

import (
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"gongkai/corpus"
	"gongkai/parser/layout"
)

// cellPaths returns the path (corpus.Loc.Path) of every cell of table t:
// "table[k]/tr[r]/td[c]", k counting the document's tables in document
// order, r the table's own rows, c the row's td and th cells, all from 1
// and hidden ones included, so that the path finds the cell in the tree a
// browser builds from the same bytes.
func (p *page) cellPaths(t *html.Node) map[*html.Node]string {
	if p.tableNo == nil {
		p.tableNo = map[*html.Node]int{}
		root := p.body
		for root.Parent != nil {
			root = root.Parent
		}
		k := 0
		var walk func(n *html.Node)
		walk = func(n *html.Node) { // depth is bounded by the parser (512)
			if isElem(n, atom.Table) {
				k++
				p.tableNo[n] = k
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(root)
	}
	k := p.tableNo[t]
	if k == 0 {
		return nil
	}
	out := map[*html.Node]string{}
	for r, tr := range TableRows(t) {
		for c, td := range RowCells(tr) {
			out[td] = "table[" + strconv.Itoa(k) + "]/tr[" + strconv.Itoa(r+1) + "]/td[" + strconv.Itoa(c+1) + "]"
		}
	}
	return out
}

// TableRows returns all rows of table t, hidden ones too, in tree order:
// direct rows and those of its thead, tbody and tfoot, not those of
// nested tables. It is the r of a cell path.
func TableRows(t *html.Node) []*html.Node {
	var rows []*html.Node
	for c := t.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case isElem(c, atom.Tr):
			rows = append(rows, c)
		case isElem(c, atom.Thead), isElem(c, atom.Tbody), isElem(c, atom.Tfoot):
			for r := c.FirstChild; r != nil; r = r.NextSibling {
				if isElem(r, atom.Tr) {
					rows = append(rows, r)
				}
			}
		}
	}
	return rows
}

// RowCells returns the td and th children of a row, hidden ones too: the c
// of a cell path.
func RowCells(tr *html.Node) []*html.Node {
	var cells []*html.Node
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		if isElem(c, atom.Td) || isElem(c, atom.Th) {
			cells = append(cells, c)
		}
	}
	return cells
}

// maxSpan is the largest colspan or rowspan taken as printed (the HTML
// limit for colspan); larger values are clamped with a warning.
const maxSpan = 1000

// Layout-table thresholds: a cell this long, or holding this many
// paragraphs, is page layout rather than a data cell.
const (
	layoutCellRunes = 500
	layoutCellParas = 3
	layoutParaRunes = 200
)

// rowsOf returns the visible <tr> elements of table t in order: thead,
// tbody and tfoot sections and direct rows, not those of nested tables.
func (p *page) rowsOf(t *html.Node) []*html.Node {
	var rows []*html.Node
	for c := t.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || p.hidden(c) {
			continue
		}
		switch c.DataAtom {
		case atom.Tr:
			rows = append(rows, c)
		case atom.Thead, atom.Tbody, atom.Tfoot:
			for r := c.FirstChild; r != nil; r = r.NextSibling {
				if isElem(r, atom.Tr) && !p.hidden(r) {
					rows = append(rows, r)
				}
			}
		}
	}
	return rows
}

// cellsOf returns the visible <td>/<th> children of a row.
func (p *page) cellsOf(tr *html.Node) []*html.Node {
	var cells []*html.Node
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		if (isElem(c, atom.Td) || isElem(c, atom.Th)) && !p.hidden(c) {
			cells = append(cells, c)
		}
	}
	return cells
}

// tableRows returns the cells of t row by row.
func (p *page) tableRows(t *html.Node) [][]*html.Node {
	var out [][]*html.Node
	for _, tr := range p.rowsOf(t) {
		out = append(out, p.cellsOf(tr))
	}
	return out
}

// isLayoutTable reports whether table t lays out the page rather than
// holding data: a single cell, a cell holding another table, or a cell of
// running text (long, or several paragraphs).
func (p *page) isLayoutTable(t *html.Node) bool {
	n := 0
	layout := false
	for _, row := range p.tableRows(t) {
		for _, c := range row {
			n++
			s := p.stats[c]
			if s.tables > 0 || s.runes > layoutCellRunes ||
				(s.runes > layoutParaRunes && countParas(c) >= layoutCellParas) {
				layout = true
			}
		}
	}
	return layout || n == 1
}

// countParas counts the block children of n that hold text.
func countParas(n *html.Node) int {
	k := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && isBlock(c) && c.DataAtom != atom.Br {
			k++
		}
	}
	return k
}

// isSpacerRow reports whether tr is the zero-height row of empty cells
// Word emits inside <![if !supportMisc]> to fix column widths.
func isSpacerRow(tr *html.Node, cells []string) bool {
	for _, c := range cells {
		if c != "" {
			return false
		}
	}
	if attr(tr, "height") == "0" || strings.Contains(strings.ToLower(squeeze(attr(tr, "style"))), "height:0") {
		return true
	}
	for s := tr.PrevSibling; s != nil; s = s.PrevSibling {
		switch {
		case s.Type == html.CommentNode:
			return strings.Contains(s.Data, "supportMisc")
		case s.Type == html.TextNode && strings.TrimSpace(s.Data) == "":
			continue
		}
		return false
	}
	return false
}

// span reads a rowspan/colspan attribute: missing, malformed or below 1
// is 1 (rowspan 0, "to the end of the section", is handled by the
// caller); above maxSpan is clamped.
func span(n *html.Node, key string) (v int, raw int) {
	s := strings.TrimSpace(attr(n, key))
	if s == "" {
		return 1, 1
	}
	// Browsers read the leading digits ("2;" or "3px" are 2 and 3).
	end := 0
	for end < len(s) && end < 9 && s[end] >= '0' && s[end] <= '9' {
		end++
	}
	raw, err := strconv.Atoi(s[:end])
	if err != nil {
		return 1, 1
	}
	return min(max(raw, 1), maxSpan), raw
}

// table emits table t: a Table block for a data table, or the content of
// its cells as blocks for a layout table.
func (w *walker) table(t *html.Node, depth int) {
	if w.p.isLayoutTable(t) {
		for _, row := range w.p.tableRows(t) {
			for _, c := range row {
				w.flush()
				w.walkChildren(c, depth+1)
				w.flush()
			}
		}
		return
	}
	for c := t.FirstChild; c != nil; c = c.NextSibling {
		if isElem(c, atom.Caption) {
			w.walk(c, depth+1)
			w.flush()
		}
	}
	w.tables++
	where := "table " + strconv.Itoa(w.tables)
	b := layout.Block{Kind: layout.Table, Where: where}
	rows := w.p.rowsOf(t)
	var texts [][]string
	paths := w.p.cellPaths(t)
	for r, tr := range rows {
		cells := w.p.cellsOf(tr)
		row := make([]layout.Cell, 0, len(cells))
		text := make([]string, 0, len(cells))
		for _, c := range cells {
			cell := layout.Cell{Text: w.cellText(c, depth+1)}
			if p := paths[c]; p != "" {
				cell.At = &corpus.Loc{Path: p}
			}
			cell.RowSpan = w.rowSpan(c, len(rows)-r, where)
			cs, raw := span(c, "colspan")
			if raw > maxSpan {
				w.warn(where, "colspan %d clamped to %d", raw, maxSpan)
			}
			cell.ColSpan = cs
			row = append(row, cell)
			text = append(text, cell.Text)
		}
		if isSpacerRow(tr, text) {
			continue
		}
		b.Rows = append(b.Rows, row)
		texts = append(texts, text)
	}
	if !w.cell && isChromeTable(texts) || emptyTable(texts) {
		w.tables--
		return
	}
	w.blocks = append(w.blocks, b)
}

// rowSpan reads a cell's rowspan, clamped to the rows left in the table.
func (w *walker) rowSpan(c *html.Node, left int, where string) int {
	rs, raw := span(c, "rowspan")
	switch {
	case strings.TrimSpace(attr(c, "rowspan")) == "0":
		return left
	case raw > maxSpan:
		w.warn(where, "rowspan %d clamped to the %d rows left in the table", raw, min(rs, left))
	}
	return min(rs, left)
}

// emptyTable reports whether a table has no text at all.
func emptyTable(rows [][]string) bool {
	for _, r := range rows {
		for _, c := range r {
			if c != "" {
				return false
			}
		}
	}
	return true
}

// cellText returns the text of a table cell: its lines (paragraphs, <br>)
// joined by "\n"; a nested table contributes one line per row.
func (w *walker) cellText(c *html.Node, depth int) string {
	sub := &walker{p: w.p, root: c, cell: true, tables: w.tables}
	sub.walkChildren(c, depth)
	sub.flush()
	w.warnings = append(w.warnings, sub.warnings...)
	var lines []string
	for _, b := range sub.blocks {
		if b.Kind != layout.Table {
			lines = append(lines, b.Text)
			continue
		}
		for _, row := range b.Rows {
			var cells []string
			for _, cell := range row {
				if cell.Text != "" {
					cells = append(cells, strings.ReplaceAll(cell.Text, "\n", " "))
				}
			}
			if len(cells) > 0 {
				lines = append(lines, strings.Join(cells, " "))
			}
		}
	}
	return strings.Join(lines, "\n")
}
