package compare

import (
	"fmt"
	"slices"

	"gongkai/corpus"
)

// Filter selects the reports of a comparison. It is corpus.Filter, the one
// filter of gongkai: the same fields select the same reports as gongkai
// search and export (comparisons count primary renditions only). Check
// keeps one check id, cross-year C6 and C7 included.
type Filter = corpus.Filter

// catalogFilter is the catalog part of a comparison's filter: primary
// renditions, no cross-year check id (C6 and C7 are computed here, not
// stored), and no review filter (Check applies it to each finding).
func catalogFilter(f Filter) corpus.Filter {
	f.AllRenditions = false
	f.Reviewed = ""
	if crossYearCheck(f.Check) {
		f.Check = ""
	}
	return f
}

// hasTemplate reports whether a template is one the filter keeps.
func hasTemplate(f Filter, t string) bool {
	return len(f.Templates) == 0 || slices.Contains(f.Templates, t)
}

// ErrBadInput marks an error in what the user asked for (an unknown metric,
// level or check id, an empty year range): errors.Is(err, ErrBadInput).
var ErrBadInput = corpus.ErrBadInput

type inputError struct{ msg string }

func (e *inputError) Error() string        { return e.msg }
func (e *inputError) Is(target error) bool { return target == ErrBadInput }

func badInput(format string, args ...any) error {
	return &inputError{fmt.Sprintf(format, args...)}
}

// TimelyStatus maps the names a user may give C9's status to the check's
// status (corpus.TimelyStatus).
var TimelyStatus = corpus.TimelyStatus

func validCheckID(id string) bool {
	return len(id) == 2 && id[0] == 'C' && id[1] >= '1' && id[1] <= '9'
}
