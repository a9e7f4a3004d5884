package server

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"gongkai/corpus"
	bleveindex "gongkai/index/bleve"
	"gongkai/ingest"
)

// fixtureFiles are the testdata/synth renditions the API tests import:
// every format but .doc (LibreOffice takes seconds per file, and CI may
// not have it).
func fixtureFiles(t testing.TB) []string {
	t.Helper()
	var out []string
	for _, pat := range []string{"*.html", "*.txt", "*.md", "*.pdf", "*.docx"} {
		m, err := filepath.Glob(filepath.Join("..", "testdata", "synth", pat))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, m...)
	}
	if len(out) < 30 {
		t.Fatalf("testdata/synth: found %d files, want the generated set", len(out))
	}
	return out
}

var (
	fixtureOnce sync.Once
	fixtureDir  string
	fixtureErr  error
)

// fixtureArchive imports fixtureFiles into an archive (once per test
// binary, in a temporary directory) with the index fed and finished, and
// returns a copy of it for the test to own.
func fixtureArchive(t testing.TB) string {
	t.Helper()
	fixtureOnce.Do(func() {
		fixtureDir, fixtureErr = os.MkdirTemp("", "gongkai-server-fixture-")
		if fixtureErr != nil {
			return
		}
		fixtureErr = buildArchive(fixtureDir, fixtureFiles(t))
	})
	if fixtureErr != nil {
		t.Fatalf("fixture archive: %v", fixtureErr)
	}
	dst := t.TempDir()
	if err := os.CopyFS(dst, os.DirFS(fixtureDir)); err != nil {
		t.Fatalf("copy the fixture archive: %v", err)
	}
	return dst
}

func buildArchive(dir string, files []string) error {
	st, err := corpus.Open(dir)
	if err != nil {
		return err
	}
	defer st.Close()
	x, err := bleveindex.Open(IndexDir(dir), bleveindex.Options{})
	if err != nil {
		return err
	}
	defer x.Close()
	sum, err := ingest.Import(context.Background(), st, files, ingest.Options{Index: x})
	if err != nil {
		return err
	}
	if sum.Imported == 0 {
		return fmt.Errorf("imported nothing: %+v", sum)
	}
	return x.Finish(context.Background())
}

// newTestServer serves a copy of the fixture archive.
func newTestServer(t testing.TB, opt Options) *Server {
	t.Helper()
	if opt.WatchInterval == 0 {
		opt.WatchInterval = 100 * time.Millisecond
	}
	s, err := New(fixtureArchive(t), opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
	})
	return s
}

func TestMain(m *testing.M) {
	code := m.Run()
	if fixtureDir != "" {
		os.RemoveAll(fixtureDir)
	}
	os.Exit(code)
}
