package bleveindex_test

import (
	"context"
	"path/filepath"
	"testing"

	bleveindex "gongkai/index/bleve"
	"gongkai/index/indextest"
)

// TestConformance runs the backend conformance suite (index/indextest) on
// a bleve index of the suite's archive.
func TestConformance(t *testing.T) {
	reports := indextest.Reports(200)
	st := indextest.Store(t, reports)
	dir := filepath.Join(st.Dir(), "index")
	if _, err := bleveindex.Build(context.Background(), st, dir, bleveindex.Options{}); err != nil {
		t.Fatal(err)
	}
	x, err := bleveindex.Open(dir, bleveindex.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	indextest.Run(t, x, reports)
}
