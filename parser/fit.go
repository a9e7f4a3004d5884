package parser

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
