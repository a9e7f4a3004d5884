// Package text extracts plain-text and Markdown reports: one block per
// line, Markdown pipe tables as table blocks, and the "key: value" header
// that web-archive text copies carry above a "==== 正文 ====" rule.
package text

import (
	"errors"
	"fmt"
	"strings"

	"gongkai/parser/layout"
	"gongkai/parser/textenc"
)

// ErrEmpty is returned for a file with no text.
var ErrEmpty = errors.New("no text")

// maxLine bounds one line; longer lines (a whole report on one line is
// common in flattened copies) are kept whole, but a line over this size is
// cut into pieces at this size so that no later stage sees a huge token.
const maxLine = 1 << 20

// Extract reads a plain-text (markdown=false) or Markdown report.
func Extract(data []byte, markdown bool) (*layout.Document, error) {
	s, enc, err := textenc.Decode(data)
	if err != nil {
		return nil, fmt.Errorf("decode text: %w", err)
	}
	doc := &layout.Document{Format: "text", Encoding: enc, Meta: map[string]string{}}
	if markdown {
		doc.Format = "markdown"
	}
	lines := strings.Split(strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n"), "\n")
	start := readHeader(lines, doc)
	var table *layout.Block
	flush := func() {
		if table != nil {
			doc.Blocks = append(doc.Blocks, *table)
			table = nil
		}
	}
	for i := start; i < len(lines); i++ {
		line := lines[i]
		where := fmt.Sprintf("line %d", i+1)
		if markdown {
			if cells, ok := pipeRow(line); ok {
				if table == nil {
					table = &layout.Block{Kind: layout.Table, Where: where}
				}
				if !isRule(cells) {
					table.Rows = append(table.Rows, cells)
				}
				continue
			}
			flush()
			if h := strings.TrimLeft(line, "#"); len(h) < len(line) && strings.HasPrefix(h, " ") {
				doc.Blocks = append(doc.Blocks, layout.Block{Kind: layout.Heading, Text: strings.TrimSpace(h), Where: where})
				continue
			}
		}
		if line == "" {
			continue
		}
		for len(line) > maxLine {
			cut := maxLine
			for cut > 0 && !isRuneStart(line[cut]) {
				cut--
			}
			doc.Blocks = append(doc.Blocks, layout.Block{Kind: layout.Para, Text: line[:cut], Where: where})
			line = line[cut:]
		}
		doc.Blocks = append(doc.Blocks, layout.Block{Kind: layout.Para, Text: strings.TrimRight(line, "\r"), Where: where})
	}
	flush()
	if len(doc.Blocks) == 0 {
		return nil, ErrEmpty
	}
	return doc, nil
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

// readHeader takes "标题: …" lines above a "==== 正文 ====" rule into Meta
// and returns the first line of the body.
func readHeader(lines []string, doc *layout.Document) int {
	for i := 0; i < len(lines) && i < 30; i++ {
		l := strings.TrimSpace(lines[i])
		if strings.HasPrefix(l, "====") && strings.Contains(l, "正文") {
			for _, h := range lines[:i] {
				k, v, ok := strings.Cut(h, ":")
				if !ok {
					k, v, ok = strings.Cut(h, "：")
				}
				if ok && len(k) < 24 {
					doc.Meta[strings.TrimSpace(k)] = strings.TrimSpace(v)
				}
			}
			if t := doc.Meta["标题"]; t != "" {
				doc.Title = t
			}
			return i + 1
		}
	}
	return 0
}

// pipeRow splits a Markdown table row "| a | b |" into cells.
func pipeRow(line string) ([]layout.Cell, bool) {
	t := strings.TrimSpace(line)
	if len(t) < 2 || t[0] != '|' {
		return nil, false
	}
	t = strings.TrimSuffix(t[1:], "|")
	parts := strings.Split(t, "|")
	cells := make([]layout.Cell, len(parts))
	for i, p := range parts {
		cells[i] = layout.Cell{Text: strings.TrimSpace(p), RowSpan: 1, ColSpan: 1}
	}
	return cells, true
}

// isRule reports a Markdown separator row (|---|:--:|).
func isRule(cells []layout.Cell) bool {
	for _, c := range cells {
		if strings.Trim(c.Text, "-: ") != "" || c.Text == "" {
			return false
		}
	}
	return true
}
