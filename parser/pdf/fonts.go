package pdf

import (
	"strings"
	"unicode/utf16"

	lpdf "github.com/ledongthuc/pdf"
	"golang.org/x/text/encoding/simplifiedchinese"

	"gongkai/internal/debuglog"
)

// maxCMapEntries caps the codes read from one ToUnicode CMap or /W array,
// so that a hostile font cannot make us allocate without bound.
const maxCMapEntries = 1 << 17

// font is what the interpreter needs to know about one font resource: how
// to split a shown string into codes, what text each code stands for, and
// how far each glyph advances. It is built once per resource and page.
type font struct {
	composite bool // Type0: codes are 1–4 bytes, widths come from the CIDFont
	vertical  bool // WMode 1 (Identity-V and other -V CMaps)
	identity  bool // Identity-H/V: CID = 2-byte code
	// toUni maps a code (its bytes as a string) to text, from /ToUnicode.
	toUni map[string]string
	// codeLens lists the code lengths the ToUnicode codespace allows, by
	// first byte; nil means "the encoding decides".
	fallback func(code string) string // decoding without ToUnicode; nil if none
	twoByte  func(first byte) bool    // for non-identity composite fonts
	// Simple font widths.
	firstChar int
	widths    []float64
	missing   float64
	// CIDFont widths.
	cidW map[int]float64
	dw   float64
	dw2  float64 // vertical advance (w1y), negative: downwards
}

// loadFont reads the font dictionary v. It never fails: what it cannot
// read falls back to defaults (em-wide glyphs, undecodable text).
func loadFont(v lpdf.Value) *font {
	f := &font{dw: 1000, dw2: -1000, missing: 0}
	if v.Key("Subtype").Name() == "Type0" {
		f.loadComposite(v)
	} else {
		f.loadSimple(v)
	}
	if tu := v.Key("ToUnicode"); tu.Kind() == lpdf.Stream {
		f.toUni = readToUnicode(tu)
	}
	return f
}

func (f *font) loadComposite(v lpdf.Value) {
	f.composite = true
	enc := v.Key("Encoding")
	name := enc.Name()
	if enc.Kind() == lpdf.Stream {
		name = enc.Key("CMapName").Name()
		if enc.Key("WMode").Int64() == 1 {
			f.vertical = true
		}
	}
	switch {
	case name == "Identity-H" || name == "Identity-V":
		f.identity = true
	case strings.HasPrefix(name, "UniGB-UCS2"):
		f.fallback = decodeUTF16
	case strings.HasPrefix(name, "UniGB-UTF16"):
		f.fallback = decodeUTF16
	case strings.HasPrefix(name, "GB"):
		// GB-EUC, GBK-EUC, GBKp-EUC, GBK2K: one byte below 0x81, else two.
		f.twoByte = func(b byte) bool { return b >= 0x81 }
		f.fallback = decodeGB
	}
	if strings.HasSuffix(name, "-V") {
		f.vertical = true
	}
	d := v.Key("DescendantFonts").Index(0)
	if x := d.Key("DW"); x.Kind() == lpdf.Integer || x.Kind() == lpdf.Real {
		f.dw = x.Float64()
	}
	if x := d.Key("DW2"); x.Len() == 2 {
		f.dw2 = x.Index(1).Float64()
	}
	f.cidW = readCIDWidths(d.Key("W"))
}

func (f *font) loadSimple(v lpdf.Value) {
	f.firstChar = int(v.Key("FirstChar").Int64())
	w := v.Key("Widths")
	n := min(w.Len(), 256)
	f.widths = make([]float64, n)
	for i := range n {
		f.widths[i] = w.Index(i).Float64()
	}
	f.missing = v.Key("FontDescriptor").Key("MissingWidth").Float64()
	if n == 0 && f.missing == 0 {
		f.missing = 500 // standard 14 fonts without /Widths: a rough average
	}
	lf := lpdf.Font{V: v}
	enc := lf.Encoder()
	logged := false
	f.fallback = func(code string) (s string) {
		defer func() {
			if r := recover(); r != nil && !logged { // the decoder's font encoding: the code reads as nothing
				logged = true
				debuglog.Recovered("decode pdf font encoding", "", r)
			}
		}()
		return enc.Decode(code)
	}
}

// readCIDWidths reads a CIDFont /W array: [c [w1 w2 …]] or [cfirst clast w].
func readCIDWidths(w lpdf.Value) map[int]float64 {
	out := map[int]float64{}
	n := w.Len()
	for i := 0; i < n && len(out) < maxCMapEntries; {
		first := int(w.Index(i).Int64())
		if i+1 >= n {
			break
		}
		next := w.Index(i + 1)
		if next.Kind() == lpdf.Array {
			for j := 0; j < next.Len() && len(out) < maxCMapEntries; j++ {
				out[first+j] = next.Index(j).Float64()
			}
			i += 2
			continue
		}
		if i+2 >= n {
			break
		}
		last, width := int(next.Int64()), w.Index(i+2).Float64()
		for c := first; c <= last && len(out) < maxCMapEntries; c++ {
			out[c] = width
		}
		i += 3
	}
	return out
}

// split cuts a shown string into character codes.
func (f *font) split(s string) []string {
	var codes []string
	for len(s) > 0 {
		n := 1
		switch {
		case f.identity:
			n = 2
		case f.twoByte != nil:
			if f.twoByte(s[0]) {
				n = 2
			}
		case f.composite:
			n = 2
		}
		n = min(n, len(s))
		codes = append(codes, s[:n])
		s = s[n:]
	}
	return codes
}

// text returns the text a code stands for; "\uFFFD" when unknown.
func (f *font) text(code string) string {
	if t, ok := f.toUni[code]; ok {
		return t
	}
	if f.fallback != nil {
		if t := f.fallback(code); t != "" {
			return t
		}
	}
	if !f.composite && f.toUni == nil {
		return ""
	}
	return "\uFFFD"
}

// advance returns the glyph's advance in thousandths of text space units:
// horizontal for WMode 0, vertical (negative, downwards) for WMode 1.
func (f *font) advance(code string) float64 {
	if f.vertical {
		return f.dw2
	}
	if !f.composite {
		c := int(code[0]) - f.firstChar
		if c >= 0 && c < len(f.widths) && f.widths[c] > 0 {
			return f.widths[c]
		}
		return f.missing
	}
	if f.identity && len(code) == 2 {
		if w, ok := f.cidW[int(code[0])<<8|int(code[1])]; ok {
			return w
		}
	}
	return f.dw
}

// addRange adds a bfrange entry: codes lo..hi (same length, differing in
// the last byte by the spec, tolerated otherwise) map to consecutive text
// starting at dst, or to the strings of the array dst.
func addRange(m map[string]string, lo, hi string, dst cmapTok) {
	if len(lo) == 0 || len(lo) != len(hi) || len(lo) > 4 {
		return
	}
	l, h := codeInt(lo), codeInt(hi)
	if h < l || h-l > 0xFFFF {
		return
	}
	base := []rune(decodeUTF16(dst.s))
	for c := l; c <= h && len(m) < maxCMapEntries; c++ {
		code := intCode(c, len(lo))
		i := int(c - l)
		switch {
		case dst.arr != nil:
			if i < len(dst.arr) {
				m[code] = decodeUTF16(dst.arr[i])
			}
		case len(base) > 0:
			r := append([]rune(nil), base...)
			r[len(r)-1] += rune(i)
			m[code] = string(r)
		}
	}
}

func codeInt(s string) uint32 {
	var v uint32
	for i := 0; i < len(s); i++ {
		v = v<<8 | uint32(s[i])
	}
	return v
}

func intCode(v uint32, n int) string {
	b := make([]byte, n)
	for i := n - 1; i >= 0; i-- {
		b[i] = byte(v)
		v >>= 8
	}
	return string(b)
}

// decodeUTF16 decodes big-endian UTF-16 (ToUnicode destinations, UCS-2 CMaps).
func decodeUTF16(s string) string {
	if len(s) == 1 {
		return string(rune(s[0]))
	}
	u := make([]uint16, len(s)/2)
	for i := range u {
		u[i] = uint16(s[2*i])<<8 | uint16(s[2*i+1])
	}
	return string(utf16.Decode(u))
}

func decodeGB(s string) string {
	out, err := simplifiedchinese.GB18030.NewDecoder().String(s)
	if err != nil {
		return "\uFFFD"
	}
	return out
}
