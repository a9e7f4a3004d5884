package template

import "unicode/utf8"

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
		}
	}
	return best, found
}
