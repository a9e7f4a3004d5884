// Package text extracts plain-text and Markdown reports: one block per
// line, Markdown pipe tables as table blocks, and the "key: value" header
// that web-archive text exports carry above their body (read into Meta:
// title, publication date, document and index numbers, source URL,
// publishing office).
package text

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"gongkai/corpus"
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
		at := &corpus.Loc{Line: i + 1}
		if markdown {
			if cells, ok := pipeRow(line); ok {
				if table == nil {
					table = &layout.Block{Kind: layout.Table, Where: where}
				}
				for j := range cells {
					cells[j].At = at
				}
				if !isRule(cells) {
					table.Rows = append(table.Rows, cells)
				}
				continue
			}
			flush()
			if h := strings.TrimLeft(line, "#"); len(h) < len(line) && strings.HasPrefix(h, " ") {
				doc.Blocks = append(doc.Blocks, layout.Block{Kind: layout.Heading, Text: strings.TrimSpace(h), Where: where, At: at})
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
			doc.Blocks = append(doc.Blocks, layout.Block{Kind: layout.Para, Text: line[:cut], Where: where, At: at})
			line = line[cut:]
		}
		doc.Blocks = append(doc.Blocks, layout.Block{Kind: layout.Para, Text: strings.TrimRight(line, "\r"), Where: where, At: at})
	}
	flush()
	if len(doc.Blocks) == 0 {
		return nil, ErrEmpty
	}
	return doc, nil
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

// MergedLinesKey is set in Meta for exports with a 标题/…/正文: header
// block: the archive that makes them merges identical consecutive lines,
// so flattened table rows may have lost repeated values.
const MergedLinesKey = "gongkai:merged-lines"

// headerKeys are the labels of the "key: value" block that web-archive
// text exports put above the body, with the name each is stored under in
// Meta (variants map to one name; the label as printed is kept too).
var headerKeys = map[string]string{
	"标题": "标题", "题目": "标题", "名称": "标题", "信息名称": "标题",
	"发布时间": "发布时间", "发布日期": "发布日期", "公开日期": "发布日期", "日期": "日期",
	"成文日期": "成文日期", "生成日期": "生成日期",
	"文号": "文号", "发文字号": "文号",
	"发布机构": "发布机构", "发文机关": "发布机构", "来源": "来源", "信息来源": "来源", "发布单位": "发布机构",
	"栏目": "栏目", "所属栏目": "栏目", "主题分类": "主题分类", "分类": "主题分类",
	"索引号":  "索引号",
	"原始链接": "原始链接", "链接": "原始链接", "原文链接": "原始链接", "网址": "原始链接", "URL": "原始链接", "url": "原始链接",
}

// readHeader reads the "key: value" header of an archive export into
// Meta and returns the first line of the body. Two layouts are known:
// lines "标题: …" … above a "==== 正文 ====" rule, and a block of such
// lines (标题/发布时间/文号/发布机构/栏目/原始链接 …) closed by a "正文:"
// line (the body may start on that line), which is read into Meta but
// kept as text. A block needs at least two known labels, one of them a
// title, a date or a link; anything else is only text.
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
					putMeta(doc, strings.TrimSpace(k), strings.TrimSpace(v))
				}
			}
			if t := doc.Meta["标题"]; t != "" {
				doc.Title = t
			}
			return i + 1
		}
	}
	// A block of labelled lines at the top.
	meta := map[string]string{}
	var order [][2]string
	strong := false
	for i := 0; i < len(lines) && i < 40; i++ {
		l := strings.TrimSpace(strings.TrimPrefix(lines[i], "\ufeff"))
		if l == "" && len(order) == 0 {
			continue
		}
		k, v, ok := cutLabel(l)
		if ok && k == "正文" {
			if len(order) < 2 || !strong {
				return 0
			}
			for _, kv := range order {
				putMeta(doc, kv[0], kv[1])
			}
			if t := doc.Meta["标题"]; t != "" {
				doc.Title = t
			}
			doc.Meta[MergedLinesKey] = "1"
			// The block stays in the text (section 0 of the report): its
			// 索引号, 文号 and link are searchable there.
			return 0
		}
		if !ok {
			return 0 // not a header line, and no 正文: yet
		}
		if _, dup := meta[k]; !dup {
			meta[k] = v
			order = append(order, [2]string{k, v})
		}
		if n := headerKeys[k]; n == "标题" || n == "发布时间" || n == "发布日期" || n == "原始链接" {
			strong = true
		}
	}
	return 0
}

// cutLabel splits "发布时间: 2020-01-15 16:18" at its label when the label
// is a known header key (or 正文); "https://…" is not a label.
func cutLabel(l string) (key, val string, ok bool) {
	i := strings.IndexAny(l, ":：")
	if i <= 0 {
		return "", "", false
	}
	k := strings.Join(strings.Fields(l[:i]), "")
	_, size := utf8.DecodeRuneInString(l[i:])
	v := strings.TrimSpace(l[i+size:])
	if k == "正文" {
		return k, v, true
	}
	if _, known := headerKeys[k]; !known {
		return "", "", false
	}
	return k, v, true
}

// putMeta stores a header value under its label and, when the label is a
// variant, under the common name too (发文机关 → 发布机构), never
// overwriting a value the page printed under the common name.
func putMeta(doc *layout.Document, k, v string) {
	if v == "" {
		return
	}
	doc.Meta[k] = v
	if n := headerKeys[k]; n != "" && n != k {
		if _, had := doc.Meta[n]; !had {
			doc.Meta[n] = v
		}
	}
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
