package corpus

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Review verdicts.
const (
	VerdictConfirmed = "confirmed"
	VerdictDismissed = "dismissed"
)

// Review states, computed when reviews are read.
const (
	ReviewOpen     = "open"     // the finding is still there
	ReviewResolved = "resolved" // the finding is gone (after a re-parse, or a new copied-text run)
)

// CopiedFinding names the copied-text finding of a report against one
// source report.
func CopiedFinding(source string) string { return "copied:" + source }

// Review is a person's conclusion about one finding of one report.
type Review struct {
	ID        int64  `json:"id"`
	Report    string `json:"report"`
	Finding   string `json:"finding"` // C1 … C9, or copied:<source id>
	Verdict   string `json:"verdict"` // confirmed | dismissed
	Note      string `json:"note"`
	Reviewer  string `json:"reviewer"`
	Status    string `json:"status"` // the finding's status when reviewed
	Detail    string `json:"detail"` // … and its detail
	CreatedAt string `json:"created_at"`
	// Computed when read:
	State      string `json:"state"`                // open | resolved
	NowStatus  string `json:"now_status"`           // the finding's status now ("" when gone)
	Office     string `json:"office,omitempty"`     // the report's office_full
	Year       int    `json:"year,omitempty"`       // and year
	Superseded bool   `json:"superseded,omitempty"` // a newer review of the same finding holds
}

// ErrNoFinding is returned when a review names a finding the report does
// not have (a check that passed, or copied text not found).
var ErrNoFinding = errors.New("no such finding")

// FindingStatus returns the current status of a report's stored finding:
// a check's status when it failed or warned, "copied" when copied-text
// passages from that source are stored; ErrNoFinding otherwise. (The
// cross-year checks C6 and C7 are not stored: compare computes them.)
func (s *Store) FindingStatus(ctx context.Context, report, finding string) (status, detail string, err error) {
	if src, ok := strings.CutPrefix(finding, "copied:"); ok {
		var n, chars int
		err := s.db.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(chars), 0) FROM copy_passages WHERE report_id = ? AND source_id = ?`, report, src).Scan(&n, &chars)
		if err != nil {
			return "", "", fmt.Errorf("finding %s of %s: %w", finding, report, err)
		}
		if n == 0 {
			return "", "", fmt.Errorf("report %s has no passages copied from %s: %w", report, src, ErrNoFinding)
		}
		return "copied", fmt.Sprintf("%d passages, %d characters shared with %s", n, chars, src), nil
	}
	err = s.db.QueryRowContext(ctx, `SELECT status, detail FROM checks WHERE report_id = ? AND id = ?`, report, finding).Scan(&status, &detail)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", fmt.Errorf("report %s has no check %s: %w", report, finding, ErrNoFinding)
	}
	if err != nil {
		return "", "", fmt.Errorf("finding %s of %s: %w", finding, report, err)
	}
	if status != CheckFail && status != CheckWarn {
		return "", "", fmt.Errorf("check %s of report %s is %s, not a finding (only failed or warned checks are reviewed): %w", finding, report, status, ErrNoFinding)
	}
	return status, detail, nil
}

// AddReview stores a review. The caller has checked that the finding
// exists (FindingStatus, or compare for C6 and C7) and passes its status
// and detail in r.
func (s *Store) AddReview(ctx context.Context, r Review) (Review, error) {
	if r.Verdict != VerdictConfirmed && r.Verdict != VerdictDismissed {
		return r, fmt.Errorf("review verdict %q: want confirmed or dismissed", r.Verdict)
	}
	if strings.TrimSpace(r.Reviewer) == "" {
		return r, errors.New("a review needs the reviewer's name")
	}
	if r.CreatedAt == "" {
		r.CreatedAt = time.Now().UTC().Format(time.RFC3339)
	}
	res, err := s.db.ExecContext(ctx, `INSERT INTO reviews (report_id, finding, verdict, note, reviewer, status, detail, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		r.Report, r.Finding, r.Verdict, r.Note, r.Reviewer, r.Status, r.Detail, r.CreatedAt)
	if err != nil {
		return r, fmt.Errorf("save review of %s %s: %w", r.Report, r.Finding, err)
	}
	r.ID, _ = res.LastInsertId()
	return r, nil
}

// ReviewFilter selects reviews.
type ReviewFilter struct {
	Report  string // one report
	Finding string // one finding (check id, or copied:<id>)
	State   string // open | resolved ("": both)
	Verdict string // confirmed | dismissed ("": both)
	History bool   // also the reviews a newer one of the same finding superseded
}

// Reviews lists reviews, newest first, with the state of their finding now:
// open while the finding is still there, resolved when it is gone — after a
// re-parse the check passes or is no longer computed, or a new copied-text
// run no longer finds the passages. A review of a cross-year finding (C6,
// C7), which the catalog does not store, carries the status it had when
// reviewed and stays open here: compare.Reviews computes those findings
// now and resolves the reviews of the ones gone.
func (s *Store) Reviews(ctx context.Context, f ReviewFilter) ([]Review, error) {
	q := `SELECT v.id, v.report_id, v.finding, v.verdict, v.note, v.reviewer, v.status, v.detail, v.created_at,
		coalesce(r.office_full, ''), coalesce(r.year, 0),
		CASE WHEN v.finding LIKE 'copied:%' THEN
			CASE WHEN EXISTS (SELECT 1 FROM copy_passages p WHERE p.report_id = v.report_id AND 'copied:' || p.source_id = v.finding) THEN 'copied' ELSE '' END
		WHEN v.finding IN ('C6', 'C7') THEN v.status
		ELSE coalesce((SELECT c.status FROM checks c WHERE c.report_id = v.report_id AND c.id = v.finding AND c.status IN ('fail', 'warn')), '') END,
		EXISTS (SELECT 1 FROM reviews w WHERE w.report_id = v.report_id AND w.finding = v.finding AND w.id > v.id)
		FROM reviews v LEFT JOIN reports r ON r.id = v.report_id WHERE 1`
	var args []any
	if f.Report != "" {
		q += " AND v.report_id = ?"
		args = append(args, f.Report)
	}
	if f.Finding != "" {
		q += " AND v.finding = ?"
		args = append(args, f.Finding)
	}
	if f.Verdict != "" {
		q += " AND v.verdict = ?"
		args = append(args, f.Verdict)
	}
	q += " ORDER BY v.id DESC"
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("read reviews: %w", err)
	}
	defer rows.Close()
	var out []Review
	for rows.Next() {
		var r Review
		if err := rows.Scan(&r.ID, &r.Report, &r.Finding, &r.Verdict, &r.Note, &r.Reviewer, &r.Status, &r.Detail, &r.CreatedAt,
			&r.Office, &r.Year, &r.NowStatus, &r.Superseded); err != nil {
			return nil, fmt.Errorf("read reviews: %w", err)
		}
		r.State = ReviewOpen
		if r.NowStatus == "" {
			r.State = ReviewResolved
		}
		if (r.Superseded && !f.History) || (f.State != "" && r.State != f.State) {
			continue
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// ReviewedFindings returns the set of "report|finding" that have a review.
func (s *Store) ReviewedFindings(ctx context.Context) (map[string]bool, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT report_id, finding FROM reviews`)
	if err != nil {
		return nil, fmt.Errorf("read reviews: %w", err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var r, f string
		if err := rows.Scan(&r, &f); err != nil {
			return nil, err
		}
		out[r+"|"+f] = true
	}
	return out, rows.Err()
}

// ParsedDocuments lists every document with a report or a parse failure:
// what gongkai reparse --all parses again.
func (s *Store) ParsedDocuments(ctx context.Context) ([]string, error) {
	return s.column(ctx, `SELECT sha256 FROM reports UNION SELECT sha256 FROM failures WHERE sha256 IS NOT NULL AND stage = 'parse' ORDER BY 1`)
}
