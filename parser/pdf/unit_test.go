package pdf

import (
	"testing"
)

func TestAddRangeAndTokens(t *testing.T) {
	tests := []struct {
		name string
		cmap string
		code string
		want string
	}{
		{"bfchar", "1 beginbfchar <0010> <4E2D> endbfchar", "\x00\x10", "中"},
		{"bfrange increment", "1 beginbfrange <0020> <0022> <0041> endbfrange", "\x00\x22", "C"},
		{"bfrange array", "1 beginbfrange <0001> <0002> [<0058> <0059>] endbfrange", "\x00\x02", "Y"},
		{"one-byte code", "1 beginbfchar <0A> <5E9C> endbfchar", "\x0a", "府"},
		{"comment and dict", "%c\n/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CIDSystemInfo << /Registry (Adobe) >> def 1 beginbfchar <0001> <0031> endbfchar", "\x00\x01", "1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := parseCMap([]byte(tt.cmap))
			if got := m[tt.code]; got != tt.want {
				t.Errorf("code %x = %q, want %q (map %v)", tt.code, got, tt.want, m)
			}
		})
	}
}

func TestJoinGlyphs(t *testing.T) {
	g := func(x, w float64, s string) glyph { return glyph{x: x, w: w, size: 10, text: s} }
	tests := []struct {
		name string
		in   []glyph
		want string
	}{
		{"cjk justified gap", []glyph{g(0, 10, "情"), g(14, 10, "形")}, "情形"},
		{"latin word gap", []glyph{g(0, 5, "a"), g(9, 5, "b")}, "a b"},
		{"digits tight", []glyph{g(0, 5, "1"), g(5, 5, "2")}, "12"},
		{"fake bold", []glyph{g(0, 10, "总"), g(0.5, 10, "总"), g(10, 10, "计")}, "总计"},
		{"wide cjk gap splits", []glyph{g(0, 10, "甲"), g(40, 10, "乙")}, "甲 乙"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := joinGlyphs(tt.in); got != tt.want {
				t.Errorf("joinGlyphs = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestPageNumRE(t *testing.T) {
	for _, s := range []string{"- 3 -", "-3-", "3", "第3页", "第 3 页 共 5 页", "3/5", "— 12 —"} {
		if !pageNumRE.MatchString(s) {
			t.Errorf("%q not recognised as a page number", s)
		}
	}
	for _, s := range []string{"2023年", "一、总体情况", "3 件"} {
		if pageNumRE.MatchString(s) {
			t.Errorf("%q taken for a page number", s)
		}
	}
}
