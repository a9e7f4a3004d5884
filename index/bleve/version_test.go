package bleveindex

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
)

// TestVersionsDerived: the version Expected derives is the one Open and
// Build use, Stored reads it back, and ID and Diff tell every part apart.
func TestVersionsDerived(t *testing.T) {
	st := fixtureStore(t, fixtureReports())
	dir := filepath.Join(st.Dir(), "index")
	if _, err := Build(context.Background(), st, dir, Options{ShardBy: ShardYear}); err != nil {
		t.Fatal(err)
	}
	want, err := Expected(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if want.ShardBy != ShardYear {
		t.Errorf("Expected takes the sharding on disk: got %q", want.ShardBy)
	}
	x, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := x.Versions()
	x.Close()
	stored, err := Stored(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got != want || stored != want || stored.ID() != want.ID() || len(stored.Diff(want)) != 0 {
		t.Fatalf("Open %+v, Stored %+v, Expected %+v", got, stored, want)
	}
	for _, c := range []struct {
		part   string
		change func(*Versions)
	}{
		{"schema", func(v *Versions) { v.Schema++ }},
		{"mapping", func(v *Versions) { v.Mapping = "x" }},
		{"segmentation", func(v *Versions) { v.Analysis = "x" }},
		{"text", func(v *Versions) { v.Text = "x" }},
		{"document", func(v *Versions) { v.Document = "x" }},
		{"analysis", func(v *Versions) { v.Mode = ModeWords }},
		{"shard-by", func(v *Versions) { v.ShardBy = ShardNone }},
	} {
		v := want
		c.change(&v)
		if v.ID() == want.ID() {
			t.Errorf("%s changed, ID unchanged", c.part)
		}
		if d := v.Diff(want); !slices.Equal(d, []string{c.part}) {
			t.Errorf("%s changed: Diff = %v", c.part, d)
		}
	}
	if _, err := Stored(t.TempDir()); err == nil {
		t.Error("Stored of an empty directory: no error")
	}
}
