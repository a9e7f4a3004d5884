package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"
	"testing"

	"gongkai/corpus"
	"gongkai/index"
	"gongkai/index/indextest"
	"gongkai/index/sphinx/sphinxtest"
	"gongkai/server"
)

// TestSphinxCluster: gongkai index --rebuild/--check and gongkai search
// against three real searchd processes answer as on bleve, and so does
// the server's /api/search.
func TestSphinxCluster(t *testing.T) {
	cl := sphinxtest.Start(t, 3)
	ctx := context.Background()
	st := indextest.Store(t, indextest.Reports(120))
	dir := st.Dir()
	st.Close()
	cli := func(args ...string) (string, error) {
		var out, errOut bytes.Buffer
		err := run(ctx, append(args, "--archive", dir), &out, &errOut)
		if err != nil {
			return out.String(), errors.Join(err, errors.New(errOut.String()))
		}
		return out.String(), nil
	}
	if out, err := cli("index", "--check", "--index", cl.URL); !errors.Is(err, errCountsDiffer) {
		t.Fatalf("--check on an empty cluster: %v\n%s", err, out)
	}
	// An import feeds the cluster too (run first: a search process loads
	// the compact query vocabulary, process-wide, and must not index).
	if _, err := cli("index", "--rebuild", "--index", cl.URL); err != nil {
		t.Fatal(err)
	}
	if _, err := cli("import", "--quiet", "--index", cl.URL, example("example-2021.html")); err != nil {
		t.Fatalf("import into the cluster: %v", err)
	}
	if out, err := cli("index", "--check", "--index", cl.URL); err != nil || !strings.Contains(out, "ok: the counts agree") {
		t.Fatalf("--check after an import: %v\n%s", err, out)
	}
	for _, spec := range []string{cl.URL, "bleve"} {
		if _, err := cli("index", "--rebuild", "--index", spec); err != nil {
			t.Fatalf("rebuild %s: %v", spec, err)
		}
		out, err := cli("index", "--check", "--index", spec)
		if err != nil || !strings.Contains(out, "ok: the counts agree") {
			t.Fatalf("--check %s: %v\n%s", spec, err, out)
		}
	}
	// Two rebuilds: each fed the inactive generation and switched to it
	// (a → b → a) on every node.
	if out, err := cli("index", "--index", cl.URL); err != nil || !strings.Contains(out, "generation a/a/a active") {
		t.Fatalf("index status after two rebuilds: %v\n%s", err, out)
	}
	queries := [][]string{
		{`"依申请公开"`, "--sort", "-year", "--facets", "year,province,level", "--limit", "200"},
		{"行政复议", "--year", "2020..", "--facets", "level", "--limit", "200", "--sort", "id"},
		{"apply_denied_total:>5", "--sort", "-apply_denied_total", "--limit", "200"},
		{"--region", "9901", "--sort", "year"},
		{"罗山街道办事处", "--sort", "id"},
	}
	for _, q := range queries {
		var res [2]index.Result
		for i, spec := range []string{"bleve", cl.URL} {
			out, err := cli(append([]string{"search", "--json", "--index", spec}, q...)...)
			if err != nil {
				t.Fatalf("search %q on %s: %v", q, spec, err)
			}
			if err := json.Unmarshal([]byte(out), &res[i]); err != nil {
				t.Fatalf("search %q on %s: %v\n%s", q, spec, err, out)
			}
		}
		if a, b := fingerprint(res[0]), fingerprint(res[1]); a != b {
			t.Errorf("search %q:\nbleve:  %s\nsphinx: %s", q, a, b)
		}
		if res[0].Total == 0 {
			t.Errorf("search %q finds nothing: the comparison tests nothing", q)
		}
	}

	// The server on the cluster.
	st2, err := corpus.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	x, err := openSphinx(ctx, cl.URL, st2)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := server.NewWith(st2, x, server.Options{WatchInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	hs := httptest.NewServer(srv.Handler())
	defer hs.Close()
	resp, err := hs.Client().Get(hs.URL + "/api/search?q=" + url.QueryEscape(`"依申请公开"`) + "&sort=-year&limit=200&facets=year,province,level")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	var got index.Result
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatalf("/api/search: %v\n%s", err, body)
	}
	out, _ := cli(append([]string{"search", "--json", "--index", "bleve"}, queries[0]...)...)
	var want index.Result
	json.Unmarshal([]byte(out), &want)
	if a, b := fingerprint(want), fingerprint(got); a != b {
		t.Errorf("/api/search on the cluster:\nbleve CLI: %s\nserver:    %s", a, b)
	}
}

// fingerprint is a result without scores and times: total, hits in order
// with their fields and snippets, facets.
func fingerprint(r index.Result) string {
	for i := range r.Hits {
		r.Hits[i].Score = 0
	}
	names := make([]string, 0, len(r.Facets))
	for n := range r.Facets {
		names = append(names, n)
	}
	sort.Strings(names)
	b, _ := json.Marshal(struct {
		Total  uint64
		Hits   []index.Hit
		Facets map[string]map[string]int
	}{r.Total, r.Hits, r.Facets})
	return string(b)
}
