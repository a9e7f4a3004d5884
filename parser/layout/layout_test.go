package layout

import (
	"reflect"
	"testing"
)

func TestBlock_Grid(t *testing.T) {
	// Table 三's header: a corner cell spanning 3×3, then the applicant columns.
	b := Block{Kind: Table, Rows: [][]Cell{
		{{Text: "勾稽", RowSpan: 3, ColSpan: 3}, {Text: "申请人情况", ColSpan: 7}},
		{{Text: "自然人", RowSpan: 2}, {Text: "法人或其他组织", ColSpan: 5}, {Text: "总计", RowSpan: 2}},
		{{Text: "商业企业"}, {Text: "科研机构"}, {Text: "社会公益组织"}, {Text: "法律服务机构"}, {Text: "其他"}},
	}}
	g := b.Grid()
	if len(g) != 3 || len(g[0]) != 10 {
		t.Fatalf("grid %d×%d", len(g), len(g[0]))
	}
	want := []string{"勾稽", "勾稽", "勾稽", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"}
	if !reflect.DeepEqual(g[2], want) {
		t.Errorf("row 3 = %v, want %v", g[2], want)
	}
}

func TestDocument_Text(t *testing.T) {
	d := Document{Blocks: []Block{{Kind: Para, Text: "一、总体情况"}, {Kind: Table, Rows: [][]Cell{{{Text: "规章"}, {Text: "0"}}}}}}
	if got := d.Text(); got != "一、总体情况\n规章\t0\n" {
		t.Errorf("Text() = %q", got)
	}
}
