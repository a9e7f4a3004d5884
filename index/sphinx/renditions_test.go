package sphinx_test

import (
	"context"
	"strconv"
	"testing"

	"gongkai/corpus"
	"gongkai/index"
	"gongkai/index/indextest"
	"gongkai/index/sphinx"
	"gongkai/index/sphinx/sphinxtest"
)

// TestRenditions: two renditions of one report (same rendition key) give
// one hit, totals and facets count it once, and the newest parse is the
// one shown; deleting it shows the other again.
func TestRenditions(t *testing.T) {
	cl := sphinxtest.Start(t, 2)
	ctx := context.Background()
	reports := indextest.Reports(10)
	x, err := sphinx.Open(ctx, cl.URL, sphinx.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if err := x.Index(ctx, reports); err != nil {
		t.Fatal(err)
	}
	orig := reports[0]
	cp := *orig
	sha := corpus.Hash([]byte("test rendition of " + orig.ID))
	cp.ID, cp.Source.SHA256, cp.Source.Format = sha[:12], sha, "pdf"
	if corpus.RenditionKey(&cp) != corpus.RenditionKey(orig) {
		t.Fatal("the copy is not a rendition of the original")
	}
	all := func() *index.Result {
		res, err := x.Search(ctx, index.Request{Limit: 100, Sort: "id", Facets: []string{"year"}})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	before := all()
	if err := x.Index(ctx, []*corpus.Report{&cp}); err != nil { // the newer parse
		t.Fatal(err)
	}
	after := all()
	if after.Total != before.Total || len(after.Hits) != len(before.Hits) {
		t.Fatalf("total %d → %d: renditions are not collapsed", before.Total, after.Total)
	}
	if n := after.Facets["year"][itoa(orig.Year)]; n != before.Facets["year"][itoa(orig.Year)] {
		t.Errorf("year facet counts the rendition: %v → %v", before.Facets["year"], after.Facets["year"])
	}
	if !has(after, cp.ID) || has(after, orig.ID) {
		t.Errorf("the newest rendition %s should be the hit, not %s", cp.ID, orig.ID)
	}
	if n, _ := x.Count(); n != uint64(len(reports)+1) {
		t.Errorf("count %d, want %d (renditions included)", n, len(reports)+1)
	}
	if err := x.Delete(ctx, []string{cp.ID}); err != nil {
		t.Fatal(err)
	}
	if res := all(); !has(res, orig.ID) || res.Total != before.Total {
		t.Errorf("after deleting the rendition, the original is not a hit again (total %d)", res.Total)
	}
}

func has(res *index.Result, id string) bool {
	for _, h := range res.Hits {
		if h.ID == id {
			return true
		}
	}
	return false
}

func itoa(n int) string { return strconv.Itoa(n) }
