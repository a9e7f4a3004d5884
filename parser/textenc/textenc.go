// Package textenc decodes the bytes of a text-like document (HTML, plain
// text, Markdown) into UTF-8, whatever encoding a Chinese government site
// used: UTF-8, GB18030/GBK/GB2312 or UTF-16 with or without a BOM.
//
// A declared charset is only a hint: pages often declare gb2312 while
// serving UTF-8 and the reverse, so the bytes decide.
package textenc

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
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
	if s, name, err := decodeWith(simplifiedchinese.GB18030, data, GB18030); err == nil {
		return s, name, nil
	}
	return "", "", ErrBinary
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
	out, err := e.NewDecoder().Bytes(data)
	if err != nil {
		return "", "", fmt.Errorf("decode %s: %w", name, err)
	}
	s := string(out)
	// GB18030 maps every byte sequence somewhere; binary data shows up as
	// replacement runes, control characters and rare code points.
	if name == GB18030 && !plausibleText(s) {
		return "", "", ErrBinary
	}
	return s, name, nil
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

// plausibleText rejects decoded binary: too many control or replacement
// characters.
func plausibleText(s string) bool {
	total, bad := 0, 0
	for _, r := range s {
		total++
		switch {
		case r == utf8.RuneError:
			bad++
		case r < 0x20 && r != '\n' && r != '\r' && r != '\t' && r != '\f':
			bad++
		case r >= 0xE000 && r <= 0xF8FF: // private use: GBK user-defined area
			bad++
		}
	}
	return total == 0 || float64(bad)/float64(total) < 0.02
}
