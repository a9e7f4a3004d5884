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
)

// The precompiled dictionary.
//
// Loading gse's text dictionary costs 1.5–2.5 s of CPU: half of it is
// gse's CalcToken, which segments every one of the ~350,000 dictionary
// words again to find its sub-words (the search-mode segments our
// tokenizer emits at the parent's position), most of the rest is
// inserting the words into its double-array trie. dict.bin.gz holds the
// outcome of that load as the flat dictionary (flat.go) — the unit trie,
// every token's frequency, part of speech and sub-word records — written
// by `go generate` (internal/gendict) from the text load itself through
// buildFlat. loadPrecompiled only decodes it and rebuilds the edge hash;
// each token's distance is recomputed as CalcToken does. The file records
// Version(); a stale file (another user dictionary or gse version) is
// ignored and the text dictionary is loaded and converted instead
// (loadFullText), and TestPrecompiledIdentical says to run go generate.

//go:generate go run ./internal/gendict -o dict.bin.gz

//go:embed dict.bin.gz
var precompiledDict []byte

const precompiledMagic = "gongkai-zh-flat/2"

// errNoPrecompiled says the embedded dictionary cannot be used (stale or
// absent); the caller loads the text dictionary.
var errNoPrecompiled = errors.New("zh: no usable precompiled dictionary")

// WritePrecompiled writes the precompiled form of the full dictionary
// (loaded from gse's text dictionary, never from a precompiled one) to w,
// gzip-compressed. internal/gendict calls it at go generate time.
func WritePrecompiled(w io.Writer) error {
	s, err := loadFullText(baseDict)
	if err != nil {
		return err
	}
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	encodeFlat(bw, s.flat)
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

func (e *encoder) bytes(b []byte) {
	e.uint(uint64(len(b)))
	e.w.Write(b)
}

// Format (after the gzip layer), in uvarints and strings (a uvarint
// length and the bytes): magic, Version(), the token count, the node
// count (the root is the next id), the longest word in units, the total
// frequency (float64 bits), the parts of speech, the alnum runs in code
// order; per node (token nodes first, then the other prefixes) its parent
// and the code of its last unit; per token its frequency (2·f when f is
// an integer below 2^53, else 1 followed by the float64 bits), its part
// of speech (index), its sub-word count and per sub-word its byte span
// and 1 + its token (0 for a pseudo word).
func encodeFlat(w *bufio.Writer, d *flatDict) {
	e := &encoder{w: w}
	e.bytes([]byte(precompiledMagic))
	e.bytes([]byte(Version()))
	e.uint(uint64(d.numTokens()))
	e.uint(uint64(d.numNodes))
	e.uint(uint64(d.maxTokenLen))
	e.uint(math.Float64bits(d.totalFreq))
	e.uint(uint64(len(d.posNames)))
	for _, p := range d.posNames {
		e.bytes([]byte(p))
	}
	runs := make([]string, len(d.alnum))
	for s, c := range d.alnum {
		runs[c-alnumBase] = s
	}
	e.uint(uint64(len(runs)))
	for _, r := range runs {
		e.bytes([]byte(r))
	}
	parent := make([]uint32, d.numNodes)
	code := make([]uint32, d.numNodes)
	for _, s := range d.slots {
		if s != 0 {
			child := uint32(s & idMask)
			parent[child] = uint32(s>>(2*idBits)) - 1
			code[child] = uint32(s>>idBits) & idMask
		}
	}
	for i := range parent {
		e.uint(uint64(parent[i]))
		e.uint(uint64(code[i]))
	}
	for t := range d.freq {
		f := d.freq[t]
		if f >= 0 && f < 1<<53 && f == math.Trunc(f) {
			e.uint(uint64(f) * 2)
		} else {
			e.uint(1)
			e.uint(math.Float64bits(f))
		}
		e.w.WriteByte(d.pos[t])
		from, to := d.subwords(int32(t))
		e.uint(uint64(to - from))
		for k := from; k < to; k++ {
			e.w.WriteByte(d.segFrom[k])
			e.w.WriteByte(d.segTo[k])
			e.uint(uint64(d.segTok[k] + 1))
		}
	}
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

// loadPrecompiled builds the full segmenter from data (dict.bin.gz).
func loadPrecompiled(data []byte) (*segmenter, error) {
	if len(data) < 4 {
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
	fd, err := decodeFlat(d)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errNoPrecompiled, err)
	}
	return &segmenter{flat: fd}, nil
}

func decodeFlat(d *decoder) (*flatDict, error) {
	n := d.count(maxNodes)
	nodes := d.count(maxNodes)
	fd := &flatDict{
		numNodes:    nodes,
		root:        uint32(nodes),
		maxTokenLen: d.count(1 << 16),
		totalFreq:   math.Float64frombits(d.uint()),
		alnum:       map[string]uint32{},
	}
	if d.err == nil && (n > nodes || fd.maxTokenLen == 0) {
		return nil, errors.New("bad header")
	}
	fd.posNames = make([]string, d.count(256))
	for i := range fd.posNames {
		fd.posNames[i] = string(d.bytes())
	}
	runs := d.count(1 << 16)
	for i := 0; i < runs && d.err == nil; i++ {
		r := d.bytes()
		fd.alnum[string(r)] = alnumBase + uint32(i)
		fd.alnumMax = max(fd.alnumMax, len(r))
	}
	if fd.alnumMax > 64 {
		return nil, errors.New("alnum run longer than 64 bytes")
	}
	edges := make([][3]uint32, nodes)
	for i := range edges {
		edges[i] = [3]uint32{uint32(d.count(nodes)), uint32(d.count(idMask)), uint32(i)}
	}
	if d.err != nil {
		return nil, d.err
	}
	if err := fd.setEdges(edges); err != nil {
		return nil, err
	}
	fd.freq = make([]float64, n)
	fd.pos = make([]uint8, n)
	fd.segStart = make([]uint32, n+1)
	for t := 0; t < n && d.err == nil; t++ {
		if v := d.uint(); v&1 == 0 {
			fd.freq[t] = float64(v / 2)
		} else {
			fd.freq[t] = math.Float64frombits(d.uint())
		}
		if len(d.b) < 1 {
			return nil, errors.New("truncated")
		}
		fd.pos[t] = d.b[0]
		d.b = d.b[1:]
		if int(fd.pos[t]) >= len(fd.posNames) {
			return nil, fmt.Errorf("token %d: bad part of speech", t)
		}
		fd.segStart[t] = uint32(len(fd.segTok))
		ns := d.count(len(d.b))
		for k := 0; k < ns && d.err == nil; k++ {
			if len(d.b) < 2 {
				return nil, errors.New("truncated")
			}
			from, to := d.b[0], d.b[1]
			d.b = d.b[2:]
			ref := d.count(n)
			if from >= to {
				return nil, fmt.Errorf("token %d: bad sub-word span", t)
			}
			fd.segFrom = append(fd.segFrom, from)
			fd.segTo = append(fd.segTo, to)
			fd.segTok = append(fd.segTok, int32(ref)-1)
		}
	}
	fd.segStart[n] = uint32(len(fd.segTok))
	if d.err != nil {
		return nil, d.err
	}
	if len(d.b) != 0 {
		return nil, fmt.Errorf("%d bytes left over", len(d.b))
	}
	// Exact-size copies: append's spare capacity would stay on the heap.
	fd.segTok = append([]int32(nil), fd.segTok...)
	fd.segFrom = append([]uint8(nil), fd.segFrom...)
	fd.segTo = append([]uint8(nil), fd.segTo...)
	fd.setDistances()
	return fd, nil
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
