package server

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"gongkai/compare"
	"gongkai/corpus"
	"gongkai/corpus/corpustest"
	"gongkai/index"
	"gongkai/ingest"
	"gongkai/synth"
)

// get runs a request against the handler and decodes a JSON answer into v
// (when v is non-nil and the status is want).
func get(t *testing.T, h http.Handler, path string, want int, v any) *httptest.ResponseRecorder {
	t.Helper()
	return do(t, h, httptest.NewRequest("GET", path, nil), want, v)
}

func do(t *testing.T, h http.Handler, req *http.Request, want int, v any) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != want {
		t.Fatalf("%s %s: status %d, want %d: %s", req.Method, req.URL, rec.Code, want, rec.Body.String())
	}
	if v != nil {
		if err := json.Unmarshal(rec.Body.Bytes(), v); err != nil {
			t.Fatalf("%s: bad JSON: %v: %s", req.URL, err, rec.Body.String())
		}
	}
	return rec
}

// idOf returns the id of a report of the fixture by source path suffix.
func idOf(t *testing.T, s *Server, suffix string) string {
	t.Helper()
	var id string
	err := corpustest.DB(s.Store()).QueryRow(`SELECT r.id FROM reports r JOIN sources s ON s.sha256 = r.sha256 WHERE s.path LIKE '%' || ? LIMIT 1`, suffix).Scan(&id)
	if err != nil {
		t.Fatalf("report %s: %v", suffix, err)
	}
	return id
}

func TestSearchAPI(t *testing.T) {
	s := newTestServer(t, Options{})
	h := s.Handler()
	cases := []struct {
		name   string
		query  string
		status int
		check  func(t *testing.T, r *index.Result)
	}{
		{"chinese words", "q=" + url.QueryEscape("行政复议") + "&facets=year,province,level,template,failed", 200, func(t *testing.T, r *index.Result) {
			if r.Total == 0 || len(r.Hits) == 0 {
				t.Fatal("no hits")
			}
			if len(r.Facets["year"]) == 0 || len(r.Facets["template"]) == 0 {
				t.Errorf("facets missing: %v", r.Facets)
			}
			marked := false
			for _, h := range r.Hits {
				for _, sn := range h.Snippets {
					marked = marked || strings.Contains(sn, "<mark>")
				}
			}
			if !marked {
				t.Error("no highlighted snippet")
			}
		}},
		{"year range and template", "year=2021..2025&template=2021&limit=50", 200, func(t *testing.T, r *index.Result) {
			if len(r.Hits) == 0 {
				t.Fatal("no hits")
			}
			for _, h := range r.Hits {
				if h.Year < 2021 || h.Template != "2021" {
					t.Errorf("hit %s: year %d template %s", h.ID, h.Year, h.Template)
				}
			}
		}},
		{"failed checks", "failed-checks=1", 200, func(t *testing.T, r *index.Result) {
			if len(r.Hits) == 0 {
				t.Fatal("no report with a failed check (broken-c1)")
			}
			for _, h := range r.Hits {
				if !h.Failed {
					t.Errorf("hit %s has no failed check", h.ID)
				}
			}
		}},
		{"paging", "limit=2&offset=2&sort=-year", 200, func(t *testing.T, r *index.Result) {
			if len(r.Hits) != 2 {
				t.Errorf("%d hits, want 2", len(r.Hits))
			}
		}},
		{"no match gives empty lists", "q=" + url.QueryEscape("量子纠缠超导体"), 200, func(t *testing.T, r *index.Result) {
			if r.Total != 0 || r.Hits == nil || r.Facets == nil {
				t.Errorf("want total 0 with [] and {}: %+v", r)
			}
		}},
		{"bad year", "year=20x1", 400, nil},
		{"empty year range", "year=2023..2019", 400, nil},
		{"query too long", "q=" + strings.Repeat("行", 200), 400, nil},
		{"beyond the window", "offset=9995&limit=10", 400, nil},
		{"limit too large", "limit=100000", 400, nil},
		{"bad boolean", "failed-checks=maybe", 400, nil},
		{"negative offset", "offset=-1", 400, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var res index.Result
			var v any
			if c.check != nil {
				v = &res
			}
			rec := get(t, h, "/api/search?"+c.query, c.status, v)
			if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("content type %q", ct)
			}
			if c.check != nil {
				c.check(t, &res)
			} else if !strings.Contains(rec.Body.String(), `"error"`) {
				t.Errorf("error body without error: %s", rec.Body.String())
			}
		})
	}
}

// TestSearchSameAsIndex checks that the API answers what index.Backend
// answers for the same request (the JSON of gongkai search --json).
func TestSearchSameAsIndex(t *testing.T) {
	s := newTestServer(t, Options{})
	v := url.Values{"q": {"依申请公开"}, "facets": {"year,level"}, "limit": {"5"}}
	req, err := SearchRequest(v)
	if err != nil {
		t.Fatal(err)
	}
	want, err := s.search(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	var got index.Result
	get(t, s.Handler(), "/api/search?"+v.Encode(), 200, &got)
	if got.Total != want.Total || len(got.Hits) != len(want.Hits) {
		t.Fatalf("API %d/%d hits, index %d/%d", got.Total, len(got.Hits), want.Total, len(want.Hits))
	}
	for i := range got.Hits {
		if got.Hits[i].ID != want.Hits[i].ID {
			t.Errorf("hit %d: %s, index %s", i, got.Hits[i].ID, want.Hits[i].ID)
		}
	}
}

func TestReportAPI(t *testing.T) {
	s := newTestServer(t, Options{})
	h := s.Handler()
	id := idOf(t, s, "broken-c1.html")
	var r corpus.Report
	get(t, h, "/api/reports/"+id, 200, &r)
	if r.Schema != corpus.ReportSchema || r.ID != id || len(r.Cells) == 0 {
		t.Fatalf("report %s: schema %q id %q cells %d", id, r.Schema, r.ID, len(r.Cells))
	}
	if !r.Failed() {
		t.Error("broken-c1 has no failed check")
	}
	var srcs []origin
	get(t, h, "/api/reports/"+id+"/sources", 200, &srcs)
	if len(srcs) == 0 || !strings.HasSuffix(srcs[0].Path, "broken-c1.html") {
		t.Errorf("sources: %+v", srcs)
	}
	for _, bad := range []string{"/api/reports/000000000000", "/api/reports/zz", "/api/reports/..%2f..%2fcatalog.db", "/api/reports/%2e%2e/original", "/api/reports/abc/original"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", bad, nil))
		if rec.Code == 200 {
			t.Errorf("%s: status 200: %.80s", bad, rec.Body.String())
		}
	}
}

func TestOriginalAPI(t *testing.T) {
	s := newTestServer(t, Options{})
	h := s.Handler()
	cases := []struct {
		file, ctype, disp string
		sandbox           bool
	}{
		{"template-2019.html", "text/html; charset=gb18030", "inline", true},
		{"template-2019.txt", "text/plain; charset=utf-8", "inline", true},
		{"template-2019.pdf", "application/pdf", "inline", false},
		{"template-2019.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "attachment", true},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			id := idOf(t, s, c.file)
			rec := get(t, h, "/api/reports/"+id+"/original", 200, nil)
			want, err := os.ReadFile(filepath.Join("..", "testdata", "synth", c.file))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(rec.Body.Bytes(), want) {
				t.Errorf("body differs from the file (%d vs %d bytes)", rec.Body.Len(), len(want))
			}
			if got := rec.Header().Get("Content-Type"); got != c.ctype {
				t.Errorf("content type %q, want %q", got, c.ctype)
			}
			if got := rec.Header().Get("Content-Disposition"); !strings.HasPrefix(got, c.disp) {
				t.Errorf("disposition %q", got)
			}
			if got := rec.Header().Get("Content-Security-Policy"); strings.HasPrefix(got, "sandbox") != c.sandbox {
				t.Errorf("CSP %q", got)
			}
		})
	}
}

func TestCompareAPI(t *testing.T) {
	s := newTestServer(t, Options{})
	h := s.Handler()
	var r corpus.Report
	get(t, h, "/api/reports/"+idOf(t, s, "template-2019.html"), 200, &r)
	office := url.QueryEscape(r.OfficeFull)
	var r2 corpus.Report
	get(t, h, "/api/reports/"+idOf(t, s, "example-2021.html"), 200, &r2)
	t.Run("office years", func(t *testing.T) {
		var tb compare.Table
		get(t, h, "/api/compare?office="+office+"&metrics=granted,review,rate.granted", 200, &tb)
		if tb.Kind != compare.KindOfficeYears || len(tb.Rows) != 3 || tb.Rows[0].Metric != "apply.granted.total" {
			t.Fatalf("table: %+v", tb)
		}
	})
	t.Run("side by side", func(t *testing.T) {
		var tb compare.Table
		get(t, h, "/api/compare?offices="+office+","+url.QueryEscape(r2.OfficeFull)+"&year="+itoa(r.Year), 200, &tb)
		if tb.Kind != compare.KindSideBySide || len(tb.Columns) != 2 {
			t.Fatalf("table: %+v", tb)
		}
	})
	t.Run("rank", func(t *testing.T) {
		var tb compare.Table
		get(t, h, "/api/rank?metric=new_received&year="+itoa(r.Year), 200, &tb)
		if tb.Kind != compare.KindRank || len(tb.Rows) == 0 || tb.Rows[0].Rank != 1 {
			t.Fatalf("table: %+v", tb)
		}
	})
	t.Run("coverage", func(t *testing.T) {
		var g compare.Grid
		get(t, h, "/api/coverage", 200, &g)
		if len(g.Rows) == 0 || g.Reports == 0 {
			t.Fatalf("grid: %+v", g)
		}
	})
	t.Run("checks", func(t *testing.T) {
		var fs []compare.Finding
		get(t, h, "/api/checks?id=C1", 200, &fs)
		if len(fs) == 0 {
			t.Fatal("no C1 finding (broken-c1 breaks C1)")
		}
		for _, f := range fs {
			if f.Check != "C1" || len(f.Cells) == 0 {
				t.Errorf("finding %+v", f)
			}
		}
	})
	t.Run("offices", func(t *testing.T) {
		var offs []officeJSON
		get(t, h, "/api/offices?q="+office, 200, &offs)
		if len(offs) != 1 || offs[0].Name != r.OfficeFull {
			t.Errorf("offices: %+v", offs)
		}
	})
	for _, bad := range []string{"/api/compare", "/api/compare?offices=A,B", "/api/rank?metric=granted", "/api/rank?year=2020",
		"/api/rank?metric=nosuch.metric&year=2020", "/api/coverage?level=galactic", "/api/compare?office=" + url.QueryEscape("不存在的机关")} {
		t.Run("bad "+bad, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest("GET", bad, nil))
			if rec.Code != 400 && rec.Code != 404 {
				t.Errorf("status %d: %s", rec.Code, rec.Body.String())
			}
		})
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestExportAndStats(t *testing.T) {
	s := newTestServer(t, Options{})
	h := s.Handler()
	rec := get(t, h, "/api/export?format=csv&wide=1", 200, nil)
	lines := strings.Split(strings.TrimSpace(rec.Body.String()), "\n")
	var st statsJSON
	get(t, h, "/api/stats", 200, &st)
	if len(lines) != st.Primary+1 {
		t.Errorf("wide CSV has %d lines, want %d reports + header", len(lines), st.Primary)
	}
	if cd := rec.Header().Get("Content-Disposition"); !strings.Contains(cd, "gongkai-export-wide.csv") {
		t.Errorf("disposition %q", cd)
	}
	rec = get(t, h, "/api/export?format=jsonl&year=2021", 200, nil)
	for _, l := range strings.Split(strings.TrimSpace(rec.Body.String()), "\n") {
		var row map[string]any
		if err := json.Unmarshal([]byte(l), &row); err != nil {
			t.Fatalf("JSONL line: %v", err)
		}
		if row["year"].(float64) != 2021 {
			t.Fatalf("row of year %v", row["year"])
		}
	}
	get(t, h, "/api/export?format=xlsx", 400, nil)
	if st.Reports == 0 || st.Offices == 0 || len(st.Years) == 0 || st.Indexed != uint64(st.Reports) || st.Writes {
		t.Errorf("stats: %+v", st)
	}
}

func TestSecurityHeadersAndPages(t *testing.T) {
	s := newTestServer(t, Options{})
	h := s.Handler()
	cases := []struct {
		path, ctype string
		status      int
		contains    string
	}{
		{"/", "text/html", 200, "检索"},
		{"/report?id=abc", "text/html", 200, "report.js"},
		{"/compare", "text/html", 200, "charts.js"},
		{"/static/app.css", "text/css", 200, "--accent"},
		{"/static/search.js", "text/javascript", 200, "GK.api"},
		{"/static/", "", 404, ""},
		{"/static/../server.go", "", 404, ""},
		{"/nosuchpage", "", 404, ""},
		{"/api/nosuch", "application/json", 404, "error"},
	}
	for _, c := range cases {
		t.Run(c.path, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest("GET", c.path, nil))
			if rec.Code != c.status && !(c.status == 404 && rec.Code >= 300 && rec.Code < 400) {
				t.Fatalf("status %d, want %d", rec.Code, c.status)
			}
			if !strings.Contains(rec.Header().Get("Content-Security-Policy"), "default-src 'self'") {
				t.Errorf("CSP %q", rec.Header().Get("Content-Security-Policy"))
			}
			if rec.Header().Get("X-Content-Type-Options") != "nosniff" || rec.Header().Get("X-Frame-Options") != "DENY" {
				t.Error("security headers missing")
			}
			if c.status == 200 && !strings.HasPrefix(rec.Header().Get("Content-Type"), c.ctype) {
				t.Errorf("content type %q", rec.Header().Get("Content-Type"))
			}
			if !strings.Contains(rec.Body.String(), c.contains) {
				t.Errorf("body lacks %q", c.contains)
			}
		})
	}
	// Pages reference nothing outside the server.
	for _, name := range []string{"index.html", "report.html", "compare.html", "common.js", "search.js", "report.js", "compare.js", "charts.js", "app.css"} {
		data, err := os.ReadFile(filepath.Join("web", "static", name))
		if err != nil {
			t.Fatal(err)
		}
		text := strings.ReplaceAll(string(data), "http://www.w3.org/2000/svg", "")
		if strings.Contains(text, "http://") || strings.Contains(text, "https://") || strings.Contains(text, "//cdn") {
			t.Errorf("%s references an outside URL", name)
		}
	}
}

func TestWritesNeedToken(t *testing.T) {
	body := `{"paths": ["/nonexistent"]}`
	t.Run("disabled without a token", func(t *testing.T) {
		s := newTestServer(t, Options{})
		do(t, s.Handler(), httptest.NewRequest("POST", "/api/import", strings.NewReader(body)), 403, nil)
		do(t, s.Handler(), httptest.NewRequest("POST", "/api/index/rebuild", nil), 403, nil)
	})
	s := newTestServer(t, Options{Token: "s3cret-token"})
	for _, auth := range []string{"", "Bearer wrong", "Bearer s3cret-token-longer", "Basic s3cret-token", "s3cret-token"} {
		t.Run("refused "+auth, func(t *testing.T) {
			req := httptest.NewRequest("POST", "/api/import", strings.NewReader(body))
			if auth != "" {
				req.Header.Set("Authorization", auth)
			}
			do(t, s.Handler(), req, 401, nil)
		})
	}
	t.Run("bad paths", func(t *testing.T) {
		for _, b := range []string{body, `{"paths": ["relative/path"]}`, `{"paths": []}`, `not json`} {
			req := httptest.NewRequest("POST", "/api/import", strings.NewReader(b))
			req.Header.Set("Authorization", "Bearer s3cret-token")
			do(t, s.Handler(), req, 400, nil)
		}
	})
	t.Run("GET is not a write", func(t *testing.T) {
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/api/index/rebuild", nil))
		if rec.Code != 404 && rec.Code != 405 {
			t.Errorf("status %d", rec.Code)
		}
	})
}

// newReportFile writes a generated report the fixture does not hold and
// returns its path and office.
func newReportFile(t *testing.T, seed uint64) (string, corpus.Report) {
	t.Helper()
	spec := synth.Generate(synth.Options{Seed: seed, Years: []int{2022}}, 1)[0]
	path := filepath.Join(t.TempDir(), "new-report.txt")
	if err := os.WriteFile(path, synth.RenderText(spec), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, spec.Truth
}

// searchOffice counts the hits for an office.
func searchOffice(t *testing.T, h http.Handler, office string) uint64 {
	t.Helper()
	var res index.Result
	get(t, h, "/api/search?office="+url.QueryEscape(office), 200, &res)
	return res.Total
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestImportWhileServing imports through POST /api/import while searches
// go on, and finds the new report without a restart.
func TestImportWhileServing(t *testing.T) {
	s := newTestServer(t, Options{Token: "tok"})
	h := s.Handler()
	path, truth := newReportFile(t, 4242)
	if n := searchOffice(t, h, truth.OfficeFull); n != 0 {
		t.Fatalf("the fixture already has %s", truth.OfficeFull)
	}
	stop := make(chan struct{})
	searchErr := make(chan error, 1)
	go func() { // searches keep being answered during the import
		defer close(searchErr)
		for {
			select {
			case <-stop:
				return
			default:
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest("GET", "/api/search?q="+url.QueryEscape("政府信息"), nil))
			if rec.Code != 200 {
				searchErr <- io.ErrUnexpectedEOF
				return
			}
		}
	}()
	req := httptest.NewRequest("POST", "/api/import", strings.NewReader(`{"paths": [`+jsonString(path)+`]}`))
	req.Header.Set("Authorization", "Bearer tok")
	var job JobStatus
	do(t, h, req, 202, &job)
	if job.State != "running" {
		t.Errorf("job %+v", job)
	}
	waitFor(t, "the import", func() bool { return s.Job().State != "running" })
	close(stop)
	if err := <-searchErr; err != nil {
		t.Error("a search failed during the import")
	}
	if j := s.Job(); j.State != "done" || j.Imported != 1 || j.Indexed != 1 {
		t.Fatalf("job %+v", j)
	}
	if n := searchOffice(t, h, truth.OfficeFull); n != 1 {
		t.Errorf("%d hits for the imported office, want 1", n)
	}
}

// TestImportFromAnotherStore commits reports through a second catalog
// connection, as `gongkai import --no-index` in another process does, and
// checks that the watcher indexes them.
func TestImportFromAnotherStore(t *testing.T) {
	s := newTestServer(t, Options{WatchInterval: 50 * time.Millisecond})
	path, truth := newReportFile(t, 777)
	other, err := corpus.Open(s.Store().Dir())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	sum, err := ingest.Import(context.Background(), other, []string{path}, ingest.Options{})
	if err != nil || sum.Imported != 1 {
		t.Fatalf("import: %+v %v", sum, err)
	}
	waitFor(t, "the watcher", func() bool { return searchOffice(t, s.Handler(), truth.OfficeFull) == 1 })
}

func TestRebuild(t *testing.T) {
	s := newTestServer(t, Options{Token: "tok", WatchInterval: -1})
	req := httptest.NewRequest("POST", "/api/index/rebuild", nil)
	req.Header.Set("Authorization", "Bearer tok")
	var job JobStatus
	do(t, s.Handler(), req, 200, &job)
	var st statsJSON
	get(t, s.Handler(), "/api/stats", 200, &st)
	if job.State != "done" || job.Indexed != st.Reports || st.Indexed != uint64(st.Reports) {
		t.Errorf("job %+v, stats %+v", job, st)
	}
	var res index.Result
	get(t, s.Handler(), "/api/search?q="+url.QueryEscape("行政复议"), 200, &res)
	if res.Total == 0 {
		t.Error("no hits after the rebuild")
	}
}

func jsonString(s string) string { b, _ := json.Marshal(s); return string(b) }
