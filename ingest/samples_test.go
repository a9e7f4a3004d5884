package ingest_test

import (
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"gongkai/corpus"
	"gongkai/corpus/corpustest"
	"gongkai/ingest"
)

func samplesDir(t *testing.T) string {
	if d := os.Getenv("GONGKAI_SAMPLES"); d != "" {
		return d
	}
	d := filepath.Join("..", "..", "shared", "samples")
	if _, err := os.Stat(d); err != nil {
		t.Skipf("samples not found at %s: set GONGKAI_SAMPLES to the folder of real reports", d)
	}
	return d
}

// TestImport_SamplesAndSynth imports the real samples and the generated set:
// one report or one failure per distinct file, nothing lost, every table
// value in the catalog, renditions of one report linked.
func TestImport_SamplesAndSynth(t *testing.T) {
	ctx := context.Background()
	// The generated set without its .doc files: those wait seconds each for
	// LibreOffice and are covered by the parser's tests.
	gen := t.TempDir()
	filepath.WalkDir(synthDir(), func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || filepath.Ext(p) == ".doc" {
			return err
		}
		rel, _ := filepath.Rel(synthDir(), p)
		os.MkdirAll(filepath.Join(gen, filepath.Dir(rel)), 0o755)
		b, _ := os.ReadFile(p)
		return os.WriteFile(filepath.Join(gen, rel), b, 0o644)
	})
	dirs := []string{samplesDir(t), gen}
	distinct := map[string]bool{}
	for _, d := range dirs {
		filepath.WalkDir(d, func(p string, e fs.DirEntry, err error) error {
			if err == nil && !e.IsDir() && e.Name()[0] != '.' {
				b, _ := os.ReadFile(p)
				distinct[corpus.Hash(b)] = true
			}
			return nil
		})
	}
	st, err := corpus.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	sum, err := ingest.Import(ctx, st, dirs, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	stats, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var failedDocs int
	corpustest.DB(st).QueryRow(`SELECT count(DISTINCT sha256) FROM failures`).Scan(&failedDocs)
	if stats.Documents != len(distinct) || stats.Reports+failedDocs != len(distinct) {
		t.Errorf("%d distinct files: %d documents, %d reports, %d failed (summary %+v)", len(distinct), stats.Documents, stats.Reports, failedDocs, sum)
	}
	// Every value of every table is a row of cells.
	rows, err := corpustest.DB(st).Query(`SELECT id, record, (SELECT count(*) FROM cells WHERE report_id = reports.id) FROM reports`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, rec string
		var n int
		if err := rows.Scan(&id, &rec, &n); err != nil {
			t.Fatal(err)
		}
		var r corpus.Report
		if err := json.Unmarshal([]byte(rec), &r); err != nil {
			t.Fatal(err)
		}
		if n != len(r.Cells) {
			t.Errorf("report %s (%s): %d cells in the catalog, %d in the record", id, r.Source.Path, n, len(r.Cells))
		}
	}
	// The generated set renders each report in five formats here: each
	// group of renditions has exactly one primary.
	var groups, bad int
	corpustest.DB(st).QueryRow(`SELECT count(*), sum(p != 1) FROM (SELECT rendition_key, sum(primary_rendition) p FROM reports GROUP BY rendition_key)`).Scan(&groups, &bad)
	if bad != 0 {
		t.Errorf("%d of %d rendition groups without exactly one primary", bad, groups)
	}
	var six int
	corpustest.DB(st).QueryRow(`SELECT count(*) FROM (SELECT rendition_key FROM reports GROUP BY rendition_key HAVING count(*) = 5)`).Scan(&six)
	if six != 8 {
		t.Errorf("%d reports linked across their 5 renditions, want the 8 generated ones", six)
	}
}
