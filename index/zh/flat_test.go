package zh

import (
	"math/rand/v2"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

// hostile are texts built to find where the flat segmenter could part
// from gse: mixed scripts, full-width and upper-case letters (gse
// lower-cases ASCII for the lookup), runs of letters of 2-byte scripts
// (one unit to gse), emoji, combining marks, invalid and truncated UTF-8,
// NUL bytes, long runs of one character, and nothing at all.
func hostile() []string {
	out := []string{
		"", " ", "\x00", "政\x00府", "a\x00b", "\xff", "\xe4\xb8", "\xe4\xb8\xad\xe4", "中\xad文", "\xc3A", "A\xc3", "\xed\xa0\x80政府",
		"\uFFFD政府\uFFFD", "政府信息公开\xff条例", "Hello世界123abc", "ABC股份有限公司", "GDP增长", "iPhone手机", "IPHONE手机",
		"Привет мир 政府", "Ελληνικά数据", "éclair咖啡", "Éclair咖啡ÀB", "日本語のテキスト", "한국어 텍스트", "ภาษาไทย", "مرحبا 政府",
		"ＧＤＰ２０２３年增长５．２％", "ａｂｃ１２３ＡＢＣ", "😀政府👍🏽信息", "👨‍👩‍👧家庭", "e\u0301", "政\u0301府", "a\u0300\u0301b信息",
		"m²面积½份", "Ⅻ章第Ⅳ条", "T恤", "t恤", "A股", "B超检查", "Q版", "PK赛", "3G网络", "3g网络", "4S店", "CPU使用率", "cpu",
		"a-b c.d", "a_b", "x86_64", "2023年12月31日", "第1,234,567件", "0595-88888888", "gov@example.cn",
		"《中华人民共和国政府信息公开条例》第二十条", "依申请公开政府信息", "\t\n\r\v\f", "\u3000政府\u3000", "\u00a0\u2028",
		"ǅ", "ǈ", "ß", "İ", "ﬁ", "Σ", "ΣΑΣ", "µ",
	}
	for _, r := range []string{"的", "a", "A", "1", "。", "公开", "中国", "\xff", "é", " ", "政府信息公开"} {
		out = append(out, strings.Repeat(r, 3000))
	}
	return out
}

func TestFlatHostile(t *testing.T) {
	ref, d := refSeg(t), precompiled(t)
	for _, s := range hostile() {
		if err := sameAsGse(ref, d, []byte(s)); err != nil {
			t.Error(err)
		}
	}
}

// TestFlatRandom compares with gse on random texts: dictionary words
// (some upper-cased) run together with random runes of many scripts,
// ASCII, digits, punctuation and invalid bytes.
func TestFlatRandom(t *testing.T) {
	ref, d := refSeg(t), precompiled(t)
	toks := ref.Dict.Tokens
	rng := rand.New(rand.NewPCG(1, 2))
	ranges := [][2]rune{{0x20, 0x7e}, {0xa0, 0x24f}, {0x370, 0x4ff}, {0x300, 0x36f}, {0x3000, 0x303f}, {0x4e00, 0x9fff},
		{0xff01, 0xff5e}, {0x1f300, 0x1f64f}, {0x3040, 0x30ff}, {0xac00, 0xd7a3}}
	n := 20000
	if testing.Short() {
		n = 2000
	}
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.Reset()
		for k := rng.IntN(12); k >= 0; k-- {
			switch rng.IntN(6) {
			case 0, 1, 2:
				w := toks[rng.IntN(len(toks))].Text()
				if rng.IntN(4) == 0 {
					w = strings.ToUpper(w)
				}
				b.WriteString(w)
			case 3:
				r := ranges[rng.IntN(len(ranges))]
				b.WriteRune(r[0] + rune(rng.IntN(int(r[1]-r[0]+1))))
			case 4:
				b.WriteString(strings.Repeat(string(rune('a'+rng.IntN(26))), 1+rng.IntN(3)))
			case 5:
				b.WriteByte(byte(0x80 + rng.IntN(0x80)))
			}
		}
		if err := sameAsGse(ref, d, []byte(b.String())); err != nil {
			t.Fatal(err)
		}
	}
}

// FuzzFlatSameAsGse: for any input, the flat segmenter gives gse's
// segments and token streams. Run it for a while with
//
//	go test ./index/zh -run '^$' -fuzz FuzzFlatSameAsGse -fuzztime 5m
func FuzzFlatSameAsGse(f *testing.F) {
	for _, s := range hostile() {
		f.Add([]byte(s))
	}
	for _, line := range seedLines(f) {
		f.Add([]byte(line))
	}
	for _, text := range corpusTexts(f, 3) {
		f.Add([]byte(text[:min(len(text), 2000)]))
	}
	ref, d := refSeg(f), precompiled(f)
	f.Fuzz(func(t *testing.T, in []byte) {
		if len(in) > 1<<14 {
			return
		}
		if err := sameAsGse(ref, d, in); err != nil {
			t.Fatal(err)
		}
	})
}

// TestFlatPointerFree: the flat dictionary's bulk arrays hold no
// pointers (the collector never scans them), and its arrays are far
// smaller than gse's load. The two small parts that do hold pointers (the
// parts of speech and the alnum runs) stay small. It logs the live heap
// the loaded dictionary adds.
func TestFlatPointerFree(t *testing.T) {
	typ := reflect.TypeOf(flatDict{})
	for i := 0; i < typ.NumField(); i++ {
		f := typ.Field(i)
		if f.Name == "posNames" || f.Name == "alnum" {
			continue
		}
		k := f.Type.Kind()
		if k == reflect.Slice {
			k = f.Type.Elem().Kind()
		}
		if k < reflect.Int || k > reflect.Float64 {
			t.Errorf("flatDict.%s is %v: the bulk must be arrays of numbers", f.Name, f.Type)
		}
	}
	var m0, m1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m0)
	d := precompiled(t)
	runtime.GC()
	runtime.ReadMemStats(&m1)
	if mb := float64(d.heapBytes()) / 1e6; mb > 40 {
		t.Fatalf("flat dictionary arrays %.1f MB, more than 40", mb)
	}
	if len(d.alnum) > 1000 || len(d.posNames) > 256 {
		t.Fatalf("%d alnum runs, %d parts of speech: the small pointer-holding parts grew", len(d.alnum), len(d.posNames))
	}
	t.Logf("flat dictionary: %.1f MB of arrays, live heap +%.1f MB after loading", float64(d.heapBytes())/1e6, float64(int64(m1.HeapAlloc)-int64(m0.HeapAlloc))/1e6)
	runtime.KeepAlive(d)
}
