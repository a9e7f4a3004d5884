package parser

import (
	"regexp"
	"strings"

	"gongkai/corpus"
)

// item is one value found in a region, or a run of digits that may hold
// several values printed without separators ("000121" in flattened text).
type item struct {
	v     value
	where string
	run   string // the digit run when the item could be split; "" otherwise
}

var (
	reChunkNum = regexp.MustCompile(`[+\-]?\d+(?:\.\d+)?`)
	rePageFoot = regexp.MustCompile(`^(-\s*\d+\s*-|第\s*\d+\s*页.*|\d+\s*/\s*\d+|共\s*\d+\s*页.*)$`)
)

// collect turns the pieces between two labels into items: blank cells, dashes,
// numbers and splittable digit runs. Label remnants, group labels and
// annotations are dropped; so are page footers.
func collect(pieces []piece, splittable bool) (items []item, dropped []string) {
	for _, p := range pieces {
		t := strings.TrimSpace(stripParens(p.text))
		if t == "" {
			if p.whole && p.cell && strings.TrimSpace(p.text) == "" {
				items = append(items, item{v: value{state: corpus.StateBlank}, where: p.where})
			}
			continue
		}
		if rePageFoot.MatchString(t) {
			continue
		}
		if !hasDigit(t) {
			if dashes[t] {
				items = append(items, item{v: value{raw: t, state: corpus.StateDash}, where: p.where})
			}
			continue
		}
		for _, chunk := range strings.Fields(t) {
			items, dropped = appendChunk(items, dropped, chunk, p.where, splittable)
		}
	}
	return items, dropped
}

func appendChunk(items []item, dropped []string, chunk, where string, splittable bool) ([]item, []string) {
	if dashes[chunk] {
		return append(items, item{v: value{raw: chunk, state: corpus.StateDash}, where: where}), dropped
	}
	if !hasDigit(chunk) {
		return items, dropped
	}
	v := parseValue(chunk)
	if v.state == corpus.StateNumber {
		it := item{v: v, where: where}
		if splittable && isRun(chunk) {
			it.run = strings.TrimSuffix(strings.TrimSuffix(chunk, "元"), "万")
		}
		return append(items, it), dropped
	}
	// Numbers run together around a sign ("2648-18538") or with a unit
	// between them: one item per number, each splittable.
	rest := chunk
	for _, u := range unitSuffixes {
		rest = strings.ReplaceAll(rest, u, " ")
	}
	if hasHan(rest) {
		return items, append(dropped, chunk)
	}
	for _, m := range reChunkNum.FindAllString(rest, -1) {
		it := item{v: parseValue(m), where: where}
		if splittable && isRun(m) {
			it.run = m
		}
		items = append(items, it)
	}
	return items, dropped
}

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

// maxCandidates bounds the split enumeration per row.
const maxCandidates = 20000

// splits returns every way to read items as exactly n values: each run is
// cut into one or more numbers without leading zeros ("07" is never a
// value). The enumeration stops at maxCandidates.
func splits(items []item, n int) [][]value {
	var out [][]value
	cur := make([]value, 0, n)
	var rec func(i int)
	rec = func(i int) {
		if len(out) >= maxCandidates {
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
		cutRun(it.run, maxParts, func(parts []string) {
			for _, p := range parts {
				cur = append(cur, parseValue(p))
			}
			rec(i + 1)
			cur = cur[:len(cur)-len(parts)]
		})
	}
	rec(0)
	return out
}

// cutRun calls fn with every cut of run into 1..maxParts valid numbers.
func cutRun(run string, maxParts int, fn func([]string)) {
	var parts []string
	var rec func(s string)
	rec = func(s string) {
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
