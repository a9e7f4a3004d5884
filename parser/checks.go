package parser

import (
	"fmt"
	"math"
	"strings"

	"gongkai/corpus"
)

// colCheck is one instance of a rule: lhs keys must add up to rhs keys.
type colCheck struct {
	label    string // "自然人", "行政复议"
	lhs, rhs []string
}

// outcome of one instance.
const (
	okStrict = iota
	okLenient
	bad
	none
)

func evalCheck(r *corpus.Report, c colCheck) (int, string) {
	sum := func(keys []string) (float64, int, int) {
		s, blanks, present := 0.0, 0, 0
		for _, k := range keys {
			if v, ok := r.Value(k); ok {
				s += v
				present++
			} else {
				blanks++
			}
		}
		return s, blanks, present
	}
	a, ba, pa := sum(c.lhs)
	b, bb, pb := sum(c.rhs)
	if pa+pb == 0 {
		return none, ""
	}
	expr := fmt.Sprintf("%s: %s = %s, %s = %s", c.label, strings.Join(shortKeys(c.lhs), "+"), corpus.FormatValue(a), strings.Join(shortKeys(c.rhs), "+"), corpus.FormatValue(b))
	equal := math.Abs(a-b) < 1e-6
	switch {
	case equal && ba+bb == 0:
		return okStrict, expr
	case equal:
		return okLenient, expr + " (blanks counted as 0)"
	case ba+bb > 0:
		// It fails with blanks as zero, but a blank is "not provided": the
		// rule cannot be assessed here, which is a warning, not a finding.
		return okLenient, expr + " (does not hold with blanks counted as 0; blank cells leave it open)"
	}
	return bad, expr
}

func shortKeys(keys []string) []string {
	if len(keys) > 4 {
		return []string{fmt.Sprintf("%d rows", len(keys))}
	}
	out := make([]string, len(keys))
	for i, k := range keys {
		parts := strings.Split(k, ".")
		out[i] = parts[len(parts)-1]
		if parts[0] == "apply" {
			out[i] = parts[1]
		}
	}
	return out
}

// runRule evaluates every instance of a rule and folds them into one Check.
// lenientStatus is the status when a rule holds only with blanks as zero.
func runRule(r *corpus.Report, id string, cs []colCheck, lenientStatus string) corpus.Check {
	chk := corpus.Check{ID: id, Cells: []string{}}
	var fails, warns []string
	passes := 0
	for _, c := range cs {
		res, expr := evalCheck(r, c)
		switch res {
		case okStrict:
			passes++
		case okLenient:
			warns = append(warns, expr)
			chk.Cells = append(chk.Cells, c.lhs...)
			chk.Cells = append(chk.Cells, c.rhs...)
		case bad:
			fails = append(fails, expr)
			chk.Cells = append(chk.Cells, c.lhs...)
			chk.Cells = append(chk.Cells, c.rhs...)
		}
	}
	switch {
	case len(fails) > 0:
		chk.Status = corpus.CheckFail
		chk.Detail = "does not hold: " + strings.Join(fails, "; ")
	case len(warns) > 0:
		chk.Status = lenientStatus
		chk.Detail = "not assessable strictly, blank cells: " + strings.Join(warns, "; ")
	case passes > 0:
		chk.Status = corpus.CheckPass
		chk.Detail = fmt.Sprintf("holds in all %d cases", passes)
		for _, c := range cs {
			chk.Cells = append(chk.Cells, c.rhs...)
		}
	default:
		chk.Status = corpus.CheckNotAssessable
		chk.Detail = "the cells are absent or blank"
	}
	return chk
}

var colNames = []string{"自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"}

func applyKey(row string, col int) string { return "apply." + row + "." + corpus.ApplyColumns[col] }

// check computes C1–C5 and C8 (reference §2.5) on r.
func check(r *corpus.Report) {
	notAssessable := func(id, why string) corpus.Check {
		return corpus.Check{ID: id, Status: corpus.CheckNotAssessable, Detail: why, Cells: []string{}}
	}
	if r.Tables.Apply == nil {
		r.Checks = append(r.Checks, notAssessable("C1", "no table 三"), notAssessable("C2", "no table 三"), notAssessable("C3", "no table 三"))
	} else {
		var c1, c2, c3 []colCheck
		rows := corpus.ApplyRows(r.Templates["apply"])
		leaves := leafRows(rows)
		for col := 0; col < 7; col++ {
			c1 = append(c1, colCheck{label: colNames[col], lhs: []string{applyKey("new_received", col), applyKey("carried_over", col)}, rhs: []string{applyKey("result_total", col), applyKey("carry_forward", col)}})
			var lhs []string
			for _, l := range leaves {
				lhs = append(lhs, applyKey(l, col))
			}
			c3 = append(c3, colCheck{label: colNames[col], lhs: lhs, rhs: []string{applyKey("result_total", col)}})
		}
		for _, row := range rows {
			var lhs []string
			for col := 0; col < 6; col++ {
				lhs = append(lhs, applyKey(row, col))
			}
			c2 = append(c2, colCheck{label: row, lhs: lhs, rhs: []string{applyKey(row, 6)}})
		}
		r.Checks = append(r.Checks, runRule(r, "C1", c1, corpus.CheckWarn), runRule(r, "C2", c2, corpus.CheckWarn), runRule(r, "C3", c3, corpus.CheckWarn))
	}
	if r.Tables.Review == nil {
		r.Checks = append(r.Checks, notAssessable("C4", "no table 四"))
	} else {
		var c4 []colCheck
		for _, g := range []struct{ t, label string }{{"review", "行政复议"}, {"suit_direct", "未经复议直接起诉"}, {"suit_after_review", "复议后起诉"}} {
			c4 = append(c4, colCheck{label: g.label, lhs: []string{g.t + ".upheld", g.t + ".corrected", g.t + ".other", g.t + ".pending"}, rhs: []string{g.t + ".total"}})
		}
		r.Checks = append(r.Checks, runRule(r, "C4", c4, corpus.CheckWarn))
	}
	r.Checks = append(r.Checks, checkC5(r), checkC8(r))
}

func leafRows(rows []string) []string {
	var out []string
	for _, k := range rows {
		switch k {
		case "new_received", "carried_over", "result_total", "carry_forward":
			continue
		}
		out = append(out, k)
	}
	return out
}

// checkC5: table 三/四 values are non-negative integers; in table 二 only
// 本年增/减 may be negative and only amounts may carry decimals; a cell
// holding text where a number belongs fails too.
func checkC5(r *corpus.Report) corpus.Check {
	chk := corpus.Check{ID: "C5", Cells: []string{}}
	signed, decimal := map[string]bool{}, map[string]bool{}
	for _, t := range []string{corpus.Template2019, corpus.Template2021} {
		for _, k := range corpus.ActiveKeys(t) {
			signed["active."+k.Key] = k.Signed
			decimal["active."+k.Key] = k.Decimal
		}
	}
	var bad []string
	n := 0
	for _, c := range r.Cells {
		if c.Uncertain {
			continue // already reported: digits that cannot be split
		}
		if c.State == corpus.StateText {
			bad = append(bad, fmt.Sprintf("%s holds text %q", c.Key, c.Raw))
			chk.Cells = append(chk.Cells, c.Key)
			continue
		}
		if c.Value == nil {
			continue
		}
		n++
		v := *c.Value
		switch {
		case v < 0 && !signed[c.Key]:
			bad = append(bad, fmt.Sprintf("%s is negative (%s)", c.Key, c.Raw))
			chk.Cells = append(chk.Cells, c.Key)
		case v != math.Trunc(v) && !decimal[c.Key]:
			bad = append(bad, fmt.Sprintf("%s is not a whole number (%s)", c.Key, c.Raw))
			chk.Cells = append(chk.Cells, c.Key)
		}
	}
	switch {
	case len(bad) > 0:
		chk.Status, chk.Detail = corpus.CheckFail, strings.Join(bad, "; ")
	case n == 0:
		chk.Status, chk.Detail = corpus.CheckNotAssessable, "no table values"
	default:
		chk.Status, chk.Detail = corpus.CheckPass, fmt.Sprintf("all %d values are in range", n)
	}
	return chk
}

// checkC8 compares the figures the text states with the table values of
// the same key. It is a soft rule (the text may speak of another scope, e.g.
// the office alone while the table covers the district): a mismatch warns.
func checkC8(r *corpus.Report) corpus.Check {
	chk := corpus.Check{ID: "C8", Cells: []string{}}
	var agree, differ []string
	for _, f := range r.Figures {
		if f.Scope != corpus.ScopeYear || f.Approx {
			continue
		}
		v, ok := r.Value(f.Key)
		if !ok {
			continue
		}
		if math.Abs(v-f.Value) < 1e-6 {
			agree = append(agree, f.Key)
		} else {
			differ = append(differ, fmt.Sprintf("%s: the text says %s (%q), the table %s", f.Key, corpus.FormatValue(f.Value), f.Text, corpus.FormatValue(v)))
			chk.Cells = append(chk.Cells, f.Key)
		}
	}
	switch {
	case len(differ) > 0:
		chk.Status, chk.Detail = corpus.CheckWarn, strings.Join(differ, "; ")
	case len(agree) > 0:
		chk.Status, chk.Detail = corpus.CheckPass, fmt.Sprintf("%d figures stated in the text agree with the tables", len(agree))
		chk.Cells = agree
	default:
		chk.Status, chk.Detail = corpus.CheckNotAssessable, "the text states no figure that a table holds"
	}
	return chk
}
