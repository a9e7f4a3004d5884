package template

import (
	"fmt"
	"strings"

	"gongkai/corpus"
)

func ptr(v value) *float64 {
	if v.state != corpus.StateNumber {
		return nil
	}
	f := v.num
	return &f
}

// cellOf makes the cell of a value. An uncertain value (digits run together
// that no rule splits) is not guessed: it has no value, its state is text
// and its raw text is the whole run as printed.
func cellOf(key string, v value, row *rowResult, where string) corpus.Cell {
	if row.uncertain {
		return corpus.Cell{Key: key, Raw: row.raw, State: corpus.StateText, Uncertain: true, Where: where, At: v.at}
	}
	if v.unsure {
		return corpus.Cell{Key: key, Raw: v.raw, State: corpus.StateText, Uncertain: true, Where: where, Confidence: v.conf, At: v.at}
	}
	return corpus.Cell{Key: key, Value: ptr(v), Raw: v.raw, State: v.state, Where: where, Confidence: v.conf, At: v.at}
}

// tableValue is the value stored in Tables: nil for blanks, dashes, text
// and uncertain values.
func tableValue(v value, row *rowResult) *float64 {
	if row.uncertain {
		return nil
	}
	return ptr(v)
}

func joinWhere(page, table string) string {
	if page == "" || !strings.HasPrefix(page, "page") {
		return table
	}
	return page + ", " + table
}

// putApply stores table 三's rows and their cells, then the derived totals.
func putApply(r *corpus.Report, rows []rowResult) {
	r.Tables.Apply = map[string][]*float64{}
	for i, row := range rows {
		if !row.found {
			r.Diagnostics = append(r.Diagnostics, corpus.Diagnostic{Severity: corpus.SevWarning, Message: fmt.Sprintf("table 三: row %s not found", row.key), Where: "table 三"})
			continue
		}
		where := joinWhere(row.where, fmt.Sprintf("table 三 row %d", i+1))
		vals := make([]*float64, 7)
		for c, v := range row.vals {
			vals[c] = tableValue(v, &row)
			r.Cells = append(r.Cells, cellOf("apply."+row.key+"."+corpus.ApplyColumns[c], v, &row, where))
		}
		r.Tables.Apply[row.key] = vals
		noteRow(r, row, where)
	}
	derive := func(name string, keys []string) {
		if v := sumRows(r.Tables.Apply, keys); v != nil {
			r.Tables.Apply[name] = v
		}
	}
	derive("denied", corpus.ApplyDenied)
	derive("unable", corpus.ApplyUnable)
	derive("not_processed", corpus.ApplyNotProcessed)
	if _, ok := r.Tables.Apply["other_total"]; ok {
		derive("other", []string{"other_total"})
	} else {
		derive("other_total", corpus.ApplyOther2021)
		derive("other", corpus.ApplyOther2021)
	}
}

func noteRow(r *corpus.Report, row rowResult, where string) {
	if row.note == "" && !row.uncertain {
		return
	}
	sev := corpus.SevInfo
	msg := strings.TrimSpace(row.note)
	if row.uncertain {
		sev = corpus.SevWarning
		msg = fmt.Sprintf("%s: %q cannot be split into the template's columns with certainty, left without values: %d possible readings, e.g. %s. %s", row.key, row.raw, len(row.alts), readings(row.alts, 4), msg)
	} else {
		msg = row.key + ": " + msg
	}
	r.Diagnostics = append(r.Diagnostics, corpus.Diagnostic{Severity: sev, Message: msg, Where: where})
}

func readings(alts [][]value, n int) string {
	var out []string
	for i, a := range alts {
		if i == n {
			out = append(out, "…")
			break
		}
		var nums []string
		for _, v := range a {
			nums = append(nums, v.raw)
		}
		out = append(out, "["+strings.Join(nums, " ")+"]")
	}
	return strings.Join(out, " ")
}

// sumRows adds rows column by column; a column where every row is blank
// stays blank (nil), blanks count as nothing otherwise.
func sumRows(t map[string][]*float64, keys []string) []*float64 {
	out := make([]*float64, 7)
	any := false
	for _, k := range keys {
		row, ok := t[k]
		if !ok {
			continue
		}
		any = true
		for c, p := range row {
			if p == nil {
				continue
			}
			if out[c] == nil {
				out[c] = new(float64)
			}
			*out[c] += *p
		}
	}
	if !any {
		return nil
	}
	return out
}

// putActive stores table 二.
func putActive(r *corpus.Report, rows []rowResult, defs []activeRow) {
	r.Tables.Active = map[string]*float64{}
	for i, row := range rows {
		d := defs[i]
		if !row.found {
			continue
		}
		where := joinWhere(row.where, fmt.Sprintf("table 二 第二十条第（%s）项", itemNumeral(d.item)))
		for c, v := range row.vals {
			key := d.keys[c]
			r.Tables.Active[key] = tableValue(v, &row)
			r.Cells = append(r.Cells, cellOf("active."+key, v, &row, where))
		}
		noteRow(r, row, where)
	}
}

func itemNumeral(n int) string {
	return map[int]string{1: "一", 5: "五", 6: "六", 8: "八", 9: "九"}[n]
}

// putReview stores table 四 and the derived litigation total.
func putReview(r *corpus.Report, row rowResult) {
	groups := []struct {
		name string
		dst  *[]*float64
	}{{"review", &r.Tables.Review}, {"suit_direct", &r.Tables.SuitDirect}, {"suit_after_review", &r.Tables.SuitAfterReview}}
	for g, grp := range groups {
		vals := make([]*float64, 5)
		for c := 0; c < 5; c++ {
			v := row.vals[g*5+c]
			vals[c] = tableValue(v, &row)
			where := joinWhere(row.where, fmt.Sprintf("table 四 column %d", g*5+c+1))
			r.Cells = append(r.Cells, cellOf(grp.name+"."+corpus.ReviewColumns[c], v, &row, where))
		}
		*grp.dst = vals
	}
	noteRow(r, row, "table 四")
	suit := make([]*float64, 5)
	for c := range suit {
		a, b := r.Tables.SuitDirect[c], r.Tables.SuitAfterReview[c]
		if a == nil && b == nil {
			continue
		}
		s := 0.0
		if a != nil {
			s += *a
		}
		if b != nil {
			s += *b
		}
		suit[c] = &s
	}
	r.Tables.Suit = suit
}
