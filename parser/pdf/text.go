package pdf

import (
	"fmt"
	"math"

	lpdf "github.com/ledongthuc/pdf"

	"gongkai/internal/debuglog"
)

func sprint(v any) string { return fmt.Sprint(v) }

// textOp handles the text operators; it reports whether op was one.
func (in *interp) textOp(op string, args []lpdf.Value, res lpdf.Value) bool {
	switch op {
	case "BT":
		in.tm, in.tlm = identity, identity
	case "ET", "Tr":
	case "Tc", "Tw", "Tz", "TL", "Ts":
		in.setParam(op, args)
	case "Tf":
		if len(args) >= 2 {
			in.g.font = in.font(args[len(args)-2].Name(), res)
			in.g.tfs = args[len(args)-1].Float64()
		}
	case "Td", "TD":
		if v, ok := nums(args, 2); ok {
			if op == "TD" {
				in.g.tl = -v[1]
			}
			in.newLine(v[0], v[1])
		}
	case "Tm":
		if v, ok := nums(args, 6); ok {
			in.tm, in.tlm = matrix(v), matrix(v)
		}
	case "T*":
		in.newLine(0, -in.g.tl)
	case "Tj", "'", "\"":
		in.showOp(op, args)
	case "TJ":
		if len(args) >= 1 {
			in.showArray(args[len(args)-1])
		}
	default:
		return false
	}
	return true
}

func (in *interp) setParam(op string, args []lpdf.Value) {
	if len(args) < 1 {
		return
	}
	v := args[len(args)-1].Float64()
	switch op {
	case "Tc":
		in.g.tc = v
	case "Tw":
		in.g.tw = v
	case "Tz":
		in.g.th = v / 100
	case "TL":
		in.g.tl = v
	case "Ts":
		in.g.rise = v
	}
}

func (in *interp) newLine(tx, ty float64) {
	in.tlm = matrix{1, 0, 0, 1, tx, ty}.mul(in.tlm)
	in.tm = in.tlm
}

func (in *interp) showOp(op string, args []lpdf.Value) {
	if len(args) < 1 {
		return
	}
	if op == "\"" && len(args) >= 3 {
		in.g.tw = args[len(args)-3].Float64()
		in.g.tc = args[len(args)-2].Float64()
	}
	if op != "Tj" {
		in.newLine(0, -in.g.tl)
	}
	in.show(args[len(args)-1].RawString())
}

func (in *interp) showArray(v lpdf.Value) {
	for i := 0; i < v.Len(); i++ {
		x := v.Index(i)
		if x.Kind() == lpdf.String {
			in.show(x.RawString())
			continue
		}
		in.move(-x.Float64() / 1000 * in.g.tfs)
	}
}

// move advances the text position by d text space units along the
// writing direction.
func (in *interp) move(d float64) {
	if in.g.font != nil && in.g.font.vertical {
		in.tm = matrix{1, 0, 0, 1, 0, d}.mul(in.tm)
		return
	}
	in.tm = matrix{1, 0, 0, 1, d * in.g.th, 0}.mul(in.tm)
}

// show emits one glyph per code of s and advances the text position by
// the font's own widths (the CIDFont /W array for Type0 fonts).
func (in *interp) show(s string) {
	f := in.g.font
	if f == nil {
		f = &font{dw: 1000, dw2: -1000, missing: 500}
	}
	for _, code := range f.split(s) {
		trm := matrix{in.g.tfs * in.g.th, 0, 0, in.g.tfs, 0, in.g.rise}.mul(in.tm).mul(in.g.ctm)
		size := math.Hypot(trm[2], trm[3])
		adv := f.advance(code)
		gl := glyph{size: size, text: f.text(code), seq: len(in.out.glyphs)}
		if f.vertical {
			gl.vertical = true
			gl.w = size
			gl.x = trm[4] - size/2
			gl.y = trm[5] - 0.88*size
		} else {
			gl.x, gl.y = trm[4], trm[5]
			gl.w = adv / 1000 * math.Hypot(trm[0], trm[1])
		}
		if gl.text != "" && size > 0 {
			in.out.glyphs = append(in.out.glyphs, gl)
		}
		d := adv/1000*in.g.tfs + in.g.tc
		if len(code) == 1 && code[0] == ' ' {
			d += in.g.tw
		}
		in.move(d)
	}
}

// font returns the font resource name, loading it on first use.
func (in *interp) font(name string, res lpdf.Value) *font {
	if f, ok := in.fonts[name]; ok {
		return f
	}
	f := safeLoadFont(res.Key("Font").Key(name))
	in.fonts[name] = f
	return f
}

func safeLoadFont(v lpdf.Value) (f *font) {
	defer func() {
		if r := recover(); r != nil { // the decoder on a damaged font dictionary: default metrics
			debuglog.Recovered("load pdf font", "", r)
			f = &font{dw: 1000, dw2: -1000, missing: 500, composite: true}
		}
	}()
	return loadFont(v)
}
