package bleveindex

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"gongkai/corpus"
	"gongkai/index"
)

// catchUpFixture is the fixture archive's catalog and an empty index
// beside it, closed with t.
func catchUpFixture(t *testing.T) ([]*corpus.Report, *corpus.Store, *Index) {
	reports := fixtureReports()
	st := fixtureStore(t, reports)
	x, err := Open(filepath.Join(st.Dir(), "index"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { x.Close() })
	return reports, st, x
}

// TestCatchUp: an index that lacks some of the catalog's reports (an
// import killed between a commit and its indexing) and holds one the
// catalog no longer has gets level with the catalog, and searches see it.
func TestCatchUp(t *testing.T) {
	reports, st, x := catchUpFixture(t)
	ctx := context.Background()
	stale := synthReports(fixtureSeed+1, 1)[0]
	indexed := append(reports[:150:150], stale)
	if err := x.Index(ctx, indexed); err != nil {
		t.Fatal(err)
	}
	cs, err := x.CatchUp(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	if cs.Indexed != len(reports)-150 || cs.Removed != 1 {
		t.Errorf("caught up %+v, want %d indexed and 1 removed", cs, len(reports)-150)
	}
	if cs.Held != 151 || cs.Catalog != len(reports) {
		t.Errorf("caught up %+v, want 151 documents held before and %d reports in the catalog", cs, len(reports))
	}
	if n, _ := x.Count(); int(n) != len(reports) {
		t.Errorf("after catching up: %d documents, want %d", n, len(reports))
	}
	have, err := x.ids()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range reports {
		if !have[r.ID] {
			t.Errorf("report %s is not in the index after catching up", r.ID)
		}
	}
	if have[stale.ID] {
		t.Errorf("report %s, not in the catalog, is still in the index", stale.ID)
	}
	// The hand-written reports are the last ones: not indexed before.
	res, err := x.Search(ctx, index.Request{Query: "营商环境专栏"})
	if err != nil || res.Total != 1 {
		t.Fatalf("search for a report indexed by the catch-up: %v %+v", err, res)
	}
	again, err := x.CatchUp(ctx, st)
	if err != nil || again.Indexed != 0 || again.Removed != 0 {
		t.Errorf("a second catch-up: %+v %v, want nothing to do", again, err)
	}
}

// TestCatchUp_FarBehind: an index lacking most of the catalog is left as
// it is, for a rebuild.
func TestCatchUp_FarBehind(t *testing.T) {
	reports, st, x := catchUpFixture(t)
	ctx := context.Background()
	if err := x.Index(ctx, reports[:10]); err != nil {
		t.Fatal(err)
	}
	if _, err := x.CatchUp(ctx, st); !errors.Is(err, ErrFarBehind) {
		t.Fatalf("catch-up of 10 of %d: %v, want ErrFarBehind", len(reports), err)
	}
	if n, _ := x.Count(); n != 10 {
		t.Errorf("after a refused catch-up: %d documents, want 10", n)
	}
}
