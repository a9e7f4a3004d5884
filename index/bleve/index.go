package bleveindex

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
	"github.com/blevesearch/bleve/v2/mapping"
	bindex "github.com/blevesearch/bleve_index_api"
	bbolt "go.etcd.io/bbolt"

	"gongkai/corpus"
	"gongkai/index"
)

var _ index.Backend = (*Index)(nil)

// SchemaVersion is the version of what this package puts into a document.
// It need not be raised by hand: Versions also holds a hash of the
// mapping, of the text building (index.TextFingerprint) and of the
// document made of a fixed report (documentFingerprint), so any change to
// them rebuilds the index.
const SchemaVersion = 2

// ErrInUse is returned by Open when another process holds the index open
// (bleve allows one process at a time).
var ErrInUse = errors.New("the search index is in use by another process (a running gongkai serve?): import with --no-index, or through the server (POST /api/import)")

// lockWait is how long Open waits for another process to release the index.
const lockWait = 3 * time.Second

// ErrVersionMismatch is returned by Open when the index on disk was built
// by another schema, mapping, analysis or sharding than the code's: the
// caller rebuilds it from the catalog (Build).
var ErrVersionMismatch = errors.New("index version differs from this gongkai: rebuild it (gongkai index --rebuild)")

// ErrClosed is returned by an Index after Close.
var ErrClosed = errors.New("index is closed")

// Sharding (Options.ShardBy).
const (
	ShardNone = "none"
	ShardYear = "year"
)

// Options configure an index.
type Options struct {
	// ShardBy is "none" (one bleve index) or "year" (one per reporting
	// year behind an IndexAlias). Open with "" takes what is on disk and
	// creates a single index when there is none.
	ShardBy string
	// Analysis is ModeHybrid (default), ModeWords or ModeCJK.
	Analysis string
	// BatchSize is the number of documents per bleve batch (default
	// batchDocs).
	BatchSize int
}

// Versions identify what built an index; stored in meta.json and inside
// every shard (bleve internal key "gongkai_versions").
type Versions struct {
	Schema   int    `json:"schema"`
	Mapping  string `json:"mapping"`  // hash of the mapping's JSON and of the figures' encoding (figure.go)
	Analysis string `json:"analysis"` // segmentation version (dictionary included)
	Text     string `json:"text"`     // index.TextFingerprint: the text building
	Document string `json:"document"` // hash of the document of a fixed report
	Mode     string `json:"mode"`     // hybrid|words|cjk
	ShardBy  string `json:"shard_by"` // none|year
}

// meta is the index directory's meta.json.
type meta struct {
	Versions
	Shards []string `json:"shards"`
}

const (
	metaFile    = "meta.json"
	shardsDir   = "shards"
	vocabFile   = "vocabulary.txt"
	internalKey = "gongkai_versions"
)

// Index is a bleve index (one or several shards) behind index.Backend.
type Index struct {
	dir     string
	opt     Options
	mapping *mapping.IndexMappingImpl
	vers    Versions
	bigrams bool
	an      analysis

	mu        sync.RWMutex
	secondary map[string]string // id → shard of the renditions that are not primary (renditions.go)
	secIDs    []string          // the keys of secondary, sorted
	build     map[string]bool   // during Build: the catalog's primaries (nil otherwise)
	groups    map[string]map[string][]member
	shards    map[string]bleve.Index
	alias     bleve.IndexAlias
	closed    bool
	terms     termCache // the Han terms of each segment's fields (contains.go)
}

func (o *Options) normalize() error {
	if o.Analysis == "" {
		o.Analysis = ModeHybrid
	}
	if o.BatchSize <= 0 {
		o.BatchSize = batchDocs
	}
	switch o.ShardBy {
	case "", ShardNone, ShardYear:
		return nil
	}
	return fmt.Errorf("unknown shard-by %q (want %s or %s)", o.ShardBy, ShardNone, ShardYear)
}

// batchDocs is the default number of documents per bleve batch: each
// batch becomes one segment. bleve analyses a whole batch before it builds
// the segment, and the analysed documents (every token's positions, for
// phrases) are about 1 MB each for a real-size report of 126 KB: at 100 (the
// size libraries.md §1.3 suggests for ~15 KB documents) they and the
// segment being built were 140 MB of a 245 MB live heap, and the collector
// ran near the memory limit. Measured on the real-size set (2,000 files,
// loaded machine), 50 used 10–15 % less CPU than 100 and 30–50 MB less peak
// RSS; 25 did no better than 50.
const batchDocs = 50

// compactDocs is the largest shard Finish compacts to one segment (in
// documents, about 25 KB of index each).
const compactDocs = 5000

// mergeDocs bounds the segments merged while indexing and by Finish in a
// shard above compactDocs: merging reads its input segments through mmap,
// and those pages count in the process's resident memory until the merge
// is introduced, so this bounds what a merge adds to it however large the
// index grows. Measured on a 20,000-report import, a cap of 5,000 let
// merges add up to 246 MB of mapped index pages beside a Go heap and
// SQLite cache of about 485 MB (peak 730–866 MB); 2,500 halves that. An
// index above compactDocs keeps segments of up to mergeDocs documents (40
// at 100,000 reports) until `gongkai index --rebuild`.
const mergeDocs = 2500

// scorchConfig adds the merge policy to a shard's runtime configuration
// (cfg may be nil). scorch's default policy rounds every segment up to a
// floor of 2,000 documents and allows one segment per floor: below that,
// each new segment of a batch (then 100 documents) was merged again into the
// one before, rewriting the index over and over (measured on 2,000 reports:
// 614 MB of merge output for a 51 MB index, a quarter of the import's CPU).
// A floor of one batch gives the logarithmic tiers the policy is meant to
// keep, never into a segment above mergeDocs.
//
// The tiers are mergeWidth segments wide, not scorch's 10: with 10, an
// import merged every ten batches' segments into one during the import and
// Finish merged those again (on the real-size set, 136 MB of merge output
// for a 77 MB index). With mergeWidth, an import of up to mergeWidth
// batches is merged once, by Finish (79 MB), and a larger one merges runs
// of mergeWidth batches into segments of mergeDocs, each document once.
// Measured on the real-size set (2,000 files, loaded machine): 5 % less
// CPU for the import, the same peak RSS.
func scorchConfig(cfg map[string]interface{}) map[string]interface{} {
	if cfg == nil {
		cfg = map[string]interface{}{}
	}
	d := mergeplan.DefaultMergePlanOptions
	cfg["scorchMergePlanOptions"] = map[string]interface{}{
		"MaxSegmentsPerTier":   mergeWidth,
		"MaxSegmentSize":       mergeDocs,
		"TierGrowth":           d.TierGrowth,
		"SegmentsPerMergeTask": mergeWidth,
		"FloorSegmentSize":     batchDocs,
		"ReclaimDeletesWeight": d.ReclaimDeletesWeight,
	}
	return cfg
}

// mergeWidth is the number of segments per tier of the merge policy and
// per merge (scorchConfig): mergeWidth batches of batchDocs make one
// segment of mergeDocs.
const mergeWidth = mergeDocs / batchDocs

// codeVersions computes what the code would store for these options.
func codeVersions(opt Options) (Versions, *mapping.IndexMappingImpl, analysis, bool, error) {
	an, bigrams, err := analysisFor(opt.Analysis)
	if err != nil {
		return Versions{}, nil, an, false, err
	}
	m, err := buildMapping(an, bigrams)
	if err != nil {
		return Versions{}, nil, an, false, fmt.Errorf("index mapping: %w", err)
	}
	js, err := json.Marshal(m)
	if err != nil {
		return Versions{}, nil, an, false, fmt.Errorf("index mapping: %w", err)
	}
	if !legacyFigures {
		js = append(js, "\n"+figureEncoding...)
	}
	sum := sha256.Sum256(js)
	v := Versions{Schema: SchemaVersion, Mapping: hex.EncodeToString(sum[:6]), Analysis: an.version(),
		Text: index.TextFingerprint(), Document: documentFingerprint(bigrams), Mode: opt.Analysis, ShardBy: opt.ShardBy}
	if v.ShardBy == "" {
		v.ShardBy = ShardNone
	}
	return v, m, an, bigrams, nil
}

// Open opens the index in dir (the archive's index/ directory), creating an
// empty one when there is none. When the index on disk was built with other
// versions or options, Open returns an error wrapping ErrVersionMismatch.
func Open(dir string, opt Options) (*Index, error) {
	if err := opt.normalize(); err != nil {
		return nil, fmt.Errorf("open index %s: %w", dir, err)
	}
	var m meta
	data, err := os.ReadFile(filepath.Join(dir, metaFile))
	switch {
	case errors.Is(err, os.ErrNotExist):
		if opt.ShardBy == "" {
			opt.ShardBy = ShardNone
		}
		return create(dir, opt)
	case err != nil:
		return nil, fmt.Errorf("open index %s: %w", dir, err)
	}
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("open index %s: bad %s: %v: %w", dir, metaFile, err, ErrVersionMismatch)
	}
	opt.adopt(m.Versions)
	x, err := newIndex(dir, opt)
	if err != nil {
		return nil, err
	}
	if m.Versions != x.vers {
		return nil, fmt.Errorf("open index %s: built with %+v, this gongkai has %+v: %w", dir, m.Versions, x.vers, ErrVersionMismatch)
	}
	for _, name := range m.Shards {
		// bolt waits for ever on an index another process holds open; give
		// up after a few seconds and say why.
		s, err := bleve.OpenUsing(filepath.Join(dir, shardsDir, name), scorchConfig(map[string]interface{}{"bolt_timeout": lockWait.String()}))
		if errors.Is(err, bbolt.ErrTimeout) || err != nil && strings.Contains(err.Error(), "timeout") {
			x.closeShards()
			return nil, fmt.Errorf("open index %s: %w", dir, ErrInUse)
		}
		if err != nil {
			x.closeShards()
			return nil, fmt.Errorf("open index shard %s: %w", name, err)
		}
		x.addShard(name, s)
		if err := checkInternal(s, x.vers); err != nil {
			x.closeShards()
			return nil, fmt.Errorf("open index shard %s: %w", name, err)
		}
		if err := x.loadSecondary(name); err != nil {
			x.closeShards()
			return nil, err
		}
	}
	// Opening a segment reads its footer, field and doc-value headers
	// spread over the file, and each read maps the pages around it: on a
	// 100,000-report index about 420 MB of segment pages were resident
	// after Open, until the first batch's dropMapped, while an import's
	// heap grew beside them (its peak RSS). Drop them at once.
	x.dropMapped()
	return x, nil
}

func checkInternal(s bleve.Index, want Versions) error {
	raw, err := s.GetInternal([]byte(internalKey))
	if err != nil {
		return err
	}
	var got Versions
	if err := json.Unmarshal(raw, &got); err != nil || got != want {
		return fmt.Errorf("shard built with %s: %w", raw, ErrVersionMismatch)
	}
	return nil
}

func newIndex(dir string, opt Options) (*Index, error) {
	v, m, an, bigrams, err := codeVersions(opt)
	if err != nil {
		return nil, fmt.Errorf("open index %s: %w", dir, err)
	}
	// The alias is given no mapping on purpose: with one, bleve 2.6.3's
	// BM25 "global scoring" pre-search sums document counts and field
	// lengths over the shards but keeps each shard's own term document
	// frequency, which skews idf far more than purely local statistics
	// (measured: TestShards_SameAsSingle). Scores across shards are local.
	alias := bleve.NewIndexAlias()
	return &Index{dir: dir, opt: opt, mapping: m, vers: v, an: an, bigrams: bigrams,
		shards: map[string]bleve.Index{}, alias: alias, secondary: map[string]string{}}, nil
}

// create makes an empty index in dir.
func create(dir string, opt Options) (*Index, error) {
	x, err := newIndex(dir, opt)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Join(dir, shardsDir), 0o755); err != nil {
		return nil, fmt.Errorf("create index %s: %w", dir, err)
	}
	if opt.ShardBy == ShardNone {
		if _, err := x.shard("all"); err != nil {
			x.closeShards()
			return nil, err
		}
	}
	if err := x.writeMeta(); err != nil {
		x.closeShards()
		return nil, err
	}
	return x, nil
}

func (x *Index) addShard(name string, s bleve.Index) {
	x.shards[name] = s
	x.alias.Add(s)
}

// shard returns the shard called name, creating it (caller holds x.mu for
// writing, or is the only user).
func (x *Index) shard(name string) (bleve.Index, error) {
	if s, ok := x.shards[name]; ok {
		return s, nil
	}
	path := filepath.Join(x.dir, shardsDir, name)
	// A shard is listed in meta.json (and opened by Open) before any
	// report is indexed into it, so a directory here that Open did not
	// open is what a process killed while creating this shard left: it
	// holds no report, and bleve refuses to create over it. Remove it.
	if err := os.RemoveAll(path); err != nil {
		return nil, fmt.Errorf("create index shard %s: remove an interrupted creation: %w", name, err)
	}
	s, err := bleve.NewUsing(path, x.mapping, bleve.Config.DefaultIndexType, bleve.Config.DefaultKVStore, scorchConfig(nil))
	if err != nil {
		return nil, fmt.Errorf("create index shard %s: %w", name, err)
	}
	raw, _ := json.Marshal(x.vers)
	if err := s.SetInternal([]byte(internalKey), raw); err != nil {
		s.Close()
		return nil, fmt.Errorf("create index shard %s: %w", name, err)
	}
	x.addShard(name, s)
	return s, nil
}

// shardName says which shard holds a report.
func (x *Index) shardName(r *corpus.Report) string {
	if x.opt.ShardBy != ShardYear {
		return "all"
	}
	y := r.Year
	if y < 0 || y > 9999 {
		y = 0
	}
	return fmt.Sprintf("y%04d", y)
}

func (x *Index) shardNames() []string {
	names := make([]string, 0, len(x.shards))
	for n := range x.shards {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// writeMeta writes meta.json atomically.
func (x *Index) writeMeta() error {
	data, err := json.MarshalIndent(meta{Versions: x.vers, Shards: x.shardNames()}, "", "  ")
	if err != nil {
		return err
	}
	tmp := filepath.Join(x.dir, metaFile+".tmp")
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return fmt.Errorf("write index meta: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(x.dir, metaFile)); err != nil {
		return fmt.Errorf("write index meta: %w", err)
	}
	return nil
}

// Versions returns what the index was built with.
func (x *Index) Versions() Versions { return x.vers }

// Dir is the index directory.
func (x *Index) Dir() string { return x.dir }

// Index adds or replaces reports (by Report.ID). A report whose year moved
// it to another shard is removed from the shard that held it.
func (x *Index) Index(ctx context.Context, reports []*corpus.Report) error {
	return x.index(ctx, reports, true)
}

func (x *Index) index(ctx context.Context, reports []*corpus.Report, replace bool) error {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.closed {
		return ErrClosed
	}
	if x.an.compact() {
		return errors.New("index: this process analyses with the compact query vocabulary and must not index")
	}
	groups := map[string][]*corpus.Report{}
	for _, r := range reports {
		if r == nil || r.ID == "" {
			continue
		}
		groups[x.shardName(r)] = append(groups[x.shardName(r)], r)
	}
	created := false
	for name := range groups {
		if _, ok := x.shards[name]; !ok {
			if _, err := x.shard(name); err != nil {
				return err
			}
			created = true
		}
	}
	if created {
		if err := x.writeMeta(); err != nil {
			return err
		}
	}
	for _, name := range x.shardNames() {
		if err := x.indexShard(ctx, name, groups[name], groups, replace); err != nil {
			return err
		}
	}
	x.dropMapped()
	return nil
}

// dropMapped takes every shard's mapped segment pages out of the
// process's resident memory (mapped.go), after each call of Index: what
// the lookups of one call touched, in every segment however large the
// index, no longer adds up across the import. The caller holds x.mu.
func (x *Index) dropMapped() {
	for _, s := range x.shards {
		dropMapped(s)
	}
}

// merging says whether a shard is merging segments.
func (x *Index) merging() bool {
	for _, s := range x.shards {
		adv, err := s.Advanced()
		if err != nil {
			continue
		}
		if sc, ok := adv.(*scorch.Scorch); ok {
			if st, ok := sc.Stats().(*scorch.Stats); ok && atomic.LoadUint64(&st.TotFileMergeZapBeg) != atomic.LoadUint64(&st.TotFileMergeZapEnd) {
				return true
			}
		}
	}
	return false
}

// indexShard writes one shard's reports in batches and, when replacing,
// deletes from it the ids that now live in another shard.
func (x *Index) indexShard(ctx context.Context, name string, mine []*corpus.Report, all map[string][]*corpus.Report, replace bool) error {
	s := x.shards[name]
	b := s.NewBatch()
	flush := func() error {
		if b.Size() == 0 {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := s.Batch(b); err != nil {
			return fmt.Errorf("index shard %s: %w", name, err)
		}
		b.Reset()
		return nil
	}
	now := time.Now().UnixNano()
	keys := map[string]bool{}
	if x.build == nil {
		// The groups the replaced documents were in (a re-parse can
		// change a report's key).
		ids := make([]string, len(mine))
		for i, r := range mine {
			ids[i] = r.ID
		}
		var err error
		if keys, err = x.keysOf(ctx, name, ids); err != nil {
			return err
		}
	}
	for _, r := range mine {
		d := document(r, x.bigrams)
		key, _ := d[fRendition].(string)
		if x.build != nil {
			d[fSeq] = seqValue(now, true, x.build[r.ID])
			f, _ := d[fFailed].(string)
			if x.groups[name] == nil {
				x.groups[name] = map[string][]member{}
			}
			x.groups[name][key] = append(x.groups[name][key], member{id: r.ID, failed: f == "true", seq: d[fSeq].(float64)})
		} else {
			d[fSeq] = seqValue(now, false, false)
			keys[key] = true
		}
		doc, err := mapDocument(s.Mapping(), r.ID, d, x.bigrams)
		if err != nil {
			return err
		}
		if err := b.IndexAdvanced(doc); err != nil {
			return fmt.Errorf("index report %s: %w", r.ID, err)
		}
		if b.Size() >= x.opt.BatchSize {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if replace && len(x.shards) > 1 {
		for other, rs := range all {
			if other == name {
				continue
			}
			for _, r := range rs {
				if d, err := s.Document(r.ID); err == nil && d != nil {
					b.Delete(r.ID)
					if _, ok := x.secondary[r.ID]; ok {
						delete(x.secondary, r.ID)
						x.refreshSecondary()
					}
				}
			}
		}
	}
	if err := flush(); err != nil {
		return err
	}
	if x.build != nil {
		return nil
	}
	return x.regroup(ctx, name, keys)
}

// shardReader opens a reader of a shard's current snapshot (a
// *scorch.IndexSnapshot for scorch shards); the caller closes it.
func shardReader(s bleve.Index) (bindex.IndexReader, error) {
	adv, err := s.Advanced()
	if err != nil {
		return nil, err
	}
	return adv.Reader()
}

// Delete removes reports by id; unknown ids are ignored.
func (x *Index) Delete(ctx context.Context, ids []string) error {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.closed {
		return ErrClosed
	}
	for _, name := range x.shardNames() {
		s := x.shards[name]
		keys, err := x.keysOf(ctx, name, ids)
		if err != nil {
			return err
		}
		b := s.NewBatch()
		for _, id := range ids {
			b.Delete(id)
			delete(x.secondary, id)
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := s.Batch(b); err != nil {
			return fmt.Errorf("delete from index shard %s: %w", name, err)
		}
		if err := x.regroup(ctx, name, keys); err != nil {
			return err
		}
		if err := x.saveSecondary(name); err != nil {
			return err
		}
	}
	return nil
}

// Count returns the number of documents in the index.
func (x *Index) Count() (uint64, error) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	if x.closed {
		return 0, ErrClosed
	}
	var n uint64
	for _, s := range x.shards {
		c, err := s.DocCount()
		if err != nil {
			return 0, err
		}
		n += c
	}
	return n, nil
}

// Close releases the index.
func (x *Index) Close() error {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.closed {
		return nil
	}
	x.closed = true
	return x.closeShards()
}

func (x *Index) closeShards() error {
	var errs []error
	for name, s := range x.shards {
		if err := s.Close(); err != nil {
			errs = append(errs, fmt.Errorf("close index shard %s: %w", name, err))
		}
	}
	return errors.Join(errs...)
}

// Exists reports whether dir holds an index (its meta.json).
func Exists(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, metaFile))
	return err == nil
}

// StoredShardBy returns the sharding of the index in dir ("" when none).
func StoredShardBy(dir string) string {
	data, err := os.ReadFile(filepath.Join(dir, metaFile))
	if err != nil {
		return ""
	}
	var m meta
	if json.Unmarshal(data, &m) != nil {
		return ""
	}
	return m.ShardBy
}
