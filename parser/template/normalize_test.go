package template

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"gongkai/corpus"
	"gongkai/parser/layout"
)

func TestParseValue(t *testing.T) {
	tests := []struct {
		name, raw, state string
		num              float64
		unit             string
	}{
		{"blank", "", corpus.StateBlank, 0, ""},
		{"nbsp", "\u00a0 ", corpus.StateBlank, 0, ""},
		{"dash", "-", corpus.StateDash, 0, ""},
		{"em dash", "—", corpus.StateDash, 0, ""},
		{"slash", "/", corpus.StateDash, 0, ""},
		{"zero", "0", corpus.StateNumber, 0, ""},
		{"integer", "1532", corpus.StateNumber, 1532, ""},
		{"yuan", "251000元", corpus.StateNumber, 251000, "元"},
		{"wan yuan decimals", "4068.208万元", corpus.StateNumber, 4068.208, "万元"},
		{"plus sign", "+1036", corpus.StateNumber, 1036, ""},
		{"minus", "-8", corpus.StateNumber, -8, ""},
		{"full-width minus", "－185", corpus.StateNumber, -185, ""},
		{"full-width digits", "１２３", corpus.StateNumber, 123, ""},
		{"thousands", "1,234", corpus.StateNumber, 1234, ""},
		{"full-width thousands", "1，234", corpus.StateNumber, 1234, ""},
		{"unit jian", "5件", corpus.StateNumber, 5, ""},
		{"decimal", "8808257.32元", corpus.StateNumber, 8808257.32, "元"},
		{"text", "见附件", corpus.StateText, 0, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := parseValue(tc.raw)
			if v.state != tc.state || v.num != tc.num || v.unit != tc.unit {
				t.Errorf("parseValue(%q) = %+v, want state %s num %v unit %q", tc.raw, v, tc.state, tc.num, tc.unit)
			}
		})
	}
}

func TestCompactLabel(t *testing.T) {
	tests := map[string]string{
		"（一）予以公开":        "(一)予以公开",
		"3.危及“三安全一稳定”":   "3.危及三安全一稳定",
		"商业\n企业":         "商业企业",
		"本 年 新 收":        "本年新收",
		"⼀、本年新收":         "一、本年新收", // Kangxi radical U+2F00
		"结果\u00a0纠正":     "结果纠正",
		"2．其他法律行政法规禁止公开": "2.其他法律行政法规禁止公开",
	}
	for in, want := range tests {
		if got := CompactLabel(in); got != want {
			t.Errorf("compactLabel(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSplits(t *testing.T) {
	mk := func(run string) item { return item{v: parseValue(run), run: run} }
	tests := []struct {
		name  string
		items []item
		n     int
		want  int // number of readings
	}{
		{"seven zeros", []item{mk("0000000")}, 7, 1},
		{"no leading zeros", []item{mk("007")}, 3, 1},
		{"ambiguous", []item{mk("7777166")}, 3, 15},
		{"too short", []item{mk("12")}, 3, 0},
		{"sign starts a number", []item{mk("2648"), mk("-18538")}, 3, 7},
		{"decimal stays whole", []item{mk("39573802895.90")}, 2, 10},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := len(splits(tc.items, tc.n)); got != tc.want {
				t.Errorf("splits: %d readings, want %d: %v", got, tc.want, splits(tc.items, tc.n))
			}
		})
	}
}

func TestFitRowTotal(t *testing.T) {
	// "200 000121" as printed in a flattened 2020 report: only 20 0 0 0 0 1 21
	// satisfies the row total.
	items, _ := collect([]piece{{text: "200 000121", whole: true}}, true)
	f := fit(items, 7, rowTotalOK)
	if len(f.cands) != 1 {
		t.Fatalf("got %d readings, want 1: %v", len(f.cands), f.cands)
	}
	var got []float64
	for _, v := range f.cands[0] {
		got = append(got, v.num)
	}
	want := []float64{20, 0, 0, 0, 0, 1, 21}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got %v, want %v", got, want)
		}
	}
}

func TestCollect(t *testing.T) {
	tests := []struct {
		name   string
		pieces []piece
		want   []string // states or numbers
	}{
		{"blank cells kept", []piece{{text: "", whole: true, cell: true}, {text: "3", whole: true, cell: true}}, []string{"blank", "3"}},
		{"label remnant dropped", []piece{{text: "（区分处理的，只计这一情形）", whole: false}, {text: "1", whole: true}}, []string{"1"}},
		{"digits glued to next label", []piece{{text: "000121二、", whole: true}}, []string{"121"}},
		{"dates are not values", []piece{{text: "2021年1月9日 5", whole: true}}, []string{"5"}},
		{"dash cell", []piece{{text: "-", whole: true, cell: true}}, []string{"dash"}},
		{"page footer", []piece{{text: "- 3 -", whole: true}}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			items, _ := collect(tc.pieces, false)
			var got []string
			for _, it := range items {
				if it.v.state == corpus.StateNumber {
					got = append(got, corpus.FormatValue(it.v.num))
				} else {
					got = append(got, it.v.state)
				}
			}
			if len(got) != len(tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Fatalf("got %v, want %v", got, tc.want)
				}
			}
		})
	}
}

// TestQuickNFKC checks quickNFKC against the library: every rune it takes,
// alone, and random strings of them mixed with runes it refuses.
func TestQuickNFKC(t *testing.T) {
	var taken []rune
	for r := rune(0); r <= 0xFFFF; r++ {
		s := string(r)
		got, ok := quickNFKC(s)
		if !ok {
			continue
		}
		taken = append(taken, r)
		if want := norm.NFKC.String(s); got != want {
			t.Fatalf("quickNFKC(%U) = %q, want %q", r, got, want)
		}
	}
	if len(taken) < 20000 {
		t.Fatalf("quickNFKC takes only %d runes", len(taken))
	}
	others := []rune{'\u0301', '\u3099', '\u0338', 'ｶ', '\uff9e', '…', '①', '\u00a0', '\u3000', '\u1161', '가', '\ufffd', 'ﬁ', '\u2f00'}
	rng := rand.New(rand.NewPCG(11, 12))
	for range 20000 {
		var sb strings.Builder
		for n := rng.IntN(12); n > 0; n-- {
			if rng.IntN(8) == 0 {
				sb.WriteRune(others[rng.IntN(len(others))])
			} else {
				sb.WriteRune(taken[rng.IntN(len(taken))])
			}
		}
		s := sb.String()
		if got, ok := quickNFKC(s); ok {
			if want := norm.NFKC.String(s); got != want {
				t.Fatalf("quickNFKC(%q) = %q, want %q", s, got, want)
			}
		}
		if got, want := NormText(s), slowNormText(s); got != want {
			t.Fatalf("NormText(%q) = %q, want %q", s, got, want)
		}
	}
	if _, ok := quickNFKC("a\xffb"); ok {
		t.Fatal("quickNFKC took broken UTF-8")
	}
}

// slowNormText is NormText through the library alone.
func slowNormText(s string) string {
	s = norm.NFKC.String(s)
	var sb strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) || r == '\u00a0' || r == '\u3000' || r == '\u200b' || r == '\ufeff' {
			space = true
			continue
		}
		if space && sb.Len() > 0 {
			sb.WriteByte(' ')
		}
		space = false
		sb.WriteRune(r)
	}
	return sb.String()
}

func BenchmarkNormText(b *testing.B) {
	for _, s := range []string{"本年新收政府信息公开申请数量", "（一）主动公开情况：2023年，本机关主动公开政府信息125条。", "126"} {
		b.Run("quick", func(b *testing.B) {
			for b.Loop() {
				NormText(s)
			}
		})
		b.Run("library", func(b *testing.B) {
			for b.Loop() {
				slowNormText(s)
			}
		})
	}
}

// TestNewStreamCompact checks newStream's compact form and its position
// maps against the rune-by-rune definition, on random texts with quotes,
// spaces and broken bytes.
func TestNewStreamCompact(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	pieces := []string{"a", "1", " ", "\t", "\"", "“", "」", "本", "年", "（", "\u3000", "\xff", "\xe4\xb8", "\ufffd", "é"}
	for range 2000 {
		doc := &layout.Document{}
		var texts []string
		for n := 1 + rng.IntN(4); n > 0; n-- {
			var sb strings.Builder
			for k := rng.IntN(10); k > 0; k-- {
				sb.WriteString(pieces[rng.IntN(len(pieces))])
			}
			doc.Blocks = append(doc.Blocks, layout.Block{Kind: layout.Para, Text: sb.String()})
		}
		st := newStream(doc)
		var want strings.Builder
		var tok, off []int32
		for ti, tk := range st.toks {
			texts = append(texts, tk.text)
			for o, r := range tk.text {
				if dropInLabel(r) {
					continue
				}
				n := want.Len()
				want.WriteRune(r)
				for k := n; k < want.Len(); k++ {
					tok = append(tok, int32(ti))
					off = append(off, int32(o))
				}
			}
		}
		if st.compact != want.String() || !slices.Equal(st.posTok, tok) || !slices.Equal(st.posOff, off) {
			t.Fatalf("tokens %q: compact %q %v %v, want %q %v %v", texts, st.compact, st.posTok, st.posOff, want.String(), tok, off)
		}
	}
}

// TestNormTextFolded checks NormText's and CompactLabel's no-copy paths
// against their definitions (slowNormText; CompactLabel as NormText with
// dropInLabel's runes removed) on random texts of spaces of every kind,
// quotes, broken bytes, wide forms and Han.
func TestNormTextFolded(t *testing.T) {
	pieces := []string{"a", "1", " ", "  ", "\t", "\n", "\v", "\u0085", "\u00a0", "\u3000", "\u200b", "\ufeff", "\u2028",
		"\"", "“", "」", "'", "本", "年", "（", "１", "Ａ", "\xff", "\xe4\xb8", "\ufffd", "é", "e\u0301", "ｶ", "①", "、"}
	rng := rand.New(rand.NewPCG(13, 14))
	for range 50000 {
		var sb strings.Builder
		for k := rng.IntN(8); k > 0; k-- {
			sb.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := sb.String()
		if got, want := NormText(s), slowNormText(s); got != want {
			t.Fatalf("NormText(%q) = %q, want %q", s, got, want)
		}
		var want strings.Builder
		for _, r := range slowNormText(s) {
			if !dropInLabel(r) {
				want.WriteRune(r)
			}
		}
		if got := CompactLabel(s); got != want.String() {
			t.Fatalf("CompactLabel(%q) = %q, want %q", s, got, want.String())
		}
	}
}
