package sphinx

import (
	"context"
	"encoding/json"
	"fmt"

	"gongkai/corpus"
	bleveindex "gongkai/index/bleve"
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
	var total int
	if err := st.DB().QueryRowContext(ctx, `SELECT count(*) FROM reports`).Scan(&total); err != nil {
		return stats, fmt.Errorf("build sphinx index: read the catalog: %w", err)
	}
	if err := x.Truncate(ctx); err != nil {
		return stats, fmt.Errorf("build sphinx index: %w", err)
	}
	rows, err := st.DB().QueryContext(ctx, `SELECT record, primary_rendition FROM reports ORDER BY id`)
	if err != nil {
		return stats, fmt.Errorf("build sphinx index: read the catalog: %w", err)
	}
	defer rows.Close()
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
	for rows.Next() {
		var rec string
		var isPrimary bool
		if err := rows.Scan(&rec, &isPrimary); err != nil {
			return stats, fmt.Errorf("build sphinx index: read the catalog: %w", err)
		}
		r := new(corpus.Report)
		if err := json.Unmarshal([]byte(rec), r); err != nil {
			return stats, fmt.Errorf("build sphinx index: read the catalog: bad record: %w", err)
		}
		batch = append(batch, r)
		primary[r.ID] = isPrimary
		if len(batch) == cap(batch) {
			if err := flush(); err != nil {
				return stats, err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return stats, fmt.Errorf("build sphinx index: read the catalog: %w", err)
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
			out[id] = bleveindex.BodyText(r)
		}
		return out, nil
	}
}
