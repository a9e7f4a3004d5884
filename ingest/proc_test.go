package ingest_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"gongkai/synth"
)

// Helpers shared by the process-level tests (crash_test.go, bench_test.go):
// they run the real gongkai binary on generated archives.

var (
	binOnce sync.Once
	binPath string
	binErr  error
	binDir  string
)

// gongkaiBinary builds cmd/gongkai once per test binary run and returns its
// path. The directory is removed by TestMain.
func gongkaiBinary(t testing.TB) string {
	t.Helper()
	binOnce.Do(func() {
		binDir, binErr = os.MkdirTemp("", "gongkai-bin-")
		if binErr != nil {
			return
		}
		binPath = filepath.Join(binDir, "gongkai")
		out, err := exec.Command("go", "build", "-o", binPath, "gongkai/cmd/gongkai").CombinedOutput()
		if err != nil {
			binErr = &buildError{err: err, out: string(out)}
		}
	})
	if binErr != nil {
		t.Fatalf("build gongkai: %v", binErr)
	}
	return binPath
}

type buildError struct {
	err error
	out string
}

func (e *buildError) Error() string { return e.err.Error() + "\n" + e.out }

func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// generate writes a synthetic input archive of n reports into dir and
// moves its manifest.json out of the way (to dir + ".manifest.json"), so
// that importing dir imports only the reports.
func generate(t testing.TB, dir string, opt synth.Options, n, pdfPool int) synth.Manifest {
	t.Helper()
	m, err := synth.WriteArchive(context.Background(), dir, opt, n, pdfPool)
	if err != nil {
		t.Fatalf("generate %d reports: %v", n, err)
	}
	if err := os.Rename(filepath.Join(dir, "manifest.json"), dir+".manifest.json"); err != nil {
		t.Fatal(err)
	}
	return m
}
