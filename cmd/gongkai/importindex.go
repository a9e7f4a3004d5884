package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"gongkai/corpus"
	"gongkai/index"
	bleveindex "gongkai/index/bleve"
)

// importIndex opens the archive's search index for an import to feed. It
// returns a nil Backend when the index must instead be rebuilt after the
// import (it was made by another version of gongkai), and a finish
// function to call once the import is done: it compacts the index and
// writes the query vocabulary (only when the import changed something:
// changed false just closes the index), or rebuilds the index from the
// catalog.
//
// With spec a sphinx://… cluster (--index), the import feeds the cluster
// (REPLACE by id: idempotent) and finish writes its RAM chunks to disk.
func importIndex(ctx context.Context, st *corpus.Store, archive, spec string, stderr io.Writer) (index.Backend, func(changed bool) error, error) {
	remote, err := isSphinx(spec)
	if err != nil {
		return nil, nil, err
	}
	if remote {
		x, err := openSphinx(ctx, spec, st)
		if err != nil {
			return nil, nil, err
		}
		return x, func(changed bool) error {
			defer x.Close()
			if !changed {
				return nil
			}
			return finishTimed(stderr, func() error { return x.Finish(context.WithoutCancel(ctx)) })
		}, nil
	}
	idir := indexDir(archive)
	shardBy := bleveindex.StoredShardBy(idir)
	rebuild := func(bool) error {
		start := time.Now()
		stats, err := bleveindex.Build(ctx, st, idir, bleveindex.Options{ShardBy: shardBy})
		if err != nil {
			return fmt.Errorf("rebuild the search index: %w", err)
		}
		fmt.Fprintf(stderr, "search index rebuilt: %d reports in %s\n", stats.Reports, time.Since(start).Round(time.Millisecond))
		return nil
	}
	x, err := bleveindex.Open(idir, bleveindex.Options{ShardBy: shardBy})
	if errors.Is(err, bleveindex.ErrVersionMismatch) {
		fmt.Fprintf(stderr, "the search index was made by another version of gongkai: it is rebuilt after the import\n")
		return nil, rebuild, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("open the search index: %w", err)
	}
	// An import killed after a catalog commit and before the index had
	// that batch leaves reports in the catalog that the index lacks, and a
	// re-run skips them as known (an import with --no-index leaves them on
	// purpose): CatchUp indexes them, or the index is rebuilt after the
	// import when it lacks most of the catalog.
	start := time.Now()
	cs, err := x.CatchUp(ctx, st)
	if errors.Is(err, bleveindex.ErrFarBehind) {
		x.Close()
		fmt.Fprintf(stderr, "the search index holds %d reports and the catalog %d: the index is rebuilt after the import\n", cs.Held, cs.Catalog)
		return nil, rebuild, nil
	}
	if err != nil {
		x.Close()
		return nil, nil, err
	}
	caughtUp := cs.Indexed+cs.Removed > 0
	if caughtUp {
		fmt.Fprintf(stderr, "the search index held %d reports and the catalog %d (an import was interrupted or ran with --no-index): %d indexed, %d removed in %s\n",
			cs.Held, cs.Catalog, cs.Indexed, cs.Removed, time.Since(start).Round(time.Millisecond))
	}
	return x, func(changed bool) error {
		defer x.Close()
		if !changed && !caughtUp {
			return nil
		}
		// Commits outlive an interrupted import, and so does the index.
		limitFinishMemory()
		return finishTimed(stderr, func() error { return x.Finish(context.WithoutCancel(ctx)) })
	}, nil
}

// finishTimed runs an index's Finish (its final merge and sync) and says
// how long it took: the import's summary line is printed before it, and
// its rate leaves that time out.
func finishTimed(stderr io.Writer, finish func() error) error {
	start := time.Now()
	if err := finish(); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "search index merged and synced in %s\n", time.Since(start).Round(time.Millisecond))
	return nil
}
