package template

import (
	"regexp"
	"strings"
	"unicode"

	"gongkai/corpus"
)

// item is one value found in a region, or a run of digits that may hold
// several values printed without separators ("000121" in flattened text).
type item struct {
	v     value
	where string
	run   string // the digit run when the item could be split; "" otherwise
	row   int    // the printed row it came from
}

var (
	rePageFoot = regexp.MustCompile(`^(-\s*\d+\s*-|第\s*\d+\s*页.*|\d+\s*/\s*\d+|共\s*\d+\s*页.*)$`)
)

// collect turns the pieces between two labels into items: blank cells, dashes,
// numbers and splittable digit runs. Label remnants, group labels and
// annotations are dropped; so are page footers and numbers that belong to
// dates or page marks (2021年, 第3页). In flattened text the digits run on
// into the next label ("000121二、上年结转"): Han text ends a number.
func collect(pieces []piece, splittable bool) (items []item, dropped []string) {
	for _, p := range pieces {
		if p.unsure && p.whole {
			// An OCR reading that is not trusted holds the place of one
			// value, which stays unknown.
			items = append(items, item{v: value{raw: p.text, state: corpus.StateText, unsure: true, conf: p.conf, at: p.at}, where: p.where, row: p.row})
			continue
		}
		t := strings.TrimSpace(stripParens(p.text))
		if t == "" {
			if p.whole && p.cell && strings.TrimSpace(p.text) == "" {
				items = append(items, item{v: value{state: corpus.StateBlank, at: p.at}, where: p.where, row: p.row})
			}
			continue
		}
		if hasDigit(t) && rePageFoot.MatchString(t) { // each of its forms has a digit
			continue
		}
		if p.whole && p.ocr && hasHan(t) && !reWholeValue.MatchString(t) {
			// An OCR'd table has each value in a cell of its own: digits
			// among words in a cell are a label's ("3.危及…" read as
			// "3从及…"), not a value, even when the label is misread.
			continue
		}
		if !hasDigit(t) {
			// A dash is a cell of its own, not what is left of a label once
			// its parenthesised part is gone ("（四）无" split by a page break).
			if dashes[t] && t == strings.TrimSpace(p.text) {
				items = append(items, item{v: value{raw: t, state: corpus.StateDash, at: p.at}, where: p.where, row: p.row})
				continue
			}
			if p.whole && p.ocr && marksOnly(t) {
				// A whole OCR'd cell read as marks, not words ("]" for a
				// "1"): it holds the place of a value that is not known,
				// rather than being skipped and the values after it taken
				// one column early.
				items = append(items, item{v: value{raw: t, state: corpus.StateText, unsure: true, conf: p.conf, at: p.at}, where: p.where, row: p.row})
			}
			continue
		}
		if p.whole && p.ocr && !hasHan(t) && !reWholeValue.MatchString(t) {
			// A whole OCR'd cell with digits and other marks ("D3" for
			// "53"): one value, not known; its digits are not taken.
			items = append(items, item{v: value{raw: t, state: corpus.StateText, unsure: true, conf: p.conf, at: p.at}, where: p.where, row: p.row})
			continue
		}
		for _, m := range reValueInText.FindAllStringSubmatchIndex(t, -1) {
			if m[2] < 0 {
				items = append(items, item{v: value{raw: strings.TrimSpace(t[m[0]:m[1]]), state: corpus.StateDash, at: p.at}, where: p.where, row: p.row})
				continue
			}
			num := t[m[2]:m[3]]
			if dateOrPage(t[:m[0]], t[m[1]:]) {
				dropped = append(dropped, t[m[0]:m[1]])
				continue
			}
			unit := ""
			if m[4] >= 0 {
				unit = t[m[4]:m[5]]
			}
			it := item{v: parseValue(num + unit), where: p.where, row: p.row}
			it.v.conf, it.v.at = p.conf, p.at
			if splittable && isRun(num) {
				it.run = strings.NewReplacer("－", "-", "−", "-", ",", "").Replace(num)
			}
			items = append(items, it)
		}
	}
	return items, dropped
}

// marksOnly reports whether s has no letter but those a digit is misread
// as (o, O, l, I): brackets, bars, quotes, dots.
func marksOnly(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) && !strings.ContainsRune("oOlI", r) }) < 0
}

// reWholeValue is a cell that holds exactly one number, with its unit.
var reWholeValue = regexp.MustCompile(`^[+\-－−]?\d[\d,]*(?:\.\d+)?\s*(万元|元|件|条|次|个|项)?$`)

// reValueInText finds numbers (with sign, thousands separators, decimals
// and a unit) and stand-alone dashes inside a piece of text.
var reValueInText = regexp.MustCompile(`(?:^|\s)[-—/－](?:\s|$)|([+\-－−]?\d[\d,]*(?:\.\d+)?)(万元|元|件|条|次|个|项)?`)

// dateOrPage: a number followed by 年/月/日/页/号 or preceded by 第 is not a
// table value, nor is an enumerator ("1.属于国家秘密", "2、").
func dateOrPage(before, after string) bool {
	if strings.HasSuffix(before, "第") {
		return true
	}
	for _, sep := range []string{".", "、", ")"} {
		if rest, ok := strings.CutPrefix(after, sep); ok && rest != "" && !isDigitStart(rest) {
			return true
		}
	}
	for _, s := range []string{"年", "月", "日", "页", "号", "%"} {
		if strings.HasPrefix(after, s) {
			return true
		}
	}
	return false
}

func isDigitStart(s string) bool { return s[0] >= '0' && s[0] <= '9' }

// isRun reports whether a chunk has more than one digit and so might be
// several values printed together.
func isRun(s string) bool {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n++
		}
	}
	return n > 1
}

// maxCandidates bounds the readings kept per row, maxSteps the work spent
// enumerating them: a run too long to split within it stays uncertain.
const (
	maxCandidates = 20000
	maxSteps      = 200000
)

// splits returns every way to read items as exactly n values: each run is
// cut into one or more numbers without leading zeros ("07" is never a
// value). The enumeration stops at maxCandidates.
func splits(items []item, n int) [][]value {
	var out [][]value
	cur := make([]value, 0, n)
	steps := 0
	var rec func(i int)
	rec = func(i int) {
		if len(out) >= maxCandidates || steps >= maxSteps {
			return
		}
		left := n - len(cur)
		if i == len(items) {
			if left == 0 {
				out = append(out, append([]value(nil), cur...))
			}
			return
		}
		if left < len(items)-i {
			return
		}
		it := items[i]
		if it.run == "" {
			cur = append(cur, it.v)
			rec(i + 1)
			cur = cur[:len(cur)-1]
			return
		}
		// The run may take up to left-(remaining items) values.
		maxParts := left - (len(items) - i - 1)
		cutRun(it.run, maxParts, &steps, func(parts []string) {
			for _, p := range parts {
				v := parseValue(p)
				v.at = it.v.at // a part of a run is printed where the run is
				cur = append(cur, v)
			}
			rec(i + 1)
			cur = cur[:len(cur)-len(parts)]
		})
	}
	rec(0)
	return out
}

// cutRun calls fn with every cut of run into 1..maxParts valid numbers,
// counting its work in steps and stopping at maxSteps.
func cutRun(run string, maxParts int, steps *int, fn func([]string)) {
	var parts []string
	var rec func(s string)
	rec = func(s string) {
		*steps++
		if *steps >= maxSteps {
			return
		}
		if s == "" {
			fn(parts)
			return
		}
		if len(parts) == maxParts {
			return
		}
		for end := 1; end <= len(s); end++ {
			p := s[:end]
			if !validPart(p, len(parts) == 0) {
				continue
			}
			if end < len(s) && (s[end] == '.' || s[end-1] == '.') {
				continue
			}
			parts = append(parts, p)
			rec(s[end:])
			parts = parts[:len(parts)-1]
		}
	}
	rec(run)
}

// validPart: an optional sign (first part only), no leading zero, an
// optional decimal fraction.
func validPart(p string, first bool) bool {
	if p[0] == '+' || p[0] == '-' {
		if !first || len(p) == 1 {
			return false
		}
		p = p[1:]
	}
	intPart, frac, hasFrac := strings.Cut(p, ".")
	if intPart == "" || (hasFrac && frac == "") {
		return false
	}
	if len(intPart) > 1 && intPart[0] == '0' {
		return false
	}
	for _, r := range intPart + frac {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
