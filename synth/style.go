package synth

import (
	"fmt"
	"math/rand/v2"

	"gongkai/corpus"
)

// style is how a report prints zeros and special values.
type style struct {
	blankZero  bool // every zero printed blank
	blankOrg   bool // zeros in the five 法人或其他组织 columns printed blank
	empty      bool // every value cell left blank (螅镇 2022)
	dashActive bool // some zero cells of table 二 printed "-"
	dashApply  bool // zeros of the 科研机构 column printed "-"
	plusSign   bool // positive 本年增/减 printed with "+"
	yuan       bool // 采购总金额 printed with "元"
}

// drawStyle draws a print style; a deliberately broken report prints every
// number so that its failure is assessable.
func drawStyle(r *rand.Rand, o office, broken bool) style {
	st := style{plusSign: r.IntN(8) == 0, yuan: r.IntN(5) < 3}
	if broken {
		return st
	}
	town := o.Level == levelTownship
	x := r.Float64()
	switch {
	case town && x < 0.05:
		st.empty = true
	case x < 0.10 || (town && x < 0.25):
		st.blankZero = true
	case x < 0.17:
		st.blankOrg = true
	}
	st.dashActive = r.Float64() < 0.12 || (town && r.Float64() < 0.3)
	st.dashApply = !st.blankZero && !st.empty && r.Float64() < 0.04
	return st
}

// cellText decides the printed text, value and state of one value.
func (st style) cellText(r *rand.Rand, key string, v float64, orgCol, researchCol, activeCell bool) (*float64, string, string) {
	switch {
	case st.empty:
		return nil, "", corpus.StateBlank
	case v == 0 && ((st.dashApply && researchCol) || (st.dashActive && activeCell && r.IntN(2) == 0)):
		return nil, "-", corpus.StateDash
	case v == 0 && (st.blankZero || (st.blankOrg && orgCol)):
		return nil, "", corpus.StateBlank
	}
	raw := corpus.FormatValue(v)
	switch {
	case st.plusSign && v > 0 && len(key) > 6 && key[len(key)-6:] == ".delta":
		raw = "+" + raw
	case st.yuan && key == "active.a20_9.procurement.amount":
		raw += "元"
	}
	return &v, raw, corpus.StateNumber
}

// applyStyle turns the numbers into the truth tables and cells, recording
// every printed text in raw.
func applyStyle(r *rand.Rand, st style, n *numbers, template string, raw map[string]string) (corpus.Tables, []corpus.Cell) {
	var t corpus.Tables
	var cells []corpus.Cell
	add := func(key, where string, v float64, orgCol, researchCol, activeCell bool) *float64 {
		p, text, state := st.cellText(r, key, v, orgCol, researchCol, activeCell)
		raw[key] = text
		cells = append(cells, corpus.Cell{Key: key, Value: p, Raw: text, State: state, Where: where})
		return p
	}
	t.Active = map[string]*float64{}
	for _, k := range corpus.ActiveKeys(template) {
		t.Active[k.Key] = add("active."+k.Key, fmt.Sprintf("table 二 第（%s）项", cnNum(k.Item)), n.active[k.Key], false, false, true)
	}
	t.Apply = map[string][]*float64{}
	for i, row := range corpus.ApplyRows(template) {
		vals := make([]*float64, 7)
		for c := range vals {
			vals[c] = add(applyKey(row, c), fmt.Sprintf("table 三 row %d", i+1), float64(n.apply[row][c]), c >= 1 && c <= 5, c == 2, false)
		}
		t.Apply[row] = vals
	}
	groups := []*[]*float64{&t.Review, &t.SuitDirect, &t.SuitAfterReview}
	for g, name := range []string{"review", "suit_direct", "suit_after_review"} {
		vals := make([]*float64, 5)
		for c, col := range corpus.ReviewColumns {
			vals[c] = add(name+"."+col, "table 四", float64(n.review[g][c]), false, false, false)
		}
		*groups[g] = vals
	}
	return t, cells
}

// sumPtr adds values, ignoring blanks; nil when every value is blank.
func sumPtr(vals ...*float64) *float64 {
	var s float64
	any := false
	for _, v := range vals {
		if v != nil {
			s += *v
			any = true
		}
	}
	if !any {
		return nil
	}
	return &s
}

// deriveTotals adds the derived rows of design.md: apply.denied, unable,
// not_processed, other (and other_total in 2021), and suit.
func deriveTotals(t *corpus.Tables, template string) {
	group := func(rows []string) []*float64 {
		out := make([]*float64, 7)
		for c := range out {
			vals := make([]*float64, len(rows))
			for i, row := range rows {
				vals[i] = t.Apply[row][c]
			}
			out[c] = sumPtr(vals...)
		}
		return out
	}
	t.Apply["denied"] = group(corpus.ApplyDenied)
	t.Apply["unable"] = group(corpus.ApplyUnable)
	t.Apply["not_processed"] = group(corpus.ApplyNotProcessed)
	if template == corpus.Template2021 {
		t.Apply["other_total"] = group(corpus.ApplyOther2021)
	}
	t.Apply["other"] = group([]string{"other_total"})
	t.Suit = make([]*float64, 5)
	for c := range t.Suit {
		t.Suit[c] = sumPtr(t.SuitDirect[c], t.SuitAfterReview[c])
	}
}

// cnNum writes 1–99 in Chinese numerals (for 第（N）项 and section numbers).
func cnNum(n int) string {
	d := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n < 10:
		return d[n]
	case n == 10:
		return "十"
	case n < 20:
		return "十" + d[n-10]
	}
	return d[n/10] + "十" + d[n%10]
}
