package compare

import (
	"context"
	"slices"
	"strings"

	"gongkai/corpus"
)

// Values are read from the catalog's cells table (indexed by report, table,
// row and column) rather than from the report records, whose JSON would
// have to be parsed whole for each report: a ranking over a province reads
// a few cells per report. The derived rows (apply.denied, apply.unable,
// apply.not_processed, apply.other, apply.other_total for 2021, suit) are
// added up here the way the parser adds them (a column whose member cells
// are all blank stays blank). Figures stated in the text are read from the
// record only for the reports whose tables lack a value asked for.

// baseKeys lists the value keys a metric reads.
func baseKeys(metric string) []string {
	if q, ok := rates[metric]; ok {
		return append(baseKeys(q[0]), baseKeys(q[1])...)
	}
	if metric == "review.decided" {
		return []string{"review.total", "review.pending"}
	}
	return []string{metric}
}

// derivedMembers are the printed rows each derived row of table 三 adds up.
var derivedMembers = map[string][]string{
	"denied":        corpus.ApplyDenied,
	"unable":        corpus.ApplyUnable,
	"not_processed": corpus.ApplyNotProcessed,
	"other":         append([]string{"other_total"}, corpus.ApplyOther2021...),
	"other_total":   append([]string{"other_total"}, corpus.ApplyOther2021...),
}

// cellQuery is one table and the rows and columns to read in it (one
// index seek per report and row; the columns are filtered here).
type cellQuery struct {
	tbl        string
	rows, cols map[string]bool
}

// plan turns value keys into cell queries, one per table.
func plan(keys []string) []*cellQuery {
	byTbl := map[string]*cellQuery{}
	var out []*cellQuery
	add := func(tbl, row, col string) {
		q := byTbl[tbl]
		if q == nil {
			q = &cellQuery{tbl: tbl, rows: map[string]bool{}, cols: map[string]bool{}}
			byTbl[tbl] = q
			out = append(out, q)
		}
		q.rows[row] = true
		q.cols[col] = true
	}
	for _, key := range keys {
		tbl, rest, ok := strings.Cut(key, ".")
		if !ok {
			continue
		}
		switch tbl {
		case "apply":
			row, col, ok := strings.Cut(rest, ".")
			if !ok {
				continue
			}
			if members, derived := derivedMembers[row]; derived {
				for _, m := range members {
					add(tbl, m, col)
				}
			} else {
				add(tbl, row, col)
			}
		case "review", "suit_direct", "suit_after_review":
			add(tbl, "", rest)
		case "suit":
			add("suit_direct", "", rest)
			add("suit_after_review", "", rest)
		case "active":
			i := strings.LastIndexByte(rest, '.')
			if i < 0 {
				continue
			}
			add(tbl, rest[:i], rest[i+1:])
		}
	}
	return out
}

// fill loads into each entry's rep the table values the keys need, and
// (withFigures) the text's figures for the entries whose tables lack one of
// them.
func fill(ctx context.Context, st *corpus.Store, list []*entry, keys []string, withFigures bool) error {
	byID := make(map[string]*entry, len(list))
	var ids []string
	for _, e := range list {
		if e.rep == nil {
			e.rep = &corpus.Report{ID: e.ID, Template: e.Template, Year: e.Year}
		}
		if byID[e.ID] == nil {
			ids = append(ids, e.ID)
		}
		byID[e.ID] = e
	}
	queries := plan(keys)
	for _, q := range queries {
		if err := readCells(ctx, st, q, ids, byID); err != nil {
			return err
		}
	}
	var lacking []string
	for _, id := range ids {
		e := byID[id]
		derive(&e.rep.Tables, queries)
		for _, k := range keys {
			if _, ok := e.rep.Value(k); !ok {
				lacking = append(lacking, id)
				break
			}
		}
	}
	if !withFigures {
		return nil
	}
	return readFigures(ctx, st, lacking, byID)
}

func readCells(ctx context.Context, st *corpus.Store, q *cellQuery, ids []string, byID map[string]*entry) error {
	rows := make([]string, 0, len(q.rows))
	for r := range q.rows {
		rows = append(rows, r)
	}
	slices.Sort(rows)
	return st.CellValues(ctx, ids, q.tbl, rows, func(c corpus.CellValue) {
		if e := byID[c.Report]; e != nil && q.cols[c.Col] {
			put(&e.rep.Tables, q.tbl, c.Row, c.Col, c.Value)
		}
	})
}

// put stores one cell's value in a report's tables.
func put(t *corpus.Tables, tbl, row, col string, v *float64) {
	switch tbl {
	case "apply":
		i := slices.Index(corpus.ApplyColumns, col)
		if i < 0 {
			return
		}
		if t.Apply == nil {
			t.Apply = map[string][]*float64{}
		}
		if t.Apply[row] == nil {
			t.Apply[row] = make([]*float64, len(corpus.ApplyColumns))
		}
		t.Apply[row][i] = v
	case "active":
		if t.Active == nil {
			t.Active = map[string]*float64{}
		}
		t.Active[row+"."+col] = v
	case "review", "suit_direct", "suit_after_review":
		i := slices.Index(corpus.ReviewColumns, col)
		if i < 0 {
			return
		}
		dst := map[string]*[]*float64{"review": &t.Review, "suit_direct": &t.SuitDirect, "suit_after_review": &t.SuitAfterReview}[tbl]
		if *dst == nil {
			*dst = make([]*float64, len(corpus.ReviewColumns))
		}
		(*dst)[i] = v
	}
}

// derive adds up the derived rows the queries read the members of, as the
// parser does: only rows that were printed count, a column whose cells are
// all blank stays blank; 2019's other row is its other_total row.
func derive(t *corpus.Tables, queries []*cellQuery) {
	_, printedOther := t.Apply["other_total"] // 2019 prints it; 2021 derives it
	for _, q := range queries {
		if q.tbl != "apply" || t.Apply == nil {
			continue
		}
		for name, members := range derivedMembers {
			if !q.rows[members[0]] || !q.rows[members[len(members)-1]] {
				continue // this query did not read the members of name
			}
			switch {
			case name == "other_total" && printedOther:
				continue
			case name == "other" && printedOther:
				members = []string{"other_total"}
			case name == "other" || name == "other_total":
				members = corpus.ApplyOther2021
			}
			for col := range q.cols {
				if i := slices.Index(corpus.ApplyColumns, col); i >= 0 {
					sumColumn(t.Apply, name, members, i)
				}
			}
		}
	}
	for c := range corpus.ReviewColumns {
		var a, b *float64
		if c < len(t.SuitDirect) {
			a = t.SuitDirect[c]
		}
		if c < len(t.SuitAfterReview) {
			b = t.SuitAfterReview[c]
		}
		if a == nil && b == nil {
			continue
		}
		if t.Suit == nil {
			t.Suit = make([]*float64, len(corpus.ReviewColumns))
		}
		s := 0.0
		if a != nil {
			s += *a
		}
		if b != nil {
			s += *b
		}
		t.Suit[c] = &s
	}
}

// sumColumn sets column col of row name to the sum of the members' cells
// in it (nil when none of them has a value); the row exists only when a
// member row was printed.
func sumColumn(apply map[string][]*float64, name string, members []string, col int) {
	var sum *float64
	printed := false
	for _, m := range members {
		row, ok := apply[m]
		if !ok {
			continue
		}
		printed = true
		if row[col] == nil {
			continue
		}
		if sum == nil {
			sum = new(float64)
		}
		*sum += *row[col]
	}
	if !printed {
		return
	}
	if apply[name] == nil {
		apply[name] = make([]*float64, len(corpus.ApplyColumns))
	}
	apply[name][col] = sum
}

func readFigures(ctx context.Context, st *corpus.Store, ids []string, byID map[string]*entry) error {
	figs, err := st.FiguresOf(ctx, ids)
	if err != nil {
		return err
	}
	for id, fs := range figs {
		if e := byID[id]; e != nil {
			e.rep.Figures = fs
		}
	}
	return nil
}
