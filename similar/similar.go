package similar

import (
	"cmp"
	"context"
	"fmt"
	"hash/maphash"
	"slices"
	"strings"
	"time"
)

// Doc is one report as the detector sees it.
type Doc struct {
	ID     string
	Office string // the office's identity: reports of one office across years share it
	Year   int
	Group  string // the region the office belongs to (its county): template text spreads across groups
	Text   string
}

// Source yields the documents. Find calls it twice and expects the same
// documents with the same text both times.
type Source func(yield func(Doc) error) error

// Options tune the detector; the zero value means the defaults.
type Options struct {
	MinSentences  int     // matched sentences a passage needs (default 2)
	MinChars      int     // sentences with fewer normalised characters are ignored (default 8)
	Threshold     float64 // estimated Jaccard similarity of two sentences' 3-grams to match (default 0.5)
	BoilerOffices int     // distinct offices that make a sentence template text (default max(10, 1% of offices); in archives of under 40 offices, a quarter of them, at least 3)
	BoilerGroups  int     // ... spread over at least this many groups (default 3)
	MaxBucket     int     // LSH buckets with more distinct sentences are not expanded into pairs (default 1000)
	Window        int     // how far apart in the source two consecutive matched sentences may be (default 3)
}

func (o Options) withDefaults(offices int) Options {
	if o.MinSentences <= 0 {
		o.MinSentences = 2
	}
	if o.MinChars <= 0 {
		o.MinChars = 8
	}
	if o.Threshold <= 0 {
		o.Threshold = 0.5
	}
	if o.BoilerOffices <= 0 {
		o.BoilerOffices = max(min(10, max(3, offices/4)), offices/100)
	}
	if o.BoilerGroups <= 0 {
		o.BoilerGroups = 3
	}
	if o.MaxBucket <= 0 {
		o.MaxBucket = 1000
	}
	if o.Window <= 0 {
		o.Window = 3
	}
	return o
}

// Passage kinds.
const (
	KindSelf  = "self"  // from the same office's report of an earlier year
	KindOther = "other" // shared with another office's report of the same year
)

// Passage is a run of sentences of one report (Report) found in another
// (Source). Sentence ranges index Sentences(text), half-open.
type Passage struct {
	Report     string  `json:"report"`
	Source     string  `json:"source"`
	Kind       string  `json:"kind"`
	From       int     `json:"from"`
	To         int     `json:"to"`
	SourceFrom int     `json:"source_from"`
	SourceTo   int     `json:"source_to"`
	Sentences  int     `json:"sentences"`  // matched sentences in the run
	Chars      int     `json:"chars"`      // normalised characters of the matched sentences
	Similarity float64 `json:"similarity"` // mean estimated similarity of the matched sentences
	Text       string  `json:"text"`
	SourceText string  `json:"source_text"`
}

// Share is how much of one report's text is copied.
type Share struct {
	Report      string `json:"report"`
	Chars       int    `json:"chars"`        // normalised characters of its sentences
	Boilerplate int    `json:"boilerplate"`  // … of them template text
	CopiedSelf  int    `json:"copied_self"`  // … in passages from its office's earlier reports
	CopiedOther int    `json:"copied_other"` // … in passages shared with other offices
	Copied      int    `json:"copied"`       // … in any passage (each character once)
}

// Stats says what a run did.
type Stats struct {
	Docs            int           `json:"docs"`
	Sentences       int           `json:"sentences"`        // sentences long enough to compare
	Distinct        int           `json:"distinct"`         // distinct normalised sentences
	Boilerplate     int           `json:"boilerplate"`      // distinct sentences learned as template text
	Candidates      int           `json:"candidates"`       // sentence pairs from LSH buckets
	Matched         int           `json:"matched"`          // … of them similar enough
	SentenceMatches int           `json:"sentence_matches"` // matched sentence occurrences between reports
	Oversize        int           `json:"oversize"`         // LSH buckets too large to expand
	Passages        int           `json:"passages"`
	Elapsed         time.Duration `json:"elapsed"`
}

// Result is what Find found.
type Result struct {
	Passages []Passage `json:"passages"`
	Shares   []Share   `json:"shares"` // one per document, in the order given
	Stats    Stats     `json:"stats"`
	Options  Options   `json:"options"`
}

const (
	sigK  = 64 // MinHash values per sentence (16 bits each: b-bit MinHash)
	bands = 16
	rows  = sigK / bands
)

type docInfo struct {
	id     string
	office uint32
	group  uint32
	year   int32
	first  uint32 // index of its first sentence in sentUniq/sentLen
	n      uint32 // its sentences (all of Sentences(text))
}

const noUniq = ^uint32(0)

type detector struct {
	opt      Options
	docs     []docInfo
	sentUniq []uint32 // per sentence: its distinct sentence, noUniq when too short
	sentLen  []uint16 // per sentence: normalised runes
	sigs     [][sigK]uint16
	seed     maphash.Seed
	offices  map[string]uint32
	groups   map[string]uint32
}

// Find runs the detector over the documents src yields.
func Find(ctx context.Context, src Source, opt Options) (*Result, error) {
	start := time.Now()
	d := &detector{seed: maphash.MakeSeed(), offices: map[string]uint32{}, groups: map[string]uint32{}}
	if err := d.fingerprint(ctx, src); err != nil {
		return nil, err
	}
	d.opt = opt.withDefaults(len(d.offices))
	st := Stats{Docs: len(d.docs), Distinct: len(d.sigs)}
	for _, u := range d.sentUniq {
		if u != noUniq {
			st.Sentences++
		}
	}
	occStart, occs := d.occurrences()
	boiler, cands, oversize := d.buckets(occStart, occs)
	st.Oversize = oversize
	st.Candidates = len(cands)
	for _, b := range boiler {
		if b {
			st.Boilerplate++
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	pairs := d.verify(cands, boiler, occStart)
	st.Matched = len(pairs)
	ms := d.expand(pairs, occStart, occs)
	st.SentenceMatches = len(ms)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ps := d.chain(ms)
	shares := d.shares(ps, boiler)
	res := &Result{Shares: shares, Options: d.opt}
	if err := d.quote(ctx, src, ps, res); err != nil {
		return nil, err
	}
	st.Passages = len(res.Passages)
	st.Elapsed = time.Since(start)
	res.Stats = st
	return res, nil
}

// fingerprint is the first pass: sentences, their lengths, and a MinHash
// signature per distinct normalised sentence.
func (d *detector) fingerprint(ctx context.Context, src Source) error {
	distinct := map[uint64]uint32{}
	minChars := d.opt.MinChars
	if minChars <= 0 {
		minChars = 8
	}
	seen := map[string]bool{}
	err := src(func(doc Doc) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if seen[doc.ID] {
			return fmt.Errorf("similar: document %s given twice", doc.ID)
		}
		seen[doc.ID] = true
		info := docInfo{id: doc.ID, office: intern(d.offices, doc.Office), group: intern(d.groups, doc.Group), year: int32(doc.Year), first: uint32(len(d.sentUniq))}
		for _, s := range Sentences(doc.Text) {
			rs := Normalize(s)
			info.n++
			if len(rs) < minChars || len(rs) < 3 {
				d.sentUniq = append(d.sentUniq, noUniq)
				d.sentLen = append(d.sentLen, 0)
				continue
			}
			h := hashRunes(d.seed, rs)
			u, ok := distinct[h]
			if !ok {
				u = uint32(len(d.sigs))
				distinct[h] = u
				d.sigs = append(d.sigs, minhash(rs))
			}
			d.sentUniq = append(d.sentUniq, u)
			d.sentLen = append(d.sentLen, uint16(min(len(rs), 65535)))
		}
		d.docs = append(d.docs, info)
		return nil
	})
	if err != nil {
		return fmt.Errorf("similar: read documents: %w", err)
	}
	return nil
}

func intern(m map[string]uint32, s string) uint32 {
	if v, ok := m[s]; ok {
		return v
	}
	v := uint32(len(m))
	m[s] = v
	return v
}

func hashRunes(seed maphash.Seed, rs []rune) uint64 {
	var h maphash.Hash
	h.SetSeed(seed)
	var buf [4]byte
	for _, r := range rs {
		buf[0], buf[1], buf[2], buf[3] = byte(r), byte(r>>8), byte(r>>16), byte(r>>24)
		h.Write(buf[:])
	}
	return h.Sum64()
}

// mix64 is SplitMix64's finaliser: a fast, well-distributed 64-bit mix.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// The K hash functions are h_k(x) = (a_k·mix(x) + b_k) >> 48 with odd
// multipliers a_k: one mix per 3-gram, one multiply-add per function. Only
// 16 bits of each minimum are kept (b-bit MinHash): a chance equality of
// two minima (1 in 65536) barely moves a similarity estimate and halves
// the memory.
var hashA, hashB = func() (a, b [sigK]uint64) {
	s := uint64(0x9e3779b97f4a7c15)
	for k := range sigK {
		s = mix64(s + uint64(k))
		a[k] = s | 1
		s = mix64(s)
		b[k] = s
	}
	return
}()

// minhash is the signature of a normalised sentence's character 3-grams.
func minhash(rs []rune) [sigK]uint16 {
	var sig [sigK]uint16
	for k := range sig {
		sig[k] = ^uint16(0)
	}
	for i := 0; i+3 <= len(rs); i++ {
		x := mix64(uint64(rs[i])<<42 ^ uint64(rs[i+1])<<21 ^ uint64(rs[i+2]))
		for k := range sigK {
			if v := uint16((hashA[k]*x + hashB[k]) >> 48); v < sig[k] {
				sig[k] = v
			}
		}
	}
	return sig
}

func similarity(a, b *[sigK]uint16) float64 {
	n := 0
	for k := range sigK {
		if a[k] == b[k] {
			n++
		}
	}
	return float64(n) / sigK
}

// occurrences lists, per distinct sentence, the sentences (global index)
// where it occurs: occs[occStart[u]:occStart[u+1]].
func (d *detector) occurrences() (occStart []uint32, occs []uint32) {
	occStart = make([]uint32, len(d.sigs)+1)
	for _, u := range d.sentUniq {
		if u != noUniq {
			occStart[u+1]++
		}
	}
	for u := range d.sigs {
		occStart[u+1] += occStart[u]
	}
	occs = make([]uint32, occStart[len(d.sigs)])
	fill := slices.Clone(occStart[:len(d.sigs)])
	for i, u := range d.sentUniq {
		if u != noUniq {
			occs[fill[u]] = uint32(i)
			fill[u]++
		}
	}
	return occStart, occs
}

// docOf maps a global sentence index to its document.
func (d *detector) docOf(sent uint32) uint32 {
	i, _ := slices.BinarySearchFunc(d.docs, sent, func(di docInfo, s uint32) int {
		switch {
		case di.first+di.n <= s:
			return -1
		case di.first > s:
			return 1
		}
		return 0
	})
	return uint32(i)
}

// buckets runs LSH banding: it learns the template text (buckets spread
// over many offices and groups) and collects the candidate pairs of
// distinct sentences from the other buckets.
func (d *detector) buckets(occStart, occs []uint32) (boiler []bool, cands []uint64, oversize int) {
	n := len(d.sigs)
	sentDoc := make([]uint32, len(d.sentUniq))
	for i, di := range d.docs {
		for s := di.first; s < di.first+di.n; s++ {
			sentDoc[s] = uint32(i)
		}
	}
	votes := make([]uint8, n)
	type entry struct {
		key uint64
		u   uint32
	}
	ents := make([]entry, n)
	// Distinct offices and groups of a bucket, counted with stamps (no
	// clearing between buckets).
	offMark := make([]uint32, len(d.offices))
	grpMark := make([]uint32, len(d.groups))
	var stamp uint32
	spread := func(us []entry) bool {
		stamp++
		nOff, nGrp := 0, 0
		for _, e := range us {
			for _, s := range occs[occStart[e.u]:occStart[e.u+1]] {
				di := &d.docs[sentDoc[s]]
				if offMark[di.office] != stamp {
					offMark[di.office] = stamp
					nOff++
				}
				if grpMark[di.group] != stamp {
					grpMark[di.group] = stamp
					nGrp++
				}
				if nOff >= d.opt.BoilerOffices && nGrp >= d.opt.BoilerGroups {
					return true
				}
			}
		}
		return false
	}
	for b := range bands {
		for u := range n {
			h := uint64(b+1) * 0x9e3779b97f4a7c15
			for _, v := range d.sigs[u][b*rows : (b+1)*rows] {
				h = mix64(h ^ uint64(v))
			}
			ents[u] = entry{h, uint32(u)}
		}
		slices.SortFunc(ents, func(x, y entry) int { return cmp.Compare(x.key, y.key) })
		for i := 0; i < n; {
			j := i + 1
			for j < n && ents[j].key == ents[i].key {
				j++
			}
			group := ents[i:j]
			i = j
			if spread(group) {
				for _, e := range group {
					votes[e.u]++
				}
				continue
			}
			if len(group) < 2 {
				continue
			}
			if len(group) > d.opt.MaxBucket {
				oversize++
				continue
			}
			for x := range group {
				for y := x + 1; y < len(group); y++ {
					a, c := group[x].u, group[y].u
					if a > c {
						a, c = c, a
					}
					cands = append(cands, uint64(a)<<32|uint64(c))
				}
			}
		}
	}
	ents = nil
	slices.Sort(cands)
	cands = slices.Compact(cands)
	boiler = make([]bool, n)
	for u, v := range votes {
		// A fifth of the bands agreeing: one or two can be a chance
		// collision with a template sentence quoted inside a longer one.
		boiler[u] = int(v) >= bands/5
	}
	return boiler, cands, oversize
}

type pair struct {
	a, b uint32
	sim  uint8 // percent
}

// verify keeps the candidate pairs whose estimated similarity reaches the
// threshold, plus every distinct sentence that occurs more than once,
// paired with itself; template text is left out.
func (d *detector) verify(cands []uint64, boiler []bool, occStart []uint32) []pair {
	var out []pair
	for u := range d.sigs {
		if !boiler[u] && occStart[u+1]-occStart[u] > 1 {
			out = append(out, pair{uint32(u), uint32(u), 100})
		}
	}
	for _, c := range cands {
		a, b := uint32(c>>32), uint32(c)
		if boiler[a] || boiler[b] {
			continue
		}
		if s := similarity(&d.sigs[a], &d.sigs[b]); s >= d.opt.Threshold {
			out = append(out, pair{a, b, uint8(s*100 + 0.5)})
		}
	}
	return out
}

type match struct {
	a, b uint32 // copying document, source document
	i, j uint32 // sentence numbers within them
	sim  uint8
	self bool
}

// maxExpand bounds the occurrence pairs one sentence pair may produce (a
// sentence in hundreds of reports that escaped the template rule).
const maxExpand = 1 << 20

// expand turns matched sentence pairs into matched sentences between
// documents that may copy from each other: the same office, an earlier
// year (the later report copies); another office, the same year (both
// directions: which one copied is unknown).
func (d *detector) expand(pairs []pair, occStart, occs []uint32) []match {
	var out []match
	emit := func(sa, sb uint32, sim uint8) {
		da, db := d.docOf(sa), d.docOf(sb)
		if da == db {
			return
		}
		x, y := &d.docs[da], &d.docs[db]
		ia, ib := sa-x.first, sb-y.first
		switch {
		case x.office == y.office && x.year > y.year:
			out = append(out, match{da, db, ia, ib, sim, true})
		case x.office == y.office && x.year < y.year:
			out = append(out, match{db, da, ib, ia, sim, true})
		case x.office != y.office && x.year == y.year:
			out = append(out, match{da, db, ia, ib, sim, false}, match{db, da, ib, ia, sim, false})
		}
	}
	for _, p := range pairs {
		oa := occs[occStart[p.a]:occStart[p.a+1]]
		ob := occs[occStart[p.b]:occStart[p.b+1]]
		if len(oa)*len(ob) > maxExpand {
			continue
		}
		for x, sa := range oa {
			if p.a == p.b {
				for _, sb := range oa[x+1:] {
					emit(sa, sb, p.sim)
				}
				continue
			}
			for _, sb := range ob {
				emit(sa, sb, p.sim)
			}
		}
	}
	return out
}

// chain assembles passages from the matched sentences of each pair of
// documents: consecutive sentences of the copying document (one unmatched
// sentence may stand between two matched ones) whose matches in the
// source lie within the window of the previous one.
func (d *detector) chain(ms []match) []Passage {
	slices.SortFunc(ms, func(x, y match) int {
		return cmp.Or(cmp.Compare(x.a, y.a), cmp.Compare(x.b, y.b), cmp.Compare(x.i, y.i), cmp.Compare(x.j, y.j))
	})
	var out []Passage
	for lo := 0; lo < len(ms); {
		hi := lo + 1
		for hi < len(ms) && ms[hi].a == ms[lo].a && ms[hi].b == ms[lo].b {
			hi++
		}
		out = append(out, d.chainPair(ms[lo:hi])...)
		lo = hi
	}
	return out
}

func (d *detector) chainPair(ms []match) []Passage {
	a, b := &d.docs[ms[0].a], &d.docs[ms[0].b]
	kind := KindOther
	if ms[0].self {
		kind = KindSelf
	}
	var out []Passage
	var cur *Passage
	var lastI, lastJ int
	var simSum float64
	flush := func() {
		if cur != nil && cur.Sentences >= d.opt.MinSentences {
			cur.Similarity = simSum / float64(cur.Sentences)
			out = append(out, *cur)
		}
		cur = nil
	}
	for lo := 0; lo < len(ms); {
		hi := lo + 1
		for hi < len(ms) && ms[hi].i == ms[lo].i {
			hi++
		}
		i := int(ms[lo].i)
		// Of the source sentences this one matches, the one nearest the
		// run's last.
		best := lo
		if cur != nil {
			for k := lo + 1; k < hi; k++ {
				if abs(int(ms[k].j)-lastJ-1) < abs(int(ms[best].j)-lastJ-1) {
					best = k
				}
			}
		}
		m := ms[best]
		j := int(m.j)
		if cur == nil || i-lastI > 2 || abs(j-lastJ) > d.opt.Window || j == lastJ {
			flush()
			cur = &Passage{Report: a.id, Source: b.id, Kind: kind, From: i, SourceFrom: j, SourceTo: j + 1}
			simSum = 0
		}
		cur.To = i + 1
		cur.SourceFrom = min(cur.SourceFrom, j)
		cur.SourceTo = max(cur.SourceTo, j+1)
		cur.Sentences++
		cur.Chars += int(d.sentLen[a.first+uint32(i)])
		simSum += float64(m.sim) / 100
		lastI, lastJ = i, j
		lo = hi
	}
	flush()
	return out
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// shares counts, per document, its characters, the template text among
// them and those in passages.
func (d *detector) shares(ps []Passage, boiler []bool) []Share {
	byID := make(map[string]int, len(d.docs))
	out := make([]Share, len(d.docs))
	for k, di := range d.docs {
		byID[di.id] = k
		out[k].Report = di.id
		for s := di.first; s < di.first+di.n; s++ {
			n := int(d.sentLen[s])
			out[k].Chars += n
			if u := d.sentUniq[s]; u != noUniq && boiler[u] {
				out[k].Boilerplate += n
			}
		}
	}
	// Characters of each sentence in a passage, counted once per kind.
	type key struct {
		doc  int
		sent uint32
	}
	self, other := map[key]bool{}, map[key]bool{}
	for _, p := range ps {
		k := byID[p.Report]
		di := &d.docs[k]
		for i := p.From; i < p.To; i++ {
			s := di.first + uint32(i)
			if u := d.sentUniq[s]; u == noUniq || boiler[u] {
				continue
			}
			if p.Kind == KindSelf {
				self[key{k, s}] = true
			} else {
				other[key{k, s}] = true
			}
		}
	}
	for kk := range self {
		n := int(d.sentLen[kk.sent])
		out[kk.doc].CopiedSelf += n
		out[kk.doc].Copied += n
	}
	for kk := range other {
		n := int(d.sentLen[kk.sent])
		out[kk.doc].CopiedOther += n
		if !self[kk] {
			out[kk.doc].Copied += n
		}
	}
	return out
}

// quote is the second pass: the text of each passage and of its source.
func (d *detector) quote(ctx context.Context, src Source, ps []Passage, res *Result) error {
	need := map[string][]int{} // document → passages that quote it (-1-k: as source)
	for k, p := range ps {
		need[p.Report] = append(need[p.Report], k)
		need[p.Source] = append(need[p.Source], -1-k)
	}
	err := src(func(doc Doc) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		ks := need[doc.ID]
		if len(ks) == 0 {
			return nil
		}
		ss := Sentences(doc.Text)
		cut := func(from, to int) (string, error) {
			if to > len(ss) {
				return "", fmt.Errorf("similar: document %s changed between passes", doc.ID)
			}
			return strings.Join(ss[from:to], ""), nil
		}
		var err error
		for _, k := range ks {
			if k >= 0 {
				ps[k].Text, err = cut(ps[k].From, ps[k].To)
			} else {
				p := &ps[-1-k]
				p.SourceText, err = cut(p.SourceFrom, p.SourceTo)
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("similar: quote passages: %w", err)
	}
	res.Passages = ps
	return nil
}
