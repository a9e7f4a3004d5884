package template

import (
	"fmt"

	"gongkai/corpus"
)

// fitted is the outcome of reading one row: its candidate readings (one
// when certain) and why it is doubtful, if it is.
type fitted struct {
	cands [][]value
	note  string
}

// fit reads items as exactly n values. A row with the right count is taken
// as printed. A short row is split (runs of digits printed together) and the
// splits that satisfy ok are kept; extra blank cells at the edges (rowspan
// placeholders in flattened text) are trimmed.
func fit(items []item, n int, ok func([]value) bool) fitted {
	for len(items) > n && items[len(items)-1].v.state == corpus.StateBlank {
		items = items[:len(items)-1]
	}
	for len(items) > n && items[0].v.state == corpus.StateBlank {
		items = items[1:]
	}
	switch {
	case len(items) == n:
		vals := make([]value, n)
		for i, it := range items {
			vals[i] = it.v
		}
		return fitted{cands: [][]value{vals}}
	case len(items) > n:
		vals := make([]value, n)
		for i := range vals {
			vals[i] = items[i].v
		}
		return fitted{cands: [][]value{vals}, note: fmt.Sprintf("%d values where the template has %d; the first %d are taken", len(items), n, n)}
	}
	all := splits(items, n)
	if len(all) == 0 {
		vals := make([]value, n)
		for i := range vals {
			vals[i] = value{state: corpus.StateBlank}
		}
		for i, it := range items {
			vals[i] = it.v
		}
		return fitted{cands: [][]value{vals}, note: fmt.Sprintf("%d values where the template has %d", len(items), n)}
	}
	if len(all) == 1 {
		return fitted{cands: all}
	}
	if ok == nil {
		return fitted{cands: all, note: fmt.Sprintf("digits run together: %d possible readings and no rule to choose", len(all))}
	}
	var good [][]value
	{
		for _, c := range all {
			if ok(c) {
				good = append(good, c)
			}
		}
	}
	if len(good) == 0 {
		// No reading satisfies the row's own rule: the report may be wrong
		// or the split impossible to tell; keep every reading as doubtful.
		return fitted{cands: all, note: fmt.Sprintf("digits run together: %d possible readings, none satisfies the row total", len(all))}
	}
	f := fitted{cands: good}
	if len(good) > 1 {
		f.note = fmt.Sprintf("digits run together: %d readings satisfy the row total", len(good))
	}
	return f
}

// rowTotalOK is C2 on one row of table 三 (6 columns add up to the 7th);
// a row with blanks or text cannot be judged and passes.
func rowTotalOK(vals []value) bool {
	sum := 0.0
	for i, v := range vals {
		if v.state != corpus.StateNumber {
			return true
		}
		if i < 6 {
			sum += v.num
		}
	}
	return sum == vals[6].num
}

// reviewOK is C4 on the 15 values of table 四.
func reviewOK(vals []value) bool {
	for g := 0; g < 3; g++ {
		sum := 0.0
		for i := 0; i < 5; i++ {
			v := vals[g*5+i]
			if v.state != corpus.StateNumber {
				return true
			}
			if i < 4 {
				sum += v.num
			}
		}
		if sum != vals[g*5+4].num {
			return false
		}
	}
	return true
}

// fitMerged reads a short row of flattened text whose exporter merged
// identical consecutive lines (archive exports: "0" "0" "0" printed once):
// when the row is too short and no run of digits can be split, every way
// of repeating each value back into n cells is tried, and the row is taken
// only when exactly one of them satisfies ok. Otherwise the row is
// uncertain (every reading kept) rather than read with its values shifted
// towards the first columns.
func fitMerged(items []item, n int, ok func([]value) bool) fitted {
	f := fit(items, n, ok)
	if len(items) >= n || len(items) == 0 || len(splits(items, n)) > 0 {
		return f
	}
	if ok == nil {
		return uncertainOf(f, items, n) // no rule to restore the merged cells
	}
	for i, it := range items {
		if it.v.state != corpus.StateNumber || i > 0 && it.v.raw == items[i-1].v.raw {
			return uncertainOf(f, items, n) // a blank or text cell, or two equal neighbours: not a merge
		}
	}
	var good [][]value
	reps := make([]int, len(items))
	var rec func(i, left int)
	rec = func(i, left int) {
		if len(good) > 1 {
			return
		}
		if i == len(items)-1 {
			reps[i] = left
			vals := make([]value, 0, n)
			for k, it := range items {
				for range reps[k] {
					vals = append(vals, it.v)
				}
			}
			if ok(vals) && rowTotalKnown(vals) {
				good = append(good, vals)
			}
			return
		}
		for r := 1; r <= left-(len(items)-1-i); r++ {
			reps[i] = r
			rec(i+1, left-r)
		}
	}
	rec(0, n)
	if len(good) == 1 {
		return fitted{cands: good, note: fmt.Sprintf("%d values where the template has %d: identical neighbouring cells merged by the export; the one reading that satisfies the row total is taken", len(items), n)}
	}
	return uncertainOf(f, items, n)
}

// rowTotalKnown: every value is a number (ok functions pass rows with
// blanks, which would let any expansion through).
func rowTotalKnown(vals []value) bool {
	for _, v := range vals {
		if v.state != corpus.StateNumber {
			return false
		}
	}
	return true
}

// uncertainOf marks a short row's reading as uncertain: the reading as
// printed (values in the first columns) and the same values in the last
// columns, so that no single reading is taken.
func uncertainOf(f fitted, items []item, n int) fitted {
	if len(f.cands) > 1 || len(items) >= n {
		return f
	}
	right := make([]value, n)
	for i := range right {
		right[i] = value{state: corpus.StateBlank}
	}
	for i, it := range items {
		right[n-len(items)+i] = it.v
	}
	return fitted{cands: append(f.cands, right), note: fmt.Sprintf("%d values where the template has %d, and no rule tells which cells they fill", len(items), n)}
}
