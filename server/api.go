package server

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"gongkai/compare"
	"gongkai/corpus"
	"gongkai/index"
)

// routes registers the API and the pages.
func (s *Server) routes() {
	m := http.NewServeMux()
	t := func(h http.HandlerFunc) http.HandlerFunc { return withTimeout(s.opt.RequestTimeout, h) }
	m.HandleFunc("GET /api/search", t(s.handleSearch))
	m.HandleFunc("GET /api/reports/{id}", t(s.handleReport))
	m.HandleFunc("GET /api/reports/{id}/sources", t(s.handleSources))
	m.HandleFunc("GET /api/reports/{id}/findings", t(s.handleFindings))
	m.HandleFunc("POST /api/reports/{id}/reviews", s.requireToken(t(s.handleReview)))
	m.HandleFunc("GET /api/reports/{id}/original", withTimeout(s.opt.ExportTimeout, s.handleOriginal))
	m.HandleFunc("GET /api/compare", t(s.handleCompare))
	m.HandleFunc("GET /api/rank", t(s.handleRank))
	m.HandleFunc("GET /api/coverage", t(s.handleCoverage))
	m.HandleFunc("GET /api/checks", t(s.handleChecks))
	m.HandleFunc("GET /api/offices", t(s.handleOffices))
	m.HandleFunc("GET /api/export", withTimeout(s.opt.ExportTimeout, s.handleExport))
	m.HandleFunc("GET /api/stats", t(s.handleStats))
	m.HandleFunc("GET /api/import", t(s.handleImportStatus))
	m.HandleFunc("POST /api/import", s.requireToken(s.handleImport))
	m.HandleFunc("POST /api/index/rebuild", s.requireToken(s.handleRebuild))
	m.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, fmt.Errorf("no API endpoint %s %s: %w", r.Method, r.URL.Path, corpus.ErrNotFound), http.StatusNotFound)
	})
	m.Handle("/", s.pages)
	s.mux = m
}

// search runs a request on the current index (503 while it is rebuilt).
func (s *Server) search(ctx context.Context, req index.Request) (*index.Result, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.x == nil || s.rebuilding {
		return nil, errUnavailable
	}
	return s.x.Search(ctx, req)
}

// handleSearch answers GET /api/search with the JSON of gongkai search --json.
func (s *Server) handleSearch(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	f, err := Filter(v)
	if err == nil {
		f, err = s.st.Resolve(r.Context(), f) // the office as an identity, as in compare and export
	}
	var req index.Request
	if err == nil {
		req, err = searchRequest(v, f)
	}
	if err != nil {
		writeError(w, err, 0)
		return
	}
	res, err := s.search(r.Context(), req)
	if err != nil {
		writeError(w, err, 0)
		return
	}
	if res.Facets == nil {
		res.Facets = map[string]map[string]int{}
	}
	if res.Hits == nil {
		res.Hits = []index.Hit{}
	}
	writeJSON(w, http.StatusOK, res)
}

// reportID accepts a report id or a unique prefix of at least 4 hex digits.
var reportID = regexp.MustCompile(`^[0-9a-f]{4,64}$`)

func pathID(r *http.Request) (string, error) {
	id := strings.ToLower(r.PathValue("id"))
	if !reportID.MatchString(id) {
		return "", fmt.Errorf("report id %q: want hex digits: %w", r.PathValue("id"), corpus.ErrNotFound)
	}
	return id, nil
}

// handleReport answers the report record (schema gongkai.report/v1).
func (s *Server) handleReport(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		writeError(w, err, 0)
		return
	}
	rep, err := s.st.Report(r.Context(), id)
	if err != nil {
		writeError(w, err, 0)
		return
	}
	writeJSON(w, http.StatusOK, rep)
}

// origin is corpus.Origin as JSON.
type origin struct {
	Kind         string `json:"kind"`
	Path         string `json:"path"`
	Member       string `json:"member,omitempty"`
	URL          string `json:"url,omitempty"` // the source URL, for files fetched from the web
	Referrer     string `json:"referrer,omitempty"`
	ListingTitle string `json:"listing_title,omitempty"`
	ListingDate  string `json:"listing_date,omitempty"`
	FetchedAt    string `json:"fetched_at,omitempty"`
}

// handleSources answers where a report's file came from.
func (s *Server) handleSources(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		writeError(w, err, 0)
		return
	}
	rep, err := s.st.Report(r.Context(), id)
	if err != nil {
		writeError(w, err, 0)
		return
	}
	srcs, err := s.st.Sources(r.Context(), rep.Source.SHA256)
	if err != nil {
		writeError(w, fmt.Errorf("sources of %s: %w", id, err), 0)
		return
	}
	out := make([]origin, 0, len(srcs))
	for _, o := range srcs {
		j := origin{Kind: o.Kind, Path: o.Path, Member: o.Member, Referrer: o.Referrer,
			ListingTitle: o.ListingTitle, ListingDate: o.ListingDate, FetchedAt: o.FetchedAt}
		if o.Kind == "url" && (strings.HasPrefix(o.Path, "http://") || strings.HasPrefix(o.Path, "https://")) {
			j.URL = o.Path
		}
		out = append(out, j)
	}
	writeJSON(w, http.StatusOK, out)
}

// handleCompare answers one office across years (office=, metrics=) or
// several offices side by side in a year (offices=A,B or repeated
// office=, year=).
func (s *Server) handleCompare(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	offices := SplitList(v.Get("offices"))
	for _, o := range v["office"] {
		if o = strings.TrimSpace(o); o != "" {
			offices = append(offices, o)
		}
	}
	metrics := compare.ParseMetrics(v.Get("metrics"))
	year, err := parseInt(v, "year", 0, 0, 9999)
	if err != nil {
		writeError(w, err, 0)
		return
	}
	var t compare.Table
	switch {
	case len(offices) == 0:
		err = fmt.Errorf("give office=NAME (one office across years) or offices=A,B&year=Y: %w", errBadParam)
	case len(offices) > 20 || len(metrics) > 40:
		err = fmt.Errorf("at most 20 offices and 40 metrics: %w", errBadParam)
	case len(offices) > 1 && year == 0:
		err = fmt.Errorf("several offices are compared in one year: give year=: %w", errBadParam)
	case year != 0:
		t, err = compare.SideBySide(r.Context(), s.st, offices, year, metrics)
	default:
		t, err = compare.OfficeYears(r.Context(), s.st, offices[0], metrics)
	}
	if err != nil {
		writeError(w, err, 0)
		return
	}
	writeJSON(w, http.StatusOK, &t)
}

// handleRank ranks offices by a metric in a year.
func (s *Server) handleRank(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	f, err := compareFilter(v)
	if err != nil {
		writeError(w, err, 0)
		return
	}
	f.YearFrom, f.YearTo = 0, 0
	year, err := parseInt(v, "year", 0, 1000, 9999)
	if err == nil && year == 0 {
		err = fmt.Errorf("rank needs year=: %w", errBadParam)
	}
	limit, lerr := parseInt(v, "limit", 20, 0, 1000)
	ms := compare.ParseMetrics(v.Get("metric"))
	switch {
	case err != nil:
	case lerr != nil:
		err = lerr
	case len(ms) != 1:
		err = fmt.Errorf("rank needs one metric=: %w", errBadParam)
	}
	if err != nil {
		writeError(w, err, 0)
		return
	}
	t, err := compare.Rank(r.Context(), s.st, f, ms[0], year, limit)
	if err != nil {
		writeError(w, err, 0)
		return
	}
	writeJSON(w, http.StatusOK, &t)
}

// handleCoverage answers which offices have a report for which years.
func (s *Server) handleCoverage(w http.ResponseWriter, r *http.Request) {
	f, err := compareFilter(r.URL.Query())
	if err != nil {
		writeError(w, err, 0)
		return
	}
	g, err := compare.Coverage(r.Context(), s.st, f)
	if err != nil {
		writeError(w, err, 0)
		return
	}
	writeJSON(w, http.StatusOK, &g)
}

// handleChecks answers the failed checks (and the cross-year findings).
func (s *Server) handleChecks(w http.ResponseWriter, r *http.Request) {
	f, err := compareFilter(r.URL.Query())
	if err != nil {
		writeError(w, err, 0)
		return
	}
	findings, err := compare.Check(r.Context(), s.st, f)
	if err != nil {
		writeError(w, err, 0)
		return
	}
	if findings == nil {
		findings = []compare.Finding{}
	}
	writeJSON(w, http.StatusOK, findings)
}

// officeJSON is one office of GET /api/offices.
type officeJSON struct {
	Name   string   `json:"name"`
	Names  []string `json:"names"`
	Region string   `json:"region"`
	Level  string   `json:"level"`
	Code   string   `json:"region_code"`
}

// handleOffices lists the offices (matched across years) whose names
// contain q, for pickers: at most limit (default 50).
func (s *Server) handleOffices(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	q := strings.TrimSpace(v.Get("q"))
	limit, err := parseInt(v, "limit", 50, 1, 5000)
	if err == nil && len(q) > MaxQueryBytes {
		err = fmt.Errorf("q is longer than %d bytes: %w", MaxQueryBytes, errBadParam)
	}
	if err != nil {
		writeError(w, err, 0)
		return
	}
	offs, err := compare.LoadOffices(r.Context(), s.st)
	if err != nil {
		writeError(w, err, 0)
		return
	}
	out := []officeJSON{}
	for _, o := range offs.All() {
		if q != "" && !strings.Contains(strings.Join(append([]string{o.Name}, o.Names...), "\x00"), q) {
			continue
		}
		out = append(out, officeJSON{Name: o.Name, Names: o.Names, Region: o.Region, Level: o.Level, Code: o.RegionCode})
		if len(out) == limit {
			break
		}
	}
	writeJSON(w, http.StatusOK, out)
}

// handleExport streams corpus.Export as a download.
func (s *Server) handleExport(w http.ResponseWriter, r *http.Request) {
	opt, err := exportOptions(r.URL.Query())
	if err != nil {
		writeError(w, err, 0)
		return
	}
	name := "gongkai-export"
	if opt.Wide {
		name += "-wide"
	}
	ctype := "text/csv; charset=utf-8"
	if opt.Format == corpus.FormatJSONL {
		ctype = "application/x-ndjson; charset=utf-8"
	}
	_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(s.opt.ExportTimeout))
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s.%s"`, name, opt.Format))
	h.Set("Cache-Control", "no-store")
	if _, err := corpus.Export(r.Context(), s.st, w, opt); err != nil {
		// Headers are gone; the client sees a truncated download.
		s.log.Printf("export: %v", err)
		panic(http.ErrAbortHandler)
	}
}

// statsJSON is the body of GET /api/stats.
type statsJSON struct {
	Documents    int         `json:"documents"`
	Sources      int         `json:"sources"`
	Reports      int         `json:"reports"`
	Primary      int         `json:"primary"`
	Cells        int         `json:"cells"`
	Failures     int         `json:"failures"`
	FailedChecks int         `json:"failed_checks"`
	Offices      int         `json:"offices"`
	Years        []yearCount `json:"years"`
	Provinces    []nameCount `json:"provinces"`
	Templates    []nameCount `json:"templates"`
	Indexed      uint64      `json:"indexed"`
	Writes       bool        `json:"writes"` // the write endpoints are enabled
}

type yearCount struct {
	Year    int `json:"year"`
	Reports int `json:"reports"`
}

type nameCount struct {
	Name    string `json:"name"`
	Reports int    `json:"reports"`
}

// handleStats answers what the archive holds.
func (s *Server) handleStats(w http.ResponseWriter, r *http.Request) {
	out, err := s.stats(r.Context())
	if err != nil {
		writeError(w, err, 0)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) stats(ctx context.Context) (*statsJSON, error) {
	st, err := s.st.Stats(ctx)
	if err != nil {
		return nil, fmt.Errorf("archive statistics: %w", err)
	}
	out := &statsJSON{Documents: st.Documents, Sources: st.Sources, Reports: st.Reports, Primary: st.Primary,
		Cells: st.Cells, Failures: st.Failures, FailedChecks: st.FailedChecks, Writes: s.opt.Token != "",
		Years: []yearCount{}, Provinces: []nameCount{}, Templates: []nameCount{}}
	sum, err := s.st.Summarise(ctx)
	if err != nil {
		return nil, err
	}
	out.Offices = sum.Offices
	for _, c := range sum.Years {
		y, _ := strconv.Atoi(c.Value)
		out.Years = append(out.Years, yearCount{Year: y, Reports: c.Reports})
	}
	for _, c := range sum.Provinces {
		out.Provinces = append(out.Provinces, nameCount{Name: c.Value, Reports: c.Reports})
	}
	for _, c := range sum.Templates {
		out.Templates = append(out.Templates, nameCount{Name: c.Value, Reports: c.Reports})
	}
	s.mu.RLock()
	if s.x != nil && !s.rebuilding {
		out.Indexed, _ = s.x.Count()
	}
	s.mu.RUnlock()
	return out, nil
}
