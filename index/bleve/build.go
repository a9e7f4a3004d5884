package bleveindex

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
	segment "github.com/blevesearch/scorch_segment_api/v2"

	"gongkai/corpus"
)

// BuildStats says what Build did.
type BuildStats struct {
	Reports int
	Shards  int
}

// Build rebuilds the index in dir from the catalog: every report is
// indexed, non-primary renditions included (a page and its PDF attachment
// can differ in text, and search should find both; the hit's id tells which
// file matched). It builds into a temporary sibling directory, compacts
// every shard to one segment, writes the query vocabulary, and only then
// renames it into place, so a failed or interrupted rebuild leaves the old
// index as it was. No Index may be open on dir while Build runs.
func Build(ctx context.Context, st *corpus.Store, dir string, opt Options) (BuildStats, error) {
	var stats BuildStats
	if err := opt.normalize(); err != nil {
		return stats, fmt.Errorf("build index: %w", err)
	}
	if opt.ShardBy == "" {
		opt.ShardBy = ShardNone
	}
	parent := filepath.Dir(filepath.Clean(dir))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return stats, fmt.Errorf("build index: %w", err)
	}
	tmp, err := os.MkdirTemp(parent, filepath.Base(dir)+".build-")
	if err != nil {
		return stats, fmt.Errorf("build index: %w", err)
	}
	defer os.RemoveAll(tmp)
	if err := os.Chmod(tmp, 0o755); err != nil {
		return stats, fmt.Errorf("build index: %w", err)
	}
	x, err := create(tmp, opt)
	if err != nil {
		return stats, fmt.Errorf("build index: %w", err)
	}
	defer x.Close()
	x.build, x.groups = map[string]bool{}, map[string]map[string][]member{}
	if stats.Reports, err = feed(ctx, st, x); err != nil {
		return stats, fmt.Errorf("build index: %w", err)
	}
	if err := x.ForceMerge(ctx); err != nil {
		return stats, fmt.Errorf("build index: %w", err)
	}
	if err := x.WriteVocabulary(); err != nil {
		return stats, fmt.Errorf("build index: %w", err)
	}
	stats.Shards = len(x.shards)
	if err := x.Close(); err != nil {
		return stats, fmt.Errorf("build index: %w", err)
	}
	return stats, swapDir(tmp, dir)
}

// feed indexes every report of the catalog, in batches.
func feed(ctx context.Context, st *corpus.Store, x *Index) (int, error) {
	n := 0
	batch := make([]*corpus.Report, 0, 500)
	err := st.EachReport(ctx, func(r *corpus.Report, primary bool) error {
		batch = append(batch, r)
		x.build[r.ID] = primary
		if len(batch) < cap(batch) {
			return nil
		}
		if err := x.index(ctx, batch, false); err != nil {
			return err
		}
		n += len(batch)
		batch = batch[:0]
		return nil
	})
	if err != nil {
		return n, err
	}
	if err := x.index(ctx, batch, false); err != nil {
		return n, err
	}
	if err := x.finishGroups(); err != nil {
		return n, err
	}
	return n + len(batch), nil
}

// swapDir replaces dir by tmp: dir is moved aside, tmp renamed into place,
// the old one removed.
func swapDir(tmp, dir string) error {
	old := dir + ".old"
	os.RemoveAll(old)
	if err := os.Rename(dir, old); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("build index: move the old index aside: %w", err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		os.Rename(old, dir)
		return fmt.Errorf("build index: move the new index into place: %w", err)
	}
	return os.RemoveAll(old)
}

// Finish compacts the index after an import and writes the query
// vocabulary. A shard of at most compactDocs documents is compacted to one
// segment, as Build does (smaller, faster to search, and bleve's BM25
// statistics are those of a rebuilt index). A larger shard only has its
// small segments merged into segments of at most mergeDocs documents:
// compacting it whole would read (map) the whole index, so an import's
// memory and time would grow with the archive rather than with what it
// added. `gongkai index --rebuild` compacts such an index to one segment.
//
// The merge maps the segments it reads, so Finish first returns the
// memory the import freed to the system (the Go heap of the parses and
// batches) and drops the mapped pages that lookups touched (dropMapped):
// measured on a 20,000-report import, the end of the import was its peak
// (816–866 MB) before.
func (x *Index) Finish(ctx context.Context) error {
	debug.FreeOSMemory()
	x.mu.Lock()
	x.dropMapped()
	x.mu.Unlock()
	if err := x.merge(ctx, false); err != nil {
		return err
	}
	// Drop what merging touched before the vocabulary reads every
	// segment's dictionary.
	x.mu.Lock()
	x.dropMapped()
	x.mu.Unlock()
	return x.WriteVocabulary()
}

// ForceMerge compacts every shard to one segment (libraries.md §1.2).
func (x *Index) ForceMerge(ctx context.Context) error { return x.merge(ctx, true) }

// merge compacts every shard: to one segment when whole is set or the
// shard holds at most compactDocs documents, else into bounded segments.
func (x *Index) merge(ctx context.Context, whole bool) error {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.closed {
		return ErrClosed
	}
	for _, name := range x.shardNames() {
		adv, err := x.shards[name].Advanced()
		if err != nil {
			return fmt.Errorf("compact index shard %s: %w", name, err)
		}
		sc, ok := adv.(*scorch.Scorch)
		if !ok {
			continue
		}
		mo := mergeplan.SingleSegmentMergePlanOptions
		if !whole {
			n, err := x.shards[name].DocCount()
			if err != nil {
				return fmt.Errorf("compact index shard %s: %w", name, err)
			}
			if n > compactDocs {
				mo.MaxSegmentSize = mergeDocs
			}
		}
		if err := sc.ForceMerge(ctx, &mo); err != nil {
			return fmt.Errorf("compact index shard %s: %w", name, err)
		}
	}
	return nil
}

// maxVocabulary bounds the query vocabulary.
const maxVocabulary = 2_000_000

// WriteVocabulary writes the terms of the word field (every shard) into
// the index directory as the compact query-time dictionary
// (zh.WriteVocabulary); UseVocabulary loads it.
func (x *Index) WriteVocabulary() error {
	x.mu.RLock()
	defer x.mu.RUnlock()
	if x.closed {
		return ErrClosed
	}
	seen := map[string]int{}
	for _, name := range x.shardNames() {
		if err := bodyTerms(x.shards[name], seen); err != nil {
			return fmt.Errorf("vocabulary of shard %s: %w", name, err)
		}
	}
	if x.an.version() == fallbackAnalysis.version() {
		return nil // bleve's cjk analyzer needs no dictionary
	}
	if err := writeVocabularyFile(filepath.Join(x.dir, vocabFile), seen); err != nil {
		return fmt.Errorf("write the query vocabulary: %w", err)
	}
	return nil
}

// bodyTerms adds the terms of the body field of shard s to seen (term →
// 1), segment by segment. bleve's FieldDict would merge the segments'
// dictionaries and read every term's postings list for its count, which
// touches most of the mapped index: measured on a 20,000-report import,
// 348 MB of index pages were resident while the vocabulary was written.
// The vocabulary needs only the terms, so each segment's term dictionary
// (its FST) is walked without the postings where the segment allows it.
// The set of terms is the same: a zap segment's dictionary holds only
// terms with postings. Segments that cannot omit the counts are read with
// them.
func bodyTerms(s bleve.Index, seen map[string]int) error {
	r, err := shardReader(s)
	if err != nil {
		return err
	}
	defer r.Close()
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		d, err := r.FieldDict(fBody)
		if err != nil {
			return err
		}
		defer d.Close()
		for len(seen) < maxVocabulary {
			e, err := d.Next()
			if err != nil {
				return err
			}
			if e == nil {
				break
			}
			if e.Count > 0 {
				seen[e.Term] = 1
			}
		}
		return nil
	}
	for _, ss := range snap.Segments() {
		d, err := ss.Segment().Dictionary(fBody)
		if err != nil {
			return err
		}
		var it segment.DictionaryIterator
		if oc, ok := d.(omitCounter); ok {
			it = oc.AutomatonIteratorOmitCount(nil, nil, nil)
		} else {
			it = d.AutomatonIterator(nil, nil, nil)
		}
		for len(seen) < maxVocabulary {
			e, err := it.Next()
			if err != nil {
				return err
			}
			if e == nil {
				break
			}
			if _, ok := seen[e.Term]; !ok {
				seen[strings.Clone(e.Term)] = 1
			}
		}
		// The walk touched the whole dictionary: drop its pages before
		// the next segment's (on a large archive they added up to more
		// than the import itself held).
		if m, ok := ss.Segment().(mappedData); ok {
			dropPages(m.Data())
		}
	}
	return nil
}

// UseVocabulary makes query analysis use the compact vocabulary written
// into the index directory dir, when there is one, instead of loading the
// full dictionary (a cold search starts in milliseconds, not seconds).
// Call it before Open, in processes that only search.
func UseVocabulary(dir string) error {
	path := filepath.Join(dir, vocabFile)
	if _, err := os.Stat(path); err != nil {
		return nil
	}
	if err := useVocabularyFile(path); err != nil {
		return fmt.Errorf("query vocabulary %s: %w", path, err)
	}
	return nil
}
