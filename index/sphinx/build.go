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

// Build feeds every report of the catalog (renditions included, as the
// bleve backend does) to the inactive generation of every node, calling
// progress after each batch with the reports done and the total, and then
// makes that generation active on every node. Searches read the active
// generation throughout: they see the old index, complete, until the
// switch, then the new one. Changes made meanwhile (Index, Delete, by any
// process) go to both generations. A failed build leaves the old
// generation active. The old generation's data stays on the nodes until
// the next build empties it (README, "running on a cluster").
func (x *Index) Build(ctx context.Context, st *corpus.Store, progress func(done, total int)) (BuildStats, error) {
	var stats BuildStats
	counts, err := st.Stats(ctx)
	if err != nil {
		return stats, fmt.Errorf("build sphinx index: read the catalog: %w", err)
	}
	total := counts.Reports
	first, err := x.readState(ctx, 0)
	if err != nil {
		return stats, fmt.Errorf("build sphinx index: %w", err)
	}
	// The first node's active generation is complete (a switch starts
	// there); if an earlier switch stopped half-way, it is finished first.
	active := first.active
	target := active.other()
	for i := range x.nodes {
		if err := x.writeState(ctx, i, state{active: active, building: target}); err != nil {
			return stats, fmt.Errorf("build sphinx index: %w", err)
		}
	}
	if err := x.truncate(ctx, target); err != nil {
		return stats, fmt.Errorf("build sphinx index: %w", err)
	}
	batch := make([]*corpus.Report, 0, 200)
	primary := map[string]bool{}
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if err := x.index(ctx, batch, primary, []gen{target}); err != nil {
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
	if err := x.flush(ctx, target); err != nil {
		return stats, fmt.Errorf("build sphinx index: %w", err)
	}
	// The switch: each node's searches read the new generation from now
	// on. A search goes through one node's distributed index, whose
	// agents read the same generation on every node, so it sees one
	// generation whole, whichever side of the switch its node is on.
	for i := range x.nodes {
		if err := x.writeState(ctx, i, state{active: target}); err != nil {
			return stats, fmt.Errorf("build sphinx index: switch to generation %s: %w", target, err)
		}
	}
	return stats, nil
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
