package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"gongkai/compare"
	"gongkai/corpus"
	"gongkai/index"
	bleveindex "gongkai/index/bleve"
	"gongkai/server"
)

// sameFilterCase is one filter, as a corpus.Filter, as command-line flags
// and as URL parameters.
type sameFilterCase struct {
	name  string
	f     corpus.Filter
	flags []string
	param url.Values
}

// TestSameFilter_SameReports checks that one filter selects the same
// reports everywhere: gongkai search, export, coverage, check and compare
// --rank, and /api/search, /api/export, /api/coverage, /api/checks and
// /api/rank, against the catalog's own answer (corpus.Store.Reports). The
// fixture has an office that renamed itself (晋江经济开发区管委会 →
// 管理委员会 with the same code) and offices whose names contain one
// another (…罗山街道办事处, 罗山…), where the old substring and text
// office filters disagreed.
func TestSameFilter_SameReports(t *testing.T) {
	ctx := context.Background()
	dir := cmpArchive(t)
	st, err := corpus.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bleveindex.Build(ctx, st, indexDir(dir), bleveindex.Options{}); err != nil {
		t.Fatal(err)
	}
	cases := []sameFilterCase{
		{name: "everything"},
		{name: "office by identity", f: corpus.Filter{Office: "晋江经济开发区管理委员会"},
			flags: []string{"--office", "晋江经济开发区管理委员会"}, param: url.Values{"office": {"晋江经济开发区管理委员会"}}},
		{name: "office by a title name", f: corpus.Filter{Office: "罗山街道办事处"},
			flags: []string{"--office", "罗山街道办事处"}, param: url.Values{"office": {"罗山街道办事处"}}},
		{name: "region name start", f: corpus.Filter{Region: "泉州"},
			flags: []string{"--region", "泉州"}, param: url.Values{"region": {"泉州"}}},
		{name: "code prefix and level", f: corpus.Filter{Region: "350582", Levels: []string{"township"}},
			flags: []string{"--region", "350582", "--level", "township"}, param: url.Values{"region": {"350582"}, "level": {"township"}}},
		{name: "levels", f: corpus.Filter{Levels: []string{"city", "county"}},
			flags: []string{"--level", "city,county"}, param: url.Values{"level": {"city,county"}}},
		{name: "years and template", f: corpus.Filter{YearFrom: 2021, YearTo: 2022, Templates: []string{"2021"}},
			flags: []string{"--year", "2021..2022", "--template", "2021"}, param: url.Values{"year": {"2021..2022"}, "template": {"2021"}}},
	}
	offs, err := st.Offices(ctx)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	// The commands first (the server holds the index open), then the API.
	for _, api := range []bool{false, true} {
		var h http.Handler
		if api {
			srv, err := server.New(dir, server.Options{WatchInterval: -1})
			if err != nil {
				t.Fatal(err)
			}
			defer srv.Close()
			h = srv.Handler()
		}
		if st, err = corpus.Open(dir); err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				w := sameFilterWant(t, st, offs, c.f)
				if api {
					sameFilterAPI(t, h, c, w)
				} else {
					sameFilterCLI(t, dir, c, w)
				}
			})
		}
	}
}

// sameFilterWants are the reports a filter selects, by the catalog.
type sameFilterWants struct {
	primary, renditions, failed, counted []string
	rank                                 map[int][]string // year → offices with a counted report with the rank metric
}

const rankMetric = "apply.new_received.total"

func sameFilterWant(t *testing.T, st *corpus.Store, offs *corpus.Offices, f corpus.Filter) sameFilterWants {
	ctx := context.Background()
	var w sameFilterWants
	w.primary = ids(t, st, f)
	all := f
	all.AllRenditions = true
	w.renditions = ids(t, st, all)
	// Own findings: a failed check of the tables, or C9 (published late),
	// which does not count in FailedChecks.
	failed := f
	failed.FailedChecks = true
	late := f
	late.Timely = "fail"
	w.failed = sorted(append(ids(t, st, failed), ids(t, st, late)...))
	if len(w.primary) == 0 {
		t.Fatal("the filter selects nothing in the fixture: the case proves nothing")
	}
	// Comparisons leave out reports without a recognised office or year
	// (they say so in a note).
	w.rank = map[int][]string{}
	for _, id := range w.primary {
		r, err := st.Report(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		o := offs.Of(r.OfficeFull, r.Office, r.Region.Code)
		if r.Year == 0 || o == nil {
			continue
		}
		w.counted = append(w.counted, id)
		if _, ok := r.Value(rankMetric); ok && !slices.Contains(w.rank[r.Year], o.Name) {
			w.rank[r.Year] = append(w.rank[r.Year], o.Name)
		}
	}
	return w
}

// rankYears are the years ranked.
var rankYears = []int{2021, 2023}

func sameFilterCLI(t *testing.T, dir string, c sameFilterCase, w sameFilterWants) {
	run := func(f runFunc, args ...string) io.Reader {
		t.Helper()
		out, err := runOut(t, f, append(append([]string{"--archive", dir}, args...), c.flags...)...)
		if err != nil {
			t.Fatal(err)
		}
		return strings.NewReader(out)
	}
	same(t, "gongkai export", jsonlIDs(t, run(runExport, "--format", "jsonl", "--wide")), w.primary)
	same(t, "gongkai search (every rendition)", hitIDs(t, searchProcess(t, append([]string{"--archive", dir, "--json", "--limit", "1000"}, c.flags...))), w.renditions)
	same(t, "gongkai coverage", gridIDs(t, run(runCoverage, "--json")), w.counted)
	same(t, "gongkai check (own checks)", findingIDs(t, run(runCheck, "--json")), w.failed)
	for _, year := range rankYears {
		if !c.f.InYears(year) {
			continue
		}
		ys := strconv.Itoa(year)
		out, err := runOut(t, runCompare, append([]string{"--archive", dir, "--json", "--rank", rankMetric, "--year", ys, "--limit", "0"}, dropYears(c.flags)...)...)
		if err != nil {
			t.Fatal(err)
		}
		same(t, "gongkai compare --rank, "+ys, rankOffices(t, strings.NewReader(out)), w.rank[year])
	}
}

func sameFilterAPI(t *testing.T, h http.Handler, c sameFilterCase, w sameFilterWants) {
	same(t, "/api/export", jsonlIDs(t, apiGet(t, h, "/api/export", c.param, url.Values{"format": {"jsonl"}, "wide": {"1"}}).Body), w.primary)
	same(t, "/api/search (every rendition)", hitIDs(t, apiGet(t, h, "/api/search", c.param, url.Values{"limit": {"1000"}}).Body), w.renditions)
	same(t, "/api/coverage", gridIDs(t, apiGet(t, h, "/api/coverage", c.param).Body), w.counted)
	same(t, "/api/checks (own checks)", findingIDs(t, apiGet(t, h, "/api/checks", c.param).Body), w.failed)
	for _, year := range rankYears {
		if !c.f.InYears(year) {
			continue
		}
		p := url.Values{}
		for k, v := range c.param {
			if k != "year" {
				p[k] = v
			}
		}
		ys := strconv.Itoa(year)
		rec := apiGet(t, h, "/api/rank", p, url.Values{"metric": {rankMetric}, "year": {ys}, "limit": {"0"}})
		same(t, "/api/rank, "+ys, rankOffices(t, rec.Body), w.rank[year])
	}
}

// TestSameFilter_AmbiguousOffice checks that a name several offices match
// is an error listing them in every command (it was a substring match in
// export).
func TestSameFilter_AmbiguousOffice(t *testing.T) {
	dir := cmpArchive(t)
	for _, run := range []struct {
		name string
		f    runFunc
		args []string
	}{
		{"export", runExport, []string{"--format", "jsonl"}},
		{"coverage", runCoverage, nil},
		{"check", runCheck, nil},
	} {
		out, err := runCmd(t, run.f, append([]string{"--archive", dir, "--office", "街道办事处"}, run.args...)...)
		if !errors.Is(err, errUsage) || !strings.Contains(out, "offices match") {
			t.Errorf("%s --office 街道办事处 (several offices): %v\n%s", run.name, err, out)
		}
	}
}

// searchProcess runs gongkai search in a process of its own (this test
// binary, as TestSameFilter_SearchProcess): a search switches its process
// to the compact query vocabulary, which must not index, and other tests of
// this package index afterwards.
func searchProcess(t *testing.T, args []string) io.Reader {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestSameFilter_SearchProcess$")
	cmd.Env = append(os.Environ(), "GONGKAI_SEARCH_ARGS="+strings.Join(args, "\x1f"))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("gongkai search %v: %v\n%s", args, err, stderr.String())
	}
	return bytes.NewReader(out)
}

// TestSameFilter_SearchProcess is the search process of searchProcess.
func TestSameFilter_SearchProcess(t *testing.T) {
	args := os.Getenv("GONGKAI_SEARCH_ARGS")
	if args == "" {
		t.Skip("runs only as the search process of TestSameFilter_SameReports")
	}
	if err := runSearch(context.Background(), strings.Split(args, "\x1f"), os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(0)
}

// runOut runs a command and returns its standard output alone.
func runOut(t *testing.T, f runFunc, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := f(context.Background(), args, &out, &errOut)
	if err != nil {
		t.Logf("stderr: %s", errOut.String())
	}
	return out.String(), err
}

func ids(t *testing.T, st *corpus.Store, f corpus.Filter) []string {
	t.Helper()
	rows, err := st.Reports(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	out := []string{}
	for _, r := range rows {
		out = append(out, r.ID)
	}
	return out
}

func same(t *testing.T, what string, got, want []string) {
	t.Helper()
	got, want = sorted(got), sorted(want)
	if !slices.Equal(got, want) {
		t.Errorf("%s: %d reports %v, the catalog %d %v", what, len(got), got, len(want), want)
	}
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	sort.Strings(s)
	return slices.Compact(s)
}

func apiGet(t *testing.T, h http.Handler, path string, params ...url.Values) *httptest.ResponseRecorder {
	t.Helper()
	v := url.Values{}
	for _, p := range params {
		for k, vs := range p {
			v[k] = vs
		}
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", path+"?"+v.Encode(), nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("GET %s?%s: %d %s", path, v.Encode(), rec.Code, rec.Body.String())
	}
	return rec
}

func jsonlIDs(t *testing.T, r io.Reader) []string {
	t.Helper()
	out := []string{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var row struct {
			ID string `json:"report_id"`
		}
		if err := json.Unmarshal(sc.Bytes(), &row); err != nil {
			t.Fatalf("export line %q: %v", sc.Text(), err)
		}
		out = append(out, row.ID)
	}
	return out
}

func hitIDs(t *testing.T, r io.Reader) []string {
	t.Helper()
	var res index.Result
	if err := json.NewDecoder(r).Decode(&res); err != nil {
		t.Fatal(err)
	}
	out := []string{}
	for _, h := range res.Hits {
		out = append(out, h.ID) // a hit and its other renditions (search collapses them)
		for _, a := range h.Also {
			out = append(out, a.ID)
		}
	}
	if int(res.Total) != len(res.Hits) {
		t.Fatalf("search: %d hits of %d: raise the limit", len(res.Hits), res.Total)
	}
	return out
}

func gridIDs(t *testing.T, r io.Reader) []string {
	t.Helper()
	var g compare.Grid
	if err := json.NewDecoder(r).Decode(&g); err != nil {
		t.Fatal(err)
	}
	out := []string{}
	for _, row := range g.Rows {
		for _, ids := range row.Reports {
			out = append(out, ids...)
		}
	}
	return out
}

func findingIDs(t *testing.T, r io.Reader) []string {
	t.Helper()
	var fs []compare.Finding
	if err := json.NewDecoder(r).Decode(&fs); err != nil {
		t.Fatal(err)
	}
	out := []string{}
	for _, f := range fs {
		if f.PrevReport == "" {
			out = append(out, f.Report)
		}
	}
	return out
}

func rankOffices(t *testing.T, r io.Reader) []string {
	t.Helper()
	var tb compare.Table
	if err := json.NewDecoder(r).Decode(&tb); err != nil {
		t.Fatal(err)
	}
	out := []string{}
	for _, row := range tb.Rows {
		out = append(out, row.Label)
	}
	return out
}

// dropYears removes --year and its value (rank takes one year).
func dropYears(flags []string) []string {
	var out []string
	for i := 0; i < len(flags); i++ {
		if flags[i] == "--year" {
			i++
			continue
		}
		out = append(out, flags[i])
	}
	return out
}
