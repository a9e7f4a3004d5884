package zh

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed" // dict.bin.gz
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"unsafe"

	"github.com/go-ego/gse"
	"github.com/vcaesar/cedar"
)

// The precompiled dictionary.
//
// Loading gse's text dictionary costs 1.5–2.5 s of CPU: half of it is
// gse's CalcToken, which segments every one of the ~350,000 dictionary
// words again to find its sub-words (the search-mode segments our
// tokenizer emits at the parent's position), most of the rest is
// inserting the words into its double-array trie (cedar). dict.bin.gz
// holds the outcome of that load — every token in dictionary order with
// its text, frequency, part of speech and sub-word segments, the trie's
// arrays, the total frequency and the longest token — written by `go
// generate` (internal/gendict) from the text load itself. loadPrecompiled
// only decodes it; each token's distance is recomputed as CalcToken does.
// The file is 12 MB (the trie's arrays do not compress well); the text
// dictionary is 5 MB and already in the binary through gse.
//
// gse and cedar keep these fields unexported and have no API to set them,
// so they are read and written through mirrors of their types' layout
// (unsafe). That is tied to the pinned versions: layoutOK checks every
// mirror against the real type by reflection (field names, types,
// offsets) before any use and falls back to the text load when one
// differs, and TestPrecompiledIdentical compares every token, segment, the
// trie and the token streams of generated reports and the real samples
// with the text load. The file records Version(); a stale file (another
// user dictionary or gse version) is ignored the same way, and the test
// says to run go generate.

//go:generate go run ./internal/gendict -o dict.bin.gz

//go:embed dict.bin.gz
var precompiledDict []byte

const precompiledMagic = "gongkai-gse-dict/1"

// mirrorToken has gse.Token's field layout.
type mirrorToken struct {
	text     []gse.Text
	freq     float64
	pos      string
	distance float32
	segments []*gse.Segment
}

// mirrorSegment has gse.Segment's field layout.
type mirrorSegment struct {
	start, end int
	Position   int
	token      *gse.Token
}

// mirrorDict has gse.Dictionary's field layout.
type mirrorDict struct {
	trie        *cedar.Cedar
	maxTokenLen int
	Tokens      []gse.Token
	totalFreq   float64
}

// mirrorCedar has cedar.Cedar's field layout (the double-array trie).
type mirrorCedar struct {
	Reduced bool

	array  []cedar.Node
	nInfos []cedar.NInfo
	blocks []cedar.Block
	reject [257]int

	blocksHeadFull   int
	blocksHeadClosed int
	blocksHeadOpen   int

	capacity int
	size     int
	ordered  bool
	maxTrial int
}

type mirrorNode struct{ baseV, check int }

type mirrorNInfo struct{ sibling, child byte }

type mirrorBlock struct{ prev, next, num, reject, trial, eHead int }

// layoutOK reports whether the mirrors match gse's and cedar's types field
// by field (names, types, offsets, sizes).
var layoutOK = sameLayout(reflect.TypeOf(gse.Token{}), reflect.TypeOf(mirrorToken{})) &&
	sameLayout(reflect.TypeOf(gse.Segment{}), reflect.TypeOf(mirrorSegment{})) &&
	sameLayout(reflect.TypeOf(gse.Dictionary{}), reflect.TypeOf(mirrorDict{})) &&
	sameLayout(reflect.TypeOf(cedar.Cedar{}), reflect.TypeOf(mirrorCedar{})) &&
	sameLayout(reflect.TypeOf(cedar.Node{}), reflect.TypeOf(mirrorNode{})) &&
	sameLayout(reflect.TypeOf(cedar.NInfo{}), reflect.TypeOf(mirrorNInfo{})) &&
	sameLayout(reflect.TypeOf(cedar.Block{}), reflect.TypeOf(mirrorBlock{}))

func sameLayout(a, b reflect.Type) bool {
	if a.Size() != b.Size() || a.NumField() != b.NumField() {
		return false
	}
	for i := 0; i < a.NumField(); i++ {
		fa, fb := a.Field(i), b.Field(i)
		if fa.Name != fb.Name || fa.Type != fb.Type || fa.Offset != fb.Offset {
			return false
		}
	}
	return true
}

func asMirror(t *gse.Token) *mirrorToken { return (*mirrorToken)(unsafe.Pointer(t)) }

func segMirror(s *gse.Segment) *mirrorSegment { return (*mirrorSegment)(unsafe.Pointer(s)) }

// errNoPrecompiled says the embedded dictionary cannot be used (stale,
// absent or gse's layout changed); the caller loads the text dictionary.
var errNoPrecompiled = errors.New("zh: no usable precompiled dictionary")

// WritePrecompiled writes the precompiled form of the full dictionary
// (loaded from gse's text dictionary, never from a precompiled one) to w,
// gzip-compressed. internal/gendict calls it at go generate time.
func WritePrecompiled(w io.Writer) error {
	if !layoutOK {
		return fmt.Errorf("zh: gse %s token layout differs from the mirror in precompiled.go", gseVersion)
	}
	s, err := loadFullText(baseDict)
	if err != nil {
		return err
	}
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	if err := encodeDict(bw, s.seg.Dict); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// encoder writes the precompiled format: uvarints, and strings as a
// uvarint length followed by the bytes.
type encoder struct {
	w   *bufio.Writer
	buf [binary.MaxVarintLen64]byte
}

func (e *encoder) uint(v uint64) { e.w.Write(e.buf[:binary.PutUvarint(e.buf[:], v)]) }

func (e *encoder) int(v int) { e.w.Write(e.buf[:binary.PutVarint(e.buf[:], int64(v))]) }

func (e *encoder) bool(v bool) {
	if v {
		e.uint(1)
	} else {
		e.uint(0)
	}
}

func (e *encoder) bytes(b []byte) {
	e.uint(uint64(len(b)))
	e.w.Write(b)
}

// Format (after the gzip layer): magic, Version(), the token count, then
// per token: the word count, each word, the frequency (float64 bits), the
// part of speech, the segment count and per segment its start, end,
// Position and token: 1 + the index of a dictionary token, or 0 followed
// by the words of a pseudo token (gse's one-word tokens for characters
// missing from the dictionary: frequency 1, distance 32, pos "x"). Then
// the dictionary's longest-token length and total frequency, and its
// double-array trie (cedar) array by array, so that loading inserts
// nothing.
func encodeDict(w *bufio.Writer, d *gse.Dictionary) error {
	e := &encoder{w: w}
	e.bytes([]byte(precompiledMagic))
	e.bytes([]byte(Version()))
	toks := d.Tokens
	e.uint(uint64(len(toks)))
	index := func(t *gse.Token) int {
		if len(toks) == 0 {
			return -1
		}
		off := uintptr(unsafe.Pointer(t)) - uintptr(unsafe.Pointer(&toks[0]))
		size := unsafe.Sizeof(toks[0])
		if uintptr(unsafe.Pointer(t)) < uintptr(unsafe.Pointer(&toks[0])) || off%size != 0 || off/size >= uintptr(len(toks)) {
			return -1
		}
		return int(off / size)
	}
	for i := range toks {
		m := asMirror(&toks[i])
		e.uint(uint64(len(m.text)))
		for _, word := range m.text {
			e.bytes(word)
		}
		e.uint(math.Float64bits(m.freq))
		e.bytes([]byte(m.pos))
		e.uint(uint64(len(m.segments)))
		for _, sp := range m.segments {
			sg := segMirror(sp)
			e.uint(uint64(sg.start))
			e.uint(uint64(sg.end))
			e.uint(uint64(sg.Position))
			if j := index(sg.token); j >= 0 {
				e.uint(uint64(j) + 1)
				continue
			}
			pt := asMirror(sg.token)
			if pt.freq != 1 || pt.distance != 32 || pt.pos != "x" || len(pt.segments) != 0 {
				return fmt.Errorf("zh: token %q: a sub-word token outside the dictionary is not a pseudo token", toks[i].Text())
			}
			e.uint(0)
			e.uint(uint64(len(pt.text)))
			for _, word := range pt.text {
				e.bytes(word)
			}
		}
	}
	dm := (*mirrorDict)(unsafe.Pointer(d))
	e.int(dm.maxTokenLen)
	e.uint(math.Float64bits(dm.totalFreq))
	c := (*mirrorCedar)(unsafe.Pointer(dm.trie))
	e.bool(c.Reduced)
	e.uint(uint64(len(c.array)))
	for i := range c.array {
		n := (*mirrorNode)(unsafe.Pointer(&c.array[i]))
		e.int(n.baseV)
		e.int(n.check)
	}
	e.uint(uint64(len(c.nInfos)))
	for i := range c.nInfos {
		n := (*mirrorNInfo)(unsafe.Pointer(&c.nInfos[i]))
		e.w.WriteByte(n.sibling)
		e.w.WriteByte(n.child)
	}
	e.uint(uint64(len(c.blocks)))
	for i := range c.blocks {
		b := (*mirrorBlock)(unsafe.Pointer(&c.blocks[i]))
		for _, v := range []int{b.prev, b.next, b.num, b.reject, b.trial, b.eHead} {
			e.int(v)
		}
	}
	for _, v := range c.reject {
		e.int(v)
	}
	for _, v := range []int{c.blocksHeadFull, c.blocksHeadClosed, c.blocksHeadOpen, c.capacity, c.size, c.maxTrial} {
		e.int(v)
	}
	e.bool(c.ordered)
	return nil
}

// decoder reads what encoder wrote; the first error sticks.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) uint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.err = errors.New("zh: precompiled dictionary truncated")
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) int() int {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.err = errors.New("zh: precompiled dictionary truncated")
		return 0
	}
	d.b = d.b[n:]
	return int(v)
}

// count reads a length, at most limit.
func (d *decoder) count(limit int) int {
	n := d.uint()
	if d.err == nil && n > uint64(limit) {
		d.err = errors.New("zh: precompiled dictionary: bad count")
	}
	if d.err != nil {
		return 0
	}
	return int(n)
}

// bytes returns a sub-slice of the decompressed data (never modified).
func (d *decoder) bytes() []byte {
	n := d.uint()
	if d.err != nil {
		return nil
	}
	if n > uint64(len(d.b)) {
		d.err = errors.New("zh: precompiled dictionary truncated")
		return nil
	}
	out := d.b[:n:n]
	d.b = d.b[n:]
	return out
}

func (d *decoder) words() []gse.Text {
	n := d.uint()
	if d.err != nil || n > uint64(len(d.b)) {
		if d.err == nil {
			d.err = errors.New("zh: precompiled dictionary: bad word count")
		}
		return nil
	}
	out := make([]gse.Text, n)
	for i := range out {
		out[i] = d.bytes()
	}
	return out
}

// loadPrecompiled builds the full segmenter from data (dict.bin.gz).
func loadPrecompiled(data []byte) (*segmenter, error) {
	if !layoutOK || len(data) < 4 {
		return nil, errNoPrecompiled
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errNoPrecompiled, err)
	}
	// gzip's trailer holds the uncompressed size (mod 2^32): read in one go.
	raw := make([]byte, 0, binary.LittleEndian.Uint32(data[len(data)-4:])+1)
	if raw, err = readAll(zr, raw); err != nil {
		return nil, fmt.Errorf("%w: %v", errNoPrecompiled, err)
	}
	d := &decoder{b: raw}
	if string(d.bytes()) != precompiledMagic || string(d.bytes()) != Version() {
		return nil, fmt.Errorf("%w: written for another version (run go generate ./index/zh)", errNoPrecompiled)
	}
	n := d.count(len(raw))
	toks := make([]gse.Token, n)
	pos := map[string]string{}
	// Words and segments are cut from a few large arrays rather than
	// allocated per token (350,000 tokens).
	var words []gse.Text
	var segArr []gse.Segment
	var segPtrs []*gse.Segment
	takeWords := func(k int) []gse.Text {
		if len(words) < k {
			words = make([]gse.Text, max(k, 1<<16))
		}
		out := words[:k:k]
		words = words[k:]
		return out
	}
	readWords := func() []gse.Text {
		out := takeWords(d.count(len(d.b)))
		for i := range out {
			out[i] = d.bytes()
		}
		return out
	}
	for i := 0; i < n && d.err == nil; i++ {
		m := asMirror(&toks[i])
		m.text = readWords()
		m.freq = math.Float64frombits(d.uint())
		p := d.bytes()
		if s, ok := pos[string(p)]; ok {
			m.pos = s
		} else {
			m.pos = string(p)
			pos[m.pos] = m.pos
		}
		ns := d.count(len(d.b))
		if len(segArr) < ns {
			segArr = make([]gse.Segment, max(ns, 1<<14))
			segPtrs = make([]*gse.Segment, max(ns, 1<<14))
		}
		arr, ptrs := segArr[:ns:ns], segPtrs[:ns:ns]
		segArr, segPtrs = segArr[ns:], segPtrs[ns:]
		m.segments = ptrs
		for k := range arr {
			sg := segMirror(&arr[k])
			sg.start, sg.end, sg.Position = int(d.uint()), int(d.uint()), int(d.uint())
			if ref := d.uint(); ref > 0 {
				if ref > uint64(n) {
					d.err = fmt.Errorf("segment of token %d names token %d", i, ref-1)
					break
				}
				sg.token = &toks[ref-1]
			} else {
				pt := new(gse.Token)
				pm := asMirror(pt)
				pm.text, pm.freq, pm.distance, pm.pos = readWords(), 1, 32, "x"
				sg.token = pt
			}
			ptrs[k] = &arr[k]
		}
	}
	maxTokenLen := d.int()
	totalFreq := math.Float64frombits(d.uint())
	trie := cedar.New()
	c := (*mirrorCedar)(unsafe.Pointer(trie))
	c.Reduced = d.uint() == 1
	c.array = make([]cedar.Node, d.count(len(d.b)))
	for i := range c.array {
		nd := (*mirrorNode)(unsafe.Pointer(&c.array[i]))
		nd.baseV, nd.check = d.int(), d.int()
	}
	c.nInfos = make([]cedar.NInfo, d.count(len(d.b)/2))
	if d.err == nil {
		for i := range c.nInfos {
			ni := (*mirrorNInfo)(unsafe.Pointer(&c.nInfos[i]))
			ni.sibling, ni.child = d.b[2*i], d.b[2*i+1]
		}
		d.b = d.b[2*len(c.nInfos):]
	}
	c.blocks = make([]cedar.Block, d.count(len(d.b)))
	for i := range c.blocks {
		b := (*mirrorBlock)(unsafe.Pointer(&c.blocks[i]))
		b.prev, b.next, b.num, b.reject, b.trial, b.eHead = d.int(), d.int(), d.int(), d.int(), d.int(), d.int()
	}
	for i := range c.reject {
		c.reject[i] = d.int()
	}
	c.blocksHeadFull, c.blocksHeadClosed, c.blocksHeadOpen = d.int(), d.int(), d.int()
	c.capacity, c.size, c.maxTrial = d.int(), d.int(), d.int()
	c.ordered = d.uint() == 1
	if d.err != nil {
		return nil, fmt.Errorf("%w: %v", errNoPrecompiled, d.err)
	}
	if len(d.b) != 0 {
		return nil, fmt.Errorf("%w: %d bytes left over", errNoPrecompiled, len(d.b))
	}
	// As gse's CalcToken: each token's distance from the total frequency.
	logTotal := float32(math.Log2(totalFreq))
	for i := range toks {
		m := asMirror(&toks[i])
		m.distance = logTotal - float32(math.Log2(m.freq))
	}
	seg := newGse()
	seg.Init()
	dict := gse.NewDict()
	dm := (*mirrorDict)(unsafe.Pointer(dict))
	dm.trie, dm.maxTokenLen, dm.Tokens, dm.totalFreq = trie, maxTokenLen, toks, totalFreq
	seg.Dict = dict
	return &segmenter{seg: seg}, nil
}

// readAll is io.ReadAll into buf's spare capacity.
func readAll(r io.Reader, buf []byte) ([]byte, error) {
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}
