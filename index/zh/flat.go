package zh

import (
	"errors"
	"fmt"
	"math"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/go-ego/gse"
)

// The flat dictionary and our own segmenter over it.
//
// gse's loaded dictionary is about 145 MB of Go heap made of pointers
// (each of its ~350,000 tokens holds a []Text, a string and []*Segment;
// its double-array trie is 36 MB more). An importing process runs under
// a tight Go memory limit, so the collector runs often and scanned that
// whole graph every cycle: close to half of a real-size import's CPU.
// flatDict holds the same dictionary in a few pointer-free arrays (about
// 20 MB, never scanned), and segment reproduces gse's
// (*Segmenter).Segment (non-search mode) on it exactly. It is written by
// hand because gse has no pointer-free form and its segmenter walks its
// own types; gse stays the reference (the identity tests compare every
// token with it), the generator's source (buildFlat reads a text load)
// and the fallback when the precompiled file is stale.
//
// What gse does, and what segment repeats:
//
//   - SplitTextToWords cuts the text into units: a run of letters and
//     numbers whose UTF-8 encoding is at most 2 bytes (ASCII, Latin-1,
//     Greek, Cyrillic …) is one unit, every other rune (or invalid byte)
//     is a unit of its own. Runs are lower-cased (ASCII A–Z only: gse's
//     ToLower, on by default) for the dictionary lookup; offsets are
//     unchanged by that.
//   - segmentWords: a shortest path over the units. At each unit, the
//     dictionary words starting there are found by walking the trie unit
//     by unit, stopping at the first prefix that no word has, at most
//     maxTokenLen units. Each word updates the best path ending at its
//     last unit with the float32 sum of distances, keeping the first on a
//     tie and overwriting a stored distance of exactly 0 (gse's "not yet
//     visited" test). When no word starts there, or the shortest one is
//     longer than one unit, a one-unit pseudo word of distance 32 does
//     the same.
//   - Each dictionary word's sub-words are what gse's CalcToken found
//     (search-mode segmentation of the word itself); they are copied from
//     gse's load, not recomputed.
//
// The trie: one node per distinct unit prefix of the dictionary words.
// A word's node id is its token index (0..numTokens-1); prefixes that are
// not words follow, and the root is the last id. Edges live in one
// open-addressing hash table of uint64 slots: (parent+1)<<42 | code<<21 |
// child, 0 meaning empty. A unit's code is its rune, or for a run of
// letters and numbers an id above the runes (alnumBase+i, the runs the
// dictionary holds); a unit with no code has no edge anywhere. cedar's
// byte trie and this unit trie find the same words: a word is found only
// when the units walked spell it exactly, and a word's own units are the
// same split of the same bytes.

// Code space of units (21 bits).
const (
	alnumBase = 0x110000    // alnum run i has code alnumBase+i
	noCode    = 1<<21 - 1   // a unit no dictionary word holds
	idBits    = 21          // node ids and codes
	idMask    = 1<<21 - 1   //
	maxNodes  = 1<<21 - 2   // root+1 must fit idBits
	pseudoTok = int32(-1)   // a pseudo word (one unit, distance 32, no sub-words)
	pseudoLen = float32(32) // gse's pseudo-token distance
)

// flatDict is the pointer-free dictionary (see above). It is immutable
// after construction and safe for concurrent reads.
type flatDict struct {
	slots       []uint64 // edge hash table, len a power of 2
	shift       uint     // 64 - log2(len(slots))
	root        uint32   // the root's node id
	numNodes    int      // nodes other than the root
	maxTokenLen int      // the longest word, in units
	totalFreq   float64

	freq []float64 // per token
	dist []float32 // per token: float32(log2 total) - float32(log2 freq), as gse's CalcToken
	pos  []uint8   // per token: index into posNames

	// Sub-words of token t: records segStart[t] .. segStart[t+1]-1, each
	// a byte span [segFrom, segTo) of the word and a token (pseudoTok for
	// gse's pseudo words, which have no sub-words of their own).
	segStart []uint32
	segTok   []int32
	segFrom  []uint8
	segTo    []uint8

	posNames []string          // 54 parts of speech
	alnum    map[string]uint32 // alnum run (lower-cased) → code; a few dozen
	alnumMax int               // the longest alnum run in bytes
}

func (d *flatDict) numTokens() int { return len(d.freq) }

// hashSlot is the home slot of an edge key.
func (d *flatDict) hashSlot(key uint64) uint64 {
	return (key * 0x9E3779B97F4A7C15) >> d.shift
}

// child follows the edge labelled code from node parent.
func (d *flatDict) child(parent, code uint32) (uint32, bool) {
	key := uint64(parent+1)<<idBits | uint64(code)
	mask := uint64(len(d.slots) - 1)
	for h := d.hashSlot(key); ; h = (h + 1) & mask {
		s := d.slots[h]
		if s == 0 {
			return 0, false
		}
		if s>>idBits == key {
			return uint32(s & idMask), true
		}
	}
}

// unitEnd returns where the unit starting at text[i] ends, and whether
// it is a run of letters and numbers, exactly as gse's SplitTextToWords
// cuts (with its zero options: Num, Alpha and AlphaNum false).
func unitEnd(text []byte, i int) (end int, run bool) {
	for j := i; j < len(text); {
		r, size := utf8.DecodeRune(text[j:])
		if size <= 2 && (unicode.IsLetter(r) || unicode.IsNumber(r)) {
			j += size
			run = true
			continue
		}
		if !run {
			return j + size, false
		}
		return j, true
	}
	return len(text), run
}

// unitCode returns the code of unit u (run says whether it is a run of
// letters and numbers). lower says whether to lower-case ASCII first, as
// gse does for text being segmented (the dictionary's own words are
// already lower-cased).
func (d *flatDict) unitCode(u []byte, run, lower bool) uint32 {
	if run {
		if len(u) > d.alnumMax {
			return noCode
		}
		var buf [64]byte
		b := buf[:len(u)]
		copy(b, u)
		if lower {
			for i, c := range b {
				if c >= 'A' && c <= 'Z' {
					b[i] = c + 'a' - 'A'
				}
			}
		}
		if c, ok := d.alnum[string(b)]; ok {
			return c
		}
		return noCode
	}
	r, size := utf8.DecodeRune(u)
	if r == utf8.RuneError && size <= 1 {
		return noCode // an invalid byte: no dictionary word holds one
	}
	return uint32(r)
}

// span is one segment of a text: bytes [start, end) and its token (a
// dictionary token index, or pseudoTok).
type span struct {
	start, end int
	tok        int32
}

// segBuf holds a segmentation's scratch arrays for reuse.
type segBuf struct {
	ends  []int32  // unit i is text[ends[i-1]:ends[i]]
	codes []uint32 // unit codes
	jmp   []jumper // best path ending at each unit
	out   []span
}

type jumper struct {
	dist  float32
	tok   int32 // pseudoTok or a token
	start int32 // first unit of that word
}

// update is gse's updateJumper: a shorter path wins, and so does any
// path over a stored distance of exactly 0 (gse's "never visited").
func (j *jumper) update(dist float32, tok int32, start int) {
	if j.dist == 0 || j.dist > dist {
		j.dist, j.tok, j.start = dist, tok, int32(start)
	}
}

var segBufs = sync.Pool{New: func() any { return new(segBuf) }}

// segment returns gse's Segment(text) as spans, appended to out.
func (d *flatDict) segment(text []byte, out []span) []span {
	if len(text) == 0 {
		return out
	}
	b := segBufs.Get().(*segBuf)
	defer segBufs.Put(b)
	b.ends, b.codes = b.ends[:0], b.codes[:0]
	for i := 0; i < len(text); {
		end, run := unitEnd(text, i)
		b.ends = append(b.ends, int32(end))
		b.codes = append(b.codes, d.unitCode(text[i:end], run, true))
		i = end
	}
	n := len(b.ends)
	if cap(b.jmp) < n {
		b.jmp = make([]jumper, n)
	}
	jmp := b.jmp[:n]
	clear(jmp)
	for cur := 0; cur < n; cur++ {
		var base float32
		if cur > 0 {
			base = jmp[cur-1].dist
		}
		node, first := d.root, 0 // first: units of the shortest word found (0: none)
		for k := cur; k < n && k < cur+d.maxTokenLen; k++ {
			next, ok := d.child(node, b.codes[k])
			if !ok {
				break
			}
			node = next
			if int(node) < d.numTokens() {
				if first == 0 {
					first = k - cur + 1
				}
				jmp[k].update(base+d.dist[node], int32(node), cur)
			}
		}
		if first != 1 {
			jmp[cur].update(base+pseudoLen, pseudoTok, cur)
		}
	}
	// Walk back from the end, then reverse.
	mark := len(out)
	for i := n - 1; i >= 0; {
		j := jmp[i]
		start := 0
		if j.start > 0 {
			start = int(b.ends[j.start-1])
		}
		out = append(out, span{start: start, end: int(b.ends[i]), tok: j.tok})
		i = int(j.start) - 1
	}
	for i, k := mark, len(out)-1; i < k; i, k = i+1, k-1 {
		out[i], out[k] = out[k], out[i]
	}
	return out
}

// subwords returns the range of token t's sub-word records.
func (d *flatDict) subwords(t int32) (from, to int) {
	if t < 0 {
		return 0, 0
	}
	return int(d.segStart[t]), int(d.segStart[t+1])
}

// find returns a word's token as gse's Dictionary.Find does for a word in
// the dictionary: the exact bytes, not lower-cased.
func (d *flatDict) find(word []byte) (int32, bool) {
	if len(word) == 0 {
		return 0, false
	}
	node := d.root
	for i := 0; i < len(word); {
		end, run := unitEnd(word, i)
		next, ok := d.child(node, d.unitCode(word[i:end], run, false))
		if !ok {
			return 0, false
		}
		node, i = next, end
	}
	if int(node) >= d.numTokens() {
		return 0, false
	}
	return int32(node), true
}

// rootWords calls f with each one-unit dictionary word and its token.
func (d *flatDict) rootWords(f func(word string, tok int32)) {
	runs := make(map[uint32]string, len(d.alnum))
	for s, c := range d.alnum {
		runs[c] = s
	}
	for _, s := range d.slots {
		if s == 0 || uint32(s>>(2*idBits))-1 != d.root {
			continue
		}
		code, node := uint32(s>>idBits)&idMask, uint32(s&idMask)
		if int(node) >= d.numTokens() {
			continue
		}
		if code >= alnumBase {
			f(runs[code], int32(node))
		} else {
			f(string(rune(code)), int32(node))
		}
	}
}

// heapBytes is the size of the dictionary's arrays.
func (d *flatDict) heapBytes() int {
	n := len(d.slots)*8 + len(d.freq)*8 + len(d.dist)*4 + len(d.pos) + len(d.segStart)*4 + len(d.segTok)*4 + len(d.segFrom) + len(d.segTo)
	return n + int(unsafe.Sizeof(*d))
}

// buildFlat converts a gse dictionary loaded from text (with its
// CalcToken sub-words) to a flatDict. It uses only gse's public API.
func buildFlat(gd *gse.Dictionary) (*flatDict, error) {
	toks := gd.Tokens
	n := len(toks)
	d := &flatDict{
		maxTokenLen: gd.MaxTokenLen(),
		totalFreq:   gd.TotalFreq(),
		freq:        make([]float64, n),
		dist:        make([]float32, n),
		pos:         make([]uint8, n),
		segStart:    make([]uint32, n+1),
		alnum:       map[string]uint32{},
	}
	index := make(map[*gse.Token]int32, n)
	posIdx := map[string]uint8{}
	texts := make([]string, n)
	words := make(map[string]uint32, n)
	for i := range toks {
		t := &toks[i]
		index[t] = int32(i)
		texts[i] = t.Text()
		if _, dup := words[texts[i]]; dup {
			return nil, fmt.Errorf("zh: dictionary word %q twice", texts[i])
		}
		words[texts[i]] = uint32(i)
		d.freq[i] = t.Freq()
		p, ok := posIdx[t.Pos()]
		if !ok {
			if len(d.posNames) == 256 {
				return nil, errors.New("zh: more than 256 parts of speech")
			}
			p = uint8(len(d.posNames))
			posIdx[t.Pos()] = p
			d.posNames = append(d.posNames, t.Pos())
		}
		d.pos[i] = p
	}
	// Sub-words, as gse's CalcToken left them.
	for i := range toks {
		d.segStart[i] = uint32(len(d.segTok))
		for _, sg := range toks[i].Segments() {
			ref, ok := index[sg.Token()]
			if !ok {
				st := sg.Token()
				if st.Freq() != 1 || st.Pos() != "x" || len(st.Segments()) != 0 {
					return nil, fmt.Errorf("zh: token %q: a sub-word token outside the dictionary is not a pseudo word", texts[i])
				}
				ref = pseudoTok
			}
			if sg.Start() < 0 || sg.End() > 255 || sg.Start() >= sg.End() {
				return nil, fmt.Errorf("zh: token %q: sub-word span %d–%d out of range", texts[i], sg.Start(), sg.End())
			}
			d.segTok = append(d.segTok, ref)
			d.segFrom = append(d.segFrom, uint8(sg.Start()))
			d.segTo = append(d.segTo, uint8(sg.End()))
		}
	}
	d.segStart[n] = uint32(len(d.segTok))
	// Alnum runs, then the trie.
	var edges [][3]uint32 // parent, code, child
	prefixes := map[string]uint32{}
	next := uint32(n)
	seen := map[[3]uint32]bool{}
	const rootMark = math.MaxUint32 // the root's id is known at the end
	for i := range toks {
		w := []byte(texts[i])
		parent := uint32(rootMark)
		units := 0
		for p := 0; p < len(w); {
			end, run := unitEnd(w, p)
			u := w[p:end]
			var code uint32
			if run {
				c, ok := d.alnum[string(u)]
				if !ok {
					c = alnumBase + uint32(len(d.alnum))
					d.alnum[string(u)] = c
					d.alnumMax = max(d.alnumMax, len(u))
				}
				code = c
			} else {
				r, size := utf8.DecodeRune(u)
				if r == utf8.RuneError && size <= 1 {
					return nil, fmt.Errorf("zh: dictionary word %q is not UTF-8", texts[i])
				}
				code = uint32(r)
			}
			prefix := string(w[:end])
			id, ok := words[prefix]
			if !ok {
				if id, ok = prefixes[prefix]; !ok {
					id = next
					next++
					prefixes[prefix] = id
				}
			}
			ek := [3]uint32{parent, code, id}
			if !seen[ek] {
				seen[ek] = true
				edges = append(edges, [3]uint32{parent, code, id})
			}
			parent = id
			p = end
			units++
		}
		if units == 0 || units > d.maxTokenLen {
			return nil, fmt.Errorf("zh: dictionary word %q has %d units (longest %d)", texts[i], units, d.maxTokenLen)
		}
	}
	if next > maxNodes {
		return nil, fmt.Errorf("zh: %d trie nodes, more than %d", next, maxNodes)
	}
	d.numNodes = int(next)
	d.root = next
	// In child order, as decodeFlat reads them: the same hash layout.
	byChild := make([][3]uint32, next)
	for _, e := range edges {
		if e[0] == rootMark {
			e[0] = d.root
		}
		if byChild[e[2]] != ([3]uint32{}) {
			return nil, fmt.Errorf("zh: trie node %d has two parents", e[2])
		}
		byChild[e[2]] = e
	}
	if err := d.setEdges(byChild); err != nil {
		return nil, err
	}
	// Distances as gse's CalcToken computes them.
	d.setDistances()
	// Every word must be found where it is.
	for i := range toks {
		if got, ok := d.find([]byte(texts[i])); !ok || got != int32(i) {
			return nil, fmt.Errorf("zh: dictionary word %q: the trie finds token %d, want %d", texts[i], got, i)
		}
	}
	return d, nil
}

// setDistances computes each token's distance as gse's CalcToken does.
func (d *flatDict) setDistances() {
	logTotal := float32(math.Log2(d.totalFreq))
	d.dist = make([]float32, len(d.freq))
	for i, f := range d.freq {
		d.dist[i] = logTotal - float32(math.Log2(f))
	}
}

// setEdges builds the edge hash table (load at most 1/2).
func (d *flatDict) setEdges(edges [][3]uint32) error {
	size := 1
	for size < 2*len(edges) {
		size *= 2
	}
	d.slots = make([]uint64, size)
	d.shift = uint(64 - bitsLen(size))
	mask := uint64(size - 1)
	for _, e := range edges {
		parent, code, child := e[0], e[1], e[2]
		if parent > d.root || code > idMask || child >= d.root {
			return fmt.Errorf("zh: bad trie edge %d –%d→ %d", parent, code, child)
		}
		key := uint64(parent+1)<<idBits | uint64(code)
		h := d.hashSlot(key)
		for ; d.slots[h] != 0; h = (h + 1) & mask {
			if d.slots[h]>>idBits == key {
				return fmt.Errorf("zh: trie edge %d –%d→ twice", parent, code)
			}
		}
		d.slots[h] = key<<idBits | uint64(child)
	}
	return nil
}

func bitsLen(pow2 int) int {
	n := 0
	for pow2 > 1 {
		pow2 >>= 1
		n++
	}
	return n
}
