package parser

import (
	"gongkai/corpus"
)

// alignApply reads table 三: 23 or 25 rows of 7 values, with run-together
// digits split so that row totals (C2) and, across rows, the column
// identities C1 and C3 hold.
func (st *stream) alignApply(rg regions, template string) []rowResult {
	labels := applyLabels(template)
	counts := make([]int, len(labels))
	for i := range counts {
		counts[i] = 7
	}
	rows := st.alignRows(labels, counts, rg.t3[0], rg.t3[1], func(_ int, v []value) bool { return rowTotalOK(v) }, true)
	resolveJoint(rows)
	return rows
}

// maxCombos bounds the joint search over ambiguous rows.
const maxCombos = 200000

// resolveJoint chooses among the readings of rows whose digits ran
// together, keeping the combinations under which C1 and C3 hold in every
// column. A row on whose reading all surviving combinations agree becomes
// certain; the others stay uncertain.
func resolveJoint(rows []rowResult) {
	var amb []int
	for i, r := range rows {
		if len(r.alts) > 1 {
			amb = append(amb, i)
		}
	}
	if len(amb) == 0 {
		return
	}
	idx := map[string]int{}
	for i, r := range rows {
		idx[r.key] = i
	}
	var sols [][]int
	choice := make([]int, len(amb))
	combos := 0
	var rec func(k int)
	rec = func(k int) {
		if combos >= maxCombos || len(sols) >= 64 {
			return
		}
		if k == len(amb) {
			combos++
			if columnsHold(rows, idx) {
				sols = append(sols, append([]int(nil), choice...))
			}
			return
		}
		r := &rows[amb[k]]
		for c := range r.alts {
			choice[k] = c
			r.vals = r.alts[c]
			rec(k + 1)
		}
	}
	rec(0)
	for k, ri := range amb {
		r := &rows[ri]
		if len(sols) == 0 {
			r.vals = r.alts[0]
			continue
		}
		r.vals = r.alts[sols[0][k]]
		agree := true
		for _, s := range sols[1:] {
			if !sameValues(r.alts[s[k]], r.vals) {
				agree = false
				break
			}
		}
		if agree {
			r.uncertain = false
			r.note = "digits run together; the split is the only one under which the row and column totals hold"
		}
	}
}

func sameValues(a, b []value) bool {
	for i := range a {
		if a[i].state != b[i].state || a[i].num != b[i].num {
			return false
		}
	}
	return true
}

// columnsHold checks C1 and C3 in every column on the rows' current values;
// cells that are not numbers do not constrain.
func columnsHold(rows []rowResult, idx map[string]int) bool {
	get := func(key string, col int) (float64, bool) {
		i, ok := idx[key]
		if !ok || rows[i].vals == nil || col >= len(rows[i].vals) {
			return 0, false
		}
		v := rows[i].vals[col]
		return v.num, v.state == corpus.StateNumber
	}
	results := resultRows(rows)
	for col := 0; col < 7; col++ {
		a, ok1 := get("new_received", col)
		b, ok2 := get("carried_over", col)
		c, ok3 := get("result_total", col)
		d, ok4 := get("carry_forward", col)
		if ok1 && ok2 && ok3 && ok4 && a+b != c+d {
			return false
		}
		sum, all := 0.0, ok3
		for _, k := range results {
			v, ok := get(k, col)
			all = all && ok
			sum += v
		}
		if all && sum != c {
			return false
		}
	}
	return true
}

// resultRows are the leaf rows that add up to （七）总计 (C3).
func resultRows(rows []rowResult) []string {
	keys := []string{"granted", "partial"}
	keys = append(keys, corpus.ApplyDenied...)
	keys = append(keys, corpus.ApplyUnable...)
	keys = append(keys, corpus.ApplyNotProcessed...)
	for _, r := range rows {
		if r.key == "other_total" {
			return append(keys, "other_total")
		}
	}
	return append(keys, corpus.ApplyOther2021...)
}

// alignActive reads table 二 by its row labels.
func (st *stream) alignActive(rg regions, template string) ([]rowResult, []activeRow) {
	defs := activeRows(template)
	labels := make([]rowLabel, len(defs))
	counts := make([]int, len(defs))
	for i, d := range defs {
		labels[i] = rowLabel{key: d.keys[0], anchors: d.anchors}
		counts[i] = len(d.keys)
	}
	return st.alignRows(labels, counts, rg.t2[0], rg.t2[1], nil, true), defs
}

// alignReview reads the 15 values of table 四.
func (st *stream) alignReview(rg regions) rowResult {
	items, dropped := collect(st.between(st.toAt(rg.t4[0]), st.toAt(rg.t4[1])), true)
	f := fit(items, 15, reviewOK)
	r := rowResult{key: "review", vals: f.cands[0], found: true, note: f.note}
	if len(items) > 0 {
		r.where = items[0].where
	}
	if len(f.cands) > 1 {
		r.uncertain = true
		r.alts = f.cands
	}
	_ = dropped
	return r
}
