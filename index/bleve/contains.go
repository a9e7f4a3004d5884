package bleveindex

import (
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2/index/scorch"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// omitCounter is the dictionary iterator of zap segments that does not
// read each term's postings to count them (scorch uses it for regexp and
// fuzzy candidates).
type omitCounter interface {
	AutomatonIteratorOmitCount(a segment.Automaton, startKeyInclusive, endKeyExclusive []byte) segment.DictionaryIterator
}

// appendContaining appends to out, up to max, the terms of field in r
// that contain text (of Han characters only) and are not in seen, in the
// order of r's dictionary (sorted), as appendRegexpTerms with the pattern
// .*text.* would. It reads each segment's Han terms from the cache c.
func appendContaining(c *termCache, r index.IndexReader, field, text string, max int, seen map[string]bool, out []string) []string {
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return appendRegexpTerms(r, field, ".*"+regexp.QuoteMeta(text)+".*", max, seen, out)
	}
	// The first max terms of the merged, sorted dictionary are among the
	// first max of each segment.
	var terms []string
	for _, seg := range snap.Segments() {
		b, err := c.get(seg.Segment(), field)
		if err != nil {
			return appendRegexpTerms(r, field, ".*"+regexp.QuoteMeta(text)+".*", max, seen, out)
		}
		terms = b.containing(text, max, terms)
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

// termCache holds, per segment and field, the terms that hold a Han
// character, one a line in dictionary order (termBlob). Segments do not
// change, so a segment's terms are read once (one walk of its dictionary)
// instead of walking the whole dictionary with an automaton for every
// exact string, which was about an eighth of the query time on the
// benchmark mix at 2,000 reports and grows with the vocabulary. Its size
// is about that of the Han part of the dictionaries (a few MB for the
// body at 20,000 reports). Entries of segments no longer in the index are
// dropped by sweep.
type termCache struct {
	mu sync.Mutex
	m  map[termCacheKey]*termBlob
}

type termCacheKey struct {
	seg   segment.Segment
	field string
}

// termBlob is "\n" + the terms joined by "\n" + "\n".
type termBlob struct{ s string }

func (c *termCache) get(seg segment.Segment, field string) (*termBlob, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	k := termCacheKey{seg, field}
	if b, ok := c.m[k]; ok {
		return b, nil
	}
	d, err := seg.Dictionary(field)
	if err != nil {
		return nil, err
	}
	var it segment.DictionaryIterator
	if oc, ok := d.(omitCounter); ok {
		it = oc.AutomatonIteratorOmitCount(everything{}, nil, nil)
	} else {
		it = d.AutomatonIterator(everything{}, nil, nil)
	}
	var sb strings.Builder
	sb.WriteByte('\n')
	for {
		e, err := it.Next()
		if err != nil {
			return nil, err
		}
		if e == nil {
			break
		}
		if hanCount(e.Term) > 0 && !strings.Contains(e.Term, "\n") {
			sb.WriteString(e.Term)
			sb.WriteByte('\n')
		}
	}
	if c.m == nil {
		c.m = map[termCacheKey]*termBlob{}
	}
	b := &termBlob{sb.String()}
	c.m[k] = b
	return b, nil
}

// sweep drops the entries of segments not in live.
func (c *termCache) sweep(live map[segment.Segment]bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range c.m {
		if !live[k.seg] {
			delete(c.m, k)
		}
	}
}

// containing appends to out the first max terms (in order) that contain text.
func (b *termBlob) containing(text string, max int, out []string) []string {
	for off, n := 0, 0; n < max; n++ {
		i := strings.Index(b.s[off:], text)
		if i < 0 {
			break
		}
		i += off
		start := strings.LastIndexByte(b.s[:i], '\n') + 1
		end := i + strings.IndexByte(b.s[i:], '\n')
		out = append(out, b.s[start:end])
		off = end
	}
	return out
}

// everything is the automaton that accepts every term.
type everything struct{}

func (everything) Start() int               { return 0 }
func (everything) IsMatch(int) bool         { return true }
func (everything) CanMatch(int) bool        { return true }
func (everything) WillAlwaysMatch(int) bool { return true }
func (everything) Accept(int, byte) int     { return 0 }
