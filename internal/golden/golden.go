// Package golden is the one golden-file harness of gongkai's tests: a
// test's output is compared with a file under testdata, and
// `go test -update` rewrites the files from the current output (review the
// diff before committing).
package golden

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files from the current output (review the diff)")

// Update reports whether the test run rewrites the golden files.
func Update() bool { return *update }

// Check compares got with the golden file at path or, with -update, writes
// got there (creating its directory).
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run go test -update and review the diff):\n%s", path, Diff(string(want), string(got)))
	}
}

// JSON checks v as indented JSON with a final newline.
func JSON(t testing.TB, path string, v any) {
	t.Helper()
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	Check(t, path, append(b, '\n'))
}

// Diff shows where got first departs from want: a few lines of each from
// the first line that differs.
func Diff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	i := 0
	for i < len(w) && i < len(g) && w[i] == g[i] {
		i++
	}
	var b strings.Builder
	fmt.Fprintf(&b, "first difference at line %d:\n", i+1)
	for _, side := range []struct {
		name  string
		lines []string
	}{{"want", w}, {"got", g}} {
		for j := i; j < len(side.lines) && j < i+6; j++ {
			fmt.Fprintf(&b, "  %s %4d: %s\n", side.name, j+1, side.lines[j])
		}
	}
	return b.String()
}
