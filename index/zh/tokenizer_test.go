package zh

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// TestAnalyzers_Tokens pins the gse word analyzer (with sub-words at their
// parent's position), the query analyzer (words only) and the bigram
// baseline side by side on the same inputs: term@position[start:end],
// offsets in bytes.
func TestAnalyzers_Tokens(t *testing.T) {
	tests := []struct {
		name, in             string
		words, query, bigram string
	}{
		{
			name:   "user words and sub-words",
			in:     "依申请公开政府信息",
			words:  "依申请公开@1[0:15] 申请公开@1[3:15] 申请@1[3:9] 公开@1[9:15] 政府信息@2[15:27] 政府@2[15:21] 信息@2[21:27]",
			query:  "依申请公开@1[0:15] 政府信息@2[15:27]",
			bigram: "依申@1[0:6] 申请@2[3:9] 请公@3[6:12] 公开@4[9:15] 开政@5[12:18] 政府@6[15:21] 府信@7[18:24] 信息@8[21:27]",
		},
		{
			name:   "regulation title, punctuation dropped",
			in:     "《政府信息公开条例》第二十条",
			words:  "政府信息公开条例@1[3:27] 政府信息公开@1[3:21] 政府@1[3:9] 信息公开@1[9:21] 信息@1[9:15] 公开@1[15:21] 条例@1[21:27] 第二十条@2[30:42] 第二@2[30:36] 十条@2[36:42]",
			query:  "政府信息公开条例@1[3:27] 第二十条@2[30:42]",
			bigram: "政府@1[3:9] 府信@2[6:12] 信息@3[9:15] 息公@4[12:18] 公开@5[15:21] 开条@6[18:24] 条例@7[21:27] 第二@8[30:36] 二十@9[33:39] 十条@10[36:42]",
		},
		{
			name:   "numbers kept",
			in:     "2023年收到申请37件",
			words:  "2023@1[0:4] 年@2[4:7] 收到@3[7:13] 申请@4[13:19] 37@5[19:21] 件@6[21:24]",
			query:  "2023@1[0:4] 年@2[4:7] 收到@3[7:13] 申请@4[13:19] 37@5[19:21] 件@6[21:24]",
			bigram: "2023@1[0:4] 年收@2[4:10] 收到@3[7:13] 到申@4[10:16] 申请@5[13:19] 37@6[19:21] 件@7[21:24]",
		},
		{
			name:   "division code",
			in:     "晋江市350582",
			words:  "晋江市@1[0:9] 晋江@1[0:6] 350582@2[9:15]",
			query:  "晋江市@1[0:9] 350582@2[9:15]",
			bigram: "晋江@1[0:6] 江市@2[3:9] 350582@3[9:15]",
		},
		{
			name:   "full-width letters and digits joined and folded",
			in:     "ＧＤＰ２０２３ 增长",
			words:  "gdp2023@1[0:21] 增长@2[22:28]",
			query:  "gdp2023@1[0:21] 增长@2[22:28]",
			bigram: "gdp@1[0:9] 增长@2[22:28]", // bleve's cjk pipeline loses ２０２３
		},
		{
			name:   "ASCII lower-cased",
			in:     "GDP Growth",
			words:  "gdp@1[0:3] growth@2[4:10]",
			query:  "gdp@1[0:3] growth@2[4:10]",
			bigram: "gdp@1[0:3] growth@2[4:10]",
		},
		{
			name:   "dictionary word with a sub-word",
			in:     "行政复议决定书",
			words:  "行政复议@1[0:12] 行政@1[0:6] 复议@1[6:12] 决定书@2[12:21] 决定@2[12:18]",
			query:  "行政复议@1[0:12] 决定书@2[12:21]",
			bigram: "行政@1[0:6] 政复@2[3:9] 复议@3[6:12] 议决@4[9:15] 决定@5[12:18] 定书@6[15:21]",
		},
		{name: "lone Han character", in: "人", words: "人@1[0:3]", query: "人@1[0:3]", bigram: "人@1[0:3]"},
		{name: "punctuation and spaces only", in: "，。！\u3000\t"},
		{name: "empty"},
	}
	cache := registry.NewCache()
	analyzers := map[string]analysis.Analyzer{}
	for _, name := range analyzerNames {
		a, err := cache.AnalyzerNamed(name)
		if err != nil {
			t.Fatalf("analyzer %s: %v", name, err)
		}
		analyzers[name] = a
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for name, want := range map[string]string{WordAnalyzer: tc.words, QueryAnalyzer: tc.query, BigramAnalyzer: tc.bigram} {
				if got := render(analyzers[name].Analyze([]byte(tc.in))); got != want {
					t.Errorf("%s(%q)\n got: %s\nwant: %s", name, tc.in, got, want)
				}
			}
		})
	}
}

// TestSegment_Types checks Segment against the tokenizer and the token
// types bleve sees.
func TestSegment_Types(t *testing.T) {
	in := "2023年行政复议GDP"
	toks := Segment(in)
	stream := (&Tokenizer{subwords: true}).Tokenize([]byte(in))
	if len(toks) != len(stream) {
		t.Fatalf("Segment gave %d tokens, Tokenize %d", len(toks), len(stream))
	}
	wantType := map[string]analysis.TokenType{"2023": analysis.Numeric, "年": analysis.Ideographic, "行政复议": analysis.Ideographic, "GDP": analysis.AlphaNumeric}
	for i, tok := range toks {
		if tok.Term != string(stream[i].Term) || tok.Start != stream[i].Start || tok.Position != stream[i].Position {
			t.Errorf("token %d: Segment %+v, Tokenize %s", i, tok, stream[i])
		}
		if want, ok := wantType[tok.Term]; ok && stream[i].Type != want {
			t.Errorf("%s: type %v, want %v", tok.Term, stream[i].Type, want)
		}
	}
}

// TestSegment_SubWords checks that the sub-words the design relies on are
// emitted at the position of their compound.
func TestSegment_SubWords(t *testing.T) {
	tests := []struct {
		name, in, parent string
		subs             []string
	}{
		{"regulation", "根据《中华人民共和国政府信息公开条例》规定", "政府信息公开条例", []string{"条例", "政府信息公开", "信息公开"}},
		{"disclosure", "做好政府信息公开工作", "政府信息公开工作", []string{"政府信息公开", "信息公开", "工作"}},
		{"internal affairs", "属于三类内部事务信息", "三类内部事务信息", []string{"内部事务信息", "内部事务"}},
		{"user word over a dictionary word", "提起行政复议", "行政复议", []string{"复议"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			toks := Segment(tc.in)
			pos := map[string]int{}
			for _, tok := range toks {
				if _, seen := pos[tok.Term]; !seen {
					pos[tok.Term] = tok.Position
				}
			}
			p, ok := pos[tc.parent]
			if !ok {
				t.Fatalf("no word %s in %v", tc.parent, toks)
			}
			for _, s := range tc.subs {
				if q, ok := pos[s]; !ok || q != p {
					t.Errorf("sub-word %s: position %d (present %v), want %d; tokens %v", s, q, ok, p, toks)
				}
			}
		})
	}
}

// checkStream returns the first violation of the tokenizer invariants on
// one input: offsets in bounds and on rune boundaries, terms equal to the
// input slice, positions 1-based and non-decreasing by at most 1.
func checkStream(in []byte, ts analysis.TokenStream) error {
	prev := 0
	for i, tok := range ts {
		if tok.Start < 0 || tok.End > len(in) || tok.Start >= tok.End {
			return fmt.Errorf("token %d %q: offsets [%d:%d] out of bounds (len %d)", i, tok.Term, tok.Start, tok.End, len(in))
		}
		if string(in[tok.Start:tok.End]) != string(tok.Term) {
			return fmt.Errorf("token %d: term %q is not input[%d:%d] %q", i, tok.Term, tok.Start, tok.End, in[tok.Start:tok.End])
		}
		if utf8.Valid(in) && (!utf8.RuneStart(in[tok.Start]) || tok.End < len(in) && !utf8.RuneStart(in[tok.End])) {
			return fmt.Errorf("token %d %q: [%d:%d] not on rune boundaries", i, tok.Term, tok.Start, tok.End)
		}
		if tok.Position < prev || tok.Position > prev+1 || tok.Position < 1 {
			return fmt.Errorf("token %d %q: position %d after %d", i, tok.Term, tok.Position, prev)
		}
		prev = tok.Position
	}
	return nil
}

// FuzzTokenize: no panic, offsets in bounds and on rune boundaries, terms
// equal to the input slice, positions 1-based and non-decreasing by at most 1.
func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"", "依申请公开政府信息", "《政府信息公开条例》第二十条", "ＧＤＰ２０２３ 增长", "a\xffb\xe4\xbd", "2023年收到申请37件。\n\t行政复议0件"} {
		f.Add([]byte(s))
	}
	for _, line := range seedLines(f) {
		f.Add([]byte(line))
	}
	for _, text := range corpusTexts(f, 3) {
		f.Add([]byte(text[:min(len(text), 2000)]))
	}
	tz := &Tokenizer{subwords: true}
	current() // load the dictionary before inputs are timed (workers report a hang after 10 s)
	f.Fuzz(func(t *testing.T, in []byte) {
		if len(in) > 1<<16 {
			return
		}
		orig := string(in)
		ts := tz.Tokenize(in)
		if string(in) != orig {
			t.Fatal("Tokenize modified its input")
		}
		if err := checkStream(in, ts); err != nil {
			t.Fatal(err)
		}
	})
}

// TestTokenize_Corpus runs the invariants over the report corpus.
func TestTokenize_Corpus(t *testing.T) {
	tz := &Tokenizer{subwords: true}
	n := 0
	for _, text := range corpusTexts(t, 50) {
		ts := tz.Tokenize([]byte(text))
		if err := checkStream([]byte(text), ts); err != nil {
			t.Fatal(err)
		}
		n += len(ts)
	}
	if n == 0 {
		t.Fatal("no tokens from the corpus")
	}
	if strings.Contains(render(tz.Tokenize([]byte("，"))), "，") {
		t.Fatal("punctuation kept")
	}
}

// seedLines returns the lines of testdata/seeds.txt, the fuzz seeds (hard
// inputs found so far) that the fuzz tests and the corpus comparisons share.
func seedLines(tb testing.TB) []string {
	tb.Helper()
	seeds, err := os.ReadFile(filepath.Join("testdata", "seeds.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(seeds)), "\n")
	if len(lines) < 3 {
		tb.Fatal("testdata/seeds.txt has fewer than 3 seeds")
	}
	return lines
}
