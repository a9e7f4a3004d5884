package pdf

import (
	"math"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"gongkai/corpus"
)

// line is a run of glyphs sharing a baseline, ordered by x.
type line struct {
	glyphs []glyph
	x0, x1 float64
	y      float64 // baseline
	size   float64
	text   string
}

// mergeVertical joins runs of vertically set glyphs (drawn one under the
// other in the same column, in drawing order) into one glyph each whose
// text reads top to bottom, so that a vertical label stays one string.
func mergeVertical(gs []glyph) []glyph {
	out := make([]glyph, 0, len(gs))
	for _, g := range gs {
		if g.vertical && len(out) > 0 {
			p := &out[len(out)-1]
			below := p.y - g.y // p.y is the run's lowest glyph
			if p.vertical && math.Abs(p.x-g.x) < 0.3*g.size && below > 0 && below < 2*g.size {
				p.text += g.text
				p.h += below
				p.y = g.y
				continue
			}
		}
		if g.vertical {
			g.h = g.size
		}
		out = append(out, g)
	}
	return out
}

// top returns the glyph's upper edge.
func (g glyph) top() float64 {
	if g.vertical {
		return g.y + g.h - 0.12*g.size
	}
	return g.y + 0.88*g.size
}

// box returns the glyph's box [x0, y0, x1, y1] in user space, y up: the
// advance width across, descender to ascender (as top and center take
// them) up and down.
func (g glyph) box() [4]float64 {
	if g.vertical {
		return [4]float64{g.x, g.y - 0.12*g.size, g.x + g.w, g.y + g.h - 0.12*g.size}
	}
	return [4]float64{g.x, g.y - 0.12*g.size, g.x + g.w, g.y + 0.88*g.size}
}

// glyphsLoc returns the place of glyphs printed on page: the union of
// their boxes, rounded to 0.01 pt; nil when there are none.
func glyphsLoc(page int, gs []glyph) *corpus.Loc {
	if len(gs) == 0 {
		return nil
	}
	b := gs[0].box()
	for _, g := range gs[1:] {
		o := g.box()
		b[0], b[1], b[2], b[3] = math.Min(b[0], o[0]), math.Min(b[1], o[1]), math.Max(b[2], o[2]), math.Max(b[3], o[3])
	}
	for i := range b {
		b[i] = math.Round(b[i]*100) / 100
	}
	return &corpus.Loc{Page: page, Box: &b}
}

// center returns the middle of the glyph's box.
func (g glyph) center() (float64, float64) {
	if g.vertical {
		return g.x + g.w/2, g.y - 0.12*g.size + g.h/2
	}
	return g.x + g.w/2, g.y + 0.38*g.size
}

// buildLines groups glyphs into lines by baseline, top to bottom.
func buildLines(gs []glyph) []line {
	if len(gs) == 0 {
		return nil
	}
	gs = slices.Clone(gs)
	slices.SortStableFunc(gs, func(a, b glyph) int {
		if a.top() != b.top() {
			return cmpDesc(a.top(), b.top())
		}
		return cmpAsc(a.x, b.x)
	})
	var lines []line
	cur := []glyph{gs[0]}
	ref := gs[0]
	for _, g := range gs[1:] {
		tol := 0.45 * math.Max(ref.size, g.size)
		if math.Abs(g.top()-ref.top()) > tol {
			lines = append(lines, makeLine(cur))
			cur, ref = nil, g
		}
		cur = append(cur, g)
	}
	return append(lines, makeLine(cur))
}

func makeLine(gs []glyph) line {
	slices.SortStableFunc(gs, func(a, b glyph) int { return cmpAsc(a.x, b.x) })
	l := line{glyphs: gs, x0: gs[0].x, x1: gs[0].right(), y: gs[0].y}
	for _, g := range gs {
		l.x1 = math.Max(l.x1, g.right())
		l.size = math.Max(l.size, g.size)
		l.y = math.Min(l.y, g.y)
	}
	l.text = joinGlyphs(gs)
	return l
}

// joinGlyphs joins glyphs of one line into text. A space goes where the
// gap between one glyph's end and the next glyph's start is wide, except
// between two CJK characters, where justification spreads glyphs apart
// without meaning a word break. Glyphs drawn twice at almost the same place
// (fake bold) are kept once.
func joinGlyphs(gs []glyph) string {
	var sb strings.Builder
	var prev *glyph
	for i := range gs {
		g := &gs[i]
		if prev != nil {
			if g.text == prev.text && math.Abs(g.x-prev.x) < 0.3*g.size {
				continue
			}
			gap := g.x - prev.right()
			wideGap := gap > 1.5*g.size
			if gap > 0.25*g.size && (wideGap || !wide(lastRune(prev.text)) || !wide(firstRune(g.text))) {
				sb.WriteByte(' ')
			}
		}
		sb.WriteString(g.text)
		prev = g
	}
	return strings.Join(strings.Fields(sb.String()), " ")
}

// wide reports whether r is a CJK character or full-width punctuation.
func wide(r rune) bool {
	return unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF) ||
		r == '“' || r == '”' || r == '‘' || r == '’' || r == '…' || r == '—'
}

func firstRune(s string) rune { r, _ := utf8.DecodeRuneInString(s); return r }
func lastRune(s string) rune  { r, _ := utf8.DecodeLastRuneInString(s); return r }

// joinWrapped joins two pieces of text that a line break separated: with
// nothing between CJK characters (a soft wrap), with a space otherwise.
func joinWrapped(a, b string) string {
	if a == "" || b == "" {
		return a + b
	}
	if wide(lastRune(a)) || wide(firstRune(b)) {
		return a + b
	}
	return a + " " + b
}

var (
	headingRE = regexp.MustCompile(`^\s*([一二三四五六七八九十]+、|第[一二三四五六七八九十]+[章节部分])`)
	pageNumRE = regexp.MustCompile(`^[-—–－\s]*(\d{1,4}|第\s*\d{1,4}\s*页(\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}|[Pp]age\s*\d{1,4}(\s*of\s*\d{1,4})?)[-—–－\s]*$`)
)

// para is a paragraph being assembled from lines.
type para struct {
	text     string
	top      float64
	size     float64
	heading  bool
	indented bool // the first line starts right of the left margin
	glyphs   []glyph
}

// buildParas merges lines into paragraphs. A new paragraph starts at an
// indented line, after a line that ends short of the right margin, at a
// wide vertical gap, at a change of font size, and at a numbered heading.
func buildParas(lines []line) []para {
	if len(lines) == 0 {
		return nil
	}
	left, right := lines[0].x0, lines[0].x1
	for _, l := range lines {
		left, right = math.Min(left, l.x0), math.Max(right, l.x1)
	}
	var out []para
	for i, l := range lines {
		if i > 0 && !startsParagraph(lines[i-1], l, left, right) {
			p := &out[len(out)-1]
			p.text = joinWrapped(p.text, l.text)
			p.glyphs = append(p.glyphs, l.glyphs...)
			continue
		}
		out = append(out, para{text: l.text, top: l.y + l.size, size: l.size,
			heading: headingRE.MatchString(l.text), indented: l.x0 > left+0.9*l.size, glyphs: l.glyphs})
	}
	body := medianSize(lines)
	for i := range out {
		short := utf8.RuneCountInString(out[i].text) <= 40
		out[i].heading = short && (out[i].heading || out[i].size >= 1.25*body)
	}
	return out
}

func startsParagraph(prev, l line, left, right float64) bool {
	em := math.Max(prev.size, l.size)
	switch {
	case l.x0 > left+0.9*em:
		return true
	case prev.x1 < right-1.5*em:
		return true
	case prev.y-l.y > 2.3*em:
		return true
	case math.Abs(prev.size-l.size) > 0.15*em:
		return true
	case headingRE.MatchString(l.text), headingRE.MatchString(prev.text):
		return true
	}
	return false
}

func cmpAsc(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func cmpDesc(a, b float64) int { return cmpAsc(b, a) }

// medianSize is the median font size over lines, weighted by length.
func medianSize(lines []line) float64 {
	var sizes []float64
	for _, l := range lines {
		for range l.glyphs {
			sizes = append(sizes, l.size)
		}
	}
	if len(sizes) == 0 {
		return 0
	}
	slices.Sort(sizes)
	return sizes[len(sizes)/2]
}
