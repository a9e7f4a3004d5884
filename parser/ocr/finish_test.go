package ocr

import (
	"image"
	"testing"

	"gongkai/parser/layout"
)

// TestUnreadCellsAskDigits: a cell the general model reads nothing in (a
// lone "1" at 150 dpi) is read by the digit pass; its number stands only
// when the digit model is sure and the marks printed are as many as its
// digits, and otherwise the cell stays uncertain, never a blank.
func TestUnreadCellsAskDigits(t *testing.T) {
	w := func(s string, conf float64) []Word { return []Word{{Text: s, Conf: conf}} }
	tw := &tableWork{
		out:    layout.Block{Kind: layout.Table, Rows: [][]layout.Cell{make([]layout.Cell, 6)}},
		refs:   []cellRef{{0, 0}, {0, 1}, {0, 2}, {0, 3}, {0, 4}, {0, 5}},
		glyphs: []int{5, 1, 2, 1, 1, 1},
		marks:  make([][]shape, 6),
	}
	for range tw.refs {
		tw.imgs = append(tw.imgs, image.NewGray(image.Rect(0, 0, 8, 8)))
	}
	tw.readText([][]Word{w("属于国家秘密", 95), nil, nil, nil, w("0", 95), w("0", 95)})
	if len(tw.numRefs) != 5 {
		t.Fatalf("%d cells for the digit pass, want 5 (the unread ones too)", len(tw.numRefs))
	}
	// Digit readings: sure "1"; "1" where two marks are printed; an unsure
	// "7"; then the two zeros.
	tw.digits = [][]Word{w("1", 95), w("1", 95), w("7", 50), w("0", 95), w("0", 95)}
	tw.thirdOK, tw.thirdTxt, tw.thirdCf = map[int]bool{}, map[int]string{}, map[int]float64{}
	tw.finish()
	row := tw.out.Rows[0]
	for i, want := range []struct {
		text      string
		uncertain bool
	}{{"属于国家秘密", false}, {"1", false}, {"1|", true}, {"7|", true}, {"0", false}, {"0", false}} {
		if row[i].Text != want.text || row[i].Uncertain != want.uncertain {
			t.Errorf("cell %d: %q uncertain %v, want %q uncertain %v", i, row[i].Text, row[i].Uncertain, want.text, want.uncertain)
		}
	}
}

// TestClosedDigits: the general model's 6-as-0 and 5-as-3 are overruled
// when the digit model is sure and the third reading agrees; any other
// disagreement, or a third reading that does not agree, stays uncertain.
func TestClosedDigits(t *testing.T) {
	w := func(s string, conf float64) []Word { return []Word{{Text: s, Conf: conf}} }
	cases := []struct {
		first, digit, third string
		thirdConf           float64
		want                string
		uncertain           bool
	}{
		{"60", "66", "66", 59, "66", false},
		{"3983738", "3985758", "3985758", 60, "3985758", false},
		{"193", "195", "195", 56, "195", false},
		{"60", "68", "68", 59, "68|60", true},           // 0 read for 8: not the known confusion
		{"2770", "2776", "2716", 73, "2776|2770", true}, // the third reading disagrees
		{"60", "66", "66", 40, "66|60", true},           // the third reading too unsure
	}
	for _, c := range cases {
		tw := &tableWork{
			out:    layout.Block{Kind: layout.Table, Rows: [][]layout.Cell{make([]layout.Cell, 1)}},
			refs:   []cellRef{{0, 0}},
			imgs:   []*image.Gray{image.NewGray(image.Rect(0, 0, 8, 8))},
			glyphs: []int{len(c.digit)},
			marks:  make([][]shape, 1),
		}
		tw.readText([][]Word{w(c.first, 90)})
		tw.digits = [][]Word{w(c.digit, 97)}
		tw.thirdOK, tw.thirdTxt, tw.thirdCf = map[int]bool{}, map[int]string{0: c.third}, map[int]float64{0: c.thirdConf}
		tw.finish()
		got := tw.out.Rows[0][0]
		if got.Text != c.want || got.Uncertain != c.uncertain {
			t.Errorf("%s/%s/%s: %q uncertain %v, want %q uncertain %v", c.first, c.digit, c.third, got.Text, got.Uncertain, c.want, c.uncertain)
		}
	}
}

// TestLoneDash: a cell the general model reads nothing in and the digit
// model reads as a lone "-" with confidence is a dash, not a blank.
func TestLoneDash(t *testing.T) {
	w := func(s string, conf float64) []Word { return []Word{{Text: s, Conf: conf}} }
	for _, c := range []struct {
		conf float64
		want string
	}{{90, "-"}, {50, ""}} {
		tw := &tableWork{
			out:    layout.Block{Kind: layout.Table, Rows: [][]layout.Cell{make([]layout.Cell, 4)}},
			refs:   []cellRef{{0, 0}, {0, 1}, {0, 2}, {0, 3}},
			glyphs: []int{2, 1, 1, 1},
			marks:  make([][]shape, 4),
		}
		for range tw.refs {
			tw.imgs = append(tw.imgs, image.NewGray(image.Rect(0, 0, 8, 8)))
		}
		tw.readText([][]Word{w("规章", 95), nil, w("0", 95), w("0", 95)})
		tw.digits = [][]Word{w("-", c.conf), w("0", 95), w("0", 95)}
		tw.thirdOK, tw.thirdTxt, tw.thirdCf = map[int]bool{}, map[int]string{}, map[int]float64{}
		tw.finish()
		got := tw.out.Rows[0][1]
		if c.want == "-" && (got.Text != "-" || got.Uncertain) {
			t.Errorf("dash at %.0f%%: %q uncertain %v, want a dash", c.conf, got.Text, got.Uncertain)
		}
		if c.want == "" && got.Text == "-" {
			t.Errorf("dash at %.0f%%: taken as a dash", c.conf)
		}
	}
}
