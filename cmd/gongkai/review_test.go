package main

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"gongkai/compare"
	"gongkai/corpus"
	"gongkai/corpus/corpustest"
)

// TestReview_SurvivesReparse: a finding is dismissed with a note, the
// review shows in check and reviews, survives reparse --all, and shows as
// resolved once the finding is gone.
func TestReview_SurvivesReparse(t *testing.T) {
	dir := cmpArchive(t)
	out, err := runCmd(t, runCheck, "--archive", dir, "--id", "C9", "--json")
	if err != nil {
		t.Fatal(err)
	}
	var fs []compare.Finding
	if err := json.Unmarshal([]byte(out), &fs); err != nil || len(fs) == 0 {
		t.Fatalf("C9 findings: %v\n%s", err, out)
	}
	id := fs[0].Report
	// A check that passed is not a finding; a bad finding name is a usage error.
	if _, err := runCmd(t, runReview, "--archive", dir, id, "C1", "--dismiss", "--reviewer", "王记者"); !errors.Is(err, corpus.ErrNoFinding) {
		t.Fatalf("reviewing a passed check: err = %v", err)
	}
	if _, err := runCmd(t, runReview, "--archive", dir, id, "X1", "--dismiss", "--reviewer", "王记者"); !errors.Is(err, errUsage) {
		t.Fatalf("bad finding: err = %v", err)
	}
	if _, err := runCmd(t, runReview, "--archive", dir, id, "C9", "--reviewer", "王记者"); !errors.Is(err, errUsage) {
		t.Fatalf("no verdict: err = %v", err)
	}
	out, err = runCmd(t, runReview, "--archive", dir, id, "c9", "--dismiss", "--note", "网站发布日期为迁移日期", "--reviewer", "王记者")
	if err != nil || !strings.Contains(out, "C9 fail: dismissed by 王记者") {
		t.Fatalf("review: %v\n%s", err, out)
	}
	out, err = runCmd(t, runCheck, "--archive", dir, "--id", "C9", "--reviewed")
	if err != nil || !strings.Contains(out, "reviewed: dismissed by 王记者") || !strings.Contains(out, "网站发布日期为迁移日期") || strings.Count(out, "C9 fail") != 1 {
		t.Fatalf("check --reviewed: %v\n%s", err, out)
	}
	out, err = runCmd(t, runCheck, "--archive", dir, "--id", "C9", "--unreviewed")
	if err != nil || strings.Contains(out, id) || strings.Count(out, "C9 fail") != len(fs)-1 {
		t.Fatalf("check --unreviewed: %v\n%s", err, out)
	}
	// The parsed record is unchanged by a review.
	st, err := corpus.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	r, err := st.Report(context.Background(), id)
	st.Close()
	if err != nil || r.Timely() != corpus.CheckFail {
		t.Fatalf("record after review: %v %v", r.Timely(), err)
	}
	if _, err := runCmd(t, runReparse, "--archive", dir, "--all", "--quiet"); err != nil {
		t.Fatal(err)
	}
	out, err = runCmd(t, runReviews, "--archive", dir, "--json")
	var revs []corpus.Review
	if err != nil || json.Unmarshal([]byte(out), &revs) != nil || len(revs) != 1 {
		t.Fatalf("reviews after reparse --all: %v\n%s", err, out)
	}
	if rv := revs[0]; rv.Report != id || rv.Finding != "C9" || rv.Verdict != "dismissed" || rv.State != corpus.ReviewOpen || rv.NowStatus != "fail" {
		t.Fatalf("review after reparse: %+v", rv)
	}
	// A parser that no longer finds the problem (simulated: the stored
	// check now passes) leaves the review, shown as resolved.
	st, err = corpus.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := corpustest.DB(st).Exec(`UPDATE checks SET status = 'pass' WHERE report_id = ? AND id = 'C9'`, id); err != nil {
		t.Fatal(err)
	}
	st.Close()
	out, err = runCmd(t, runReviews, "--archive", dir, "--state", "resolved", "--csv")
	if err != nil || !strings.Contains(out, id) || !strings.Contains(out, ",resolved,") {
		t.Fatalf("reviews --state resolved: %v\n%s", err, out)
	}
	// Export: reports with a review.
	out, err = runCmd(t, runExport, "--archive", dir, "--format", "csv", "--wide", "--reviewed")
	if err != nil || !strings.Contains(out, "\n"+id+",") || !strings.Contains(out, "1 rows") {
		t.Fatalf("export --reviewed: %v\n%s", err, out)
	}
}
