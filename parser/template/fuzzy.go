package template

import (
	"slices"
	"unicode/utf8"

	"github.com/agnivade/levenshtein"
)

// OCR misreads a character of a row label now and then ("二、上年结转" read
// as "二年结转", 量 as 央), and an exact anchor then finds nothing: the
// row, or the whole table, is lost although the reading is plainly the
// label. In a document read by OCR, a long anchor that is not found exactly
// is looked for again allowing a few edits (fuzzyIndex); short anchors
// never are, as one edit would make them match other labels.
//
// Written here: the approximate substring search (Sellers' dynamic
// programme over runes) is twenty lines, and the fuzzy-matching packages
// of the Go ecosystem rank whole strings rather than find a pattern inside
// a text.

// fuzzyMinRunes is the shortest anchor looked for with edits; fuzzyErrors
// how many edits an anchor of n runes may have.
const fuzzyMinRunes = 7

func fuzzyErrors(n int) int { return n / 6 }

// looseErrors is how many edits a long anchor may have when the text it
// matches is still plainly its own: at least rivalMargin edits closer to
// it than to any other row's long anchor. "二年结转政府休息公开中请数量"
// (a poor 150 dpi scan) is three edits from 上年结转政府信息公开申请数量 and
// five from 本年新收政府信息公开申请数量; the two rows' labels are only
// three apart, so three edits without the margin could take one row for
// the other.
func looseErrors(n int) int { return n / 4 }

const rivalMargin = 2

// rivalAnchors are the long anchors of every row of table 三.
var rivalAnchors = func() []string {
	var out []string
	for _, ls := range [][]rowLabel{applyHead, applyOther2019, applyOther2021, applyTail} {
		for _, l := range ls {
			for _, a := range l.anchors {
				if utf8.RuneCountInString(a) >= fuzzyMinRunes {
					out = append(out, a)
				}
			}
		}
	}
	return out
}()

// ownedBy reports whether text, found as anchor a with more than
// fuzzyErrors edits, is rivalMargin edits closer to a than to any other
// row's long anchor (own lists l's anchors, which are not rivals).
func ownedBy(text, a string, own []string) bool {
	d := levenshtein.ComputeDistance(text, a)
	for _, r := range rivalAnchors {
		if slices.Contains(own, r) {
			continue
		}
		if levenshtein.ComputeDistance(text, r) < d+rivalMargin {
			return false
		}
	}
	return true
}

// fuzzyIndex finds needle in compact[from:to) with at most maxErr edits
// (a character changed, missing or added) and returns the byte span of the
// best match ending first; ok is false when there is none.
func (st *stream) fuzzyIndex(needle string, from, to, maxErr int) (start, end int, ok bool) {
	if from < 0 {
		from = 0
	}
	to = min(to, len(st.compact))
	if from >= to {
		return 0, 0, false
	}
	p := []rune(needle)
	m := len(p)
	cost := make([]int, m+1)
	orig := make([]int, m+1) // the byte where the match ending here starts
	prevCost := make([]int, m+1)
	prevOrig := make([]int, m+1)
	for j := range prevCost {
		prevCost[j], prevOrig[j] = j, from
	}
	best, bestEnd, bestStart := maxErr+1, -1, -1
	for i := from; i < to; {
		r, size := utf8.DecodeRuneInString(st.compact[i:])
		cost[0], orig[0] = 0, i+size // a match may start after this rune
		for j := 1; j <= m; j++ {
			sub := prevCost[j-1]
			if p[j-1] != r {
				sub++
			}
			c, o := sub, prevOrig[j-1]
			if v := prevCost[j] + 1; v < c { // a rune of the text too many
				c, o = v, prevOrig[j]
			}
			if v := cost[j-1] + 1; v < c { // a rune of the needle missing
				c, o = v, orig[j-1]
			}
			cost[j], orig[j] = c, o
		}
		prevEnd := i
		i += size
		// The best match, extended over a rune that keeps its cost (a
		// misread last character rather than a missing one).
		if cost[m] < best || cost[m] == best && bestEnd == prevEnd {
			best, bestEnd, bestStart = cost[m], i, orig[m]
		} else if bestEnd >= 0 && cost[m] > best {
			break // past the best match ending here
		}
		cost, prevCost = prevCost, cost
		orig, prevOrig = prevOrig, orig
	}
	if bestEnd < 0 {
		return 0, 0, false
	}
	return bestStart, bestEnd, true
}

// fuzzyLabel looks for the long anchors of a row in an OCR'd document with
// a few edits, when none of them was found exactly.
func (st *stream) fuzzyLabel(l rowLabel, from, to int) (match, bool) {
	if !st.ocr || l.needEnum {
		return match{}, false
	}
	best, found := match{}, false
	for _, a := range l.anchors {
		n := utf8.RuneCountInString(a)
		if n < fuzzyMinRunes {
			continue
		}
		if s, e, ok := st.fuzzyIndex(a, from, to, fuzzyErrors(n)); ok && (!found || s < best.start) {
			best, found = match{start: s, end: e}, true
			continue
		}
		if found {
			continue
		}
		// More edits, when the text is plainly this row's label.
		for i := from; ; {
			s, e, ok := st.fuzzyIndex(a, i, to, looseErrors(n))
			if !ok {
				break
			}
			if ownedBy(st.compact[s:e], a, l.anchors) {
				best, found = match{start: s, end: e}, true
				break
			}
			i = e
		}
	}
	return best, found
}
