package demo

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gongkai"
)

// TestBuildAnywhere builds a small demo archive from a working directory
// outside the source tree, with no samples: the renditions come from the
// binary (gongkai.Renditions), byte for byte, and every generated report
// and rendition is imported and indexed.
func TestBuildAnywhere(t *testing.T) {
	t.Chdir(t.TempDir())
	t.Setenv("GONGKAI_SAMPLES", "")
	count := func(pat string) int {
		m, err := fs.Glob(gongkai.Renditions, "testdata/synth/"+pat)
		if err != nil {
			t.Fatal(err)
		}
		return len(m)
	}
	pdfs, docxs, docs := count("*.pdf"), count("*.docx"), count("*.doc")
	if pdfs == 0 || docxs == 0 || docs == 0 {
		t.Fatalf("embedded: %d PDF, %d DOCX, %d DOC files; want some of each", pdfs, docxs, docs)
	}
	paths, later, notes, err := Inputs(filepath.Join(t.TempDir(), "inputs"))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != pdfs+docxs || len(later) != docs {
		t.Fatalf("Inputs: %d paths, %d later; want %d PDF and DOCX files, %d DOC files", len(paths), len(later), pdfs+docxs, docs)
	}
	if len(notes) != 1 || !strings.Contains(notes[0], "no real samples") {
		t.Errorf("notes %q, want one saying the samples are missing", notes)
	}
	for _, p := range append(append([]string{}, paths...), later...) {
		got, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		want, err := gongkai.Renditions.ReadFile("testdata/synth/" + filepath.Base(p))
		if err != nil || !bytes.Equal(got, want) {
			t.Fatalf("%s differs from the embedded file (%v)", p, err)
		}
	}

	st, x, sum, err := Build(context.Background(), t.TempDir(), Options{Offices: 3, Years: []int{2022, 2023}, Extra: paths})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	defer x.Close()
	if sum.Generated == 0 || sum.Summary.Failed != 0 || sum.Summary.Imported != sum.Generated+len(paths) {
		t.Fatalf("generated %d, imported %d, failed %d %v; want every generated report and the %d renditions imported",
			sum.Generated, sum.Summary.Imported, sum.Summary.Failed, sum.Summary.ByReason, len(paths))
	}
	n, err := x.Count()
	if err != nil {
		t.Fatal(err)
	}
	if int(n) != sum.Summary.Imported {
		t.Errorf("index holds %d reports, %d imported", n, sum.Summary.Imported)
	}
}
