package figures

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"gongkai/corpus"
)

// A flattened legacy statistics table reads, after a header such as
// "指标名称计量单位2011年度历年累计", as rows "label unit digits" run together:
// "主动公开信息数条4251516其中：1.网站公开条41815092.政府公报公开条77…".
// With two value columns the digit run must be split; a split is accepted
// only when exactly one split survives these rules:
//   - no part has a leading zero (except "0" itself);
//   - with columns year | cumulative, year ≤ cumulative;
//   - a sub-row (其中…, 1./2. items) is ≤ its parent row in every column,
//     tested jointly: a parent split must leave every sub-row a split;
//   - when the text states the same key for the year (not approximately),
//     the split must agree with it.
// Rows that stay ambiguous give no figures. Runs with a decimal point are not
// split. The trailing item number of the next row ("…1509" + "2.政府公报")
// is removed when it continues the numbering.

// maxTableRows and maxRunDigits bound the work per table.
const (
	maxTables    = 4
	maxTableRows = 200
	maxRunDigits = 24
	maxTableSpan = 32 << 10
)

// tableUnits end a row label, longest first.
var tableUnits = []string{"万元", "人次", "条", "件", "元", "个", "人", "次", "篇", "项"}

// column is one value column of a statistics table; an empty scope is a
// column read but not reported (本期实际).
type column struct {
	scope string
	name  string
}

// tableRow is one row of a flattened table.
type tableRow struct {
	label  string // without parenthesised notes and item numbers
	key    string
	unit   string
	run    string
	pos    int // offset of the run in the folded text
	child  bool
	parent int // index of the parent row, -1 if none
	cands  [][]float64
}

// tableHeaders find a statistics table header and its columns.
var headerAnchors = []string{"指标名称", "统计指标", "指标"}

// extractTables reads the flattened statistics tables of s.
func extractTables(s string, text []candidate) []candidate {
	var out []candidate
	evidence := textEvidence(text)
	off := 0
	for n := 0; n < maxTables; n++ {
		start, cols, ok := findHeader(s, off)
		if !ok {
			break
		}
		end := strings.IndexAny(s[start:], "\n\r")
		if end < 0 {
			end = len(s) - start
		}
		end = min(end, maxTableSpan)
		rows := parseRows(s[start:start+end], start)
		resolveRows(rows, cols, evidence)
		out = append(out, emitRows(rows, cols)...)
		off = start + end
	}
	return out
}

// textEvidence maps keys to the values the text states for the year.
func textEvidence(text []candidate) map[string]float64 {
	ev := make(map[string]float64)
	for _, c := range text {
		if c.rank == rankText && c.fig.Scope == corpus.ScopeYear && !c.fig.Approx {
			if _, seen := ev[c.fig.Key]; !seen {
				ev[c.fig.Key] = c.fig.Value
			}
		}
	}
	return ev
}

// findHeader finds the next table header at or after off and returns where
// the rows begin and the value columns.
func findHeader(s string, off int) (int, []column, bool) {
	for off < len(s) {
		i := -1
		var anchor string
		for _, a := range headerAnchors {
			if j := strings.Index(s[off:], a); j >= 0 && (i < 0 || j < i) {
				i, anchor = j, a
			}
		}
		if i < 0 {
			return 0, nil, false
		}
		p := off + i + len(anchor)
		p = skipWords(s, p, []string{"名称", "计量单位", "单位", " "})
		if cols, n := readColumns(s[p:]); n > 0 {
			return p + n, cols, true
		}
		off = p
	}
	return 0, nil, false
}

func skipWords(s string, p int, words []string) int {
	for moved := true; moved; {
		moved = false
		for _, w := range words {
			if strings.HasPrefix(s[p:], w) {
				p += len(w)
				moved = true
			}
		}
	}
	return p
}

// readColumns reads a column header at the start of s.
func readColumns(s string) ([]column, int) {
	year := corpus.ScopeYear
	switch {
	case strings.HasPrefix(s, "本期实际本年累计"):
		return []column{{"", "本期实际"}, {year, "本年累计"}}, len("本期实际本年累计")
	case strings.HasPrefix(s, "本年累计"):
		return []column{{year, "本年累计"}}, len("本年累计")
	case strings.HasPrefix(s, "统计数"):
		return []column{{year, "统计数"}}, len("统计数")
	case len(s) >= 4 && isDigit(s[0]) && isDigit(s[1]) && isDigit(s[2]) && isDigit(s[3]):
		p := skipWords(s, 4, []string{"年度", "年", " "})
		if p == 4 {
			return nil, 0
		}
		name := s[:p]
		if strings.HasPrefix(s[p:], "历年累计") {
			return []column{{year, name}, {corpus.ScopeCumulative, "历年累计"}}, p + len("历年累计")
		}
		if strings.HasPrefix(s[p:], "累计") {
			return []column{{year, name}, {corpus.ScopeCumulative, "累计"}}, p + len("累计")
		}
		return []column{{year, name}}, p
	}
	return nil, 0
}

// parseRows cuts a table body into rows.
func parseRows(body string, base int) []*tableRow {
	var rows []*tableRow
	labelStart, depth, item := 0, 0, 0
	parent := -1
	for i := 0; i < len(body) && len(rows) < maxTableRows; {
		r, n := utf8.DecodeRuneInString(body[i:])
		switch {
		case r == '（' || r == '(':
			depth++
		case (r == '）' || r == ')') && depth > 0:
			depth--
		}
		if depth > 0 || !isDigit(body[i]) {
			i += n
			continue
		}
		runEnd := i
		for runEnd < len(body) && (isDigit(body[runEnd]) || (body[runEnd] == '.' && runEnd+1 < len(body) && isDigit(body[runEnd+1]))) {
			runEnd++
		}
		run := body[i:runEnd]
		next := runEnd
		rawLabel := body[labelStart:i]
		row := newRow(rawLabel, run, base+i)
		if row == nil { // digits inside a label (an item number): keep reading
			i = runEnd
			continue
		}
		if strings.HasPrefix(body[runEnd:], ".") || strings.HasPrefix(body[runEnd:], "、") {
			itemNo, lastItem := strconv.Itoa(item+1), row.itemNo()
			if lastItem > 0 {
				itemNo = strconv.Itoa(lastItem + 1)
			}
			if strings.HasSuffix(run, itemNo) && len(run) > len(itemNo) {
				row.run = run[:len(run)-len(itemNo)]
				next = runEnd - len(itemNo)
			}
		}
		item = row.itemNo()
		if row.child && parent >= 0 {
			row.parent = parent
		} else {
			parent = len(rows)
		}
		rows = append(rows, row)
		labelStart = next
		i = runEnd
	}
	return rows
}

// newRow builds a row from its raw label (ending in a unit) and digit run;
// nil when the label does not end in a unit.
func newRow(raw, run string, pos int) *tableRow {
	label := stripParens(strings.TrimSpace(raw))
	unit := ""
	for _, u := range tableUnits {
		if strings.HasSuffix(label, u) {
			unit = u
			break
		}
	}
	if unit == "" || len(run) > maxRunDigits {
		return nil
	}
	label = strings.TrimSuffix(label, unit)
	row := &tableRow{label: label, unit: unit, run: run, pos: pos, parent: -1}
	rest := strings.TrimLeft(label, "其中：: ")
	row.child = rest != label || leadingItem(label) > 0
	return row
}

// itemNo returns the row's arabic item number (1. / 2、), 0 if none.
func (r *tableRow) itemNo() int {
	return leadingItem(strings.TrimLeft(r.label, "其中：: "))
}

func leadingItem(s string) int {
	n, i := 0, 0
	for i < len(s) && isDigit(s[i]) && i < 3 {
		n = n*10 + int(s[i]-'0')
		i++
	}
	if i == 0 || !(strings.HasPrefix(s[i:], ".") || strings.HasPrefix(s[i:], "、")) {
		return 0
	}
	return n
}

// stripParens removes parenthesised notes (full or half width).
func stripParens(s string) string {
	if !strings.ContainsAny(s, "(（") {
		return s
	}
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '（' || r == '(':
			depth++
		case (r == '）' || r == ')') && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}
