package template

import (
	"fmt"
	"strings"
)

// rowResult is one aligned row: its values and whether they are doubtful.
type rowResult struct {
	key       string
	vals      []value
	uncertain bool
	where     string
	note      string
	found     bool
	alts      [][]value // the readings left when digits ran together
	raw       string    // the values as printed, for uncertain rows
}

// alignRows finds rows in order in [from, to) and reads n(i) values after
// each. A row whose label is missing takes its values by position from the
// row before it when that row holds exactly the values of both.
func (st *stream) alignRows(labels []rowLabel, counts []int, from, to int, ok func(int, []value) bool, splittable bool) []rowResult {
	matches := make([]match, len(labels))
	found := make([]bool, len(labels))
	cur := from
	for i, l := range labels {
		if m, f := st.findLabel(l, cur, to); f {
			matches[i], found[i] = m, true
			cur = m.end
		}
	}
	out := make([]rowResult, len(labels))
	for i := range labels {
		out[i].key = labels[i].key
	}
	for i := 0; i < len(labels); i++ {
		if !found[i] {
			continue
		}
		// Rows up to the next found label share this region.
		j := i + 1
		for j < len(labels) && !found[j] {
			j++
		}
		end := to
		if j < len(labels) {
			end = matches[j].start
		}
		items, dropped := collect(st.between(st.endAt(matches[i].end), st.toAt(end)), splittable)
		where := ""
		if len(items) > 0 {
			where = items[0].where
		}
		need := 0
		for k := i; k < j; k++ {
			need += counts[k]
		}
		group := fit(items, need, nil)
		if j == i+1 && ok != nil {
			okI := func(v []value) bool { return ok(i, v) }
			if st.merged {
				group = fitMerged(items, need, okI)
			} else {
				group = fit(items, need, okI)
			}
		}
		raws := make([]string, 0, len(items))
		for _, it := range items {
			raws = append(raws, it.v.raw)
		}
		off := 0
		for k := i; k < j; k++ {
			out[k].raw = strings.Join(raws, " ")
			r := &out[k]
			r.found = true
			r.where = where
			r.vals = group.cands[0][off : off+counts[k]]
			if len(group.cands) > 1 {
				r.uncertain = true
				r.vals = append([]value(nil), r.vals...)
			}
			r.note = group.note
			if k > i {
				r.note = fmt.Sprintf("row label not found; values taken by position after the row before it. %s", group.note)
			}
			if len(dropped) > 0 && k == i {
				r.note = fmt.Sprintf("%s ignored text %q", r.note, dropped)
			}
			off += counts[k]
		}
		if j == i+1 && len(group.cands) > 1 {
			out[i].alts = group.cands
		}
		i = j - 1
	}
	return out
}
