package bleveindex

import (
	"context"
	"path/filepath"
	"testing"

	"gongkai/index"
)

// TestRebuild_InPlace rebuilds an open index from the catalog through the
// index.Backend interface: an index missing reports gets them all, and
// the same Backend answers searches afterwards.
func TestRebuild_InPlace(t *testing.T) {
	reports := fixtureReports()
	st := fixtureStore(t, reports)
	ctx := context.Background()
	x, err := Open(filepath.Join(st.Dir(), "index"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var b index.Backend = x
	defer b.Close()
	if err := b.Index(ctx, reports[:1]); err != nil {
		t.Fatal(err)
	}
	if n, _ := b.Count(); n != 1 {
		t.Fatalf("before the rebuild: %d documents, want 1", n)
	}
	n, err := b.Rebuild(ctx, st)
	if err != nil || n != len(reports) {
		t.Fatalf("rebuild: %d reports, %v; want %d", n, err, len(reports))
	}
	if c, _ := b.Count(); int(c) != len(reports) {
		t.Errorf("after the rebuild: %d documents, want %d", c, len(reports))
	}
	res, err := b.Search(ctx, index.Request{Query: "条例", Region: "测试市"})
	if err != nil || res.Total != 2 {
		t.Fatalf("search after the rebuild: %v %+v", err, res)
	}
}
