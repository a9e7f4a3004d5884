package docx

import (
	"encoding/xml"
	"strconv"
	"strings"

	"gongkai/corpus"
	"gongkai/parser/layout"
)

// Vertical merge states of a cell.
const (
	vmNone     = iota
	vmRestart  // first cell of a vertical merge
	vmContinue // covered by the cell above
)

// cellData is one w:tc as read.
type cellData struct {
	span   int // grid columns covered
	vmerge int
	blocks []layout.Block // the cell's content
	path   string         // corpus.Loc.Path: "tbl[k]/tr[r]/tc[c]"
}

// text joins the cell's paragraphs with "\n"; nested tables are left out.
func (c *cellData) text() string {
	var parts []string
	for _, b := range c.blocks {
		if b.Kind != layout.Table {
			parts = append(parts, b.Text)
		}
	}
	return strings.Join(parts, "\n")
}

// tableBuilder assembles rows, resolving vertical merges by grid column.
type tableBuilder struct {
	rows   [][]layout.Cell
	open   map[int][2]int // grid column → row, cell index of an open restart cell
	nested []layout.Block // tables nested in cells, in reading order
	first  *cellData      // the first cell, for unwrapping 1×1 layout tables
	no     int            // the table's number among the document's w:tbl, from 1
}

// table consumes a w:tbl whose start was just read. A table of a single
// cell is a layout frame: its content is returned instead of a table.
// Tables nested in cells follow the table as blocks of their own.
func (p *bodyParser) table() ([]layout.Block, error) {
	p.tables++
	tb := &tableBuilder{open: map[int][2]int{}, no: p.tables}
	if err := p.rowsOf(tb); err != nil {
		return nil, err
	}
	if len(tb.rows) == 1 && len(tb.rows[0]) == 1 && tb.first != nil {
		return tb.first.blocks, nil
	}
	if len(tb.rows) == 0 {
		return tb.nested, nil
	}
	return append([]layout.Block{{Kind: layout.Table, Rows: tb.rows}}, tb.nested...), nil
}

// rowsOf reads the children of a table (or of a w:sdt/w:customXml wrapping
// rows) into tb, up to the end tag of the element just started.
func (p *bodyParser) rowsOf(tb *tableBuilder) error {
	for {
		tok, err := p.next()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			return nil
		case xml.StartElement:
			switch {
			case isW(t.Name, "tr"):
				err = p.row(tb)
			case isSkipped(t.Name):
				err = p.skip()
			default:
				err = p.rowsOf(tb)
			}
			if err != nil {
				return err
			}
		}
	}
}

// row consumes a w:tr and appends its cells to tb.
func (p *bodyParser) row(tb *tableBuilder) error {
	r := len(tb.rows)
	tb.rows = append(tb.rows, []layout.Cell{})
	col, tc := 0, 0
	var cellsOf func() error
	cellsOf = func() error {
		for {
			tok, err := p.next()
			if err != nil {
				return err
			}
			switch t := tok.(type) {
			case xml.EndElement:
				return nil
			case xml.StartElement:
				switch {
				case isW(t.Name, "trPr"):
					before, err := p.gridBefore()
					if err != nil {
						return err
					}
					if before > 0 && col == 0 {
						tb.rows[r] = append(tb.rows[r], layout.Cell{RowSpan: 1, ColSpan: before})
						col = before
					}
				case isW(t.Name, "tc"):
					c, err := p.cell()
					if err != nil {
						return err
					}
					tc++
					c.path = "tbl[" + strconv.Itoa(tb.no) + "]/tr[" + strconv.Itoa(r+1) + "]/tc[" + strconv.Itoa(tc) + "]"
					tb.add(r, col, c)
					col += c.span
				case isSkipped(t.Name):
					err = p.skip()
				default: // w:sdt, w:customXml around cells
					err = cellsOf()
				}
				if err != nil {
					return err
				}
			}
		}
	}
	return cellsOf()
}

// add places cell c, starting at grid column col of row r.
func (tb *tableBuilder) add(r, col int, c *cellData) {
	text := c.text()
	for _, b := range c.blocks {
		if b.Kind == layout.Table {
			tb.nested = append(tb.nested, b)
		}
	}
	if c.vmerge == vmContinue {
		if at, ok := tb.open[col]; ok {
			start := &tb.rows[at[0]][at[1]]
			start.RowSpan++
			if text != "" {
				start.Text = strings.TrimPrefix(start.Text+"\n"+text, "\n")
			}
			return
		}
		// A continuation without a restart above starts a cell, as in Word.
	}
	for k := col; k < col+c.span; k++ {
		delete(tb.open, k)
	}
	if c.vmerge != vmNone {
		tb.open[col] = [2]int{r, len(tb.rows[r])}
	}
	if r == 0 && len(tb.rows[0]) == 0 {
		tb.first = c
	}
	tb.rows[r] = append(tb.rows[r], layout.Cell{Text: text, RowSpan: 1, ColSpan: c.span, At: &corpus.Loc{Path: c.path}})
}

// cell consumes a w:tc whose start was just read.
func (p *bodyParser) cell() (*cellData, error) {
	c := &cellData{span: 1}
	for {
		tok, err := p.next()
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			return c, nil
		case xml.StartElement:
			var bs []layout.Block
			if isW(t.Name, "tcPr") {
				err = p.cellProps(c)
			} else {
				bs, err = p.element(t)
			}
			if err != nil {
				return nil, err
			}
			c.blocks = append(c.blocks, bs...)
		}
	}
}

// cellProps reads a w:tcPr for the cell's grid span and vertical merge.
func (p *bodyParser) cellProps(c *cellData) error {
	for level := 1; level > 0; {
		tok, err := p.next()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch {
			case level == 1 && isW(t.Name, "gridSpan"):
				if n, err := strconv.Atoi(wVal(t)); err == nil {
					c.span = min(max(n, 1), maxSpan)
				}
			case level == 1 && isW(t.Name, "vMerge"):
				c.vmerge = vmContinue
				if wVal(t) == "restart" {
					c.vmerge = vmRestart
				}
			}
			level++
		case xml.EndElement:
			level--
		}
	}
	return nil
}

// gridBefore reads a w:trPr for the number of grid columns skipped before
// the row's first cell.
func (p *bodyParser) gridBefore() (int, error) {
	n := 0
	for level := 1; level > 0; {
		tok, err := p.next()
		if err != nil {
			return 0, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if level == 1 && isW(t.Name, "gridBefore") {
				if v, err := strconv.Atoi(wVal(t)); err == nil {
					n = min(max(v, 0), maxSpan)
				}
			}
			level++
		case xml.EndElement:
			level--
		}
	}
	return n, nil
}
