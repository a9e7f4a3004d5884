package compare

import (
	"context"
	"testing"

	"gongkai/compare/comparetest"
	"gongkai/corpus"
	"gongkai/corpus/corpustest"
)

// TestReviews_CrossYearResolved: a review of a cross-year finding (C6)
// is open while compare still finds it, and resolved once the values
// agree — here the earlier year's carried-forward values are set to what
// the later year carried over, as a corrected re-parse would store them.
func TestReviews_CrossYearResolved(t *testing.T) {
	ctx := context.Background()
	st, err := comparetest.Build(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	fs, err := CrossYear(ctx, st, Filter{Check: "C6", Office: "罗山街道办事处"})
	if err != nil || len(fs) != 1 {
		t.Fatalf("C6 of 罗山: %+v, %v", fs, err)
	}
	f := fs[0]
	status, detail, err := FindingOf(ctx, st, f.Report, "C6")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddReview(ctx, corpus.Review{Report: f.Report, Finding: "C6", Verdict: corpus.VerdictConfirmed,
		Reviewer: "test", Note: "carried over 3, carried forward 1", Status: status, Detail: detail}); err != nil {
		t.Fatal(err)
	}
	// A review of another report's C7 that stays a finding.
	c7, err := CrossYear(ctx, st, Filter{Check: "C7", Office: "罗山街道办事处"})
	if err != nil || len(c7) != 1 {
		t.Fatalf("C7 of 罗山: %+v, %v", c7, err)
	}
	if _, err := st.AddReview(ctx, corpus.Review{Report: c7[0].Report, Finding: "C7", Verdict: corpus.VerdictDismissed,
		Reviewer: "test", Status: c7[0].Status}); err != nil {
		t.Fatal(err)
	}
	states := func() map[string]corpus.Review {
		t.Helper()
		revs, err := Reviews(ctx, st, corpus.ReviewFilter{})
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]corpus.Review{}
		for _, r := range revs {
			out[r.Finding] = r
		}
		return out
	}
	if got := states(); got["C6"].State != corpus.ReviewOpen || got["C6"].NowStatus != corpus.CheckWarn || got["C7"].State != corpus.ReviewOpen {
		t.Fatalf("before the correction: %+v", got)
	}
	res, err := corpustest.DB(st).Exec(`UPDATE cells SET value = (SELECT c2.value FROM cells c2 WHERE c2.report_id = ?
		AND c2.tbl = 'apply' AND c2.row = 'carried_over' AND c2.col = cells.col)
		WHERE report_id = ? AND tbl = 'apply' AND row = 'carry_forward'`, f.Report, f.PrevReport)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		t.Fatalf("no carry_forward cells of %s", f.PrevReport)
	}
	got := states()
	if got["C6"].State != corpus.ReviewResolved || got["C6"].NowStatus != "" {
		t.Errorf("C6 after the correction: %+v, want resolved", got["C6"])
	}
	if got["C7"].State != corpus.ReviewOpen {
		t.Errorf("C7 (still a finding): %+v, want open", got["C7"])
	}
	for _, c := range []struct {
		state string
		want  int
	}{{corpus.ReviewResolved, 1}, {corpus.ReviewOpen, 1}, {"", 2}} {
		revs, err := Reviews(ctx, st, corpus.ReviewFilter{State: c.state})
		if err != nil || len(revs) != c.want {
			t.Errorf("state %q: %d reviews (%v), want %d", c.state, len(revs), err, c.want)
		}
	}
}
