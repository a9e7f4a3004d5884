package bleveindex

import (
	"regexp"
	"sort"

	"github.com/blevesearch/bleve/v2/index/scorch"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// substring is a vellum automaton that accepts the byte strings containing
// s (Knuth–Morris–Pratt: state i = the longest prefix of s that ends the
// input read so far, len(s) = found). The terms holding a string were
// found with the regular expression .*s.*, whose automaton vellum builds
// anew for every query, over UTF-8 (about 70 % of the dictionary scan's
// time on the benchmark mix); this one is built in O(len(s)). As UTF-8 is
// self-synchronising, a byte substring of valid UTF-8 is a character
// substring, so the terms are the same.
type substring struct {
	s    string
	fail []int // fail[i]: the state after a mismatch in state i+1 (KMP failure function)
}

func newSubstring(s string) *substring {
	a := &substring{s: s, fail: make([]int, len(s))}
	for i, k := 1, 0; i < len(s); i++ {
		for k > 0 && s[i] != s[k] {
			k = a.fail[k-1]
		}
		if s[i] == s[k] {
			k++
		}
		a.fail[i] = k
	}
	return a
}

func (a *substring) Start() int                  { return 0 }
func (a *substring) IsMatch(st int) bool         { return st == len(a.s) }
func (a *substring) CanMatch(int) bool           { return true }
func (a *substring) WillAlwaysMatch(st int) bool { return st == len(a.s) }

func (a *substring) Accept(st int, b byte) int {
	if st == len(a.s) {
		return st
	}
	for st > 0 && a.s[st] != b {
		st = a.fail[st-1]
	}
	if a.s[st] == b {
		st++
	}
	return st
}

// omitCounter is the dictionary iterator of zap segments that does not
// read each term's postings to count them (scorch uses it for regexp and
// fuzzy candidates).
type omitCounter interface {
	AutomatonIteratorOmitCount(a segment.Automaton, startKeyInclusive, endKeyExclusive []byte) segment.DictionaryIterator
}

// appendContaining appends to out, up to max, the terms of field in r
// that contain text and are not in seen, in the order of r's dictionary
// (sorted), as appendRegexpTerms with the pattern .*text.* would.
func appendContaining(r index.IndexReader, field, text string, max int, seen map[string]bool, out []string) []string {
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return appendRegexpTerms(r, field, ".*"+regexp.QuoteMeta(text)+".*", max, seen, out)
	}
	a := newSubstring(text)
	// The first max terms of the merged, sorted dictionary are among the
	// first max of each segment.
	var terms []string
	for _, seg := range snap.Segments() {
		d, err := seg.Segment().Dictionary(field)
		if err != nil {
			return appendRegexpTerms(r, field, ".*"+regexp.QuoteMeta(text)+".*", max, seen, out)
		}
		var it segment.DictionaryIterator
		if oc, ok := d.(omitCounter); ok {
			it = oc.AutomatonIteratorOmitCount(a, nil, nil)
		} else {
			it = d.AutomatonIterator(a, nil, nil)
		}
		for n := 0; n < max; n++ {
			e, err := it.Next()
			if err != nil || e == nil {
				break
			}
			terms = append(terms, e.Term)
		}
	}
	sort.Strings(terms)
	for i, t := range terms {
		if len(out) >= max {
			break
		}
		if (i == 0 || t != terms[i-1]) && !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}
