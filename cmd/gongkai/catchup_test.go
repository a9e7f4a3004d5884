package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	bleveindex "gongkai/index/bleve"
)

// TestImport_CatchUp: reports imported with --no-index are indexed by the
// next import with the index on, before it imports (not by a rebuild), and
// the index then holds every report of the catalog.
func TestImport_CatchUp(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	imp := func(args ...string) string {
		t.Helper()
		var out, errOut bytes.Buffer
		if err := run(ctx, append([]string{"import", "--archive", dir, "--quiet"}, args...), &out, &errOut); err != nil {
			t.Fatalf("import %v: %v\n%s", args, err, errOut.String())
		}
		return errOut.String()
	}
	imp(example("example-2021.txt"), example("city-large.txt"))
	imp("--no-index", example("broken-c1.txt"))
	msg := imp(example("example-2021.md"))
	if !strings.Contains(msg, "held 2 reports and the catalog 3") || !strings.Contains(msg, "1 indexed, 0 removed") {
		t.Errorf("the import does not say it caught up with the catalog:\n%s", msg)
	}
	if strings.Contains(msg, "rebuilt") {
		t.Errorf("the index was rebuilt instead of caught up:\n%s", msg)
	}
	x, err := bleveindex.Open(indexDir(dir), bleveindex.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if n, err := x.Count(); err != nil || n != 4 {
		t.Errorf("index holds %d reports (%v), want 4", n, err)
	}
}
