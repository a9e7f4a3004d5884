package pdf

import (
	"errors"
	"math"

	lpdf "github.com/ledongthuc/pdf"

	"gongkai/internal/debuglog"
)

// Limits on the work done for one page, so that hostile input cannot hang
// the extractor: operators interpreted, glyphs kept, form nesting.
const (
	maxOpsPerPage    = 2_000_000
	maxGlyphsPerPage = 200_000
	maxFormDepth     = 8
)

var errPageTooBig = errors.New("page content exceeds the work limit")

// glyph is one shown character (or, after mergeVertical, a run of
// vertically set characters) in user space, y increasing upwards.
type glyph struct {
	x, y     float64 // origin: left end of the baseline
	w        float64 // advance width (horizontal extent)
	h        float64 // vertical extent of a merged vertical run
	size     float64 // effective font size
	text     string
	vertical bool
	seq      int // drawing order
}

func (g glyph) right() float64 { return g.x + g.w }

// segment is a drawn straight line (a table rule), axis-aligned.
type segment struct {
	x0, y0, x1, y1 float64 // x0<=x1, y0<=y1
}

func (s segment) horizontal() bool { return s.y1-s.y0 <= 1.5 && s.x1-s.x0 > 1.5 }
func (s segment) vertical() bool   { return s.x1-s.x0 <= 1.5 && s.y1-s.y0 > 1.5 }

// pageContent is what one page draws.
type pageContent struct {
	glyphs   []glyph
	segments []segment
	images   int
}

type matrix [6]float64 // a b c d e f

var identity = matrix{1, 0, 0, 1, 0, 0}

func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func (m matrix) apply(x, y float64) (float64, float64) {
	return x*m[0] + y*m[2] + m[4], x*m[1] + y*m[3] + m[5]
}

type gstate struct {
	ctm                       matrix
	tc, tw, th, tl, tfs, rise float64
	font                      *font
}

// interp walks content streams, keeping the graphics and text state.
type interp struct {
	out   pageContent
	g     gstate
	stack []gstate
	tm    matrix
	tlm   matrix
	ops   int
	path  []segment
	boxes []segment  // edges of full rectangles: rules only when stroked
	cur   [2]float64 // current point (user space, before CTM)
	start [2]float64
	fonts map[string]*font
}

// readContent interprets the page's content streams.
func readContent(p lpdf.Page) (pc pageContent, err error) {
	in := &interp{fonts: map[string]*font{}}
	in.g = gstate{ctm: identity, th: 1}
	defer func() {
		if r := recover(); r != nil { // the PDF decoder on a content stream: a warning diagnostic (extractPage)
			if e, ok := r.(error); ok && errors.Is(e, errPageTooBig) {
				err = errPageTooBig
			} else {
				err = debuglog.Recovered("read pdf content stream", "", r)
			}
			pc = in.out // keep what was read before the fault
		}
	}()
	contents := p.V.Key("Contents")
	if contents.Kind() == lpdf.Null {
		return pageContent{}, nil
	}
	in.run(contents, p.Resources(), 0)
	return in.out, nil
}

func (in *interp) run(strm, res lpdf.Value, depth int) {
	lpdf.Interpret(strm, func(stk *lpdf.Stack, op string) {
		in.ops++
		if in.ops > maxOpsPerPage || len(in.out.glyphs) > maxGlyphsPerPage {
			panic(errPageTooBig)
		}
		args := make([]lpdf.Value, stk.Len())
		for i := len(args) - 1; i >= 0; i-- {
			args[i] = stk.Pop()
		}
		in.op(op, args, res, depth)
	})
}

func nums(args []lpdf.Value, n int) ([]float64, bool) {
	if len(args) < n {
		return nil, false
	}
	out := make([]float64, n)
	for i := range n {
		out[i] = args[len(args)-n+i].Float64()
	}
	return out, true
}

func (in *interp) op(op string, args []lpdf.Value, res lpdf.Value, depth int) {
	if in.textOp(op, args, res) || in.pathOp(op, args) {
		return
	}
	switch op {
	case "q":
		if len(in.stack) < 256 {
			in.stack = append(in.stack, in.g)
		}
	case "Q":
		if n := len(in.stack); n > 0 {
			in.g = in.stack[n-1]
			in.stack = in.stack[:n-1]
		}
	case "cm":
		if v, ok := nums(args, 6); ok {
			in.g.ctm = matrix(v).mul(in.g.ctm)
		}
	case "Do":
		if len(args) == 1 {
			in.do(args[0].Name(), res, depth)
		}
	case "BI":
		in.out.images++
	}
}

// do handles an XObject: images are counted, forms are interpreted.
func (in *interp) do(name string, res lpdf.Value, depth int) {
	x := res.Key("XObject").Key(name)
	switch x.Key("Subtype").Name() {
	case "Image":
		in.out.images++
	case "Form":
		if depth >= maxFormDepth {
			return
		}
		saved, savedFonts := in.g, in.fonts
		if m, ok := nums(arrayValues(x.Key("Matrix")), 6); ok {
			in.g.ctm = matrix(m).mul(in.g.ctm)
		}
		fres := x.Key("Resources")
		if fres.Kind() == lpdf.Null {
			fres = res
		} else {
			in.fonts = map[string]*font{}
		}
		in.run(x, fres, depth+1)
		in.g, in.fonts = saved, savedFonts
	}
}

func arrayValues(v lpdf.Value) []lpdf.Value {
	out := make([]lpdf.Value, 0, v.Len())
	for i := 0; i < v.Len() && i < 16; i++ {
		out = append(out, v.Index(i))
	}
	return out
}

// pathOp records straight lines and rectangles that can be table rules.
func (in *interp) pathOp(op string, args []lpdf.Value) bool {
	switch op {
	case "m":
		if v, ok := nums(args, 2); ok {
			in.cur = [2]float64{v[0], v[1]}
			in.start = in.cur
		}
	case "l":
		if v, ok := nums(args, 2); ok {
			in.addLine(in.cur[0], in.cur[1], v[0], v[1])
			in.cur = [2]float64{v[0], v[1]}
		}
	case "h":
		in.addLine(in.cur[0], in.cur[1], in.start[0], in.start[1])
		in.cur = in.start
	case "re":
		if v, ok := nums(args, 4); ok {
			x, y, w, h := v[0], v[1], v[2], v[3]
			in.addRect(x, y, w, h)
			in.cur, in.start = [2]float64{x, y}, [2]float64{x, y}
		}
	case "c", "v", "y":
		if len(args) >= 2 {
			in.cur = [2]float64{args[len(args)-2].Float64(), args[len(args)-1].Float64()}
		}
	case "S", "s", "B", "B*", "b", "b*":
		in.flushPath(true)
	case "f", "F", "f*":
		in.flushPath(false) // a filled box is a background, not a border
	case "n":
		in.path, in.boxes = in.path[:0], in.boxes[:0] // clipping paths draw nothing
	default:
		return false
	}
	return true
}

func (in *interp) flushPath(stroked bool) {
	if len(in.out.segments) < maxGlyphsPerPage {
		in.out.segments = append(in.out.segments, in.path...)
		if stroked {
			in.out.segments = append(in.out.segments, in.boxes...)
		}
	}
	in.path, in.boxes = in.path[:0], in.boxes[:0]
}

func (in *interp) addLine(x0, y0, x1, y1 float64) {
	ax, ay := in.g.ctm.apply(x0, y0)
	bx, by := in.g.ctm.apply(x1, y1)
	s := segment{math.Min(ax, bx), math.Min(ay, by), math.Max(ax, bx), math.Max(ay, by)}
	if s.horizontal() || s.vertical() {
		in.path = append(in.path, s)
	}
}

// addRect adds a rectangle: a thin one is a rule; a larger one adds its
// four edges (a cell border drawn as a box, or a cell background whose
// edges coincide with the rules).
func (in *interp) addRect(x, y, w, h float64) {
	ax, ay := in.g.ctm.apply(x, y)
	bx, by := in.g.ctm.apply(x+w, y+h)
	s := segment{math.Min(ax, bx), math.Min(ay, by), math.Max(ax, bx), math.Max(ay, by)}
	switch {
	case s.y1-s.y0 <= 3 && s.x1-s.x0 > 3:
		y := (s.y0 + s.y1) / 2
		in.path = append(in.path, segment{s.x0, y, s.x1, y})
	case s.x1-s.x0 <= 3 && s.y1-s.y0 > 3:
		x := (s.x0 + s.x1) / 2
		in.path = append(in.path, segment{x, s.y0, x, s.y1})
	case s.x1-s.x0 > 3 && s.y1-s.y0 > 3:
		in.boxes = append(in.boxes,
			segment{s.x0, s.y0, s.x1, s.y0}, segment{s.x0, s.y1, s.x1, s.y1},
			segment{s.x0, s.y0, s.x0, s.y1}, segment{s.x1, s.y0, s.x1, s.y1})
	}
}
