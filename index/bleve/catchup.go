package bleveindex

import (
	"context"
	"errors"
	"fmt"

	"github.com/blevesearch/bleve/v2"

	"gongkai/corpus"
)

// ErrFarBehind is CatchUp's answer when the index lacks more than half of
// the catalog's reports: rebuilding it (Build) is then the cheaper way.
var ErrFarBehind = errors.New("the search index lacks more than half of the catalog's reports")

// CatchUpStats says what CatchUp found and changed.
type CatchUpStats struct {
	Held    uint64 // documents in the index before
	Catalog int    // reports in the catalog
	Indexed int    // catalog reports the index lacked, now indexed
	Removed int    // index documents the catalog no longer has, now deleted
}

// catchUpChunk is the number of reports CatchUp loads and indexes at once
// (the import's catalog batch).
const catchUpChunk = 200

// CatchUp brings the index level with the catalog: it indexes the reports
// the index lacks and deletes the documents whose report the catalog no
// longer has. An import killed between a batch's catalog commit and its
// indexing leaves such reports, and a re-run skips them as already
// imported; an import with --no-index leaves them on purpose. Both sets
// are found by comparing the ids (the catalog's and every shard's), so
// the cost is one pass over the ids plus the indexing of what differs,
// not a rebuild; when the index and the catalog count the same number of
// reports (the index never holds one the catalog does not, short of a
// deletion that reached the catalog only), not even that. When the index
// lacks more than half of the catalog it changes nothing and returns
// ErrFarBehind.
func (x *Index) CatchUp(ctx context.Context, st *corpus.Store) (CatchUpStats, error) {
	var cs CatchUpStats
	var err error
	if cs.Held, err = x.Count(); err != nil {
		return cs, fmt.Errorf("count the search index: %w", err)
	}
	if cs.Catalog, err = st.ReportCount(ctx); err != nil {
		return cs, err
	}
	if cs.Held == uint64(cs.Catalog) {
		return cs, nil
	}
	catalog, err := st.ReportIDs(ctx)
	if err != nil {
		return cs, err
	}
	have, err := x.ids()
	if err != nil {
		return cs, err
	}
	var missing []string
	for _, id := range catalog {
		if !have[id] {
			missing = append(missing, id)
		}
		delete(have, id)
	}
	if 2*len(missing) > len(catalog) {
		return cs, fmt.Errorf("catch up with the catalog: %d of %d reports missing: %w", len(missing), len(catalog), ErrFarBehind)
	}
	if len(have) > 0 {
		stale := make([]string, 0, len(have))
		for id := range have {
			stale = append(stale, id)
		}
		if err := x.Delete(ctx, stale); err != nil {
			return cs, fmt.Errorf("catch up with the catalog: %w", err)
		}
		cs.Removed = len(stale)
	}
	for len(missing) > 0 {
		n := min(catchUpChunk, len(missing))
		reports := make([]*corpus.Report, 0, n)
		for _, id := range missing[:n] {
			r, err := st.Report(ctx, id)
			if errors.Is(err, corpus.ErrNotFound) {
				continue // deleted since the list was read
			}
			if err != nil {
				return cs, fmt.Errorf("catch up with the catalog: %w", err)
			}
			reports = append(reports, r)
		}
		if err := x.Index(ctx, reports); err != nil {
			return cs, fmt.Errorf("catch up with the catalog: %w", err)
		}
		cs.Indexed += len(reports)
		missing = missing[n:]
	}
	return cs, nil
}

// ids returns the id of every document in every shard.
func (x *Index) ids() (map[string]bool, error) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	if x.closed {
		return nil, ErrClosed
	}
	ids := map[string]bool{}
	for _, name := range x.shardNames() {
		if err := shardIDs(x.shards[name], ids); err != nil {
			return nil, fmt.Errorf("list the ids of index shard %s: %w", name, err)
		}
	}
	return ids, nil
}

// shardIDs adds the id of every document of one shard to ids.
func shardIDs(s bleve.Index, ids map[string]bool) error {
	r, err := shardReader(s)
	if err != nil {
		return err
	}
	defer r.Close()
	all, err := r.DocIDReaderAll()
	if err != nil {
		return err
	}
	defer all.Close()
	for {
		in, err := all.Next()
		if err != nil {
			return err
		}
		if in == nil {
			return nil
		}
		id, err := r.ExternalID(in)
		if err != nil {
			return err
		}
		ids[id] = true
	}
}
