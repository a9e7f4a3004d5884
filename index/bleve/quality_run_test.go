package bleveindex

// This file runs the search-quality set's queries on an index and nothing
// else. It compiles against the first round's code too: TestQuality copies
// it into a checkout of that code (GONGKAI_BASELINE_TREE) and runs it there
// as TestQualityRun, in the same run, for the "before" column.

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"testing"

	"gongkai/corpus"
	"gongkai/index"
)

// qualityHits indexes reports in a new index under dir and returns the hit
// ids of each request (all hits, up to index.MaxLimit).
func qualityHits(t testing.TB, dir string, reports []*corpus.Report, reqs []index.Request) [][]string {
	x, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if err := x.Index(context.Background(), reports); err != nil {
		t.Fatal(err)
	}
	out := make([][]string, len(reqs))
	for i, req := range reqs {
		req.Limit = index.MaxLimit
		res, err := x.Search(context.Background(), req)
		if err != nil {
			out[i] = []string{"error: " + err.Error()}
			continue
		}
		ids := []string{}
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		out[i] = ids
	}
	return out
}

// TestQualityRun is the child side of TestQuality: it reads reports
// (JSON lines) and requests (JSON) from GONGKAI_QUALITY_IN and writes the
// hits as JSON to GONGKAI_QUALITY_OUT.
func TestQualityRun(t *testing.T) {
	in, out := os.Getenv("GONGKAI_QUALITY_IN"), os.Getenv("GONGKAI_QUALITY_OUT")
	if in == "" || out == "" {
		t.Skip("run by TestQuality (GONGKAI_QUALITY_IN, GONGKAI_QUALITY_OUT)")
	}
	var job struct {
		Reports  []*corpus.Report
		Requests []index.Request
	}
	f, err := os.Open(in)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := json.NewDecoder(bufio.NewReader(f)).Decode(&job); err != nil {
		t.Fatal(err)
	}
	hits := qualityHits(t, t.TempDir(), job.Reports, job.Requests)
	data, err := json.Marshal(hits)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
