package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"gongkai/compare"
	"gongkai/corpus"
)

// defaultReviewer is the reviewer's name when --reviewer is not given.
func defaultReviewer() string {
	for _, v := range []string{"GONGKAI_REVIEWER", "USER"} {
		if s := strings.TrimSpace(os.Getenv(v)); s != "" {
			return s
		}
	}
	return ""
}

// runReview records a person's conclusion about one finding of a report.
func runReview(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("review", `review [--archive DIR] ID FINDING (--confirm|--dismiss) [--note "…"] [--reviewer NAME] [--json]
  FINDING: a check id (C1 … C9) that failed or warned, or copied:SOURCE_ID (copied text from that report)`, stderr)
	dir := archiveFlag(fs)
	confirm := fs.Bool("confirm", false, "the finding holds")
	dismiss := fs.Bool("dismiss", false, "the finding does not hold (a parsing error, an explained difference …)")
	note := fs.String("note", "", "why")
	reviewer := fs.String("reviewer", defaultReviewer(), "who reviews (default $GONGKAI_REVIEWER, else $USER)")
	asJSON := fs.Bool("json", false, "print the review as JSON")
	rest, err := parseInterspersed(fs, args)
	if err != nil || len(rest) != 2 || *confirm == *dismiss {
		if err == nil && *confirm == *dismiss {
			fmt.Fprintln(stderr, "gongkai review: give one of --confirm and --dismiss")
		}
		fs.Usage()
		return errUsage
	}
	finding := rest[1]
	if !strings.HasPrefix(finding, "copied:") {
		finding = strings.ToUpper(finding)
	}
	if !compare.ValidFinding(finding) {
		fmt.Fprintf(stderr, "gongkai review: %q is not a finding: want C1 … C9 or copied:REPORT_ID\n", rest[1])
		return errUsage
	}
	if strings.TrimSpace(*reviewer) == "" {
		fmt.Fprintln(stderr, "gongkai review: give the reviewer's name with --reviewer (or set $GONGKAI_REVIEWER)")
		return errUsage
	}
	st, err := corpus.Open(*dir)
	if err != nil {
		return err
	}
	defer st.Close()
	r, err := st.Report(ctx, rest[0])
	if err != nil {
		return err
	}
	status, detail, err := compare.FindingOf(ctx, st, r.ID, finding)
	if err != nil {
		return err
	}
	verdict := corpus.VerdictConfirmed
	if *dismiss {
		verdict = corpus.VerdictDismissed
	}
	rev, err := st.AddReview(ctx, corpus.Review{Report: r.ID, Finding: finding, Verdict: verdict, Note: *note, Reviewer: strings.TrimSpace(*reviewer), Status: status, Detail: detail})
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSONTo(stdout, rev)
	}
	fmt.Fprintf(stdout, "%s %s %s: %s by %s (review %d)\n", r.ID, finding, status, verdict, rev.Reviewer, rev.ID)
	return nil
}

func writeJSONTo(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// runReviews lists (and exports) the reviews.
func runReviews(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("reviews", "reviews [--archive DIR] [--report ID] [--finding F] [--state open|resolved] [--verdict confirmed|dismissed] [--history] [--csv|--json]", stderr)
	dir := archiveFlag(fs)
	var f corpus.ReviewFilter
	fs.StringVar(&f.Report, "report", "", "only this report")
	fs.StringVar(&f.Finding, "finding", "", "only this finding (C1 … C9, copied:ID)")
	fs.StringVar(&f.State, "state", "", "open (the finding is still there) or resolved (gone after a re-parse)")
	fs.StringVar(&f.Verdict, "verdict", "", "confirmed or dismissed")
	fs.BoolVar(&f.History, "history", false, "also the reviews a newer review of the same finding replaced")
	asCSV := fs.Bool("csv", false, "print CSV")
	asJSON := fs.Bool("json", false, "print JSON")
	if rest, err := parseInterspersed(fs, args); err != nil || len(rest) > 0 {
		fs.Usage()
		return errUsage
	}
	if f.State != "" && f.State != corpus.ReviewOpen && f.State != corpus.ReviewResolved {
		fmt.Fprintf(stderr, "gongkai reviews: --state %s: want open or resolved\n", f.State)
		return errUsage
	}
	if f.Verdict != "" && f.Verdict != corpus.VerdictConfirmed && f.Verdict != corpus.VerdictDismissed {
		fmt.Fprintf(stderr, "gongkai reviews: --verdict %s: want confirmed or dismissed\n", f.Verdict)
		return errUsage
	}
	st, err := corpus.Open(*dir)
	if err != nil {
		return err
	}
	defer st.Close()
	if f.Report != "" {
		r, err := st.Report(ctx, f.Report)
		if err != nil {
			return err
		}
		f.Report = r.ID
	}
	revs, err := compare.Reviews(ctx, st, f)
	if err != nil {
		return err
	}
	switch {
	case *asJSON:
		return writeJSONTo(stdout, nz(revs))
	case *asCSV:
		cw := csv.NewWriter(stdout)
		cw.Write([]string{"id", "report", "office", "year", "finding", "verdict", "note", "reviewer", "created_at", "status_reviewed", "detail_reviewed", "state", "status_now"})
		for _, r := range revs {
			cw.Write([]string{strconv.FormatInt(r.ID, 10), r.Report, r.Office, strconv.Itoa(r.Year), r.Finding, r.Verdict, r.Note, r.Reviewer, r.CreatedAt, r.Status, r.Detail, r.State, r.NowStatus})
		}
		cw.Flush()
		return cw.Error()
	}
	var b strings.Builder
	for _, r := range revs {
		fmt.Fprintf(&b, "%s  %s %d  %s (%s): %s by %s, %s", r.Report, r.Office, r.Year, r.Finding, r.Status, r.Verdict, r.Reviewer, r.CreatedAt)
		if r.State == corpus.ReviewResolved {
			b.WriteString("  [resolved: the finding is gone]")
		}
		b.WriteString("\n")
		if r.Note != "" {
			fmt.Fprintf(&b, "    %s\n", r.Note)
		}
	}
	fmt.Fprintf(&b, "%d reviews\n", len(revs))
	_, err = io.WriteString(stdout, b.String())
	return err
}
