package pdf

import (
	"strings"
	"testing"

	"gongkai/parser/layout"
)

// The fixtures are LibreOffice renditions of a small DOCX (A6 page, a
// four-column table whose label column is three characters wide, rows
// allowed to break across pages), with the table pushed down the first
// page by a varying number of paragraphs:
//
//   - libreoffice-split-row.pdf: row 4 breaks after its first line,
//     "4.四号" with the values on page 1, the rest of the label on page 2;
//   - libreoffice-row-on-new-page.pdf: values left blank; row 2's label
//     ends on a full line at the foot of page 1 and row 3 starts page 2,
//     the case the join must not take for a split row.
func TestExtract_SplitRows(t *testing.T) {
	tests := []struct {
		name string
		file string
		want []string // rows of the table on page 1, then page 2
	}{
		{
			name: "row split by the page break is joined",
			file: "libreoffice-split-row.pdf",
			want: []string{
				"page 1: 项目|甲|乙|合计",
				"page 1: 1.一号项目年度统计|3|0|3",
				"page 1: 2.二号项目跨年度结转数量|13|1|14",
				"page 1: 3.三号项目因故未能办理的申请|23|2|25",
				"page 1: 4.四号项目要求重新出具已经获取的材料|33|3|36",
				"page 2: 5.五号项目其他情形|43|4|47",
			},
		},
		{
			name: "row starting a new page stays apart",
			file: "libreoffice-row-on-new-page.pdf",
			want: []string{
				"page 1: 项目|甲|乙|合计",
				"page 1: 1.一号项目年度统计|||",
				"page 1: 2.二号项目跨年度结转数量|||",
				"page 2: 3.三号项目因故未能办理的申请|||",
				"page 2: 4.四号项目要求重新出具已经获取的材料|||",
				"page 2: 5.五号项目其他情形|||",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Extract(readFile(t, "testdata/"+tt.file))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, b := range tablesOf(doc) {
				for _, row := range b.Rows {
					got = append(got, b.Where+": "+strings.Join(cellTexts(row), "|"))
				}
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("table rows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// synthTable builds a fully ruled table of 30pt-wide columns and 40pt-tall
// rows from the top of a page; each cell is given as its lines, set in
// 10pt glyphs 10pt wide, left aligned.
func synthTable(rows [][][]string) *table {
	nc := len(rows[0])
	g := &grid{}
	for c := 0; c <= nc; c++ {
		g.xs = append(g.xs, 50+30*float64(c))
	}
	for r := 0; r <= len(rows); r++ {
		g.ys = append(g.ys, 800-40*float64(r))
	}
	for _, y := range g.ys {
		g.hs = append(g.hs, segment{g.xs[0], y, g.xs[nc], y})
	}
	for _, x := range g.xs {
		g.vs = append(g.vs, segment{x, g.ys[len(rows)], x, g.ys[0]})
	}
	var gs []glyph
	for r, row := range rows {
		for c, lines := range row {
			for i, l := range lines {
				x, y := g.xs[c]+2, g.ys[r]-12-12*float64(i)
				for _, ch := range l {
					w := 10.0
					if !wide(ch) {
						w = 5
					}
					gs = append(gs, glyph{x: x, y: y, w: w, size: 10, text: string(ch)})
					x += w
				}
			}
		}
	}
	return g.fill(gs)
}

func TestJoinSplitRow(t *testing.T) {
	type cell = []string
	upper := [][]cell{
		{{"甲乙"}, {"1"}},
		{{"一二", "三四", "五六"}, {"2"}},
		{{"七八"}, {"3"}},
	}
	tests := []struct {
		name  string
		prev  [][]cell
		next  [][]cell
		joins bool
		want  string // last row of prev after the call
	}{
		{"wrapped label, values above", upper, [][]cell{{{"九十"}, {}}, {{"丙丁"}, {"4"}}}, true, "七八九十|3"},
		{"new row with values", upper, [][]cell{{{"九十"}, {"4"}}}, false, "七八|3"},
		{"numbered new row", upper, [][]cell{{{"4.九"}, {}}}, false, "七八|3"},
		{"label that ended short", [][]cell{{{"一二", "三四"}, {"1"}}, {{"七"}, {"3"}}}, [][]cell{{{"九十"}, {}}}, false, "七|3"},
		{"column that never wraps", [][]cell{{{"一二"}, {"1"}}, {{"七八"}, {"3"}}}, [][]cell{{{"九十"}, {}}}, false, "七八|3"},
		{"value under a value", upper, [][]cell{{{}, {"4"}}}, false, "七八|3"},
		{"text under an empty cell", [][]cell{{{"一二", "三四"}, {"1"}}, {{}, {"3"}}}, [][]cell{{{"九十"}, {}}}, false, "|3"},
		{"other columns", upper, [][]cell{{{"九十"}, {}, {}}}, false, "七八|3"},
		{"empty continuation", upper, [][]cell{{{}, {}}}, false, "七八|3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			prev, next := synthTable(tt.prev), synthTable(tt.next)
			nextRows := len(next.owner)
			if got := joinSplitRow(prev, next); got != tt.joins {
				t.Fatalf("joinSplitRow = %v, want %v", got, tt.joins)
			}
			rows := prev.block().Rows
			if got := strings.Join(cellTexts(rows[len(rows)-1]), "|"); got != tt.want {
				t.Errorf("last row = %q, want %q", got, tt.want)
			}
			wantNext := nextRows
			if tt.joins {
				wantNext--
			}
			if len(next.owner) != wantNext || len(next.g.ys) != wantNext+1 {
				t.Errorf("next table has %d rows (%d ys), want %d", len(next.owner), len(next.g.ys), wantNext)
			}
		})
	}
}

// A cell spanning rows from the continuation row keeps its span, minus
// the row that went.
func TestDropFirstRow_Spans(t *testing.T) {
	tab := &table{
		g:     &grid{xs: []float64{0, 10, 20}, ys: []float64{30, 20, 10, 0}},
		owner: make([][]*region, 3),
	}
	span := &region{r0: 0, c0: 0, r1: 2, c1: 0, text: "跨"}
	top := &region{r0: 0, c0: 1, r1: 0, c1: 1}
	a := &region{r0: 1, c0: 1, r1: 1, c1: 1, text: "a"}
	b := &region{r0: 2, c0: 1, r1: 2, c1: 1, text: "b"}
	tab.cells = []*region{span, top, a, b}
	tab.dropFirstRow()
	got := tab.block().Rows
	want := [][]layout.Cell{
		{{Text: "跨", RowSpan: 2, ColSpan: 1}, {Text: "a", RowSpan: 1, ColSpan: 1}},
		{{Text: "b", RowSpan: 1, ColSpan: 1}},
	}
	if len(got) != len(want) {
		t.Fatalf("rows = %+v, want %+v", got, want)
	}
	for i := range want {
		if len(got[i]) != len(want[i]) {
			t.Fatalf("row %d = %+v, want %+v", i, got[i], want[i])
		}
		for j := range want[i] {
			if got[i][j] != want[i][j] {
				t.Errorf("row %d cell %d = %+v, want %+v", i, j, got[i][j], want[i][j])
			}
		}
	}
}

func TestItemStartRE(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"3.要求提供公开出版物", true},
		{"12、其他", true},
		{"（六）其他处理", true},
		{"(2) other", true},
		{"二、主动公开", true},
		{"第三条", true},
		{"3.5万元", false},
		{"三类内部事务信息", false},
		{"行政机关确认或重新出具已获取信息", false},
		{"“三安全一稳定”", false},
		{"2021年", false},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			if got := itemStartRE.MatchString(tt.text); got != tt.want {
				t.Errorf("itemStartRE(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}
