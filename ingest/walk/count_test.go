package walk

import (
	"context"
	"testing"
)

// TestCount checks Count against Walk on every Walk fixture. Count equals
// the number of Items except where documented: a deflated nested archive
// counts 1, and Count ignores MaxZipTotal.
func TestCount(t *testing.T) {
	differs := map[string]int{
		"nested zips three deep with GBK names":          2, // top.txt + 2019.zip (deflated)
		"nesting deeper than MaxZipDepth":                2,
		"MaxZipTotal spent stops the archive":            5,
		"42.zip-style recursive bomb stops at the total": 4, // a..d.zip, deflated
	}
	for _, tc := range walkCases() {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			paths := tc.setup(t, dir)
			want, ok := differs[tc.name]
			if !ok {
				want = len(tc.want)
			}
			got, err := Count(context.Background(), paths, tc.opt)
			if err != nil || got != want {
				t.Errorf("Count = %d, %v; want %d (Walk yields %d)", got, err, want, len(tc.want))
			}
		})
	}
}

func TestCount_Canceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Count(ctx, []string{t.TempDir()}, Options{}); err != context.Canceled {
		t.Errorf("Count on a canceled context = %v, want context.Canceled", err)
	}
}
