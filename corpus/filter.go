package corpus

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// ErrBadInput marks a filter (or another request) that can match nothing
// because it is malformed: an unknown level, template or check id, an
// empty year range. errors.Is(err, ErrBadInput).
var ErrBadInput = errors.New("bad input")

// ErrAmbiguous is returned when an office name matches several offices.
var ErrAmbiguous = errors.New("ambiguous office name")

// Filter selects reports. Every field that is set must hold; the zero
// value selects every primary rendition. It is the one filter of gongkai:
// search, compare, rank, coverage, check, export and the server's query
// parameters all take it and mean the same reports by it.
type Filter struct {
	// Office is an office name, resolved to one office identity
	// (Offices.Resolve: a name it reports under, else the one office whose
	// names contain it), which selects the reports of every name that
	// office reported under across renamings. A name several offices
	// match is an error (ErrAmbiguous) listing them; a name no office
	// matches selects nothing.
	Office string
	// OfficeKeys are the identity keys (OfficeKey) Office resolved to;
	// Store.Resolve sets them. Non-nil: the office filter is these keys
	// (empty: no report). Set by hand only to select several offices.
	OfficeKeys []string
	// Region is a division code prefix (digits: 3505, 350582), or the
	// start of a province, city, county or town name (泉州 selects
	// 泉州市).
	Region string
	// Levels: any of national, province, city, county, township, unknown.
	Levels []string
	// Templates: any of 2019, 2021, legacy, unknown.
	Templates []string
	// YearFrom and YearTo bound the reporting year (0: open).
	YearFrom, YearTo int
	// FailedChecks keeps the reports with at least one failed check of
	// the tables (C1…C8).
	FailedChecks bool
	// Timely keeps the reports whose C9 ("published on time") has this
	// status: pass, fail or not_assessable (also on_time, late, unknown:
	// TimelyStatus).
	Timely string
	// Reviewed: "reviewed" keeps the reports with a reviewed finding,
	// "unreviewed" those with a failed or warned check and no review
	// (compare.Check applies it to each finding instead).
	Reviewed string
	// Check keeps the reports whose check with this id (C1 … C9) failed.
	// C6 and C7 are cross-year checks, computed by compare.Check and not
	// stored: the catalog's queries refuse them.
	Check string
	// AllRenditions includes the renditions that are not primary (a page
	// and its PDF both). Search always sees every rendition.
	AllRenditions bool
}

// Levels and templates the catalog knows.
var (
	knownLevels    = []string{"national", "province", "city", "county", "township", "unknown"}
	knownTemplates = []string{Template2019, Template2021, "legacy", "unknown"}
)

// Validate reports a filter field that can match nothing because it is
// malformed (wrapping ErrBadInput).
func (f *Filter) Validate() error {
	for _, l := range f.Levels {
		if !contains(knownLevels, l) {
			return fmt.Errorf("unknown level %q (want national, province, city, county, township or unknown): %w", l, ErrBadInput)
		}
	}
	for _, t := range f.Templates {
		if !contains(knownTemplates, t) {
			return fmt.Errorf("unknown template %q (want 2019, 2021, legacy or unknown): %w", t, ErrBadInput)
		}
	}
	if f.YearFrom != 0 && f.YearTo != 0 && f.YearFrom > f.YearTo {
		return fmt.Errorf("year range %d..%d is empty: %w", f.YearFrom, f.YearTo, ErrBadInput)
	}
	if c := f.Check; c != "" && !(len(c) == 2 && c[0] == 'C' && c[1] >= '1' && c[1] <= '9') {
		return fmt.Errorf("unknown check id %q (want C1 … C9): %w", c, ErrBadInput)
	}
	if f.Reviewed != "" && f.Reviewed != "reviewed" && f.Reviewed != "unreviewed" {
		return fmt.Errorf("reviewed filter %q: want reviewed or unreviewed: %w", f.Reviewed, ErrBadInput)
	}
	if _, ok := TimelyStatus(f.Timely); f.Timely != "" && !ok {
		return fmt.Errorf("unknown publication status %q (want on_time, late or not_assessable): %w", f.Timely, ErrBadInput)
	}
	return nil
}

// TimelyStatus maps the names a user may give C9's status (pass, on_time;
// fail, late; not_assessable, unknown) to the check's status; ok is false
// for anything else.
func TimelyStatus(s string) (status string, ok bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "pass", "on_time", "on-time", "ontime":
		return "pass", true
	case "fail", "late":
		return "fail", true
	case "not_assessable", "not-assessable", "unknown":
		return "not_assessable", true
	}
	return "", false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// InYears reports whether year is within the filter's year range.
func (f *Filter) InYears(year int) bool {
	return (f.YearFrom == 0 || year >= f.YearFrom) && (f.YearTo == 0 || year <= f.YearTo)
}

// IsCode reports whether a region is a division code prefix (digits only).
func IsCode(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// Resolve validates f and resolves its Office to the identity keys of one
// office (OfficeKeys), through the catalog's offices (Offices, cached per
// catalog generation). A name no office matches resolves to no keys.
func (s *Store) Resolve(ctx context.Context, f Filter, aliases ...Alias) (Filter, error) {
	if err := f.Validate(); err != nil {
		return f, err
	}
	if f.Check == "C6" || f.Check == "C7" {
		return f, fmt.Errorf("check %s compares two years and is not stored with the reports: gongkai check (GET /api/checks) computes it: %w", f.Check, ErrBadInput)
	}
	if strings.TrimSpace(f.Office) == "" || f.OfficeKeys != nil {
		return f, nil
	}
	offs, err := s.Offices(ctx, aliases...)
	if err != nil {
		return f, err
	}
	o, err := offs.Resolve(f.Office)
	switch {
	case errors.Is(err, ErrNotFound):
		f.OfficeKeys = []string{}
	case err != nil:
		return f, err
	default:
		f.OfficeKeys = o.Keys()
	}
	return f, nil
}

// reportNameSQL is reportName over the reports row r.
const reportNameSQL = `CASE WHEN trim(r.office_full) <> '' THEN r.office_full ELSE r.office END`

// where builds the SQL condition of a resolved filter over the reports
// row r. Only this package writes SQL.
func (f *Filter) where() (string, []any) {
	conds := []string{"1"}
	var args []any
	add := func(c string, a ...any) {
		conds = append(conds, c)
		args = append(args, a...)
	}
	if !f.AllRenditions {
		add("r.primary_rendition = 1")
	}
	if f.OfficeKeys != nil {
		if len(f.OfficeKeys) == 0 {
			add("0")
		} else {
			add("("+reportNameSQL+" || '|' || r.region_code) IN ("+placeholders(len(f.OfficeKeys))+")", anys(f.OfficeKeys)...)
		}
	} else if strings.TrimSpace(f.Office) != "" {
		add("0") // an unresolved office: Store.Resolve first
	}
	if reg := strings.TrimSpace(f.Region); reg != "" {
		if IsCode(reg) {
			add("substr(r.region_code, 1, ?) = ?", len(reg), reg)
		} else {
			n := utf8.RuneCountInString(reg)
			add("(substr(r.province, 1, ?) = ? OR substr(r.city, 1, ?) = ? OR substr(r.county, 1, ?) = ? OR substr(r.town, 1, ?) = ?)",
				n, reg, n, reg, n, reg, n, reg)
		}
	}
	if len(f.Levels) > 0 {
		add("r.level IN ("+placeholders(len(f.Levels))+")", anys(f.Levels)...)
	}
	if len(f.Templates) > 0 {
		add("r.template IN ("+placeholders(len(f.Templates))+")", anys(f.Templates)...)
	}
	if f.YearFrom != 0 {
		add("r.year >= ?", f.YearFrom)
	}
	if f.YearTo != 0 {
		add("r.year <= ?", f.YearTo)
	}
	if f.FailedChecks {
		add("r.checks_failed > 0")
	}
	switch f.Reviewed {
	case "reviewed":
		add("EXISTS (SELECT 1 FROM reviews v WHERE v.report_id = r.id)")
	case "unreviewed":
		add("NOT EXISTS (SELECT 1 FROM reviews v WHERE v.report_id = r.id) AND EXISTS (SELECT 1 FROM checks t WHERE t.report_id = r.id AND t.status IN ('fail', 'warn'))")
	}
	if st, ok := TimelyStatus(f.Timely); ok {
		add("EXISTS (SELECT 1 FROM checks t WHERE t.report_id = r.id AND t.id = 'C9' AND t.status = ?)", st)
	}
	if f.Check != "" {
		add("EXISTS (SELECT 1 FROM checks c1 WHERE c1.report_id = r.id AND c1.id = ? AND c1.status = 'fail')", f.Check)
	}
	return strings.Join(conds, " AND "), args
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

func anys[T any](vals []T) []any {
	out := make([]any, len(vals))
	for i, v := range vals {
		out[i] = v
	}
	return out
}
