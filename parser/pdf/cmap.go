package pdf

import (
	"bytes"
	"io"

	lpdf "github.com/ledongthuc/pdf"

	"gongkai/internal/debuglog"
)

// maxCMapBytes caps the size of a ToUnicode stream we read.
const maxCMapBytes = 8 << 20

// cmapTok is one operand of a CMap: a hex or literal string, an array of
// strings, or a number (kept as text).
type cmapTok struct {
	s   string
	arr []string
	num bool
}

// readToUnicode parses a ToUnicode CMap into a code → text map. It uses
// its own small tokenizer rather than lpdf.Interpret, which needs
// PostScript dictionaries (findresource) it cannot build for us and panics
// on the odd operand.
func readToUnicode(strm lpdf.Value) (m map[string]string) {
	m = map[string]string{}
	defer func() {
		if r := recover(); r != nil { // the decoder's stream reader on a damaged ToUnicode CMap
			debuglog.Recovered("read pdf ToUnicode CMap", "", r)
			if len(m) == 0 {
				m = nil
			}
		}
	}()
	rc := strm.Reader()
	defer rc.Close()
	data, _ := io.ReadAll(io.LimitReader(rc, maxCMapBytes))
	return parseCMap(data)
}

// parseCMap parses the text of a ToUnicode CMap.
func parseCMap(data []byte) map[string]string {
	m := map[string]string{}
	var stk []cmapTok
	for len(data) > 0 {
		var tok cmapTok
		var kw string
		data, tok, kw = nextCMapToken(data)
		switch kw {
		case "":
			if len(stk) < 1<<16 {
				stk = append(stk, tok)
			}
			continue
		case "endbfchar":
			for i := 0; i+1 < len(stk); i += 2 {
				if len(m) < maxCMapEntries {
					m[stk[i].s] = decodeUTF16(stk[i+1].s)
				}
			}
		case "endbfrange":
			for i := 0; i+2 < len(stk); i += 3 {
				addRange(m, stk[i].s, stk[i+1].s, stk[i+2])
			}
		}
		stk = stk[:0]
	}
	return m
}

// nextCMapToken returns the rest of data, an operand, or a keyword.
func nextCMapToken(data []byte) ([]byte, cmapTok, string) {
	data = bytes.TrimLeft(data, " \t\r\n\f\x00")
	if len(data) == 0 {
		return nil, cmapTok{}, "eof"
	}
	switch c := data[0]; {
	case c == '%':
		if i := bytes.IndexAny(data, "\r\n"); i >= 0 {
			return data[i:], cmapTok{}, "comment"
		}
		return nil, cmapTok{}, "eof"
	case c == '<' && len(data) > 1 && data[1] == '<', c == '>':
		return data[min(2, len(data)):], cmapTok{}, "dict"
	case c == '<':
		i := bytes.IndexByte(data, '>')
		if i < 0 {
			return nil, cmapTok{}, "eof"
		}
		return data[i+1:], cmapTok{s: unhexString(data[1:i])}, ""
	case c == '(':
		return literalString(data)
	case c == '[':
		return cmapArray(data[1:])
	case c == ']' || c == '{' || c == '}' || c == '/':
		rest, word := cmapWord(data[1:])
		if c == '/' {
			return rest, cmapTok{s: word, num: true}, ""
		}
		return data[1:], cmapTok{}, "punct"
	default:
		rest, word := cmapWord(data)
		if word == "" {
			return data[1:], cmapTok{}, "junk"
		}
		if (word[0] >= '0' && word[0] <= '9') || word[0] == '-' || word[0] == '.' {
			return rest, cmapTok{s: word, num: true}, ""
		}
		return rest, cmapTok{}, word
	}
}

func cmapWord(data []byte) ([]byte, string) {
	i := 0
	for i < len(data) && !bytes.ContainsRune([]byte(" \t\r\n\f\x00()<>[]{}/%"), rune(data[i])) {
		i++
	}
	return data[i:], string(data[:i])
}

func cmapArray(data []byte) ([]byte, cmapTok, string) {
	var arr []string
	for len(data) > 0 {
		data = bytes.TrimLeft(data, " \t\r\n\f\x00")
		if len(data) == 0 || data[0] == ']' {
			return data[min(1, len(data)):], cmapTok{arr: arr}, ""
		}
		var tok cmapTok
		var kw string
		data, tok, kw = nextCMapToken(data)
		if kw == "" && !tok.num {
			arr = append(arr, tok.s)
		}
	}
	return nil, cmapTok{arr: arr}, ""
}

func literalString(data []byte) ([]byte, cmapTok, string) {
	var out []byte
	depth := 0
	for i := 0; i < len(data); i++ {
		c := data[i]
		switch {
		case c == '\\' && i+1 < len(data):
			i++
			out = append(out, data[i])
		case c == '(':
			if depth > 0 {
				out = append(out, c)
			}
			depth++
		case c == ')':
			depth--
			if depth == 0 {
				return data[i+1:], cmapTok{s: string(out)}, ""
			}
			out = append(out, c)
		default:
			out = append(out, c)
		}
	}
	return nil, cmapTok{s: string(out)}, ""
}

func unhexString(h []byte) string {
	var out []byte
	var cur byte
	n := 0
	for _, c := range h {
		var v byte
		switch {
		case c >= '0' && c <= '9':
			v = c - '0'
		case c >= 'a' && c <= 'f':
			v = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			v = c - 'A' + 10
		default:
			continue
		}
		cur = cur<<4 | v
		n++
		if n == 2 {
			out = append(out, cur)
			cur, n = 0, 0
		}
	}
	if n == 1 {
		out = append(out, cur<<4)
	}
	return string(out)
}
