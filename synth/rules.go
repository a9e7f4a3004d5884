package synth

import (
	"fmt"
	"math/rand/v2"

	"gongkai/corpus"
)

// breakRule changes the numbers so that exactly one accounting rule fails
// while the others still hold, and returns the failing check as a parser
// should report it. ok is false when the numbers leave no room to break.
func breakRule(r *rand.Rand, n *numbers, template string) (corpus.Check, bool) {
	rules := []func(*rand.Rand, *numbers, string) (corpus.Check, bool){breakC1, breakC2, breakC3, breakC4}
	first := r.IntN(len(rules))
	for i := range rules {
		if c, ok := rules[(first+i)%len(rules)](r, n, template); ok {
			return c, true
		}
	}
	return corpus.Check{}, false
}

func applyKey(row string, col int) string {
	return "apply." + row + "." + corpus.ApplyColumns[col]
}

// breakC1 adds k to carry_forward in the natural_person and total columns:
// C2 and C3 still hold, C1 fails in both columns.
func breakC1(r *rand.Rand, n *numbers, _ string) (corpus.Check, bool) {
	k := 1 + r.IntN(3)
	a := n.apply
	a["carry_forward"][0] += k
	a["carry_forward"][6] += k
	c := corpus.Check{ID: "C1", Status: corpus.CheckFail}
	for _, col := range []int{0, 6} {
		c.Detail += fmt.Sprintf("%s: new_received+carried_over=%d, result_total+carry_forward=%d; ", corpus.ApplyColumns[col],
			a["new_received"][col]+a["carried_over"][col], a["result_total"][col]+a["carry_forward"][col])
		for _, row := range []string{"new_received", "carried_over", "result_total", "carry_forward"} {
			c.Cells = append(c.Cells, applyKey(row, col))
		}
	}
	return c, true
}

// breakC2 moves one unit between two result rows of one organisation column
// without touching the total column: C1 and C3 still hold, C2 fails in two rows.
func breakC2(r *rand.Rand, n *numbers, template string) (corpus.Check, bool) {
	rows := resultRows(template)
	for col := 0; col < 6; col++ {
		for i, from := range rows {
			if n.apply[from][col] == 0 {
				continue
			}
			to := rows[(i+1+r.IntN(len(rows)-1))%len(rows)]
			n.apply[from][col]--
			n.apply[to][col]++
			c := corpus.Check{ID: "C2", Status: corpus.CheckFail,
				Detail: fmt.Sprintf("row totals differ from the sum of columns in rows %s and %s", from, to)}
			for _, row := range []string{from, to} {
				for cc := range corpus.ApplyColumns {
					c.Cells = append(c.Cells, applyKey(row, cc))
				}
			}
			return c, true
		}
	}
	return corpus.Check{}, false
}

// breakC3 adds k to result_total and to new_received (natural_person and
// total columns): C1 and C2 still hold, C3 fails in both columns.
func breakC3(r *rand.Rand, n *numbers, template string) (corpus.Check, bool) {
	k := 1 + r.IntN(4)
	a := n.apply
	c := corpus.Check{ID: "C3", Status: corpus.CheckFail}
	for _, col := range []int{0, 6} {
		a["result_total"][col] += k
		a["new_received"][col] += k
		c.Detail += fmt.Sprintf("%s: result_total=%d exceeds the sum of result rows by %d; ", corpus.ApplyColumns[col], a["result_total"][col], k)
		for _, row := range resultRows(template) {
			c.Cells = append(c.Cells, applyKey(row, col))
		}
		c.Cells = append(c.Cells, applyKey("result_total", col))
	}
	return c, true
}

// breakC4 makes one group total of table 四 disagree with its parts.
func breakC4(r *rand.Rand, n *numbers, _ string) (corpus.Check, bool) {
	g := r.IntN(3)
	grp := n.review[g]
	if grp[4] > 0 && r.IntN(2) == 0 {
		grp[4] = 0 // the printed total left at 0 beside non-zero parts
	} else {
		grp[4] += 1 + r.IntN(3)
	}
	name := []string{"review", "suit_direct", "suit_after_review"}[g]
	c := corpus.Check{ID: "C4", Status: corpus.CheckFail,
		Detail: fmt.Sprintf("%s: total=%d, parts add up to %d", name, grp[4], grp[0]+grp[1]+grp[2]+grp[3])}
	for _, col := range corpus.ReviewColumns {
		c.Cells = append(c.Cells, name+"."+col)
	}
	return c, true
}
