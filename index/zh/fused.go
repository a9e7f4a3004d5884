package zh

import (
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/segment"
)

// The fused analyses give exactly the token streams of WordAnalyzer and
// BigramAnalyzer (terms, positions, byte offsets, types), for less: the
// index calls them instead of the analyzers when it indexes a document
// (index/bleve's leanField), and the analyzers stay registered and in the
// mapping as they were, so existing indexes open unchanged and queries
// are analysed by bleve's chain. They are written here rather than taken
// from a library because they must reproduce bleve's own filter chain to
// the byte; FuzzFusedSameAsChain and TestFused_Corpus compare them with
// the chain.
//
// What they save:
//   - cjk_width copies every term into runes and back (bytes.Runes,
//     BuildTermFromRunes), and to_lower walks it again. Most terms (all
//     Han text) are left unchanged by both: plainTerm recognises them, and
//     they stay sub-slices of the input. The others go through bleve's own
//     filters, one token at a time.
//   - The bigram chain's unicode tokenizer allocates a token per Han
//     character and cjk_bigram a new token and a new term per bigram. The
//     fused bigram analysis emits the final tokens directly, a bigram's
//     term being a sub-slice of the input when its two characters are.
//   - The unicode tokenizer runs blevesearch/segment's word-break machine
//     once per segment. A Han character or a common punctuation or space
//     character followed by a character that cannot extend it (safeNext)
//     is a segment of its own whatever the machine's state, so those are
//     cut without it (fastSegment; TestFastSegment_Exhaustive checks every
//     such pair against the machine).

// Fused returns the fused analysis of the analyzer registered as name
// (WordAnalyzer or BigramAnalyzer), or nil for the others. The function
// does not modify its input; terms may be sub-slices of it.
func Fused(name string) func(input []byte) analysis.TokenStream {
	switch name {
	case WordAnalyzer:
		return fusedWords
	case BigramAnalyzer:
		return fusedBigrams
	}
	return nil
}

var (
	widthFilter = cjk.NewCJKWidthFilter()
	lowerFilter = lowercase.NewLowerCaseFilter()
)

// fusedWords is WordAnalyzer: the gse tokenizer with sub-words, then
// cjk_width and to_lower.
func fusedWords(input []byte) analysis.TokenStream {
	ts := tokenize(current(), input, true)
	for _, t := range ts {
		if !plainTerm(t.Term) {
			fold(t)
		}
	}
	return ts
}

// fold applies cjk_width then to_lower to t, as the chain does (the width
// filter gives the term a copy of its own, which to_lower then changes).
func fold(t *analysis.Token) {
	one := analysis.TokenStream{t}
	lowerFilter.Filter(widthFilter.Filter(one))
}

// plainTerm reports whether cjk_width and to_lower leave term's bytes as
// they are: valid UTF-8 with no full-width ASCII form, no half-width
// Katakana, and nothing that has a lower case.
func plainTerm(term []byte) bool {
	for i := 0; i < len(term); {
		c := term[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(term[i:])
		i += n
		switch {
		case r >= 0x4E00 && r <= 0x9FFF: // CJK Unified Ideographs: no case, no width form
		case r == utf8.RuneError && n == 1:
			return false // cjk_width re-encodes it as U+FFFD
		case r >= 0xFF01 && r <= 0xFF5E || r >= 0xFF65 && r <= 0xFF9F:
			return false
		case unicode.ToLower(r) != r:
			return false
		}
	}
	return true
}

// unit is one character of an Ideographic token: the bigram filter's
// buffered token.
type unit struct {
	term       []byte
	start, end int
	input      bool // term is input[start:end]
}

// bigramState is cjk_bigram (without unigrams) over a token stream that
// is built as it goes.
type bigramState struct {
	input  []byte
	out    analysis.TokenStream
	slab   tokenSlab
	outPos int
	prev   unit // the older buffered character (when items is 2)
	last   unit // the newest buffered character
	items  int  // characters buffered: 0, 1 or 2
}

func (b *bigramState) emit(term []byte, start, end int, typ analysis.TokenType) {
	b.out = append(b.out, b.slab.token(term, start, end, b.outPos, typ))
	b.outPos++
}

// flush emits the lone buffered character as a unigram and empties the
// buffer (CJKBigramFilter.flush).
func (b *bigramState) flush() {
	if b.items == 1 {
		b.emit(b.last.term, b.last.start, b.last.end, analysis.Single)
	}
	b.items = 0
}

// char takes one character of an Ideographic token.
func (b *bigramState) char(u unit) {
	if b.items > 0 && u.start != b.last.end {
		b.flush()
	}
	b.prev, b.last = b.last, u
	if b.items < 2 {
		b.items++
	}
	if b.items == 2 {
		var term []byte
		if b.prev.input && b.last.input {
			term = b.input[b.prev.start:b.last.end]
		} else {
			term = make([]byte, 0, len(b.prev.term)+len(b.last.term))
			term = append(append(term, b.prev.term...), b.last.term...)
		}
		b.emit(term, b.prev.start, b.last.end, analysis.Double)
	}
}

// token takes one token of the unicode tokenizer after cjk_width and
// to_lower: its term, offsets, type and whether term is input[start:end].
func (b *bigramState) token(term []byte, start, end int, typ analysis.TokenType, fromInput bool) {
	if typ != analysis.Ideographic {
		b.flush()
		b.emit(term, start, end, typ)
		return
	}
	// cjk_bigram splits the term into runes (bytes.Runes), each at the
	// token's start plus the byte length of the runes before it.
	sofar := 0
	for sofar < len(term) {
		// Terms here are valid UTF-8 (plainTerm, or re-encoded by
		// cjk_width), so a rune's length is the bytes it was decoded from.
		_, n := utf8.DecodeRune(term[sofar:])
		b.char(unit{term: term[sofar : sofar+n], start: start + sofar, end: start + sofar + n, input: fromInput})
		sofar += n
	}
}

// fusedBigrams is BigramAnalyzer: the unicode tokenizer, cjk_width,
// to_lower and cjk_bigram.
func fusedBigrams(input []byte) analysis.TokenStream {
	b := bigramState{input: input, out: make(analysis.TokenStream, 0, len(input)/3+8), outPos: 1}
	// As segment.Segmenter over the whole input: each segment is cut by a
	// fresh run of the machine from where the last one ended; a segment
	// is a token unless its type is None; the tokenizer's offsets add up
	// the segments' lengths.
	at, off := 0, 0
	for at < len(input) {
		adv, seg, typ, ok := fastSegment(input[at:])
		if !ok {
			var err error
			adv, seg, typ, err = segment.SegmentWords(input[at:], true)
			if err != nil || adv < 0 || adv > len(input)-at {
				break
			}
		}
		at += adv
		if seg == nil {
			break
		}
		start, end := off, off+len(seg)
		off = end
		if typ == segment.None {
			continue
		}
		tt := analysis.AlphaNumeric
		switch typ {
		case segment.Ideo, segment.Kana:
			tt = analysis.Ideographic
		case segment.Number:
			tt = analysis.Numeric
		}
		if plainTerm(seg) {
			b.token(seg, start, end, tt, sameBytes(seg, input, start, end))
			continue
		}
		t := &analysis.Token{Term: seg, Start: start, End: end, Position: 0, Type: tt}
		fold(t)
		b.token(t.Term, t.Start, t.End, tt, false)
	}
	b.flush()
	return b.out
}

// sameBytes reports whether seg is input[start:end] (it is unless a
// segment's advance differed from its length).
func sameBytes(seg, input []byte, start, end int) bool {
	return end <= len(input) && len(seg) > 0 && &seg[0] == &input[start] && len(seg) == end-start
}

// fastSegment cuts the segment at the start of data without the machine
// when it is one Han character (U+4E00–U+9FA5, segment type Ideo) or one
// common space or punctuation character (type None), followed by the end
// of data or by a character that cannot extend it (safeNext).
func fastSegment(data []byte) (int, []byte, int, bool) {
	var r rune
	n := 1
	if c := data[0]; c < utf8.RuneSelf {
		r = rune(c)
	} else if c >= 0xE2 && c <= 0xEF && len(data) >= 3 {
		r, n = utf8.DecodeRune(data)
	} else {
		return 0, nil, 0, false
	}
	typ := segment.Ideo
	switch {
	case r >= 0x4E00 && r <= 0x9FA5:
	case fastNone(r):
		typ = segment.None
	default:
		return 0, nil, 0, false
	}
	if n < len(data) {
		next, m := utf8.DecodeRune(data[n:])
		if (next == utf8.RuneError && m == 1) || !safeNext(next) {
			return 0, nil, 0, false
		}
	}
	return n, data[:n], typ, true
}

// fastNone reports whether r is one of the space and punctuation
// characters that fastSegment cuts as a None segment of its own.
func fastNone(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '，', '。', '、', '：', '；', '（', '）', '“', '”', '‘', '’', '《', '》',
		'【', '】', '！', '？', '　', '—', '…', '〔', '〕', '「', '」', '％', '．':
		return true
	}
	return false
}

// safeNext reports whether a segment of one Han or fastNone character
// ends before r: r is neither Extend nor Format for word breaking (the
// only classes that extend such a segment), which
// TestFastSegment_Exhaustive checks for every such r.
func safeNext(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return true
	case r >= 0x4E00 && r <= 0x9FA5:
		return true
	case r >= 0x3000 && r <= 0x3029:
		return true
	case r >= 0xFF01 && r <= 0xFF5E:
		return true
	case r >= 0x2010 && r <= 0x2027:
		return true
	}
	return false
}
