package division

import (
	"sync"
	"unicode/utf8"
)

// Mention is a division name found in a text: text[Start:End] == Name.
type Mention struct {
	Start, End int
	Name       string
	Candidates []Division // the divisions so named, code order
}

// firstRunes maps a name's first rune to the longest name (in bytes)
// beginning with it, to bound the lookups Scan makes.
var (
	firstOnce sync.Once
	firstMax  map[rune]int
)

func firstRuneIndex() map[rune]int {
	firstOnce.Do(func() {
		t := data()
		firstMax = make(map[rune]int, 4096)
		for name := range t.byName {
			r, _ := utf8.DecodeRuneInString(name)
			if len(name) > firstMax[r] {
				firstMax[r] = len(name)
			}
		}
	})
	return firstMax
}

// maxScan bounds the bytes of text Scan reads.
const maxScan = 1 << 20

// Scan finds official division names in text, left to right, taking the
// longest name at each position and not overlapping ("淮安市洪泽区人民政府" →
// 淮安市, 洪泽区). Names of one character plus suffix (螅镇, 城区) are found
// too, so callers should confirm weak hits with context. Only the first
// 1 MiB of text is read.
func Scan(text string) []Mention {
	if len(text) > maxScan {
		text = text[:maxScan]
	}
	first := firstRuneIndex()
	t := data()
	var out []Mention
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		limit := first[r]
		if limit == 0 {
			i += size
			continue
		}
		end := min(len(text), i+limit)
		found := 0
		for j := end; j > i+size; j-- {
			if j < len(text) && !utf8.RuneStart(text[j]) {
				continue
			}
			if _, ok := t.byName[text[i:j]]; ok {
				out = append(out, Mention{Start: i, End: j, Name: text[i:j], Candidates: t.list(t.named(text[i:j]))})
				found = j
				break
			}
		}
		if found > 0 {
			i = found
		} else {
			i += size
		}
	}
	return out
}

// Prefix returns the longest official division name that text begins
// with and its candidates; "" when there is none.
func Prefix(text string) (string, []Division) {
	if text == "" {
		return "", nil
	}
	r, size := utf8.DecodeRuneInString(text)
	limit := firstRuneIndex()[r]
	t := data()
	for j := min(len(text), limit); j > size; j-- {
		if j < len(text) && !utf8.RuneStart(text[j]) {
			continue
		}
		if _, ok := t.byName[text[:j]]; ok {
			return text[:j], t.list(t.named(text[:j]))
		}
	}
	return "", nil
}
