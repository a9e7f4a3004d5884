package index

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSnippets(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		terms []string
		want  []string
	}{
		{"middle", "标题\n本机关认真贯彻条例。", []string{"条例"}, []string{"…本机关认真贯彻<mark>条例</mark>。"}},
		{"start", "条例在前", []string{"条例"}, []string{"<mark>条例</mark>在前"}},
		{"longest first", "政府信息公开条例", []string{"条例 政府信息公开条例"}, []string{"<mark>政府信息公开条例</mark>"}},
		{"html escaped", "a<b>条例&c", []string{"条例"}, []string{"a&lt;b&gt;<mark>条例</mark>&amp;c"}},
		{"ascii case", "Open Data 平台", []string{"data"}, []string{"Open <mark>Data</mark> 平台"}},
		{"no occurrence", "标题\n正文内容", []string{"条例"}, []string{"…正文内容"}},
		{"empty", "", []string{"x"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Snippets(tc.text, tc.terms, 3); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// TestSnippets_Cuts checks on long text that cuts fall on character
// boundaries and windows are bounded.
func TestSnippets_Cuts(t *testing.T) {
	text := strings.Repeat("政务公开工作稳步推进，", 40) + "行政复议" + strings.Repeat("é信息", 60)
	for _, s := range Snippets(text, []string{"行政复议", "信息"}, 3) {
		if !utf8.ValidString(s) {
			t.Errorf("invalid UTF-8: %q", s)
		}
		plain := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(s)
		if n := utf8.RuneCountInString(plain); n > 130 {
			t.Errorf("snippet of %d characters", n)
		}
	}
}
