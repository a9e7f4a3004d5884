package zh

import (
	"bytes"
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/blevesearch/segment"
)

// chainAnalyzer returns the analyzer registered as name (bleve's chain).
func chainAnalyzer(tb testing.TB, name string) analysis.Analyzer {
	tb.Helper()
	an, err := registry.NewCache().AnalyzerNamed(name)
	if err != nil {
		tb.Fatal(err)
	}
	return an
}

// sameAsChain compares the fused analysis of name with the chain's on in:
// every token's term, offsets, position, type and keyword flag, and that
// the fused analysis left its input as it was.
func sameAsChain(an analysis.Analyzer, name string, in []byte) error {
	want := an.Analyze(bytes.Clone(in))
	cp := bytes.Clone(in)
	got := Fused(name)(cp)
	if !bytes.Equal(cp, in) {
		return fmt.Errorf("%s: the fused analysis modified its input", name)
	}
	for i := 0; i < max(len(want), len(got)); i++ {
		if i >= len(want) || i >= len(got) {
			return fmt.Errorf("%s: %d tokens, the chain %d; first extra: %s", name, len(got), len(want), tokenString(append(got[min(i, len(got)):], want[min(i, len(want)):]...)[0]))
		}
		w, g := want[i], got[i]
		if !bytes.Equal(w.Term, g.Term) || w.Start != g.Start || w.End != g.End || w.Position != g.Position || w.Type != g.Type || w.KeyWord != g.KeyWord {
			return fmt.Errorf("%s: token %d is %s, the chain's %s", name, i, tokenString(g), tokenString(w))
		}
	}
	return nil
}

func tokenString(t *analysis.Token) string {
	return fmt.Sprintf("%q@%d[%d:%d] type %d keyword %v", t.Term, t.Position, t.Start, t.End, t.Type, t.KeyWord)
}

// edgeCases are the hard inputs of the width, lower-case and bigram
// filters and of the word-break machine.
var edgeCases = []string{
	"", "中", "中文", "中文字", "中 文", "中a文", "a中", "中1", "１２３中", "ＡＢＣ中文ｄｅｆ", "ｶﾞｷﾞﾊﾟ ｱｲｳ", "ｶﾞ", "ﾞ", "アﾞ",
	"カタカナ漢字ひらがな", "한국어 텍스트", "ΣΑΣ ΟΔΟΣ", "Ⱥȿ ȺȾ", "İstanbul", "e\u0301中\u302a文\u200d字\ufeff",
	"中\xff文", "中\xe4\xbd", "\xff\xfe", "a\xffb", "中\ufffd文", "1,000.5 3.14 a.b can't 中.文 _中_ 中_文",
	"\r\n中\r文\n", "🇨🇳中国🇨🇳", "中👍文", "2023年1月1日至12月31日", "（一）主动公开情况。", "第二十条、第二十一条",
	"Email: gov@example.cn　电话 0595-88888888", "ＧＤＰ２０２３年增长５．２％", "１２，３４中", "中〇〇文々", "中\u3031文",
	"㐀㐁中\U00020000\U00020001文", "中\u00b7文", "中\u2028文", "中\u0085文",
}

func TestFused_EdgeCases(t *testing.T) {
	for _, name := range []string{WordAnalyzer, BigramAnalyzer} {
		an := chainAnalyzer(t, name)
		for _, s := range edgeCases {
			if err := sameAsChain(an, name, []byte(s)); err != nil {
				t.Errorf("%q: %v", s, err)
			}
		}
	}
}

// randomPieces are what randomText mixes.
var randomPieces = []func(r *rand.Rand) string{
	func(r *rand.Rand) string { return string(rune(0x4E00 + r.Intn(0x9FFF-0x4E00+1))) },
	func(r *rand.Rand) string { return string(rune(0x4E00 + r.Intn(0x9FFF-0x4E00+1))) },
	func(r *rand.Rand) string { return string(rune(0x4E00 + r.Intn(0x9FFF-0x4E00+1))) },
	func(r *rand.Rand) string {
		return []string{"政府", "信息", "公开", "申请", "年度", "报告"}[r.Intn(6)]
	},
	func(r *rand.Rand) string { return string(rune(0x3400 + r.Intn(0x4DBF-0x3400+1))) },
	func(r *rand.Rand) string { return string(rune(0x20000 + r.Intn(0x2A6DF-0x20000+1))) },
	func(r *rand.Rand) string { return string(rune('a' + r.Intn(26))) },
	func(r *rand.Rand) string { return string(rune('A' + r.Intn(26))) },
	func(r *rand.Rand) string { return string(rune('0' + r.Intn(10))) },
	func(r *rand.Rand) string { return string(rune(0xFF01 + r.Intn(0xFF5E-0xFF01+1))) },
	func(r *rand.Rand) string { return string(rune(0xFF10 + r.Intn(10))) },
	func(r *rand.Rand) string { return string(rune(0xFF65 + r.Intn(0xFF9F-0xFF65+1))) },
	func(r *rand.Rand) string { return string(rune(0x30A0 + r.Intn(0x60))) },
	func(r *rand.Rand) string { return string(rune(0x3040 + r.Intn(0x60))) },
	func(r *rand.Rand) string { return string(rune(0xAC00 + r.Intn(0x100))) },
	func(r *rand.Rand) string { return string(rune(0x3000 + r.Intn(0x40))) },
	func(r *rand.Rand) string { return string(rune(0x2000 + r.Intn(0x70))) },
	func(r *rand.Rand) string { return string(rune(0x0300 + r.Intn(0x70))) },
	func(r *rand.Rand) string { return string(rune(0x0370 + r.Intn(0x90))) },
	func(r *rand.Rand) string { return string(rune(0x0200 + r.Intn(0x50))) },
	func(r *rand.Rand) string { return string(rune(r.Intn(0x80))) },
	func(r *rand.Rand) string { return string(rune(r.Intn(0x10FFFF))) },
	func(r *rand.Rand) string {
		return []string{" ", "\n", "\r\n", "\t", "，", "。", "、", "：", "；", "（", "）", "“", "”", "《", "》", "．", "％", ".", ",", ":", "'", "_", "-", "　"}[r.Intn(24)]
	},
	func(r *rand.Rand) string {
		return []string{"\xff", "\xe4\xbd", "\xe4", "\x80", "\ufffd", "\u200d", "\ufeff", "\u00ad", "🇨", "👍", "ΟΔΟΣ", "Ⱥ", "İ"}[r.Intn(13)]
	},
}

// randomText mixes up to n random pieces.
func randomText(r *rand.Rand, n int) string {
	var b strings.Builder
	for k := r.Intn(n + 1); k > 0; k-- {
		b.WriteString(randomPieces[r.Intn(len(randomPieces))](r))
	}
	return b.String()
}

// TestFused_Random compares the fused analyses with the chains on random
// mixes of Han, ASCII, full-width and half-width forms, Kana, Hangul,
// cased scripts, combining marks, punctuation, spaces and invalid UTF-8.
func TestFused_Random(t *testing.T) {
	r := rand.New(rand.NewSource(13))
	n := 3000
	if testing.Short() {
		n = 300
	}
	for _, name := range []string{WordAnalyzer, BigramAnalyzer} {
		an := chainAnalyzer(t, name)
		for i := 0; i < n; i++ {
			s := randomText(r, 40)
			if err := sameAsChain(an, name, []byte(s)); err != nil {
				t.Fatalf("%q: %v", s, err)
			}
		}
	}
}

// TestFused_Corpus compares them on synthetic reports, the seeds and the
// real samples (GONGKAI_SAMPLES; only the synthetic ones when absent).
func TestFused_Corpus(t *testing.T) {
	texts := corpusTexts(t, 20)
	if len(sampleTexts(t)) == 0 {
		t.Log("no real samples (GONGKAI_SAMPLES): synthetic reports only")
	}
	texts = append(texts, strings.Join(seedLines(t), "\n"))
	for _, name := range []string{WordAnalyzer, BigramAnalyzer} {
		an := chainAnalyzer(t, name)
		for i, s := range texts {
			if err := sameAsChain(an, name, []byte(s)); err != nil {
				t.Fatalf("text %d: %v", i, err)
			}
		}
	}
}

// FuzzFusedSameAsChain: for any input, the fused analyses give the
// chains' tokens.
//
//	go test ./index/zh -run '^$' -fuzz FuzzFusedSameAsChain -fuzztime 5m
func FuzzFusedSameAsChain(f *testing.F) {
	for _, s := range edgeCases {
		f.Add([]byte(s))
	}
	for _, line := range seedLines(f) {
		f.Add([]byte(line))
	}
	r := rand.New(rand.NewSource(7))
	for i := 0; i < 20; i++ {
		f.Add([]byte(randomText(r, 30)))
	}
	words, bigrams := chainAnalyzer(f, WordAnalyzer), chainAnalyzer(f, BigramAnalyzer)
	current() // load the dictionary before inputs are timed
	f.Fuzz(func(t *testing.T, in []byte) {
		if len(in) > 1<<16 {
			return
		}
		if err := sameAsChain(words, WordAnalyzer, in); err != nil {
			t.Fatal(err)
		}
		if err := sameAsChain(bigrams, BigramAnalyzer, in); err != nil {
			t.Fatal(err)
		}
	})
}

// TestFastSegment_Exhaustive checks fastSegment against the word-break
// machine for every character it cuts and every character it lets follow.
// A segment starting with a Han character or with a fastNone character
// (none of which can begin a word of several characters: the machine
// gives them type Ideo or None) is that character and then any Extend or
// Format characters; so it ends before any r that, following one of
// them, is not taken into its segment — which is checked here for every
// r that safeNext accepts, after every such character.
func TestFastSegment_Exhaustive(t *testing.T) {
	machine := func(data []byte) (int, []byte, int) {
		adv, tok, typ, err := segment.SegmentWords(data, true)
		if err != nil {
			t.Fatalf("%q: %v", data, err)
		}
		return adv, tok, typ
	}
	var firsts []rune
	for r := rune(0x4E00); r <= 0x9FA5; r++ {
		firsts = append(firsts, r)
	}
	for r := rune(0); r < 0x10000; r++ {
		if fastNone(r) {
			firsts = append(firsts, r)
		}
	}
	var nexts []rune
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if utf8.ValidRune(r) && safeNext(r) {
			nexts = append(nexts, r)
		}
	}
	check := func(data []byte) {
		adv, tok, typ, ok := fastSegment(data)
		if !ok {
			t.Fatalf("%q: fastSegment refused it", data)
		}
		wadv, wtok, wtyp := machine(data)
		if adv != wadv || !bytes.Equal(tok, wtok) || typ != wtyp {
			t.Fatalf("%q: fastSegment gives %d %q type %d, the machine %d %q type %d", data, adv, tok, typ, wadv, wtok, wtyp)
		}
	}
	buf := make([]byte, 0, 8)
	for _, c := range firsts {
		check(utf8.AppendRune(buf[:0], c))
		// Every character the fast path cuts, before a representative
		// of each kind of follower, and before another of its kind.
		for _, n := range []rune{'a', '1', ' ', '中', '，', 'Ａ', '—'} {
			check(utf8.AppendRune(utf8.AppendRune(buf[:0], c), n))
		}
	}
	// Every follower after a Han character and after each fastNone
	// character (the machine's segments of those are alike).
	for _, c := range []rune{'中', '\u9fa5', '一'} {
		for _, n := range nexts {
			check(utf8.AppendRune(utf8.AppendRune(buf[:0], c), n))
		}
	}
	for _, c := range firsts[0x9FA5-0x4E00+1:] {
		for _, n := range nexts {
			check(utf8.AppendRune(utf8.AppendRune(buf[:0], c), n))
		}
	}
	// And what it refuses: a Han character before a combining mark, a
	// format character or an invalid byte.
	for _, s := range []string{"中\u0301", "中\u302a", "中\u200d", "中\ufeff", "中\xff", "，\u0301", "a", "1", "_", "\r\n"} {
		if _, _, _, ok := fastSegment([]byte(s)); ok {
			t.Errorf("%q: fastSegment cut it", s)
		}
	}
}

// TestIsHan checks IsHan against unicode.Han for every rune.
func TestIsHan(t *testing.T) {
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if IsHan(r) != unicode.Is(unicode.Han, r) {
			t.Fatalf("IsHan(%U) = %v", r, IsHan(r))
		}
	}
}

// classifyRef is classify as it was before it stopped at the first Han
// character: the reference of TestClassify_SameAsBefore.
func classifyRef(term []byte) (analysis.TokenType, bool) {
	han, letter, digits := false, false, true
	for len(term) > 0 {
		r, n := utf8.DecodeRune(term)
		term = term[n:]
		switch {
		case unicode.Is(unicode.Han, r):
			han, letter = true, true
			digits = false
		case unicode.IsDigit(r):
			letter = true
		case unicode.IsLetter(r) || unicode.IsNumber(r):
			letter = true
			digits = false
		default:
			digits = false
		}
	}
	switch {
	case !letter:
		return 0, false
	case han:
		return analysis.Ideographic, true
	case digits:
		return analysis.Numeric, true
	}
	return analysis.AlphaNumeric, true
}

// TestClassify_SameAsBefore compares classify with classifyRef on random
// mixes and on every substring of the edge cases.
func TestClassify_SameAsBefore(t *testing.T) {
	r := rand.New(rand.NewSource(5))
	terms := []string{}
	for i := 0; i < 20000; i++ {
		terms = append(terms, randomText(r, 6))
	}
	for _, s := range edgeCases {
		for i := 0; i < len(s); i++ {
			for j := i + 1; j <= len(s); j++ {
				terms = append(terms, s[i:j])
			}
		}
	}
	for _, s := range terms {
		gt, gok := classify([]byte(s))
		wt, wok := classifyRef([]byte(s))
		if gt != wt || gok != wok {
			t.Fatalf("classify(%q) = %v %v, before %v %v", s, gt, gok, wt, wok)
		}
	}
}
