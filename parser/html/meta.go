package html

import (
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// headMetaNames maps lower-cased <meta name> values to the Meta keys they
// are stored under (the spelling of the national website specification).
var headMetaNames = map[string]string{
	"sitename": "SiteName", "sitedomain": "SiteDomain", "siteidcode": "SiteIDCode",
	"columnname": "ColumnName", "columntype": "ColumnType", "columndescription": "ColumnDescription",
	"columnkeywords": "ColumnKeywords", "articletitle": "ArticleTitle", "pubdate": "PubDate",
	"contentsource": "ContentSource", "keywords": "Keywords", "description": "Description",
	"author": "Author", "url": "Url", "image": "Image",
}

// headMeta copies the known <meta name=… content=…> tags into meta.
func headMeta(q *docNodes, meta map[string]string) {
	for _, n := range q.metas {
		key, ok := headMetaNames[strings.ToLower(strings.TrimSpace(attr(n, "name")))]
		if !ok {
			continue
		}
		setMeta(meta, key, attr(n, "content"))
	}
}

// cmsMeta reads the <publishtime> and <ucaptitle> tags some CMSes emit,
// under their tag names, and consumes them.
func (p *page) cmsMeta(q *docNodes, meta map[string]string) {
	for _, n := range q.cms {
		setMeta(meta, n.Data, textOf(n))
		p.consumed[n] = true
	}
}

// setMeta stores a non-empty value under key unless key is already set.
func setMeta(meta map[string]string, key, value string) {
	value = normText(value)
	if key == "" || value == "" {
		return
	}
	if _, ok := meta[key]; !ok {
		meta[key] = value
	}
}

// Metadata labels as Chinese government pages print them. Strong labels
// only occur in metadata; ordinary ones are metadata in label position;
// weak ones need company; counters delimit values but are not stored.
const (
	labelWeak = iota + 1
	labelOrdinary
	labelStrong
	labelCounter
)

var metaLabels = map[string]int{
	"索引号": labelStrong, "主题分类": labelStrong, "组配分类": labelStrong, "体裁分类": labelStrong,
	"信息分类": labelStrong, "服务对象分类": labelStrong, "发布机构": labelStrong, "发文机关": labelStrong,
	"发布单位": labelStrong, "发文日期": labelStrong, "发布日期": labelStrong, "公开日期": labelStrong,
	"成文日期": labelStrong, "生成日期": labelStrong, "发布文号": labelStrong, "发文字号": labelStrong,
	"文号": labelStrong, "信息名称": labelStrong, "有效性": labelStrong, "是否有效": labelStrong,
	"公开方式": labelStrong, "公开范围": labelStrong, "公开时限": labelStrong, "废止日期": labelStrong,
	"效力状态": labelStrong, "信息索引号": labelStrong, "公开形式": labelStrong,
	"分类": labelOrdinary, "名称": labelOrdinary, "标题": labelOrdinary, "关键词": labelOrdinary,
	"主题词": labelOrdinary, "来源": labelOrdinary, "信息来源": labelOrdinary, "文章来源": labelOrdinary,
	"发布时间": labelOrdinary, "更新时间": labelOrdinary, "时效": labelOrdinary, "内容概述": labelOrdinary,
	"责任部门": labelOrdinary, "所属主题": labelOrdinary,
	"作者": labelWeak, "时间": labelWeak, "日期": labelWeak,
	"浏览次数": labelCounter, "浏览量": labelCounter, "访问量": labelCounter, "访问次数": labelCounter,
	"点击数": labelCounter, "点击量": labelCounter, "阅读次数": labelCounter, "阅读量": labelCounter,
	"字体": labelCounter, "字号": labelCounter,
}

// metaLabelOrder is the labels in metaLabelRE's order: longer labels first
// so that the leftmost-first alternation prefers them.
var metaLabelOrder = func() []string {
	labels := make([]string, 0, len(metaLabels))
	for l := range metaLabels {
		labels = append(labels, l)
	}
	sort.Slice(labels, func(i, j int) bool {
		if len(labels[i]) != len(labels[j]) {
			return len(labels[i]) > len(labels[j])
		}
		return labels[i] < labels[j]
	})
	return labels
}()

// metaLabelRE finds "label：" anywhere, a label's characters possibly
// spaced out ("索 引 号："). It defines what metaLabelMatches finds (and
// TestMetaLabelMatches compares them).
var metaLabelRE = func() *regexp.Regexp {
	alts := make([]string, len(metaLabelOrder))
	for i, l := range metaLabelOrder {
		alts[i] = strings.Join(strings.Split(l, ""), `\s*`)
	}
	return regexp.MustCompile(`(` + strings.Join(alts, "|") + `)\s*[:：]`)
}()

// metaLabelsByFirst lists the labels by their first character, each list
// in metaLabelOrder.
var metaLabelsByFirst = func() map[rune][][]rune {
	m := map[rune][][]rune{}
	for _, l := range metaLabelOrder {
		rs := []rune(l)
		m[rs[0]] = append(m[rs[0]], rs)
	}
	return m
}()

// metaLabelMatches is metaLabelRE.FindAllStringSubmatchIndex(line, -1),
// without the regexp: its alternation of some sixty spaced-out labels is
// too large for the backtracker, and the NFA that runs it instead cost a
// Word page's metadata lines more than all other metadata reading. Each
// alternative either matches at a position with one end (a label's
// characters are not white space, so no \s* has a choice) or does not,
// so the leftmost match is the first label, in metaLabelOrder, that
// matches at the first position where one does.
func metaLabelMatches(line string) [][]int {
	var out [][]int
	for i := 0; i < len(line); {
		if m := metaLabelAt(line, i); m != nil {
			out = append(out, m)
			i = m[1]
			continue
		}
		_, size := utf8.DecodeRuneInString(line[i:])
		i += size
	}
	return out
}

// metaLabelAt returns metaLabelRE's match at i — match start and end,
// label start and end — or nil when none starts there.
func metaLabelAt(line string, i int) []int {
	r, _ := utf8.DecodeRuneInString(line[i:])
	for _, label := range metaLabelsByFirst[r] {
		j := i
		ok := true
		for k, lr := range label {
			if k > 0 {
				j = skipRESpace(line, j)
			}
			c, size := utf8.DecodeRuneInString(line[j:])
			if j >= len(line) || c != lr {
				ok = false
				break
			}
			j += size
		}
		if !ok {
			continue
		}
		labelEnd := j
		j = skipRESpace(line, j)
		switch {
		case strings.HasPrefix(line[j:], ":"):
			return []int{i, j + 1, i, labelEnd}
		case strings.HasPrefix(line[j:], "："):
			return []int{i, j + len("："), i, labelEnd}
		}
	}
	return nil
}

// skipRESpace skips the regexp's \s, [\t\n\f\r ], from i.
func skipRESpace(s string, i int) int {
	for i < len(s) {
		switch s[i] {
		case '\t', '\n', '\f', '\r', ' ':
			i++
		default:
			return i
		}
	}
	return i
}

// metaFirstRune holds the first characters of the labels: a line that
// starts with none of them is not metadata, without running the regexp.
var metaFirstRune = func() map[rune]bool {
	m := map[rune]bool{}
	for l := range metaLabels {
		r, _ := utf8.DecodeRuneInString(l)
		m[r] = true
	}
	return m
}()

// Limits for what may be read as metadata.
const (
	maxMetaLine  = 300  // runes of a metadata line or list item
	maxMetaValue = 200  // runes of a value in a sibling element
	maxMetaTable = 1500 // runes of a metadata table
	maxMetaRows  = 12
)

// pair is one label and its value.
type pair struct{ label, value string }

// parseMetaLine reads "label：value label：value …" from a line that starts
// with a label. ok is false when the line is not metadata.
func parseMetaLine(line string) (pairs []pair, ok bool) {
	line = strings.TrimLeft(line, " 【[（(")
	if r, _ := utf8.DecodeRuneInString(line); !metaFirstRune[r] || !strings.ContainsAny(line, ":：") {
		return nil, false
	}
	if metaLabelAt(line, 0) == nil {
		return nil, false
	}
	locs := metaLabelMatches(line)
	if len(locs) == 0 || locs[0][0] != 0 {
		return nil, false
	}
	best := 0
	for i, loc := range locs {
		label := squeeze(line[loc[2]:loc[3]])
		end := len(line)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		kind := metaLabels[label]
		if i == 0 && kind == labelCounter {
			return nil, false
		}
		best = max(best, kind%labelCounter)
		if kind != labelCounter {
			pairs = append(pairs, pair{label, cleanValue(line[loc[1]:end])})
		}
	}
	if best == labelWeak && len(pairs) < 2 {
		return nil, false
	}
	return pairs, true
}

// cleanValue trims a metadata value of padding and of the brackets of
// neighbouring chrome ("XX局 【" before "字体：…】").
func cleanValue(v string) string {
	return strings.Trim(normText(v), " 【】[]（）()|/")
}

// labelOnly returns the label when s is nothing but a metadata label,
// optionally followed by a colon.
func labelOnly(s string) (string, bool) {
	l := strings.TrimRight(squeeze(s), ":：")
	k, ok := metaLabels[l]
	return l, ok && k != labelCounter
}

// pageMeta collects metadata printed on the page — tables, lists and
// header lines — into meta and consumes the elements it read.
func (p *page) pageMeta(meta map[string]string) {
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if _, ok := p.stats[c]; !ok || p.consumed[c] {
				continue
			}
			if c.DataAtom == atom.Table {
				if p.metaTable(c, meta) || !p.isLayoutTable(c) {
					continue
				}
			} else if p.stats[c].runes <= maxMetaLine && !hasBlockChild(c) && isBlock(c) {
				p.metaLeaf(c, meta)
				continue
			}
			rec(c)
		}
	}
	rec(p.body)
}

// metaLeaf reads a leaf block: "label：value …", or a bare label whose
// value is the next element.
func (p *page) metaLeaf(n *html.Node, meta map[string]string) {
	text := textOf(n)
	if label, ok := labelOnly(text); ok && n.DataAtom != atom.Td && n.DataAtom != atom.Th {
		next := n.NextSibling
		for next != nil && next.Type != html.ElementNode {
			next = next.NextSibling
		}
		if next == nil || p.stats[next].runes > maxMetaValue {
			return
		}
		setMeta(meta, label, textOf(next))
		p.consumed[n], p.consumed[next] = true, true
		return
	}
	if pairs, ok := parseMetaLine(text); ok {
		for _, pr := range pairs {
			setMeta(meta, pr.label, pr.value)
		}
		p.consumed[n] = true
	}
}

// metaTable reads a metadata table (label and value cells) into meta and
// consumes it. It reports false, reading nothing, for other tables.
func (p *page) metaTable(t *html.Node, meta map[string]string) bool {
	if s := p.stats[t]; s.runes > maxMetaTable {
		return false
	}
	rows := p.tableRows(t)
	if len(rows) == 0 || len(rows) > maxMetaRows {
		return false
	}
	var pairs []pair
	strong := false
	for _, row := range rows {
		for i := 0; i < len(row); i++ {
			if p.stats[row[i]].tables > 0 {
				return false
			}
			text := textOf(row[i])
			if label, ok := labelOnly(text); ok {
				value := ""
				if i+1 < len(row) {
					if _, isLabel := labelOnly(textOf(row[i+1])); !isLabel {
						value = textOf(row[i+1])
						i++
					}
				}
				pairs = append(pairs, pair{label, value})
				strong = strong || metaLabels[label] == labelStrong
			} else if ps, ok := parseMetaLine(text); ok {
				pairs = append(pairs, ps...)
				for _, pr := range ps {
					strong = strong || metaLabels[pr.label] == labelStrong
				}
			}
		}
	}
	if len(pairs) < 2 || !strong {
		return false
	}
	for _, pr := range pairs {
		setMeta(meta, pr.label, pr.value)
	}
	p.consumed[t] = true
	return true
}
