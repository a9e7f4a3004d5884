// Package textenc decodes the bytes of a text-like document (HTML, plain
// text, Markdown) into UTF-8, whatever encoding a Chinese government site
// used: UTF-8, GB18030/GBK/GB2312 or UTF-16 with or without a BOM.
//
// A declared charset is only a hint: pages often declare gb2312 while
// serving UTF-8 and the reverse, so the bytes decide.
package textenc

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math/bits"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Encoding names as reported in corpus.Source.Encoding.
const (
	UTF8    = "utf-8"
	GB18030 = "gb18030"
	UTF16LE = "utf-16le"
	UTF16BE = "utf-16be"
)

// ErrBinary is returned for bytes that decode as no supported text encoding.
var ErrBinary = errors.New("not text in UTF-8, GB18030/GBK or UTF-16")

// Decode returns data as UTF-8 text and the name of the encoding it was
// decoded from. A charset the container declares is deliberately not asked
// for: the bytes decide (UTF-8 validity is decisive for Chinese text, since
// GBK text is almost never valid UTF-8).
func Decode(data []byte) (string, string, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return decodeUTF8(data[3:])
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return decodeWith(unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), data[2:], UTF16LE)
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return decodeWith(unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), data[2:], UTF16BE)
	}
	if enc := sniffUTF16(data); enc != "" {
		e := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
		if enc == UTF16BE {
			e = unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)
		}
		return decodeWith(e, data, enc)
	}
	if utf8.Valid(data) {
		// Pure ASCII is valid in every candidate; UTF-8 is the honest name.
		return decodeUTF8(data)
	}
	// GB18030 decodes any bytes, and so does UTF-16 without a BOM when the
	// text is all Chinese (no zero bytes to sniff): the reading that looks
	// most like Chinese text wins.
	// The GB18030 reading is decoded; the UTF-16 readings are only scored
	// (utf16Score counts what their decoder would produce, without
	// building the string) and decoded when one wins.
	gb, total, good, err := decodeGB18030(data)
	best, bestScore := "", 0.0
	bestName := ""
	if err == nil && total > 0 {
		// textScore(gb), counted while decoding.
		if sc := float64(good) / float64(total); sc > 0 {
			best, bestName, bestScore = gb, GB18030, sc
		}
	}
	var winner encoding.Encoding
	if len(data)%2 == 0 {
		for _, c := range []struct {
			name string
			big  bool
		}{{UTF16LE, false}, {UTF16BE, true}} {
			if sc := utf16ScoreOver(data, c.big, bestScore); sc > bestScore {
				bestName, bestScore = c.name, sc
				winner = unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
				if c.big {
					winner = unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)
				}
			}
		}
	}
	if bestScore < 0.9 {
		return "", "", ErrBinary
	}
	if winner != nil {
		out, err := decodeString(winner, data, len(data)+len(data)/2)
		if err != nil {
			return "", "", fmt.Errorf("decode %s: %w", bestName, err)
		}
		best = out
	}
	return best, bestName, nil
}

// textScore is the share of runes in s that ordinary Chinese text is made
// of (goodRune).
func textScore(s string) float64 {
	total, good := countGood(s)
	if total == 0 {
		return 0
	}
	return float64(good) / float64(total)
}

// countGood counts the runes of s and those of them that are goodRune.
func countGood(s string) (total, good int) {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			// Most of a page is ASCII markup: one table look-up a byte.
			total++
			if goodASCII[c] {
				good++
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		total++
		if goodRune(r) {
			good++
		}
	}
	return total, good
}

// goodASCII is goodRune for the ASCII characters.
var goodASCII = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = goodRune(rune(c))
	}
	return t
}()

// goodRune: common CJK ideographs, CJK and full-width punctuation,
// printable ASCII and white space.
func goodRune(r rune) bool {
	switch {
	case r >= 0x4E00 && r <= 0x9FFF, r >= 0x3000 && r <= 0x303F, r >= 0xFF00 && r <= 0xFFEF,
		r >= 0x20 && r < 0x7F, r == '\n', r == '\r', r == '\t', r == 0x201C, r == 0x201D, r == 0x2018, r == 0x2019, r == 0x2014, r == 0x2026, r == 0xB7:
		return true
	}
	return false
}

// utf16Score is textScore of data decoded as UTF-16 (even length, no BOM
// handling) by golang.org/x/text's decoder, computed on the code units: a
// surrogate followed by a unit in DC00–DFFF is one rune (a supplementary
// character or U+FFFD), any other surrogate is one U+FFFD, and neither
// counts as good; every other unit is its own rune.
func utf16Score(data []byte, bigEndian bool) float64 {
	return utf16ScoreOver(data, bigEndian, -1)
}

// utf16ScoreOver is utf16Score, except that it stops early, returning a
// value ≤ floor, once the score can no longer exceed floor: with every
// remaining unit a good rune of its own the score would be at most
// (good+rest)/(total+rest), and the true score is never above that. A GBK
// page read as UTF-16 falls below the GB18030 reading's score within its
// first few kilobytes.
func utf16ScoreOver(data []byte, bigEndian bool, floor float64) float64 {
	unit := func(i int) rune {
		if bigEndian {
			return rune(data[i])<<8 | rune(data[i+1])
		}
		return rune(data[i+1])<<8 | rune(data[i])
	}
	total, good := 0, 0
	for i := 0; i+1 < len(data); {
		if floor >= 0 && total&0x7FF == 0 && total > 0 {
			rest := (len(data) - i) / 2
			if float64(good+rest)/float64(total+rest) <= floor {
				return float64(good+rest) / float64(total+rest)
			}
		}
		r := unit(i)
		total++
		if r >= 0xD800 && r <= 0xDFFF {
			if i+3 < len(data) {
				if n := unit(i + 2); n >= 0xDC00 && n <= 0xDFFF {
					i += 4
					continue
				}
			}
			i += 2
			continue
		}
		if goodRune(r) {
			good++
		}
		i += 2
	}
	if total == 0 {
		return 0
	}
	return float64(good) / float64(total)
}

func decodeUTF8(data []byte) (string, string, error) {
	if !utf8.Valid(data) {
		// Mostly UTF-8 with a few broken bytes (a truncated download): keep it.
		if bad := invalidShare(data); bad > 0.01 {
			return "", "", fmt.Errorf("declared UTF-8 but %.0f%% of the bytes are invalid: %w", bad*100, ErrBinary)
		}
		return strings.ToValidUTF8(string(data), "\uFFFD"), UTF8, nil
	}
	if bytes.IndexByte(data, 0) >= 0 && bytes.Count(data, []byte{0}) > len(data)/100 {
		return "", "", ErrBinary
	}
	return string(data), UTF8, nil
}

func decodeWith(e encoding.Encoding, data []byte, name string) (string, string, error) {
	out, err := decodeString(e, data, len(data)+len(data)/2)
	if err != nil {
		return "", "", fmt.Errorf("decode %s: %w", name, err)
	}
	return out, name, nil
}

// gbSize estimates the UTF-8 size of GB18030 data: ASCII bytes stay one
// byte, and a two-byte character (all of GBK) becomes three, so the
// non-ASCII bytes grow by half; a four-byte sequence (two of its bytes are
// ASCII digits) is over-counted. Broken bytes, which become a three-byte
// U+FFFD each, may make it short; the builder then grows.
//
// The high bits are counted eight bytes at a time: byte by byte this loop
// was about a tenth of a large GBK page's extraction.
func gbSize(data []byte) int {
	hi := 0
	i := 0
	for ; i+8 <= len(data); i += 8 {
		hi += bits.OnesCount64(binary.LittleEndian.Uint64(data[i:]) & 0x8080808080808080)
	}
	for _, b := range data[i:] {
		hi += int(b >> 7)
	}
	return len(data) + hi/2 + 16
}

// decodeString decodes data with e into a string. It writes through
// transform.Writer into a strings.Builder grown to sizeHint bytes, so a
// large page costs one allocation of its decoded size: transform.Bytes
// grows its buffer by doubling and string() then copies it again, several
// times the page's size in garbage per file during a bulk import.
func decodeString(e encoding.Encoding, data []byte, sizeHint int) (string, error) {
	var sb strings.Builder
	sb.Grow(sizeHint)
	w := transform.NewWriter(&sb, e.NewDecoder())
	if _, err := w.Write(data); err != nil {
		return "", err
	}
	if err := w.Close(); err != nil {
		return "", err
	}
	return sb.String(), nil
}

// sniffUTF16 recognises BOM-less UTF-16 by its zero bytes: text that is
// mostly ASCII or CJK has a zero (ASCII) or a fixed high byte on one side.
func sniffUTF16(data []byte) string {
	if len(data) < 8 || len(data)%2 != 0 {
		return ""
	}
	n := min(len(data), 4096) &^ 1
	evenZero, oddZero := 0, 0
	for i := 0; i < n; i += 2 {
		if data[i] == 0 {
			evenZero++
		}
		if data[i+1] == 0 {
			oddZero++
		}
	}
	pairs := n / 2
	switch {
	case oddZero > pairs/4 && evenZero < pairs/50:
		return UTF16LE
	case evenZero > pairs/4 && oddZero < pairs/50:
		return UTF16BE
	}
	return ""
}

func invalidShare(data []byte) float64 {
	bad := 0
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			bad++
		}
		i += size
	}
	return float64(bad) / float64(max(len(data), 1))
}
