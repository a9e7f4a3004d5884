package bleveindex

import (
	"context"
	"errors"
	"fmt"

	"github.com/blevesearch/bleve/v2"

	"gongkai/corpus"
)

// Rebuild replaces the index by one built from the catalog (Build) and
// opens it in place of the old one: the Index stays usable (searches wait
// for the rebuild). Build leaves the old index on disk when it fails; it
// is reopened then and the error returned. Only when even reopening fails
// is the Index left closed.
func (x *Index) Rebuild(ctx context.Context, st *corpus.Store) (int, error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.closed {
		return 0, ErrClosed
	}
	opt := x.opt
	if err := x.closeShards(); err != nil {
		x.closed = true
		return 0, fmt.Errorf("rebuild the search index: %w", err)
	}
	x.shards, x.alias = map[string]bleve.Index{}, bleve.NewIndexAlias()
	stats, berr := Build(ctx, st, x.dir, opt)
	y, err := Open(x.dir, opt)
	if err != nil {
		x.closed = true
		return 0, errors.Join(berr, fmt.Errorf("reopen the search index: %w", err))
	}
	x.opt, x.mapping, x.vers, x.an, x.bigrams = y.opt, y.mapping, y.vers, y.an, y.bigrams
	x.shards, x.alias = y.shards, y.alias
	if berr != nil {
		return 0, fmt.Errorf("rebuild the search index: %w", berr)
	}
	return stats.Reports, nil
}
