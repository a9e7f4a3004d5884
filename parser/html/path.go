package html

import (
	"fmt"
	"regexp"
	"strconv"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"gongkai/internal/debuglog"
	"gongkai/parser/textenc"
)

// Tree decodes and parses data as Extract does (same encoding guess, same
// fallback for pages nested too deep), so that a cell path Extract wrote
// (corpus.Loc.Path) finds the same cell in the tree it returns, and the
// encoding the bytes were decoded from.
func Tree(data []byte) (root *html.Node, enc string, err error) {
	defer func() {
		if r := recover(); r != nil { // x/net/html on hostile markup
			root, err = nil, debuglog.Recovered("parse html", "", r)
		}
	}()
	if len(data) > MaxInput {
		return nil, "", fmt.Errorf("parse html: %d bytes over the %d limit: %w", len(data), MaxInput, ErrTooLarge)
	}
	text, enc, err := textenc.Decode(data)
	if err != nil {
		return nil, "", fmt.Errorf("parse html: decode: %w: %w", ErrNotHTML, err)
	}
	root, _, err = parse(text)
	if err != nil {
		return nil, "", err
	}
	return root, enc, nil
}

var cellPathRE = regexp.MustCompile(`^table\[(\d+)\]/tr\[(\d+)\]/td\[(\d+)\]$`)

// FindCell returns the td or th element a cell path names in root (see
// cellPaths), or an error saying which step found nothing.
func FindCell(root *html.Node, path string) (*html.Node, error) {
	m := cellPathRE.FindStringSubmatch(path)
	if m == nil {
		return nil, fmt.Errorf("cell path %q: not of the form table[k]/tr[r]/td[c]", path)
	}
	k, _ := strconv.Atoi(m[1])
	r, _ := strconv.Atoi(m[2])
	c, _ := strconv.Atoi(m[3])
	var table *html.Node
	n := 0
	var walk func(x *html.Node)
	walk = func(x *html.Node) { // depth is bounded by the parser (512)
		if table != nil {
			return
		}
		if isElem(x, atom.Table) {
			if n++; n == k {
				table = x
				return
			}
		}
		for ch := x.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch)
		}
	}
	walk(root)
	if table == nil {
		return nil, fmt.Errorf("cell path %q: the page has %d tables", path, n)
	}
	rows := TableRows(table)
	if r < 1 || r > len(rows) {
		return nil, fmt.Errorf("cell path %q: table %d has %d rows", path, k, len(rows))
	}
	cells := RowCells(rows[r-1])
	if c < 1 || c > len(cells) {
		return nil, fmt.Errorf("cell path %q: row %d has %d cells", path, r, len(cells))
	}
	return cells[c-1], nil
}
