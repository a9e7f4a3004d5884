package ocr

import (
	"testing"

	"gongkai/parser/layout"
)

func cells(spec ...any) []layout.Cell {
	var out []layout.Cell
	for i := 0; i < len(spec); i += 3 {
		out = append(out, layout.Cell{Text: spec[i].(string), RowSpan: spec[i+1].(int), ColSpan: spec[i+2].(int)})
	}
	return out
}

// TestJoinSplitRow: a label row split by a page break (its values on the
// first page, the end of its label on the next) is joined, and cells
// spanning down from the removed row start one row later.
func TestJoinSplitRow(t *testing.T) {
	prev := &layout.Block{Kind: layout.Table, Rows: [][]layout.Cell{
		cells("三、结果", 2, 1, "(五)", 2, 1, "4.无正当理由大量反复申请", 1, 1, "0", 1, 1, "1", 1, 1),
		cells("5.要求行政机关确认", 1, 1, "0", 1, 1, "2", 1, 1),
	}}
	next := &layout.Block{Kind: layout.Table, Rows: [][]layout.Cell{
		cells("", 3, 1, "", 1, 1, "或重新出具已获取信息", 1, 1, "", 1, 1, "", 1, 1),
		cells("(六)", 1, 1, "1.其他", 1, 1, "0", 1, 1, "3", 1, 1),
		cells("(七)总计", 1, 2, "4", 1, 1, "6", 1, 1),
	}}
	if !JoinSplitRow(prev, next) {
		t.Fatal("not joined")
	}
	if got := prev.Rows[1][0].Text; got != "5.要求行政机关确认\n或重新出具已获取信息" {
		t.Errorf("label = %q", got)
	}
	if len(next.Rows) != 2 || next.Rows[0][0].RowSpan != 2 || next.Rows[0][0].Text != "" || next.Rows[0][1].Text != "(六)" {
		t.Errorf("next rows = %+v", next.Rows)
	}
	// A header row (text in the value columns) is not a continuation.
	hdr := &layout.Block{Kind: layout.Table, Rows: [][]layout.Cell{
		cells("", 1, 3, "自然人", 1, 1, "总计", 1, 1),
		cells("a", 1, 1, "b", 1, 1, "c", 1, 1, "1", 1, 1, "2", 1, 1),
	}}
	if JoinSplitRow(prev, hdr) {
		t.Error("a header row was joined")
	}
}
