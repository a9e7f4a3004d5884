package textenc

import (
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

func TestDecode(t *testing.T) {
	const text = "青阳街道办事处2020年政府信息公开工作年度报告\n主动公开政府信息125条。"
	gbk, _ := simplifiedchinese.GBK.NewEncoder().String(text)
	gb18030, _ := simplifiedchinese.GB18030.NewEncoder().String(text + "㐀") // a character outside GBK
	le, _ := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder().String(text)
	be, _ := unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewEncoder().String(text)
	tests := []struct {
		name, in, want, enc string
	}{
		{"utf-8", text, text, UTF8},
		{"utf-8 with BOM", "\xEF\xBB\xBF" + text, text, UTF8},
		{"gbk without declaration", gbk, text, GB18030},
		{"gbk page declaring utf-8", "<meta charset=utf-8>" + gbk, "<meta charset=utf-8>" + text, GB18030},
		{"utf-8 page declaring gb2312", "<meta charset=gb2312>" + text, "<meta charset=gb2312>" + text, UTF8},
		{"gb18030 beyond gbk", gb18030, text + "㐀", GB18030},
		{"utf-16le with BOM", "\xFF\xFE" + le, text, UTF16LE},
		{"utf-16be with BOM", "\xFE\xFF" + be, text, UTF16BE},
		{"utf-16le without BOM", le, text, UTF16LE},
		{"ascii", "plain", "plain", UTF8},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, enc, err := Decode([]byte(tc.in))
			if err != nil || got != tc.want || enc != tc.enc {
				t.Errorf("Decode = %q, %s, %v; want %q, %s", got, enc, err, tc.want, tc.enc)
			}
		})
	}
}

func TestDecode_Binary(t *testing.T) {
	bin := make([]byte, 4096)
	for i := range bin {
		bin[i] = byte(i*7 + i/13)
	}
	if _, _, err := Decode(bin); !errors.Is(err, ErrBinary) {
		t.Errorf("binary data: err = %v, want ErrBinary", err)
	}
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte("青阳"))
	f.Add([]byte{0xFF, 0xFE, 0x52, 0x9e})
	f.Fuzz(func(t *testing.T, b []byte) {
		s, _, err := Decode(b)
		if err == nil && len(s) > 4*len(b)+16 {
			t.Fatalf("decoded %d bytes into %d", len(b), len(s))
		}
	})
}

// TestUTF16Score checks that scoring the code units gives exactly the score
// of the string the x/text decoder produces (Decode relies on it to pick
// the same reading without decoding the losers), on random bytes with many
// surrogates and on encoded Chinese text.
func TestUTF16Score(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	le, _ := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder().String("主动公开政府信息125条。😀\n")
	inputs := [][]byte{[]byte(le), {0x00, 0xD8, 0x00, 0xDC}, {0x00, 0xDC, 0x00, 0xD8}, {0x00, 0xD8}, {}}
	for range 3000 {
		b := make([]byte, 2*rng.IntN(40))
		for i := range b {
			switch rng.IntN(4) {
			case 0:
				b[i] = byte(0xD8 + rng.IntN(8)) // surrogate high bytes
			default:
				b[i] = byte(rng.IntN(256))
			}
		}
		inputs = append(inputs, b)
	}
	score := textScore
	for _, in := range inputs {
		for _, big := range []bool{false, true} {
			e := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
			if big {
				e = unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)
			}
			out, err := e.NewDecoder().Bytes(in)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := utf16Score(in, big), score(string(out)); got != want {
				t.Fatalf("utf16Score(% x, big=%v) = %v, decoded string scores %v", in, big, got, want)
			}
		}
	}
}

// TestDecodeStringSameAsBytes checks that decoding through transform.Writer
// (decodeString) gives exactly what the decoder's Bytes gives, on inputs
// longer than the Writer's 4 KiB chunks with multi-byte sequences, broken
// bytes and surrogates across every chunk boundary.
func TestDecodeStringSameAsBytes(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	gb, _ := simplifiedchinese.GB18030.NewEncoder().String("主动公开政府信息125条，㐀😀。\n")
	encs := []encoding.Encoding{simplifiedchinese.GB18030,
		unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)}
	var inputs [][]byte
	for n := range 200 {
		b := make([]byte, 0, 9000+n)
		for len(b) < 9000+n {
			switch rng.IntN(5) {
			case 0:
				b = append(b, byte(rng.IntN(256)))
			case 1:
				b = append(b, byte(0xD8+rng.IntN(8)), byte(rng.IntN(256)))
			default:
				b = append(b, gb...)
			}
		}
		inputs = append(inputs, b[:9000+n], b[:n])
	}
	for _, e := range encs {
		for _, in := range inputs {
			want, err := e.NewDecoder().Bytes(in)
			if err != nil {
				t.Fatal(err)
			}
			got, err := decodeString(e, in, len(in))
			if err != nil || got != string(want) {
				t.Fatalf("%v: decodeString of %d bytes differs from Bytes (err %v)", e, len(in), err)
			}
		}
	}
}

// TestUTF16ScoreOver checks the early stop: utf16ScoreOver is above a
// floor exactly when utf16Score is, and equal to it then, on GBK text,
// UTF-16 text and random bytes long enough to stop early.
func TestUTF16ScoreOver(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	const text = "青阳街道办事处2020年政府信息公开工作年度报告，主动公开政府信息125条。<p class=MsoNormal>"
	gbk, _ := simplifiedchinese.GBK.NewEncoder().String(strings.Repeat(text, 200))
	le, _ := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder().String(strings.Repeat(text, 200))
	inputs := [][]byte{[]byte(gbk), []byte(le)}
	for range 50 {
		b := make([]byte, 2*(2000+rng.IntN(8000)))
		for i := range b {
			b[i] = byte(rng.IntN(256))
		}
		inputs = append(inputs, b)
	}
	for _, in := range inputs {
		for _, big := range []bool{false, true} {
			full := utf16Score(in, big)
			for _, floor := range []float64{0, 0.3, 0.5, 0.9, full, 0.99, 1} {
				got := utf16ScoreOver(in, big, floor)
				if (got > floor) != (full > floor) || (full > floor && got != full) {
					t.Fatalf("utf16ScoreOver(%d bytes, big=%v, %v) = %v, full score %v", len(in), big, floor, got, full)
				}
			}
		}
	}
}

// TestGBSize checks that the GB18030 size estimate covers what the decoder
// produces for GBK and four-byte GB18030 text (it may fall short only for
// broken bytes).
// TestGBSizeCount checks gbSize's word-at-a-time count of high bits against
// a byte-at-a-time one, at every length and alignment up to 40 bytes.
func TestGBSizeCount(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	buf := make([]byte, 64)
	for range 200 {
		for i := range buf {
			buf[i] = byte(rng.IntN(256))
		}
		for off := range 8 {
			for n := 0; off+n <= 48; n++ {
				d := buf[off : off+n]
				hi := 0
				for _, b := range d {
					if b >= 0x80 {
						hi++
					}
				}
				if got, want := gbSize(d), n+hi/2+16; got != want {
					t.Fatalf("gbSize(% x) = %d, want %d", d, got, want)
				}
			}
		}
	}
}

func TestGBSize(t *testing.T) {
	for _, s := range []string{"", "plain ascii", "主动公开政府信息125条。", "㐀😀€", strings.Repeat("<p class=MsoNormal>信息公开</p>", 300)} {
		b, _ := simplifiedchinese.GB18030.NewEncoder().String(s)
		if n := gbSize([]byte(b)); n < len(s) || n > len(s)+len(s)/2+16 {
			t.Errorf("gbSize(%q) = %d for %d bytes of UTF-8", s, n, len(s))
		}
	}
}

// TestTextScore checks textScore's ASCII table against goodRune over every
// rune, on random bytes (broken UTF-8 included) and Chinese text.
func TestTextScore(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	inputs := []string{"", "主动公开政府信息125条。\n", "<p class=MsoNormal>\x01\x7f</p>"}
	for range 2000 {
		b := make([]byte, rng.IntN(64))
		for i := range b {
			b[i] = byte(rng.IntN(256))
		}
		inputs = append(inputs, string(b))
	}
	for _, s := range inputs {
		total, good := 0, 0
		for _, r := range s {
			total++
			if goodRune(r) {
				good++
			}
		}
		want := 0.0
		if total > 0 {
			want = float64(good) / float64(total)
		}
		if got := textScore(s); got != want {
			t.Fatalf("textScore(%q) = %v, want %v", s, got, want)
		}
	}
}

// checkGB18030 fails unless decodeGB18030 gives what the library's
// decoder gives, and the counts textScore gives for it.
func checkGB18030(t *testing.T, b []byte) {
	t.Helper()
	want, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b)
	if err != nil {
		t.Fatal(err)
	}
	got, total, good, err := decodeGB18030(b)
	if err != nil {
		t.Fatalf("decodeGB18030(% x): %v", b, err)
	}
	if got != string(want) {
		t.Fatalf("decodeGB18030(% x) = %q, the library gives %q", b, got, want)
	}
	if wt, wg := countGood(string(want)); total != wt || good != wg {
		t.Fatalf("decodeGB18030(% x) counts %d runes, %d good; want %d, %d", b, total, good, wt, wg)
	}
}

// TestDecodeGB18030 compares decodeGB18030 with the library on random
// bytes biased to lead, second and four-byte-sequence bytes, on every
// single byte and pair, and on encoded text.
func TestDecodeGB18030(t *testing.T) {
	for c0 := range 256 {
		checkGB18030(t, []byte{byte(c0)})
		for c1 := range 256 {
			checkGB18030(t, []byte{byte(c0), byte(c1)})
		}
	}
	for _, s := range []string{"", "主动公开政府信息125条。\n", "㐀😀€·αЖ\u00a0", strings.Repeat("<p class=MsoNormal>信息公开</p>\r\n", 50)} {
		b, _ := simplifiedchinese.GB18030.NewEncoder().String(s)
		checkGB18030(t, []byte(b))
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		b := make([]byte, rng.IntN(40))
		for i := range b {
			switch rng.IntN(6) {
			case 0:
				b[i] = byte(0x30 + rng.IntN(10)) // digits: four-byte sequences
			case 1:
				b[i] = byte(0x81 + rng.IntN(126))
			case 2:
				b[i] = []byte{0x80, 0xFF, 0x7F, ' ', '\n', 0}[rng.IntN(6)]
			case 3:
				b[i] = byte(rng.IntN(0x80))
			default:
				b[i] = byte(rng.IntN(256))
			}
		}
		checkGB18030(t, b)
	}
	// Long ASCII runs with a few control bytes, DEL and pairs in them.
	for range 3000 {
		b := make([]byte, rng.IntN(300))
		for i := range b {
			switch rng.IntN(40) {
			case 0:
				b[i] = byte(rng.IntN(0x20))
			case 1:
				b[i] = 0x7F
			case 2:
				b[i] = byte(0x81 + rng.IntN(126))
			default:
				b[i] = byte(0x20 + rng.IntN(0x5F))
			}
		}
		checkGB18030(t, b)
	}
}

func FuzzDecodeGB18030(f *testing.F) {
	f.Add([]byte("主动"))
	f.Add([]byte{0x81, 0x30, 0x81, 0x30, 0x80, 0xFF, 0xB7, 0xA2, 0x20})
	f.Fuzz(func(t *testing.T, b []byte) {
		checkGB18030(t, b)
	})
}

// TestDecodeGB18030_Pages compares decodeGB18030 with the library on the
// pages of parser/html's testdata (Word-exported GBK among them).
func TestDecodeGB18030_Pages(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "html", "testdata", "*.html"))
	if len(files) == 0 {
		t.Skip("no pages in ../html/testdata")
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		checkGB18030(t, b)
	}
}
