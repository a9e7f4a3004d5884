package figures

import (
	"strconv"
	"strings"

	"gongkai/corpus"
)

// maxSplits bounds the candidate splits of one run.
const maxSplits = 64

// splits returns the ways run can be read as one value per column.
func splits(run string, cols []column) [][]float64 {
	if len(cols) == 1 {
		if v, err := strconv.ParseFloat(run, 64); err == nil && validPart(run) {
			return [][]float64{{v}}
		}
		return nil
	}
	if len(cols) != 2 || strings.Contains(run, ".") {
		return nil // more columns, or decimals: not split (documented)
	}
	var out [][]float64
	for k := 1; k < len(run) && len(out) < maxSplits; k++ {
		a, b := run[:k], run[k:]
		if !validPart(a) || !validPart(b) {
			continue
		}
		va, _ := strconv.ParseFloat(a, 64)
		vb, _ := strconv.ParseFloat(b, 64)
		if cols[0].scope == corpus.ScopeYear && cols[1].scope == corpus.ScopeCumulative && va > vb {
			continue
		}
		out = append(out, []float64{va, vb})
	}
	return out
}

// validPart rejects leading zeros ("05") but keeps "0".
func validPart(s string) bool {
	return s != "" && (s == "0" || s[0] != '0')
}

// resolveRows keys the rows and narrows each row's splits to those the
// rules allow (see the comment at the top of table.go).
func resolveRows(rows []*tableRow, cols []column, evidence map[string]float64) {
	for _, r := range rows {
		parentKey := ""
		if r.parent >= 0 {
			parentKey = rows[r.parent].key
		}
		r.key = keyForLabel(r.label, parentKey)
		r.cands = splits(r.run, cols)
		if v, ok := evidence[r.key]; ok && len(cols) == 2 {
			if kept := filter(r.cands, func(c []float64) bool { return cols[0].scope == corpus.ScopeYear && c[0] == v }); len(kept) > 0 {
				r.cands = kept
			}
		}
	}
	for round := 0; round < 3; round++ {
		for pi, p := range rows {
			kids := children(rows, pi)
			if len(kids) == 0 {
				continue
			}
			p.cands = filter(p.cands, func(pc []float64) bool {
				for _, k := range kids {
					if !anyFits(k.cands, pc) {
						return false
					}
				}
				return true
			})
			for _, k := range kids {
				k.cands = filter(k.cands, func(kc []float64) bool { return anyAbove(p.cands, kc) })
			}
		}
	}
}

func children(rows []*tableRow, pi int) []*tableRow {
	var out []*tableRow
	for _, r := range rows {
		if r.parent == pi {
			out = append(out, r)
		}
	}
	return out
}

func filter(cs [][]float64, keep func([]float64) bool) [][]float64 {
	var out [][]float64
	for _, c := range cs {
		if keep(c) {
			out = append(out, c)
		}
	}
	return out
}

// anyFits reports whether some child split is ≤ parent in every column.
func anyFits(kids [][]float64, parent []float64) bool {
	for _, k := range kids {
		if leq(k, parent) {
			return true
		}
	}
	return false
}

func anyAbove(parents [][]float64, kid []float64) bool {
	for _, p := range parents {
		if leq(kid, p) {
			return true
		}
	}
	return false
}

func leq(a, b []float64) bool {
	for i := range a {
		if a[i] > b[i] {
			return false
		}
	}
	return true
}

// emitRows turns rows with exactly one split into figures.
func emitRows(rows []*tableRow, cols []column) []candidate {
	var out []candidate
	for _, r := range rows {
		if r.key == "" || len(r.cands) != 1 {
			continue
		}
		for ci, col := range cols {
			if col.scope == "" {
				continue
			}
			unit := r.unit
			out = append(out, candidate{
				fig: corpus.Figure{Key: r.key, Value: r.cands[0][ci], Unit: unit, Scope: col.scope,
					Text: tableText(r, col, r.cands[0][ci])},
				pos: r.pos, rank: rankTable,
			})
		}
	}
	return out
}

// tableText describes a table figure: the row as printed and the column read.
func tableText(r *tableRow, col column, v float64) string {
	return strings.TrimSpace(r.label) + r.unit + r.run + " [" + col.name + ": " + corpus.FormatValue(v) + "]"
}
