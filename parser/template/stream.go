package template

import (
	"strings"
	"unicode/utf8"

	"gongkai/corpus"
	"gongkai/parser/layout"
	"gongkai/parser/text"
)

// token is one cell of the linearised document: a paragraph, a line or a
// table cell, normalised (NormText). Labels are matched on the compact form
// of all tokens concatenated, so a label split over cells or lines still
// matches; values are read from the tokens between two labels.
type token struct {
	text  string
	where string
	cell  bool // a table cell (an empty one is a blank value)
	row   int  // the printed row (a paragraph or line is a row of its own)
	// unsure: an OCR'd cell whose reading is not trusted (layout.Cell.Uncertain).
	unsure bool
	conf   float64     // OCR confidence of the cell (layout.Cell.Conf)
	ocr    bool        // a cell read by OCR (layout.Cell.OCR)
	at     *corpus.Loc // the cell's or block's place in the original
}

// stream is the document as tokens plus a compact string for label search.
type stream struct {
	toks    []token
	compact string
	// pos maps every byte of compact to the token and byte offset it came from.
	posTok []int32
	posOff []int32
	// merged: the text comes from an archive export that merges identical
	// consecutive lines (a header block 标题/发布时间/…/正文 above it), so a
	// short table row may have lost repeated values (fitMerged).
	merged bool
	// ocr: some of the document's tables were read by OCR, so long labels
	// are also looked for with a few edits.
	ocr bool
}

// at is a position in the stream: a token and a byte offset in its text.
type at struct{ tok, off int }

func newStream(doc *layout.Document) *stream {
	st := &stream{merged: doc.Meta[text.MergedLinesKey] != ""}
	ntok := 0
	for i := range doc.Blocks {
		if b := &doc.Blocks[i]; b.Kind != layout.Table {
			ntok++
		} else {
			for _, row := range b.Rows {
				ntok += len(row)
			}
		}
	}
	st.toks = make([]token, 0, ntok)
	rowID := 0
	for i := range doc.Blocks {
		b := &doc.Blocks[i]
		if b.Kind != layout.Table {
			// Plain-text tables flattened one cell per line keep empty cells as
			// lines of white space: those are blank values too.
			rowID++
			st.toks = append(st.toks, token{text: NormText(b.Text), where: b.Where, cell: b.Text != "" && strings.TrimSpace(b.Text) == "", row: rowID, at: b.At})
			continue
		}
		for _, row := range b.Rows {
			rowID++
			for _, c := range row {
				st.toks = append(st.toks, token{text: NormText(c.Text), where: b.Where, cell: true, row: rowID, unsure: c.Uncertain, conf: c.Conf, ocr: c.OCR, at: c.At})
				st.ocr = st.ocr || c.OCR
			}
		}
	}
	total := 0
	for _, t := range st.toks {
		total += len(t.text)
	}
	var sb strings.Builder
	sb.Grow(total)
	posTok := make([]int32, 0, total)
	posOff := make([]int32, 0, total)
	for ti, t := range st.toks {
		s := t.text
		for off := 0; off < len(s); {
			// The bytes of each rune kept are copied as they stand, which
			// is what WriteRune wrote, except for a broken byte: WriteRune
			// wrote U+FFFD for it (NormText leaves none). ASCII is most of
			// the cells. The maps grow in locals, not through st.
			c := s[off]
			r, size := rune(c), 1
			if c >= utf8.RuneSelf {
				r, size = utf8.DecodeRuneInString(s[off:])
			}
			if dropInLabel(r) {
				off += size
				continue
			}
			n := sb.Len()
			if r == utf8.RuneError && size == 1 {
				sb.WriteRune(r)
			} else {
				sb.WriteString(s[off : off+size])
			}
			for range sb.Len() - n {
				posTok = append(posTok, int32(ti))
				posOff = append(posOff, int32(off))
			}
			off += size
		}
	}
	st.compact = sb.String()
	st.posTok, st.posOff = posTok, posOff
	return st
}

// toAt converts a compact offset to a stream position; len(compact) maps to
// the end of the stream.
func (st *stream) toAt(c int) at {
	if c >= len(st.posTok) {
		return at{tok: len(st.toks), off: 0}
	}
	return at{tok: int(st.posTok[c]), off: int(st.posOff[c])}
}

// endAt converts the compact offset just past a match to a stream position.
func (st *stream) endAt(c int) at {
	if c <= 0 {
		return at{}
	}
	if c >= len(st.posTok) {
		last := st.toks[len(st.toks)-1]
		return at{tok: len(st.toks) - 1, off: len(last.text)}
	}
	// The byte just before c belongs to the match; the end is after its rune.
	t, off := int(st.posTok[c-1]), int(st.posOff[c-1])
	text := st.toks[t].text
	_, size := utf8.DecodeRuneInString(text[off:])
	return at{tok: t, off: off + size}
}

// piece is a run of text between two labels: a whole token, or the part of
// a token before or after a label.
type piece struct {
	text   string
	where  string
	whole  bool // a whole token (an empty whole cell is a blank value)
	cell   bool
	row    int
	unsure bool    // from an OCR'd cell whose reading is not trusted
	conf   float64 // OCR confidence of the token
	ocr    bool    // from a cell read by OCR
	at     *corpus.Loc
}

// between returns the pieces from a to b.
func (st *stream) between(a, b at) []piece {
	var out []piece
	for t := a.tok; t <= b.tok && t < len(st.toks); t++ {
		tk := st.toks[t]
		lo, hi := 0, len(tk.text)
		if t == a.tok {
			lo = a.off
		}
		if t == b.tok {
			hi = b.off
		}
		if lo > hi {
			continue
		}
		whole := lo == 0 && hi == len(tk.text)
		if t == b.tok && b.off == 0 {
			continue // the next label starts this token
		}
		if t == a.tok && a.off > 0 {
			whole = false
		}
		out = append(out, piece{text: tk.text[lo:hi], where: tk.where, whole: whole, cell: tk.cell, row: tk.row, unsure: tk.unsure, conf: tk.conf, ocr: tk.ocr, at: tk.at})
	}
	return out
}

// index finds needle in the compact string at or after from; -1 if absent.
func (st *stream) index(needle string, from int) int {
	if from >= len(st.compact) {
		return -1
	}
	i := strings.Index(st.compact[from:], needle)
	if i < 0 {
		return -1
	}
	return from + i
}
