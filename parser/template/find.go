package template

import (
	"strings"
	"unicode/utf8"
)

// match is a label found in the compact string: [start, end).
type match struct{ start, end int }

// findLabel finds the first occurrence of any of a row's anchors in
// compact[from:to): the earliest position wins, the longer anchor on a tie.
// The match is widened backwards over the row's enumerator ("2." before
// "其他法律行政法规禁止公开"), so that the enumerator is not read as a value
// glued to the previous row's digits ("00000002.").
func (st *stream) findLabel(l rowLabel, from, to int) (match, bool) {
	best, found := match{}, false
	for _, a := range l.anchors {
		i := st.index(a, from)
		for i >= 0 && i+len(a) <= to {
			start, hasEnum := st.enumBefore(i, l.enum, from)
			if !l.needEnum || hasEnum {
				m := match{start: start, end: i + len(a)}
				if !found || m.start < best.start || (m.start == best.start && m.end > best.end) {
					best, found = m, true
				}
				break
			}
			i = st.index(a, i+len(a))
		}
	}
	if !found {
		return st.fuzzyLabel(l, from, to)
	}
	return best, found
}

// enumBefore looks back from i over at most 12 non-digit runes for "N." or
// "N、" and returns where the enumerator starts.
func (st *stream) enumBefore(i int, enum string, floor int) (int, bool) {
	if enum == "" {
		return i, false
	}
	c := st.compact
	j := i
	for steps := 0; steps <= 12 && j > floor; steps++ {
		for _, sep := range []string{".", "、", "．", ")"} {
			p := enum + sep
			if j-len(p) >= floor && c[j-len(p):j] == p {
				// The enumerator may be glued to the previous row's digits
				// ("00000002."): enumerators are single digits, so take it.
				return j - len(p), true
			}
		}
		r, size := utf8.DecodeLastRuneInString(c[:j])
		if r >= '0' && r <= '9' || size == 0 {
			break
		}
		j -= size
	}
	return i, false
}

// indexAny returns the earliest position of any needle in compact[from:to), or -1.
func (st *stream) indexAny(needles []string, from, to int) int {
	best := -1
	for _, n := range needles {
		if i := st.index(n, from); i >= 0 && i < to && (best < 0 || i < best) {
			best = i
		}
	}
	return best
}

// containsAny reports whether compact[from:to) holds any needle.
func (st *stream) containsAny(needles []string, from, to int) bool {
	if from < 0 || to > len(st.compact) || from >= to {
		return false
	}
	s := st.compact[from:to]
	for _, n := range needles {
		if strings.Contains(s, n) {
			return true
		}
	}
	return false
}
