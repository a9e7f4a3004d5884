package index

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"gongkai/corpus"
)

// TextVersion names the rules of Text. Backends store TextFingerprint (which
// changes whenever Text's output for a fixed set of reports changes, and
// with TextVersion) with an index, so that a change of the text building
// triggers a rebuild without anyone bumping a number by hand.
const TextVersion = "text/2"

// Doc is what an index searches of one report: its text in reading order
// and the headings (title and section titles) that rank above the body.
type Doc struct {
	// Body is the title, every section's title and text (section 0, the
	// preamble, and trailing text included: whatever the record has), then
	// the tables' values, one row a line; layout breaks inside words are
	// joined (Clean). Snippets are cut from it, so highlights land on the
	// characters shown.
	Body string
	// Headings is the title and the section titles, one a line.
	Headings string
}

// Text builds the indexed text of a report. It is the one place that
// decides what an index sees of a report (no backend lays out text of its
// own, and nothing outside index does it for the index).
func Text(r *corpus.Report) Doc {
	var b, h strings.Builder
	b.WriteString(Clean(r.Title))
	h.WriteString(Clean(r.Title))
	for _, s := range r.Sections {
		if t := Clean(s.Title); t != "" {
			b.WriteString("\n")
			b.WriteString(t)
			h.WriteString("\n")
			h.WriteString(t)
		}
		if t := Clean(s.Text); t != "" {
			b.WriteString("\n")
			b.WriteString(t)
		}
	}
	rows := map[string][]string{}
	var order []string
	for _, c := range r.Cells {
		tbl, rest, ok := strings.Cut(c.Key, ".")
		if !ok {
			continue
		}
		row := tbl
		if i := strings.LastIndexByte(rest, '.'); i > 0 && tbl != "active" {
			row = tbl + "." + rest[:i]
		}
		v := strings.TrimSpace(c.Raw)
		if c.State == corpus.StateNumber && c.Value != nil {
			v = corpus.FormatValue(*c.Value)
		}
		if v == "" || c.State == corpus.StateBlank {
			continue
		}
		if _, seen := rows[row]; !seen {
			order = append(order, row)
		}
		rows[row] = append(rows[row], v)
	}
	for _, row := range order {
		b.WriteString("\n")
		b.WriteString(strings.Join(rows[row], " "))
	}
	return Doc{Body: b.String(), Headings: h.String()}
}

// pageNumber is a line that layout put there: a page number between dashes
// (— 4 —, - 12 -), 第 4 页 (共 9 页), 4/9.
var pageNumber = regexp.MustCompile(`^[\s\x{3000}]*(?:[—–\-－－~～]+[\s\x{3000}]*\d{1,4}[\s\x{3000}]*[—–\-－－~～]+|第[\s\x{3000}]*\d{1,4}[\s\x{3000}]*页(?:[\s\x{3000}]*[，,]?[\s\x{3000}]*共[\s\x{3000}]*\d{1,4}[\s\x{3000}]*页)?|\d{1,4}[\s\x{3000}]*/[\s\x{3000}]*\d{1,4})[\s\x{3000}]*$`)

// Clean joins what layout broke apart and keeps what the author separated:
//
//   - lines that are only a page number (— 4 —, 第4页) are dropped;
//   - a run of spaces or a single line break next to a CJK character,
//     with a letter, digit or CJK character on its other side, is removed
//     (政务新⏎媒体 → 政务新媒体, 社会公益 组织 → 社会公益组织, 收到 12 件 →
//     收到12件);
//   - a blank line (paragraph end), punctuation and the spaces between
//     two Latin words or numbers stay.
//
// Relevance in the quality set is "the text contains the string, ignoring
// whitespace"; Clean makes the index agree with it except across
// paragraph ends and punctuation.
func Clean(s string) string {
	if s == "" {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	if strings.Contains(s, "页") || strings.ContainsAny(s, "—–-－~～/") {
		lines := strings.Split(s, "\n")
		kept := lines[:0]
		for _, l := range lines {
			if pageNumber.MatchString(l) {
				continue
			}
			kept = append(kept, l)
		}
		s = strings.Join(kept, "\n")
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isSpace(r) {
			b.WriteString(s[i : i+size])
			i += size
			continue
		}
		j := i
		breaks := 0
		for j < len(s) {
			c, sz := utf8.DecodeRuneInString(s[j:])
			if !isSpace(c) {
				break
			}
			if c == '\n' {
				breaks++
			}
			j += sz
		}
		prev, _ := utf8.DecodeLastRuneInString(s[:i])
		next, _ := utf8.DecodeRuneInString(s[j:])
		switch {
		case i == 0 || j == len(s):
			// leading or trailing space: dropped
		case breaks <= 1 && joins(prev, next):
			// a layout break inside a word or phrase
		case breaks >= 2:
			b.WriteString("\n\n")
		case breaks == 1:
			b.WriteString("\n")
		default:
			b.WriteString(" ")
		}
		i = j
	}
	return b.String()
}

func isSpace(r rune) bool { return unicode.IsSpace(r) || r == '\u3000' || r == '\u00a0' }

// cjk reports whether r is a CJK ideograph (or kana/hangul).
func cjk(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

// joins says whether whitespace between prev and next is a layout break.
func joins(prev, next rune) bool {
	word := func(r rune) bool { return cjk(r) || unicode.IsLetter(r) || unicode.IsDigit(r) }
	return cjk(prev) && word(next) || cjk(next) && word(prev)
}

// textFixture is a report exercising every rule of Text and Clean; its
// output is hashed into TextFingerprint.
var textFixture = &corpus.Report{
	Title: "某某区人民政府2023年政府信息公开\n工作年度报告",
	Sections: []corpus.Section{
		{No: 0, Title: "前言", Text: "根据《中华人民共和国政府信息公开条例》\n规定，编制本报告。\n\n联系地址：某某街道 某某路1号"},
		{No: 1, Title: "一、总体情况", Text: "政务新\n媒体 社会公益 组织\n— 4 —\n收到 12 件。LED display 2023 年\n第 3 页 共 9 页\n岚综管办〔2018〕12号"},
		{No: 2, Title: "", Text: "  尾部 签名  "},
	},
	Cells: []corpus.Cell{
		{Key: "apply.new_received.natural", Raw: "12", State: corpus.StateNumber, Value: ptr(12)},
		{Key: "apply.new_received.total", Raw: "13", State: corpus.StateNumber, Value: ptr(13)},
		{Key: "active.a20_1.rules.issued", Raw: "—", State: corpus.StateBlank},
	},
}

func ptr(f float64) *float64 { return &f }

// TextFingerprint identifies the text building: TextVersion and a hash of
// Text's output on a fixed report. Backends put it into their version.
func TextFingerprint() string {
	d := Text(textFixture)
	sum := sha256.Sum256([]byte(TextVersion + "\x00" + d.Body + "\x00" + d.Headings))
	return TextVersion + "-" + hex.EncodeToString(sum[:6])
}
