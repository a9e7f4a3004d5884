package compare

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"gongkai/corpus"
)

// FindingOf returns the current status and detail of one finding of a
// report: a stored check that failed or warned, copied text
// (copied:<source id>), or a cross-year check (C6, C7) computed now. The
// error wraps corpus.ErrNoFinding when the report has no such finding.
func FindingOf(ctx context.Context, st *corpus.Store, report, finding string) (status, detail string, err error) {
	if !crossYearCheck(finding) {
		return st.FindingStatus(ctx, report, finding)
	}
	r, err := st.Report(ctx, report)
	if err != nil {
		return "", "", err
	}
	fs, err := CrossYear(ctx, st, Filter{Check: finding, YearFrom: r.Year, YearTo: r.Year})
	if err != nil {
		return "", "", err
	}
	for _, f := range fs {
		if f.Report == r.ID {
			return f.Status, f.Detail, nil
		}
	}
	return "", "", fmt.Errorf("report %s has no cross-year finding %s: %w", report, finding, corpus.ErrNoFinding)
}

// ValidFinding reports whether s names a finding: a check id or
// copied:<report id>.
func ValidFinding(s string) bool {
	if src, ok := strings.CutPrefix(s, "copied:"); ok {
		return reportIDLike(src)
	}
	return validCheckID(s)
}

func reportIDLike(s string) bool {
	if len(s) < 4 || len(s) > 64 {
		return false
	}
	for _, r := range s {
		if (r < '0' || r > '9') && (r < 'a' || r > 'f') {
			return false
		}
	}
	return true
}

// attachReviews gives each finding its review (the newest of its finding)
// and keeps only the reviewed or unreviewed ones when the filter asks.
func attachReviews(ctx context.Context, st *corpus.Store, fs []Finding, filter Filter) ([]Finding, error) {
	revs, err := st.Reviews(ctx, corpus.ReviewFilter{})
	if err != nil {
		return nil, err
	}
	by := map[string]*corpus.Review{}
	for i := range revs {
		by[revs[i].Report+"|"+revs[i].Finding] = &revs[i]
	}
	out := fs[:0]
	for _, f := range fs {
		f.Review = by[f.Report+"|"+f.Check]
		switch filter.Reviewed {
		case ReviewedOnly:
			if f.Review == nil {
				continue
			}
		case UnreviewedOnly:
			if f.Review != nil {
				continue
			}
		}
		out = append(out, f)
	}
	return out, nil
}

// Values of Filter.Reviewed.
const (
	ReviewedOnly   = "reviewed"
	UnreviewedOnly = "unreviewed"
)

// Reviews lists reviews as corpus.Store.Reviews does, with the cross-year
// findings (C6, C7), which the catalog does not store, computed now: a
// review of one is open while compare still finds it for that report and
// resolved once it is gone (either year re-parsed or corrected, or a
// report of the previous year replaced). Each (report, check) is computed
// once.
func Reviews(ctx context.Context, st *corpus.Store, f corpus.ReviewFilter) ([]corpus.Review, error) {
	state := f.State
	f.State = "" // the store cannot tell the state of C6 and C7
	revs, err := st.Reviews(ctx, f)
	if err != nil {
		return nil, err
	}
	type key struct{ report, finding string }
	now := map[key]string{}
	out := revs[:0]
	for _, r := range revs {
		if crossYearCheck(r.Finding) {
			k := key{r.Report, r.Finding}
			status, ok := now[k]
			if !ok {
				status, _, err = FindingOf(ctx, st, r.Report, r.Finding)
				switch {
				case errors.Is(err, corpus.ErrNoFinding), errors.Is(err, corpus.ErrNotFound):
					status = "" // gone: the report or its finding
				case err != nil:
					return nil, fmt.Errorf("review %d (%s %s): %w", r.ID, r.Report, r.Finding, err)
				}
				now[k] = status
			}
			r.NowStatus, r.State = status, corpus.ReviewOpen
			if status == "" {
				r.State = corpus.ReviewResolved
			}
		}
		if state != "" && r.State != state {
			continue
		}
		out = append(out, r)
	}
	return out, nil
}
