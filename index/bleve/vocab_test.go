package bleveindex

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/blevesearch/bleve/v2/index/scorch"
)

// TestBodyTermsSameAsFieldDict checks that the vocabulary's walk of the
// segments' term dictionaries without postings (bodyTerms) finds exactly
// the terms bleve's FieldDict lists with a count above zero, on an index
// of several segments, some of whose documents were replaced or deleted.
func TestBodyTermsSameAsFieldDict(t *testing.T) {
	x, err := Open(filepath.Join(t.TempDir(), "index"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	ctx := context.Background()
	rs := fixtureReports()
	for i := 0; i < len(rs); i += 40 { // one segment per batch
		if err := x.Index(ctx, rs[i:min(i+40, len(rs))]); err != nil {
			t.Fatal(err)
		}
	}
	if err := x.Index(ctx, rs[:3]); err != nil { // replaced by themselves
		t.Fatal(err)
	}
	if err := x.Delete(ctx, []string{rs[7].ID, rs[50].ID, rs[120].ID}); err != nil {
		t.Fatal(err)
	}
	for _, name := range x.shardNames() {
		s := x.shards[name]
		got := map[string]int{}
		if err := bodyTerms(s, got); err != nil {
			t.Fatal(err)
		}
		d, err := s.FieldDict(fBody)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]bool{}
		for {
			e, err := d.Next()
			if err != nil {
				t.Fatal(err)
			}
			if e == nil {
				break
			}
			if e.Count > 0 {
				want[e.Term] = true
			}
		}
		d.Close()
		if len(want) < 1000 {
			t.Fatalf("shard %s: only %d body terms; the fixture should give thousands", name, len(want))
		}
		for term := range want {
			if got[term] == 0 {
				t.Errorf("shard %s: %q is in FieldDict, not in bodyTerms", name, term)
			}
		}
		for term := range got {
			if !want[term] {
				t.Errorf("shard %s: %q is in bodyTerms, not in FieldDict", name, term)
			}
		}
		adv, _ := s.Advanced()
		r, err := adv.Reader()
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("shard %s: %d terms in %d segments", name, len(got), len(r.(*scorch.IndexSnapshot).Segments()))
		r.Close()
	}
}
