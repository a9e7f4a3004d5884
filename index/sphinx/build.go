package sphinx

import (
	"context"
	"fmt"

	"gongkai/corpus"
	"gongkai/index"
)

// BuildStats says what Build did.
type BuildStats struct {
	Reports int
}

// Build empties the cluster and feeds it every report of the catalog
// (renditions included, as the bleve backend does), calling progress after
// each batch with the reports done and the total. Unlike the bleve
// backend's rebuild it is not atomic: the cluster is empty, then partial,
// while it runs (README, "running on a cluster").
func (x *Index) Build(ctx context.Context, st *corpus.Store, progress func(done, total int)) (BuildStats, error) {
	var stats BuildStats
	counts, err := st.Stats(ctx)
	if err != nil {
		return stats, fmt.Errorf("build sphinx index: read the catalog: %w", err)
	}
	total := counts.Reports
	if err := x.Truncate(ctx); err != nil {
		return stats, fmt.Errorf("build sphinx index: %w", err)
	}
	batch := make([]*corpus.Report, 0, 200)
	primary := map[string]bool{}
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if err := x.index(ctx, batch, primary); err != nil {
			return fmt.Errorf("build sphinx index: %w", err)
		}
		stats.Reports += len(batch)
		batch = batch[:0]
		clear(primary)
		if progress != nil {
			progress(stats.Reports, total)
		}
		return nil
	}
	err = st.EachReport(ctx, func(r *corpus.Report, isPrimary bool) error {
		batch = append(batch, r)
		primary[r.ID] = isPrimary
		if len(batch) == cap(batch) {
			return flush()
		}
		return nil
	})
	if err != nil {
		return stats, err // flush's errors name the build, EachReport's the catalog
	}
	if err := flush(); err != nil {
		return stats, err
	}
	return stats, x.Flush(ctx)
}

// CatalogText is an Options.Text that reads the reports' text from the
// catalog (the text the bleve backend stores for snippets).
func CatalogText(st *corpus.Store) func(ctx context.Context, ids []string) (map[string]string, error) {
	return func(ctx context.Context, ids []string) (map[string]string, error) {
		out := make(map[string]string, len(ids))
		for _, id := range ids {
			r, err := st.Report(ctx, id)
			if err != nil {
				return nil, fmt.Errorf("report %s: %w", id, err)
			}
			out[id] = index.Text(r).Body
		}
		return out, nil
	}
}
