package similar

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"gongkai/corpus"
)

// Update runs the detector over the archive's counted reports and stores
// the result in the catalog (replacing the previous run).
func Update(ctx context.Context, st *corpus.Store, opt Options) (*Result, error) {
	fp, err := st.CopyFingerprint(ctx)
	if err != nil {
		return nil, err
	}
	src := func(yield func(Doc) error) error {
		return st.TextDocs(ctx, func(d corpus.TextDoc) error {
			return yield(Doc{ID: d.ID, Office: d.Office, Year: d.Year, Group: d.Group, Text: d.Text})
		})
	}
	res, err := Find(ctx, src, opt)
	if err != nil {
		return nil, err
	}
	stats, err := json.Marshal(struct {
		Stats
		Options Options `json:"options"`
	}{res.Stats, res.Options})
	if err != nil {
		return nil, err
	}
	shares := make([]corpus.CopyShare, len(res.Shares))
	for i, s := range res.Shares {
		shares[i] = corpus.CopyShare(s)
	}
	ps := make([]corpus.CopyPassage, len(res.Passages))
	for i, p := range res.Passages {
		ps[i] = corpus.CopyPassage(p)
	}
	run := corpus.CopyRun{Fingerprint: fp, Reports: res.Stats.Docs, Passages: len(ps), Seconds: res.Stats.Elapsed.Seconds(), Stats: stats}
	if err := st.SaveCopies(ctx, run, shares, ps); err != nil {
		return nil, err
	}
	return res, nil
}

// Fresh reports whether the stored run matches the archive's reports.
func Fresh(ctx context.Context, st *corpus.Store) (bool, error) {
	run, err := st.LastCopyRun(ctx)
	if errors.Is(err, corpus.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	fp, err := st.CopyFingerprint(ctx)
	if err != nil {
		return false, err
	}
	return fp == run.Fingerprint, nil
}

// Ensure runs Update when the stored run is missing or stale; ran says
// whether it did.
func Ensure(ctx context.Context, st *corpus.Store, opt Options) (ran bool, err error) {
	ok, err := Fresh(ctx, st)
	if err != nil || ok {
		return false, err
	}
	if _, err := Update(ctx, st, opt); err != nil {
		return false, fmt.Errorf("copied text: %w", err)
	}
	return true, nil
}
