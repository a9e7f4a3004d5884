package template

import (
	"fmt"
	"testing"

	"gongkai/corpus"
	"gongkai/parser/layout"
)

func TestFuzzyIndex(t *testing.T) {
	st := &stream{compact: "表头一、本年新收政府信息公开申请数量2100二年结转政府信息公开申请数央0000"}
	for _, c := range []struct {
		needle string
		errs   int
		want   string // "" when none
	}{
		{"上年结转政府信息公开申请数量", 2, "二年结转政府信息公开申请数央"},
		{"上年结转政府信息公开申请数量", 1, ""},
		{"本年新收政府信息公开申请数量", 0, "本年新收政府信息公开申请数量"},
		{"属于行政执法案卷", 1, ""},
	} {
		s, e, ok := st.fuzzyIndex(c.needle, 0, len(st.compact), c.errs)
		got := ""
		if ok {
			got = st.compact[s:e]
		}
		if got != c.want {
			t.Errorf("fuzzyIndex(%q, %d) = %q, want %q", c.needle, c.errs, got, c.want)
		}
	}
}

// TestFuzzyLabelsOnlyOCR: a misread label is found in an OCR'd table, and
// never in a document read from text, where labels are exact.
func TestFuzzyLabelsOnlyOCR(t *testing.T) {
	doc := func(ocr bool) *layout.Document {
		row := func(cells ...string) []layout.Cell {
			var out []layout.Cell
			for _, c := range cells {
				out = append(out, layout.Cell{Text: c, OCR: ocr})
			}
			return out
		}
		return &layout.Document{Blocks: []layout.Block{{Kind: layout.Table, Rows: [][]layout.Cell{
			row("本年新收政府信息公开申请数量", "3", "0", "0", "0", "0", "0", "3"),
			row("二年结转政府信息公开申请数央", "1", "0", "0", "0", "0", "0", "1"),
		}}}}
	}
	for _, c := range []struct {
		ocr  bool
		want bool
	}{{true, true}, {false, false}} {
		st := newStream(doc(c.ocr))
		_, ok := st.findLabel(applyHead[1], 0, len(st.compact))
		if ok != c.want {
			t.Errorf("OCR %v: carried_over found %v, want %v", c.ocr, ok, c.want)
		}
		if rg := st.locate(); (rg.t3[0] >= 0) != c.want {
			t.Errorf("OCR %v: table 三 located %v, want %v", c.ocr, rg.t3, c.want)
		}
	}
}

// TestCollectOCRMarksHoldPlace: an OCR'd cell read as marks ("]" for a
// "1") or as digits with other marks ("D3" for "53") holds the place of an
// unknown value, so that the values after it stay in their columns; the
// same cells from a text layer are not values. Digits among words in an
// OCR'd cell are a label's, not a value.
func TestCollectOCRMarksHoldPlace(t *testing.T) {
	cells := []string{"1", "]", "D3", "0", "rm", "3从及安全各定", "12件"}
	for _, ocr := range []bool{true, false} {
		var ps []piece
		for _, c := range cells {
			ps = append(ps, piece{text: c, whole: true, cell: true, ocr: ocr})
		}
		items, _ := collect(ps, false)
		var got []string
		for _, it := range items {
			s := it.v.raw
			if it.v.unsure {
				s += "?"
			}
			got = append(got, s)
		}
		want := "[1 ]? D3? 0 12件]"
		if !ocr {
			want = "[1 3 0 3 12件]"
		}
		if g := fmt.Sprint(got); g != want {
			t.Errorf("OCR %v: items %s, want %s", ocr, g, want)
		}
	}
}

// TestFuzzyLabelRival: a label misread in three characters is found when
// the reading is plainly its own (two edits closer to it than to any other
// row's label), and a row is never taken for its neighbour, whose label is
// three edits away.
func TestFuzzyLabelRival(t *testing.T) {
	mk := func(labels ...string) *stream {
		var rows [][]layout.Cell
		for _, l := range labels {
			rows = append(rows, []layout.Cell{{Text: l, OCR: true}, {Text: "3", OCR: true}, {Text: "0", OCR: true}})
		}
		return newStream(&layout.Document{Blocks: []layout.Block{{Kind: layout.Table, Rows: rows}}})
	}
	st := mk("本年新收政府全息公开中请数量", "二年结转政府休息公开中请数量", "四、结转直年度继续认理", "行政复议")
	m, ok := st.findLabel(applyHead[1], 0, len(st.compact))
	if !ok || st.compact[m.start:m.end] != "二年结转政府休息公开中请数量" {
		t.Errorf("carried_over: found %v %q", ok, st.compact[m.start:m.end])
	}
	if rg := st.locate(); rg.t3[0] < 0 || rg.t4[0] < 0 {
		t.Errorf("tables located %+v, want 三 and 四", rg)
	}
	// A reading as near the new_received label as the carried_over one
	// (three edits each) is neither row's.
	st = mk("本年新收政府信息公开申请数量", "二年新转政府休息公开申请数量")
	if m, ok := st.findLabel(applyHead[1], 0, len(st.compact)); ok {
		t.Errorf("carried_over found in %q", st.compact[m.start:m.end])
	}
}

// TestMisreadShortLabelAbove: table 二's 规章 read as 规贞 by OCR is the
// row above 行政规范性文件; a label near another row's, or a document
// read from text, is not taken.
func TestMisreadShortLabelAbove(t *testing.T) {
	doc := func(ocr bool, label string) *layout.Document {
		row := func(cells ...string) []layout.Cell {
			var out []layout.Cell
			for _, c := range cells {
				out = append(out, layout.Cell{Text: c, OCR: ocr})
			}
			return out
		}
		return &layout.Document{Blocks: []layout.Block{{Kind: layout.Table, Rows: [][]layout.Cell{
			row("第二十条第(一)项"),
			row("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
			row(label, "1", "0", "11"),
			row("行政规范性文件", "8", "26", "66"),
		}}}}
	}
	for _, c := range []struct {
		ocr   bool
		label string
		want  bool
	}{{true, "规贞", true}, {false, "规贞", false}, {true, "贞", false}, {true, "行政", false}} {
		st := newStream(doc(c.ocr, c.label))
		rows, _ := st.alignActive(regions{t2: [2]int{0, len(st.compact)}}, corpus.Template2021)
		got := rows[0].found
		if got != c.want {
			t.Errorf("OCR %v, label %q: 规章 found %v, want %v", c.ocr, c.label, got, c.want)
			continue
		}
		if got && (len(rows[0].vals) != 3 || rows[0].vals[2].raw != "11") {
			t.Errorf("OCR %v, label %q: values %+v", c.ocr, c.label, rows[0].vals)
		}
	}
}
