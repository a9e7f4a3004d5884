package synth

import (
	"gongkai/corpus"
)

// failedRules evaluates C1–C4 on a truth with blanks read as 0 and returns
// the rules that fail.
func failedRules(r *corpus.Report) map[string]bool {
	out := map[string]bool{}
	if r.Tables.Apply == nil {
		return out
	}
	v := func(row string, c int) float64 {
		vals := r.Tables.Apply[row]
		if c < len(vals) && vals[c] != nil {
			return *vals[c]
		}
		return 0
	}
	rows := corpus.ApplyRows(r.Templates["apply"])
	results := rows[2 : len(rows)-2]
	for c := 0; c < 7; c++ {
		if v("new_received", c)+v("carried_over", c) != v("result_total", c)+v("carry_forward", c) {
			out["C1"] = true
		}
		sum := 0.0
		for _, row := range results {
			sum += v(row, c)
		}
		if sum != v("result_total", c) {
			out["C3"] = true
		}
	}
	for _, row := range rows {
		sum := 0.0
		for c := 0; c < 6; c++ {
			sum += v(row, c)
		}
		if sum != v(row, 6) {
			out["C2"] = true
		}
	}
	for _, g := range [][]*float64{r.Tables.Review, r.Tables.SuitDirect, r.Tables.SuitAfterReview} {
		f := func(i int) float64 {
			if g[i] != nil {
				return *g[i]
			}
			return 0
		}
		if f(0)+f(1)+f(2)+f(3) != f(4) {
			out["C4"] = true
		}
	}
	return out
}
