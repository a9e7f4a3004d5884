package sphinx_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gongkai/index"
	bleveindex "gongkai/index/bleve"
	"gongkai/index/indextest"
	"gongkai/index/sphinx"
	"gongkai/index/sphinx/sphinxtest"
)

// TestConformance feeds the suite's archive to three real searchd
// processes, runs the conformance suite through the distributed index,
// and compares every answer with the bleve backend's on the same archive.
func TestConformance(t *testing.T) {
	cl := sphinxtest.Start(t, 3)
	ctx := context.Background()
	reports := indextest.Reports(200)
	st := indextest.Store(t, reports)

	x, err := sphinx.Open(ctx, cl.URL, sphinx.Options{Text: sphinx.CatalogText(st)})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	stats, err := x.Build(ctx, st, nil)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Reports != len(reports) {
		t.Fatalf("built %d reports, want %d", stats.Reports, len(reports))
	}
	// Feeding is idempotent: the same reports again change nothing.
	if err := x.Index(ctx, reports[:50]); err != nil {
		t.Fatal(err)
	}
	if n, err := x.CountContext(ctx); err != nil || n != uint64(len(reports)) {
		t.Fatalf("count %d (%v), want %d", n, err, len(reports))
	}
	got := indextest.Run(t, x, reports)

	dir := filepath.Join(st.Dir(), "index")
	if _, err := bleveindex.Build(ctx, st, dir, bleveindex.Options{}); err != nil {
		t.Fatal(err)
	}
	b, err := bleveindex.Open(dir, bleveindex.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	var want map[string]indextest.Outcome
	t.Run("bleve", func(t *testing.T) { want = indextest.Run(t, b, reports) })
	indextest.Same(t, "bleve", want, "sphinx", got)
}

// TestNodeDown: a node that is down gives a clear error naming it, in
// bounded time, both when opening and when searching.
func TestNodeDown(t *testing.T) {
	cl := sphinxtest.Start(t, 3)
	ctx := context.Background()
	reports := indextest.Reports(20)
	x, err := sphinx.Open(ctx, cl.URL, sphinx.Options{Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if err := x.Index(ctx, reports); err != nil {
		t.Fatal(err)
	}
	cl.Stop(1)
	start := time.Now()
	_, err = x.Search(ctx, index.Request{Query: `"政府信息公开"`})
	if !errors.Is(err, sphinx.ErrNodeDown) || !strings.Contains(err.Error(), "agent") {
		t.Fatalf("search with a node down: %v, want ErrNodeDown naming the agent", err)
	}
	if _, err := sphinx.Open(ctx, cl.URL, sphinx.Options{}); !errors.Is(err, sphinx.ErrNodeDown) || !strings.Contains(err.Error(), cl.Nodes[1].Addr()) {
		t.Fatalf("open with a node down: %v, want ErrNodeDown naming %s", err, cl.Nodes[1])
	}
	if err := x.Index(ctx, reports); !errors.Is(err, sphinx.ErrNodeDown) {
		t.Fatalf("index with a node down: %v, want ErrNodeDown", err)
	}
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("failing took %s", d)
	}
	cl.Stop(0)
	if _, err := x.Search(ctx, index.Request{}); !errors.Is(err, sphinx.ErrNodeDown) {
		t.Fatalf("search with the first node down: %v, want ErrNodeDown", err)
	}
}
