package synth

import (
	"bytes"
	"math/rand/v2"
	"strings"
)

// renderRand is the rendering randomness of a Spec: cosmetic choices only,
// independent between renderers.
func renderRand(s *Spec, stream uint64) *rand.Rand {
	return rand.New(rand.NewPCG(s.Seed, stream))
}

// splitLabels are the header labels that pages break over two lines.
var splitLabels = map[string]bool{
	"本年新制作数量": true, "本年新公开数量": true, "上一年项目数量": true, "采购项目数量": true, "本年制发件数": true,
	"本年废止件数": true, "现行有效件数": true, "本年处理决定数量": true, "商业企业": true, "科研机构": true,
	"社会公益组织": true, "法律服务机构": true,
}

// breakLabel splits some long header labels over two lines the way
// Word-exported pages do ("本年新\n制作数量").
func breakLabel(r *rand.Rand, c *mcell) string {
	n := len([]rune(c.text))
	if !c.label || !splitLabels[c.text] || r.IntN(3) != 0 {
		return c.text
	}
	rs := []rune(c.text)
	k := n / 2
	return string(rs[:k]) + "\n" + string(rs[k:])
}

// RenderText renders a report as flattened UTF-8 text: paragraphs one per
// line, tables one cell per line (tab-prefixed) with a blank line after each
// row, and row-spanning cells leaving an empty "\t" line in the rows they
// cover, like the text versions public archives make of report pages.
func RenderText(s Spec) []byte {
	m := buildModel(&s)
	r := renderRand(&s, 2)
	var b bytes.Buffer
	b.Grow(16 << 10)
	b.WriteString(m.title)
	b.WriteString("\n\n")
	for _, blk := range m.blocks {
		switch blk.kind {
		case kTable:
			for _, row := range blk.tab.slots() {
				for _, sl := range row {
					b.WriteByte('\t')
					if !sl.cont {
						b.WriteString(breakLabel(r, sl.cell))
					}
					b.WriteByte('\n')
				}
				b.WriteByte('\n')
			}
		default:
			b.WriteString(blk.text)
			b.WriteByte('\n')
		}
	}
	b.WriteString("\n" + m.signer + "\n" + m.date + "\n")
	return b.Bytes()
}

// RenderMarkdown renders a report as Markdown: headings, paragraphs and pipe
// tables. A table's header rows are flattened into the one pipe header row
// (§4.4: 自然人 | 法人或其他组织 | 总计 | 商业企业 | …), every printed row keeps
// its cells as printed (spanning cells once, no continuations) and rows are
// padded with empty cells to a common width.
func RenderMarkdown(s Spec) []byte {
	m := buildModel(&s)
	var b bytes.Buffer
	b.Grow(16 << 10)
	b.WriteString("# " + m.title + "\n\n")
	for _, blk := range m.blocks {
		switch blk.kind {
		case kHeading:
			b.WriteString("## " + blk.text + "\n\n")
		case kPara:
			b.WriteString(blk.text + "\n\n")
		case kTable:
			writePipeTable(&b, blk.tab)
		}
	}
	b.WriteString(m.signer + "\n\n" + m.date + "\n")
	return b.Bytes()
}

func writePipeTable(b *bytes.Buffer, t *mtable) {
	var lines [][]string
	var head []string
	for i, row := range t.rows {
		var cells []string
		for _, c := range row {
			cells = append(cells, strings.ReplaceAll(c.text, "|", "\\|"))
		}
		if i < t.header {
			head = append(head, cells...)
			continue
		}
		lines = append(lines, cells)
	}
	width := len(head)
	for _, l := range lines {
		width = max(width, len(l))
	}
	row := func(cells []string) {
		b.WriteString("|")
		for i := 0; i < width; i++ {
			b.WriteString(" ")
			if i < len(cells) {
				b.WriteString(cells[i])
			}
			b.WriteString(" |")
		}
		b.WriteString("\n")
	}
	row(head)
	b.WriteString("|" + strings.Repeat(" --- |", width) + "\n")
	for _, l := range lines {
		row(l)
	}
	b.WriteString("\n")
}
