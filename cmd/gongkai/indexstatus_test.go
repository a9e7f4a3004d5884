package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	bleveindex "gongkai/index/bleve"
)

// TestIndexStatus: gongkai index prints the derived index version (the one
// Open compares) and whether the index on disk matches it; an index built
// with another text building is reported outdated, naming the part.
func TestIndexStatus(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	var out, errOut bytes.Buffer
	if err := run(ctx, []string{"import", "--archive", dir, "--quiet", example("example-2021.txt"), example("city-large.html")}, &out, &errOut); err != nil {
		t.Fatalf("import: %v\n%s", err, errOut.String())
	}
	idir := indexDir(dir)
	want, err := bleveindex.Expected(idir, bleveindex.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// gongkai index runs in a process of its own (this test binary, as
	// TestIndexStatus_Process): it switches its process to the compact
	// query vocabulary, which must not index, and other tests of this
	// package index afterwards.
	status := func() string {
		t.Helper()
		cmd := exec.Command(os.Args[0], "-test.run=^TestIndexStatus_Process$")
		cmd.Env = append(os.Environ(), "GONGKAI_INDEX_STATUS_ARCHIVE="+dir)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		got, err := cmd.Output()
		if err != nil {
			t.Fatalf("gongkai index: %v\n%s", err, stderr.String())
		}
		return string(got)
	}
	got := status()
	for _, s := range []string{"index version " + want.ID(), "text " + want.Text, "up to date", "reports: 2"} {
		if !strings.Contains(got, s) {
			t.Errorf("status does not say %q:\n%s", s, got)
		}
	}

	// An index whose text building differs (as after a change to index.Text).
	meta := filepath.Join(idir, "meta.json")
	data, err := os.ReadFile(meta)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	m["text"] = "000000000000"
	data, _ = json.Marshal(m)
	if err := os.WriteFile(meta, data, 0o644); err != nil {
		t.Fatal(err)
	}
	old, err := bleveindex.Stored(idir)
	if err != nil {
		t.Fatal(err)
	}
	if old.ID() == want.ID() {
		t.Fatalf("the ID %s does not change with the text fingerprint", old.ID())
	}
	got = status()
	for _, s := range []string{"index version " + old.ID(), "outdated", "derives index version " + want.ID(), "differ in text:", "--rebuild"} {
		if !strings.Contains(got, s) {
			t.Errorf("status of an outdated index does not say %q:\n%s", s, got)
		}
	}
	if strings.Contains(got, "up to date") {
		t.Errorf("an outdated index is said to be up to date:\n%s", got)
	}
}

// TestIndexStatus_Process is the gongkai index process of TestIndexStatus.
func TestIndexStatus_Process(t *testing.T) {
	dir := os.Getenv("GONGKAI_INDEX_STATUS_ARCHIVE")
	if dir == "" {
		t.Skip("runs only as TestIndexStatus's child process")
	}
	var errOut bytes.Buffer
	if err := run(context.Background(), []string{"index", "--archive", dir}, os.Stdout, &errOut); err != nil {
		t.Fatalf("index: %v\n%s", err, errOut.String())
	}
}
