package template

import (
	"fmt"
	"testing"
)

// TestFitMerged: rows of exports that merge identical consecutive lines
// are restored when exactly one reading satisfies the row total, and are
// uncertain (no single reading) otherwise — never shifted.
func TestFitMerged(t *testing.T) {
	row := func(cells ...string) []item {
		var ps []piece
		for _, c := range cells {
			ps = append(ps, piece{text: c, whole: true, cell: true})
		}
		items, _ := collect(ps, false)
		return items
	}
	nums := func(f fitted) string {
		var out []string
		for _, v := range f.cands[0] {
			out = append(out, v.raw)
		}
		return fmt.Sprint(out)
	}
	// "2 1 0 0 0 0 3" printed as 2 / 1 / 0 / 3.
	if f := fitMerged(row("2", "1", "0", "3"), 7, rowTotalOK); len(f.cands) != 1 || nums(f) != "[2 1 0 0 0 0 3]" {
		t.Errorf("2 1 0 3: %d readings, first %s", len(f.cands), nums(f))
	}
	// Seven zeros printed once.
	if f := fitMerged(row("0"), 7, rowTotalOK); len(f.cands) != 1 || nums(f) != "[0 0 0 0 0 0 0]" {
		t.Errorf("0: %d readings, first %s", len(f.cands), nums(f))
	}
	// No repetition satisfies the row total: uncertain, not shifted.
	for _, cells := range [][]string{{"1", "2"}, {"5", "5"}, {"3", ""}} {
		if f := fitMerged(row(cells...), 7, rowTotalOK); len(f.cands) < 2 {
			t.Errorf("%q: one reading %s, want the row uncertain", cells, nums(f))
		}
	}
	// No rule (table 二): a short row is uncertain.
	if f := fitMerged(row("0"), 3, nil); len(f.cands) < 2 {
		t.Errorf("table 二 row: one reading %s, want uncertain", nums(f))
	}
	// A full row is read as printed.
	if f := fitMerged(row("1", "0", "0", "0", "0", "0", "1"), 7, rowTotalOK); len(f.cands) != 1 || f.note != "" {
		t.Errorf("full row: %d readings, note %q", len(f.cands), f.note)
	}
}
