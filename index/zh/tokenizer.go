package zh

import (
	"fmt"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/go-ego/gse"

	"gongkai/internal/debuglog"
)

// Token is one token as the gse tokenizer emits it, before the analyzer's
// width folding and lower-casing.
type Token struct {
	Term       string // the input text [Start:End]
	Start, End int    // byte offsets into the input
	Position   int    // 1-based, consecutive over words; a sub-word has its parent's position
}

// Segment returns the tokens the "gse" tokenizer emits for text: each word
// followed by its dictionary sub-words at the same Position. To build a
// phrase query, keep the first token of each Position (the word itself),
// or analyze with QueryAnalyzer.
func Segment(text string) []Token {
	stream := tokenize(current(), []byte(text), true)
	out := make([]Token, len(stream))
	for i, t := range stream {
		out[i] = Token{Term: text[t.Start:t.End], Start: t.Start, End: t.End, Position: t.Position}
	}
	return out
}

// Tokenizer is the bleve tokenizer backed by the shared gse segmenter.
// It is safe for concurrent use.
type Tokenizer struct {
	subwords bool // emit dictionary sub-words at their parent's position
}

// Tokenize implements analysis.Tokenizer. Terms are sub-slices of input.
func (t *Tokenizer) Tokenize(input []byte) analysis.TokenStream {
	return tokenize(current(), input, t.subwords)
}

// tokenize segments input with s. A panic while segmenting (none is
// known) is recovered and logged with its stack (debuglog), and the input
// is then tokenized one rune at a time so that no text is dropped from
// the index.
func tokenize(s *segmenter, input []byte, subwords bool) (out analysis.TokenStream) {
	defer func() {
		if r := recover(); r != nil {
			debuglog.Recovered("segment text", fmt.Sprintf("%d bytes, indexed rune by rune", len(input)), r)
			out = runeTokens(input)
		}
	}()
	if s.flat != nil {
		d := s.flat
		spans := d.segment(input, make([]span, 0, len(input)/4+1))
		var slab tokenSlab
		return words(input, spans, subwords, &slab, func(out analysis.TokenStream, tok int32, start, end, pos int) analysis.TokenStream {
			return appendFlatSubwords(out, d, input, tok, start, end, pos, &slab)
		})
	}
	segs := s.seg.Segment(input)
	spans := make([]span, len(segs))
	for i := range segs {
		spans[i] = span{start: segs[i].Start(), end: segs[i].End(), tok: int32(i)}
	}
	var slab tokenSlab
	return words(input, spans, subwords, &slab, func(out analysis.TokenStream, tok int32, start, end, pos int) analysis.TokenStream {
		return appendSubwords(out, input, segs[tok].Token(), start, end, pos)
	})
}

// words turns a segmentation into the token stream: letters and digits
// only, full-width and ASCII alphanumerics joined, each word followed by
// its sub-words (sub) when subwords is set.
func words(input []byte, segs []span, subwords bool, slab *tokenSlab, sub func(out analysis.TokenStream, tok int32, start, end, pos int) analysis.TokenStream) analysis.TokenStream {
	out := make(analysis.TokenStream, 0, len(segs))
	pos := 0
	for i := 0; i < len(segs); i++ {
		start, end := segs[i].start, segs[i].end
		// Full-width digits and letters are single runes to gse: join a
		// run of them (and adjacent ASCII runs) into one token.
		j := i
		for j+1 < len(segs) && foldableAlnum(input[start:end]) && foldableAlnum(input[segs[j+1].start:segs[j+1].end]) {
			j++
			end = segs[j].end
		}
		term := input[start:end]
		typ, ok := classify(term)
		if !ok {
			i = j
			continue
		}
		pos++
		out = append(out, slab.token(term, start, end, pos, typ))
		if subwords && j == i {
			out = sub(out, segs[i].tok, start, end, pos)
		}
		i = j
	}
	return out
}

// tokenSlab hands out analysis.Tokens from blocks: one allocation per
// block instead of one per token.
type tokenSlab []analysis.Token

func (s *tokenSlab) token(term []byte, start, end, pos int, typ analysis.TokenType) *analysis.Token {
	if len(*s) == 0 {
		*s = make([]analysis.Token, 64)
	}
	t := &(*s)[0]
	*s = (*s)[1:]
	*t = analysis.Token{Term: term, Start: start, End: end, Position: pos, Type: typ}
	return t
}

// appendFlatSubwords is appendSubwords for the flat dictionary's token
// tok (pseudoTok has none).
func appendFlatSubwords(out analysis.TokenStream, d *flatDict, input []byte, tok int32, start, end, pos int, slab *tokenSlab) analysis.TokenStream {
	from, to := d.subwords(tok)
	for k := from; k < to; k++ {
		s, e := start+int(d.segFrom[k]), start+int(d.segTo[k])
		// gse never gives a word itself as its sub-word (search mode
		// leaves the whole span out), so spans shrink and this ends.
		if s < start || e > end || s >= e || s == start && e == end {
			continue
		}
		term := input[s:e]
		if typ, ok := classify(term); ok && utf8.RuneCount(term) >= 2 {
			out = append(out, slab.token(term, s, e, pos, typ))
		}
		out = appendFlatSubwords(out, d, input, d.segTok[k], s, e, pos, slab)
	}
	return out
}

// appendSubwords appends the dictionary sub-words of tok (which spans
// input[start:end]) at position pos, depth first: 政府信息公开条例 gives
// 政府信息公开, 政府, 信息公开, 信息, 公开, 条例. Single runes are left out.
func appendSubwords(out analysis.TokenStream, input []byte, tok *gse.Token, start, end, pos int) analysis.TokenStream {
	if tok == nil {
		return out
	}
	for _, sub := range tok.Segments() {
		s, e := start+sub.Start(), start+sub.End()
		if s < start || e > end || s >= e {
			continue
		}
		term := input[s:e]
		if typ, ok := classify(term); ok && utf8.RuneCount(term) >= 2 {
			out = append(out, &analysis.Token{Term: term, Start: s, End: e, Position: pos, Type: typ})
		}
		out = appendSubwords(out, input, sub.Token(), s, e, pos)
	}
	return out
}

// classify tells whether a segment is kept (it holds a letter or a digit)
// and its bleve type: Ideographic when it holds a Han character, Numeric
// when it is all digits, AlphaNumeric otherwise.
func classify(term []byte) (analysis.TokenType, bool) {
	letter, digits := false, true
	for len(term) > 0 {
		r, n := utf8.DecodeRune(term)
		term = term[n:]
		switch {
		case IsHan(r):
			// A Han character makes the segment Ideographic whatever
			// follows: no need to read on.
			return analysis.Ideographic, true
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
	case digits:
		return analysis.Numeric, true
	}
	return analysis.AlphaNumeric, true
}

// IsHan is unicode.Is(unicode.Han, r), without the table search for the
// CJK Unified Ideographs block (TestIsHan checks every rune).
func IsHan(r rune) bool {
	if r >= 0x4E00 && r <= 0x9FFF {
		return true
	}
	return r >= 0x2E80 && unicode.Is(unicode.Han, r)
}

// foldableAlnum reports whether b is made only of ASCII or full-width
// letters and digits (what cjk_width folds to ASCII).
func foldableAlnum(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		b = b[n:]
		if r >= 0xFF01 && r <= 0xFF5E {
			r -= 0xFEE0
		}
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return true
}

// runeTokens is the fallback tokenization: one token per letter or digit.
func runeTokens(input []byte) analysis.TokenStream {
	var out analysis.TokenStream
	pos := 0
	for i := 0; i < len(input); {
		_, n := utf8.DecodeRune(input[i:])
		if typ, ok := classify(input[i : i+n]); ok {
			pos++
			out = append(out, &analysis.Token{Term: input[i : i+n], Start: i, End: i + n, Position: pos, Type: typ})
		}
		i += n
	}
	return out
}
