package template

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/agnivade/levenshtein"

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
	if anomalies(rows) > 0 {
		if seq := st.alignBySequence(rg, labels); seq != nil && failures(seq) < failures(rows) {
			return seq
		}
	}
	return rows
}

// anomalies counts rows not found or read with a wrong number of values.
func anomalies(rows []rowResult) int {
	n := 0
	for _, r := range rows {
		if !r.found || r.note != "" && !r.uncertain {
			n++
		}
	}
	return n
}

// failures counts the rows and columns where C1, C2 or C3 fail.
func failures(rows []rowResult) int {
	n := 0
	idx := map[string]int{}
	for i, r := range rows {
		idx[r.key] = i
		if r.vals == nil {
			n++
		} else if !rowTotalOK(r.vals) {
			n++
		}
	}
	for col := 0; col < 7; col++ {
		one := make([]rowResult, len(rows))
		for i, r := range rows {
			one[i] = rowResult{key: r.key}
			if r.vals != nil {
				v := make([]value, 7)
				v[col] = r.vals[col]
				one[i].vals = v
			}
		}
		if !columnsHold(one, idx) {
			n++
		}
	}
	return n
}

// alignBySequence reads table 三 row by row in printed order, ignoring the
// labels: for tables whose labels a converter detached from their values
// (Markdown made from a PDF). It applies only when the region holds exactly
// one printed row of 7 values per template row.
func (st *stream) alignBySequence(rg regions, labels []rowLabel) []rowResult {
	items, _ := collect(st.between(st.toAt(rg.t3[0]), st.toAt(rg.t3[1])), false)
	var groups [][]item
	for i := 0; i < len(items); {
		j := i
		for j < len(items) && items[j].row == items[i].row {
			j++
		}
		g := items[i:j]
		i = j
		for len(g) > 7 && g[len(g)-1].v.state == corpus.StateBlank {
			g = g[:len(g)-1]
		}
		if len(g) != 7 {
			continue
		}
		filled := false
		for _, it := range g {
			filled = filled || it.v.state == corpus.StateNumber || it.v.state == corpus.StateDash
		}
		if filled {
			groups = append(groups, g)
		}
	}
	if len(groups) != len(labels) {
		return nil
	}
	rows := make([]rowResult, len(labels))
	for i, l := range labels {
		vals := make([]value, 7)
		for c, it := range groups[i] {
			vals[c] = it.v
		}
		rows[i] = rowResult{key: l.key, vals: vals, found: true, where: groups[i][0].where}
	}
	rows[0].note = "row labels are detached from their values in this file: all rows read in printed order, one printed row of 7 values per template row (the totals hold better this way)"
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

// alignActive reads table 二 by its row labels. Its labels are distinct
// words, so each is found on its own and the sub-tables may stand in any
// order (converters move them about); a row's values run to the next label
// found, whichever it is.
func (st *stream) alignActive(rg regions, template string) ([]rowResult, []activeRow) {
	defs := activeRows(template)
	type found struct {
		i int
		m match
	}
	var fs []found
	for i, d := range defs {
		if m, ok := st.findLabel(rowLabel{key: d.keys[0], anchors: d.anchors}, rg.t2[0], rg.t2[1]); ok {
			fs = append(fs, found{i, m})
		}
	}
	if st.ocr {
		// A short label misread by OCR ("规章" as "规贞"): the row just
		// above the next row of the same item, when its first cell is one
		// character off this label and not near any other row's.
		at := map[int]match{}
		for _, f := range fs {
			at[f.i] = f.m
		}
		for i, d := range defs {
			next, ok := at[i+1]
			if _, done := at[i]; done || !ok || defs[i+1].item != d.item {
				continue
			}
			if m, ok := st.misreadRowAbove(next.start, i, defs); ok && m.start >= rg.t2[0] {
				fs = append(fs, found{i, m})
			}
		}
	}
	sort.Slice(fs, func(a, b int) bool { return fs[a].m.start < fs[b].m.start })
	out := make([]rowResult, len(defs))
	for k, f := range fs {
		end := rg.t2[1]
		if k+1 < len(fs) {
			end = fs[k+1].m.start
		}
		items, _ := collect(st.between(st.endAt(f.m.end), st.toAt(end)), true)
		fr := fit(items, len(defs[f.i].keys), nil)
		if st.merged {
			fr = fitMerged(items, len(defs[f.i].keys), nil)
		}
		r := rowResult{key: defs[f.i].keys[0], vals: fr.cands[0], found: true, note: fr.note}
		for _, it := range items {
			r.raw += it.v.raw + " "
		}
		r.raw = strings.TrimSpace(r.raw)
		if len(items) > 0 {
			r.where = items[0].where
		}
		if len(fr.cands) > 1 {
			r.uncertain, r.alts = true, fr.cands
		}
		out[f.i] = r
	}
	return out, defs
}

// alignReview reads the 15 values of table 四.
func (st *stream) alignReview(rg regions) rowResult {
	items, dropped := collect(st.between(st.toAt(rg.t4[0]), st.toAt(rg.t4[1])), true)
	f := fit(items, 15, reviewOK)
	if st.merged {
		f = fitMerged(items, 15, reviewOK)
	}
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

// misreadRowAbove looks at the first cell of the row above the label that
// starts at compact offset pos: an OCR'd cell whose text is one character
// off an anchor of defs[i] (as long) and at least 1+rivalMargin edits from
// every other row's anchors.
func (st *stream) misreadRowAbove(pos, i int, defs []activeRow) (match, bool) {
	if pos <= 0 || pos >= len(st.posTok) {
		return match{}, false
	}
	tn := int(st.posTok[pos])
	if tn == 0 || st.toks[tn].row == st.toks[tn-1].row {
		return match{}, false // the label is not the first cell of its row
	}
	f := tn - 1
	for f > 0 && st.toks[f-1].row == st.toks[tn-1].row {
		f--
	}
	if tok := st.toks[f]; !tok.ocr || !tok.cell {
		return match{}, false
	}
	// The cell's span in the compact string.
	cs := pos
	for cs > 0 && int(st.posTok[cs-1]) >= f {
		cs--
	}
	ce := cs
	for ce < len(st.posTok) && int(st.posTok[ce]) == f {
		ce++
	}
	if cs >= ce || int(st.posTok[cs]) != f {
		return match{}, false
	}
	label := st.compact[cs:ce]
	n := utf8.RuneCountInString(label)
	mine := false
	for _, a := range defs[i].anchors {
		if utf8.RuneCountInString(a) == n && n >= 2 && levenshtein.ComputeDistance(label, a) == 1 {
			mine = true
		}
	}
	if !mine {
		return match{}, false
	}
	for k, d := range defs {
		if k == i {
			continue
		}
		for _, a := range d.anchors {
			if levenshtein.ComputeDistance(label, a) < 1+rivalMargin {
				return match{}, false
			}
		}
	}
	return match{start: cs, end: ce}, true
}
