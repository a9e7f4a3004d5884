package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"gongkai/compare"
	"gongkai/corpus"
)

// findings is the answer of GET /api/reports/{id}/findings: the report's
// copied text (from the last copied-text run) and the reviews of its
// findings.
type findings struct {
	Report string `json:"report"`
	Copies struct {
		Ran     bool                 `json:"ran"`   // copied-text detection has run on this archive
		Stale   bool                 `json:"stale"` // … but not since the archive last changed (gongkai similar --rebuild)
		Share   *corpus.CopyShare    `json:"share"` // nil when the report was not compared
		Percent float64              `json:"percent"`
		Into    []corpus.CopyPassage `json:"passages"`        // passages of this report found in others
		From    []corpus.CopyPassage `json:"copied_by_later"` // passages later reports of its office took from it
		Sources map[string]string    `json:"sources"`         // report id → "office year" of every report named
	} `json:"copies"`
	Reviews []corpus.Review `json:"reviews"`
	Writes  bool            `json:"writes"` // reviews can be saved (the server has a token)
}

// handleFindings answers GET /api/reports/{id}/findings.
func (s *Server) handleFindings(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		writeError(w, err, 0)
		return
	}
	ctx := r.Context()
	rep, err := s.st.Report(ctx, id)
	if err != nil {
		writeError(w, err, 0)
		return
	}
	var out findings
	out.Report, out.Writes = rep.ID, s.opt.Token != ""
	c := &out.Copies
	c.Into, c.From, c.Sources = []corpus.CopyPassage{}, []corpus.CopyPassage{}, map[string]string{}
	run, err := s.st.LastCopyRun(ctx)
	switch {
	case errors.Is(err, corpus.ErrNotFound):
	case err != nil:
		writeError(w, err, 0)
		return
	default:
		c.Ran = true
		fp, err := s.st.CopyFingerprint(ctx)
		if err != nil {
			writeError(w, err, 0)
			return
		}
		c.Stale = fp != run.Fingerprint
		if sh, err := s.st.CopyShareOf(ctx, rep.ID); err == nil {
			c.Share, c.Percent = &sh, 100*sh.Share()
		} else if !errors.Is(err, corpus.ErrNotFound) {
			writeError(w, err, 0)
			return
		}
		into, from, err := s.st.CopyPassagesOf(ctx, rep.ID)
		if err != nil {
			writeError(w, err, 0)
			return
		}
		c.Into, c.From = nz(into), nz(from)
		for _, p := range append(append([]corpus.CopyPassage{}, into...), from...) {
			for _, other := range []string{p.Source, p.Report} {
				if _, ok := c.Sources[other]; ok || other == rep.ID {
					continue
				}
				name := other
				if o, err := s.st.Report(ctx, other); err == nil {
					name = fmt.Sprintf("%s %d", o.OfficeFull, o.Year)
				}
				c.Sources[other] = name
			}
		}
	}
	revs, err := compare.Reviews(ctx, s.st, corpus.ReviewFilter{Report: rep.ID})
	if err != nil {
		writeError(w, err, 0)
		return
	}
	out.Reviews = nz(revs)
	writeJSON(w, http.StatusOK, out)
}

func nz[T any](xs []T) []T {
	if xs == nil {
		return []T{}
	}
	return xs
}

// reviewRequest is the body of POST /api/reports/{id}/reviews.
type reviewRequest struct {
	Finding  string `json:"finding"` // C1 … C9, or copied:<report id>
	Verdict  string `json:"verdict"` // confirmed | dismissed
	Note     string `json:"note"`
	Reviewer string `json:"reviewer"`
}

// handleReview answers POST /api/reports/{id}/reviews (behind the token):
// it stores a review of one of the report's findings and answers it.
func (s *Server) handleReview(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		writeError(w, err, 0)
		return
	}
	var req reviewRequest
	dec := json.NewDecoder(io.LimitReader(r.Body, 64<<10))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		writeError(w, fmt.Errorf("review: bad JSON body: %v: %w", err, errBadParam), 0)
		return
	}
	req.Finding, req.Reviewer = strings.TrimSpace(req.Finding), strings.TrimSpace(req.Reviewer)
	if !strings.HasPrefix(req.Finding, "copied:") {
		req.Finding = strings.ToUpper(req.Finding)
	}
	switch {
	case !compare.ValidFinding(req.Finding):
		err = fmt.Errorf("finding %q: want C1 … C9 or copied:REPORT_ID: %w", req.Finding, errBadParam)
	case req.Verdict != corpus.VerdictConfirmed && req.Verdict != corpus.VerdictDismissed:
		err = fmt.Errorf("verdict %q: want confirmed or dismissed: %w", req.Verdict, errBadParam)
	case req.Reviewer == "":
		err = fmt.Errorf("a review needs the reviewer's name: %w", errBadParam)
	}
	if err != nil {
		writeError(w, err, 0)
		return
	}
	ctx := r.Context()
	rep, err := s.st.Report(ctx, id)
	if err != nil {
		writeError(w, err, 0)
		return
	}
	status, detail, err := compare.FindingOf(ctx, s.st, rep.ID, req.Finding)
	if errors.Is(err, corpus.ErrNoFinding) {
		writeError(w, err, http.StatusConflict)
		return
	}
	if err != nil {
		writeError(w, err, 0)
		return
	}
	rev, err := s.st.AddReview(ctx, corpus.Review{Report: rep.ID, Finding: req.Finding, Verdict: req.Verdict, Note: req.Note,
		Reviewer: req.Reviewer, Status: status, Detail: detail})
	if err != nil {
		writeError(w, err, 0)
		return
	}
	rev.State, rev.NowStatus = corpus.ReviewOpen, status
	writeJSON(w, http.StatusCreated, rev)
}
