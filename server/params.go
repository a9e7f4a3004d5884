package server

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"gongkai/compare"
	"gongkai/corpus"
	"gongkai/index"
)

// MaxQueryBytes bounds the query string of a search.
const MaxQueryBytes = 512

// errBadParam marks a request parameter that cannot be used (HTTP 400).
var errBadParam = errors.New("bad parameter")

// SplitList splits a comma-separated list, trimming blanks and dropping
// empty items (facet names, office lists).
func SplitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// parseBool reads a flag parameter: present and empty, 1, true, yes or on.
func parseBool(v url.Values, name string) (bool, error) {
	vals, ok := v[name]
	if !ok {
		return false, nil
	}
	switch strings.ToLower(strings.TrimSpace(vals[0])) {
	case "", "1", "true", "yes", "on":
		return true, nil
	case "0", "false", "no", "off":
		return false, nil
	}
	return false, fmt.Errorf("%s=%q is not a boolean: %w", name, vals[0], errBadParam)
}

// parseInt reads an integer parameter within [lo, hi], def when absent.
func parseInt(v url.Values, name string, def, lo, hi int) (int, error) {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, fmt.Errorf("%s=%q: want an integer from %d to %d: %w", name, s, lo, hi, errBadParam)
	}
	return n, nil
}

// yearsParam reads the year parameter.
func yearsParam(v url.Values) (from, to int, err error) {
	from, to, err = index.ParseYears(v.Get("year"))
	if err != nil {
		return 0, 0, fmt.Errorf("year: %v: %w", err, errBadParam)
	}
	return from, to, nil
}

// SearchRequest builds the index.Request of a search from URL parameters
// named like the flags of gongkai search: q (the query), the filter
// parameters (Filter), sort, facets (comma-separated), limit and offset.
// It refuses a query longer than MaxQueryBytes and a page beyond
// index.MaxWindow. The office is not resolved here: with the catalog at
// hand, resolve the filter (corpus.Store.Resolve) and use index.RequestFor
// (the server does).
func SearchRequest(v url.Values) (index.Request, error) {
	f, err := Filter(v)
	if err != nil {
		return index.Request{}, err
	}
	return searchRequest(v, f)
}

// searchRequest is SearchRequest with the filter already read (and
// perhaps resolved).
func searchRequest(v url.Values, f corpus.Filter) (index.Request, error) {
	for _, name := range []string{"q", "sort", "facets"} {
		if len(v.Get(name)) > MaxQueryBytes {
			return index.Request{}, fmt.Errorf("%s is longer than %d bytes: %w", name, MaxQueryBytes, errBadParam)
		}
	}
	req, err := index.RequestFor(strings.TrimSpace(v.Get("q")), f)
	if err != nil {
		return req, fmt.Errorf("%v: %w", err, errBadParam)
	}
	req.Sort = strings.TrimSpace(v.Get("sort"))
	req.Facets = SplitList(v.Get("facets"))
	if req.Limit, err = parseInt(v, "limit", 10, 0, index.MaxLimit); err != nil {
		return req, err
	}
	if req.Offset, err = parseInt(v, "offset", 0, 0, index.MaxWindow); err != nil {
		return req, err
	}
	if req.Offset+req.Limit > index.MaxWindow {
		return req, fmt.Errorf("offset+limit %d is beyond the result window %d: narrow the search: %w", req.Offset+req.Limit, index.MaxWindow, errBadParam)
	}
	if len(req.Facets) > 12 {
		return req, fmt.Errorf("at most 12 facets: %w", errBadParam)
	}
	return req, nil
}

// Filter reads the one report filter (corpus.Filter) from the parameters
// every endpoint shares, named like the command-line flags: office (an
// office, resolved to its identity), region (division code prefix or the
// start of a name), level and template (comma-separated: any of them),
// year (2021, 2019..2023), failed-checks, timely (C9: on_time, late,
// not_assessable), reviewed (reviewed or unreviewed), id (one check id)
// and all-renditions. /api/search, /api/export, /api/rank, /api/coverage and
// /api/checks select the same reports with the same parameters.
func Filter(v url.Values) (corpus.Filter, error) {
	f := corpus.Filter{
		Office:    strings.TrimSpace(v.Get("office")),
		Region:    strings.TrimSpace(v.Get("region")),
		Levels:    SplitList(v.Get("level")),
		Templates: SplitList(v.Get("template")),
		Check:     strings.ToUpper(strings.TrimSpace(v.Get("id"))),
		Reviewed:  strings.TrimSpace(v.Get("reviewed")),
	}
	for _, name := range []string{"office", "region", "level", "template"} {
		if len(v.Get(name)) > MaxQueryBytes {
			return f, fmt.Errorf("%s is longer than %d bytes: %w", name, MaxQueryBytes, errBadParam)
		}
	}
	var err error
	if f.YearFrom, f.YearTo, err = yearsParam(v); err != nil {
		return f, err
	}
	if f.FailedChecks, err = parseBool(v, "failed-checks"); err != nil {
		return f, err
	}
	if f.AllRenditions, err = parseBool(v, "all-renditions"); err != nil {
		return f, err
	}
	if f.Timely, err = timelyParam(v); err != nil {
		return f, err
	}
	if err := f.Validate(); err != nil {
		return f, fmt.Errorf("%v: %w", err, errBadParam)
	}
	return f, nil
}

// compareFilter is the filter of the comparison endpoints (Filter).
func compareFilter(v url.Values) (compare.Filter, error) {
	return Filter(v)
}

// exportOptions builds corpus.ExportOptions from format, wide, bom and the
// filters office, region, level, year, template, failed-checks and
// all-renditions.
func exportOptions(v url.Values) (corpus.ExportOptions, error) {
	opt := corpus.ExportOptions{Format: strings.TrimSpace(v.Get("format"))}
	if opt.Format == "" {
		opt.Format = corpus.FormatCSV
	}
	if opt.Format != corpus.FormatCSV && opt.Format != corpus.FormatJSONL {
		return opt, fmt.Errorf("format=%q: want csv or jsonl: %w", opt.Format, errBadParam)
	}
	var err error
	if opt.Wide, err = parseBool(v, "wide"); err != nil {
		return opt, err
	}
	if opt.BOM, err = parseBool(v, "bom"); err != nil {
		return opt, err
	}
	if opt.Filter, err = Filter(v); err != nil {
		return opt, err
	}
	return opt, nil
}

// timelyParam reads timely=on_time|late|not_assessable (C9's status).
func timelyParam(v url.Values) (string, error) {
	t := strings.TrimSpace(v.Get("timely"))
	if t == "" {
		return "", nil
	}
	st, ok := corpus.TimelyStatus(t)
	if !ok {
		return "", fmt.Errorf("timely=%q: want on_time, late or not_assessable: %w", t, errBadParam)
	}
	return st, nil
}
