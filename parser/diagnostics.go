package parser

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gongkai/corpus"
)

// The last step of building a record: its diagnostics in the order of the
// places they point to, so that a reader goes through a report's problems
// front to back (issue 14).

// position is where a diagnostic points, as numbers compared in order: the
// page; the place in the document's own sequence (line, block, paragraph,
// image, or a table numbered by the extractor); the template table (二 2,
// 三 3, 四 4); its row (table 二: the item, 第二十条第（N）项); its column.
// A part the Where does not name is 0, so a diagnostic about the whole
// document (no Where, or "document") comes first, and "table 三" before
// its rows.
type position [5]int

var (
	rePosPage   = regexp.MustCompile(`\bpage (\d+)`)
	rePosSeq    = regexp.MustCompile(`\b(?:line|block|paragraph|image|table) (\d+)`)
	rePosTable  = regexp.MustCompile(`\btable ([二三四])`)
	rePosRow    = regexp.MustCompile(`\brow (\d+)`)
	rePosItem   = regexp.MustCompile(`第（([一二三四五六七八九十]+)）项`)
	rePosColumn = regexp.MustCompile(`\bcolumn (\d+)`)
)

// positionOf reads a diagnostic's Where ("page 3, table 三 row 5", "table 二
// 第二十条第（一）项", "table 四 column 7", "line 12", "block 40" …).
func positionOf(where string) position {
	var p position
	num := func(re *regexp.Regexp) int {
		if m := re.FindStringSubmatch(where); m != nil {
			n, _ := strconv.Atoi(m[1])
			return n
		}
		return 0
	}
	p[0] = num(rePosPage)
	p[1] = num(rePosSeq)
	if m := rePosTable.FindStringSubmatch(where); m != nil {
		p[2] = cnNumber(m[1])
	}
	p[3] = num(rePosRow)
	if m := rePosItem.FindStringSubmatch(where); m != nil && p[3] == 0 {
		p[3] = cnNumber(m[1])
	}
	p[4] = num(rePosColumn)
	return p
}

// sortDiagnostics orders ds by position; diagnostics at the same position
// keep the order they were made in.
func sortDiagnostics(ds []corpus.Diagnostic) {
	if len(ds) < 2 {
		return
	}
	type keyed struct {
		pos position
		d   corpus.Diagnostic
	}
	ks := make([]keyed, len(ds))
	for i, d := range ds {
		ks[i] = keyed{positionOf(strings.TrimSpace(d.Where)), d}
	}
	slices.SortStableFunc(ks, func(a, b keyed) int {
		return slices.Compare(a.pos[:], b.pos[:])
	})
	for i := range ks {
		ds[i] = ks[i].d
	}
}
