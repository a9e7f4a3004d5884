package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

const (
	bodyFont  = `font-size:16.0pt;font-family:仿宋_GB2312;mso-hansi-font-family:"Times New Roman";mso-bidi-font-family:仿宋_GB2312`
	tableFont = `font-size:10.5pt;font-family:宋体;mso-bidi-font-family:宋体;mso-font-kerning:0pt`
	tdStyle   = `border:solid windowtext 1.0pt;mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt`
)

// writeRuns writes text as Word does: split into <span> runs at arbitrary
// points (inside words and numbers too), digit runs marked lang=EN-US.
func writeRuns(b *strings.Builder, r *rand.Rand, text, font string) {
	rs := []rune(text)
	for len(rs) > 0 {
		n := len(rs)
		if n > 3 && r.IntN(3) > 0 {
			n = 1 + r.IntN(min(n-1, 40))
		}
		run := string(rs[:n])
		rs = rs[n:]
		if isASCII(run) {
			b.WriteString(`<span lang=EN-US style='` + font + `;font-family:"Times New Roman"'>`)
		} else {
			b.WriteString(`<span style='` + font + `'>`)
		}
		if strings.ContainsAny(run, `&<>"`) {
			run = htmlEscaper.Replace(run)
		}
		b.WriteString(run)
		b.WriteString("</span>")
	}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func writeBody(b *strings.Builder, m *model, r *rand.Rand) {
	b.WriteString("<!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View><w:Zoom>0</w:Zoom><w:PunctuationKerning/></w:WordDocument></xml><![endif]-->\n")
	b.WriteString("<div class=WordSection1 style='layout-grid:15.6pt'>\n")
	b.WriteString("<p class=MsoNormal align=center style='text-align:center;line-height:28.0pt;mso-line-height-rule:exactly'><b><span style='font-size:22.0pt;font-family:方正小标宋简体'>")
	b.WriteString(htmlEscaper.Replace(m.title))
	b.WriteString("</span></b><span lang=EN-US style='font-size:22.0pt'><o:p></o:p></span></p>\n")
	b.WriteString("<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>\n")
	for _, blk := range m.blocks {
		switch blk.kind {
		case kHeading:
			b.WriteString("<p class=MsoNormal style='text-indent:32.0pt;mso-char-indent-count:2.0;line-height:28.0pt;mso-line-height-rule:exactly'><b>")
			writeRuns(b, r, blk.text, "font-size:16.0pt;font-family:黑体")
			b.WriteString("</b><span lang=EN-US><o:p></o:p></span></p>\n")
		case kPara:
			b.WriteString("<p class=MsoNormal style='text-indent:32.0pt;mso-char-indent-count:2.0;line-height:28.0pt;mso-line-height-rule:exactly'>")
			if r.IntN(4) == 0 {
				b.WriteString("<span lang=EN-US style='font-size:16.0pt'>&nbsp;&nbsp;&nbsp;&nbsp;</span>")
			}
			writeRuns(b, r, blk.text, bodyFont)
			b.WriteString("<span lang=EN-US style='font-size:16.0pt'><o:p></o:p></span></p>\n")
		case kTable:
			if src, ok := m.pictures[blk.tab]; ok {
				fmt.Fprintf(b, "<p class=MsoNormal align=center style='text-align:center'><img width=640 src=\"%s\" alt=\"\"></p>\n", src)
				continue
			}
			writeHTMLTable(b, blk.tab, r)
		}
	}
	fmt.Fprintf(b, "<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>\n<p class=MsoNormal align=right style='text-align:right'>")
	writeRuns(b, r, m.signer, bodyFont)
	b.WriteString("<span lang=EN-US><o:p></o:p></span></p>\n<p class=MsoNormal align=right style='text-align:right'>")
	writeRuns(b, r, m.date, bodyFont)
	b.WriteString("<span lang=EN-US><o:p></o:p></span></p>\n</div>\n")
}

func writeHTMLTable(b *strings.Builder, t *mtable, r *rand.Rand) {
	width := 600
	fmt.Fprintf(b, "<div align=center>\n<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 width=%d style='width:%d.0pt;border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt;mso-yfti-tbllook:1184;mso-padding-alt:0cm 5.4pt 0cm 5.4pt'>\n", width, width*3/4)
	for i, row := range t.rows {
		fmt.Fprintf(b, " <tr style='mso-yfti-irow:%d;height:20.0pt'>\n", i)
		for _, c := range row {
			b.WriteString("  <td")
			fmt.Fprintf(b, " width=%d", width*max(c.cs, 1)/t.cols)
			if c.cs > 1 {
				fmt.Fprintf(b, " colspan=%d", c.cs)
			}
			if c.rs > 1 {
				fmt.Fprintf(b, " rowspan=%d", c.rs)
			}
			fmt.Fprintf(b, " valign=center style='%s'><p class=MsoNormal align=center style='text-align:center'>", tdStyle)
			switch {
			case c.text == "":
				b.WriteString("<span lang=EN-US style='" + tableFont + "'>&nbsp;<o:p></o:p></span>")
			case c.label && splitLabels[c.text] && r.IntN(3) == 0:
				rs := []rune(c.text)
				writeRuns(b, r, string(rs[:len(rs)/2]), tableFont)
				b.WriteString("<br />")
				writeRuns(b, r, string(rs[len(rs)/2:]), tableFont)
				b.WriteString("<span lang=EN-US style='" + tableFont + "'><o:p></o:p></span>")
			default:
				writeRuns(b, r, c.text, tableFont)
				b.WriteString("<span lang=EN-US style='" + tableFont + "'><o:p></o:p></span>")
			}
			b.WriteString("</p></td>\n")
		}
		b.WriteString(" </tr>\n")
	}
	b.WriteString("</table>\n</div>\n")
}
