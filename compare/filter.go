package compare

import (
	"errors"
	"fmt"
	"strings"
)

// Filter selects reports, like gongkai search: every field that is set must
// hold.
type Filter struct {
	Office   string // an office name (resolved through the office identities)
	Region   string // a province, city, county or town name (or its start), or a division code prefix
	Level    string // national|province|city|county|township|unknown
	YearFrom int    // 0: no lower bound
	YearTo   int    // 0: no upper bound
	Template string // 2019|2021|legacy|unknown
	Check    string // Check only: one check id (C1 … C9)
	Timely   string // C9 "published on time": pass | fail | not_assessable (also on_time, late)
	Reviewed string // Check only: reviewed | unreviewed findings ("": all)
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

// Levels the catalog knows.
var knownLevels = map[string]bool{"national": true, "province": true, "city": true, "county": true, "township": true, "unknown": true}

// Validate reports a filter field that can match nothing because it is
// malformed.
func (f Filter) Validate() error {
	if f.Level != "" && !knownLevels[f.Level] {
		return badInput("unknown level %q (want national, province, city, county, township or unknown)", f.Level)
	}
	if f.YearFrom != 0 && f.YearTo != 0 && f.YearFrom > f.YearTo {
		return badInput("year range %d..%d is empty", f.YearFrom, f.YearTo)
	}
	if f.Check != "" && !validCheckID(f.Check) {
		return badInput("unknown check id %q (want C1 … C9)", f.Check)
	}
	if f.Reviewed != "" && f.Reviewed != ReviewedOnly && f.Reviewed != UnreviewedOnly {
		return badInput("reviewed filter %q: want reviewed or unreviewed", f.Reviewed)
	}
	if _, ok := TimelyStatus(f.Timely); f.Timely != "" && !ok {
		return badInput("unknown publication status %q (want on_time, late or not_assessable)", f.Timely)
	}
	return nil
}

func validCheckID(id string) bool {
	return len(id) == 2 && id[0] == 'C' && id[1] >= '1' && id[1] <= '9'
}

// isCode reports whether s is a division code prefix (digits only).
func isCode(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// where builds the SQL conditions of a filter over the reports table
// aliased r (the office is matched in Go, by identity). skipTemplate leaves
// the template out (cross-year checks need the earlier year of any
// template). yearSlack widens the lower year bound.
func (f Filter) where(skipTemplate bool, yearSlack int) (string, []any) {
	conds := []string{"r.primary_rendition = 1"}
	var args []any
	if reg := strings.TrimSpace(f.Region); reg != "" {
		if isCode(reg) {
			conds = append(conds, "substr(r.region_code, 1, length(?)) = ?")
			args = append(args, reg, reg)
		} else {
			var or []string
			for _, col := range []string{"province", "city", "county", "town"} {
				or = append(or, fmt.Sprintf("substr(r.%s, 1, length(?)) = ?", col))
				args = append(args, reg, reg)
			}
			conds = append(conds, "("+strings.Join(or, " OR ")+")")
		}
	}
	if f.Level != "" {
		conds = append(conds, "r.level = ?")
		args = append(args, f.Level)
	}
	if f.YearFrom != 0 {
		conds = append(conds, "r.year >= ?")
		args = append(args, f.YearFrom-yearSlack)
	}
	if f.YearTo != 0 {
		conds = append(conds, "r.year <= ?")
		args = append(args, f.YearTo)
	}
	if st, ok := TimelyStatus(f.Timely); ok {
		conds = append(conds, "EXISTS (SELECT 1 FROM checks t WHERE t.report_id = r.id AND t.id = 'C9' AND t.status = ?)")
		args = append(args, st)
	}
	if f.Template != "" && !skipTemplate {
		conds = append(conds, "r.template = ?")
		args = append(args, f.Template)
	}
	return strings.Join(conds, " AND "), args
}

// inYears reports whether year is within the filter's year range.
func (f Filter) inYears(year int) bool {
	return (f.YearFrom == 0 || year >= f.YearFrom) && (f.YearTo == 0 || year <= f.YearTo)
}

// ErrBadInput marks an error in what the user asked for (an unknown metric,
// level or check id, an empty year range): errors.Is(err, ErrBadInput).
var ErrBadInput = errors.New("bad input")

type inputError struct{ msg string }

func (e *inputError) Error() string        { return e.msg }
func (e *inputError) Is(target error) bool { return target == ErrBadInput }

func badInput(format string, args ...any) error {
	return &inputError{fmt.Sprintf(format, args...)}
}

// guard turns a panic in an entry point into an error (a malformed catalog
// must not crash the program).
func guard(what string, err *error) {
	if p := recover(); p != nil {
		*err = fmt.Errorf("%s: internal error: %v", what, p)
	}
}
