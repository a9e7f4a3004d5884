package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"gongkai/compare"
	"gongkai/corpus"
	"gongkai/similar"
)

// ensureCopies runs copied-text detection when the stored run is missing or
// stale (or always, with rebuild), saying so on stderr.
func ensureCopies(ctx context.Context, st *corpus.Store, rebuild bool, stderr io.Writer) error {
	if rebuild {
		fmt.Fprintln(stderr, "gongkai: finding copied text in the archive …")
		res, err := similar.Update(ctx, st, similar.Options{})
		if err != nil {
			return err
		}
		fmt.Fprintf(stderr, "gongkai: %d reports compared, %d passages found (%s)\n", res.Stats.Docs, res.Stats.Passages, res.Stats.Elapsed.Round(1e6))
		return nil
	}
	fresh, err := similar.Fresh(ctx, st)
	if err != nil || fresh {
		return err
	}
	return ensureCopies(ctx, st, true, stderr)
}

// runSimilar lists the reports that share passages with one report.
func runSimilar(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("similar", "similar [--archive DIR] [--rebuild] [--json] ID   (or: similar --rebuild alone)", stderr)
	dir := archiveFlag(fs)
	rebuild := fs.Bool("rebuild", false, "run copied-text detection over the whole archive again (it runs by itself when the archive changed)")
	asJSON := fs.Bool("json", false, "print JSON")
	rest, err := parseInterspersed(fs, args)
	if err != nil || len(rest) > 1 || (len(rest) == 0 && !*rebuild) {
		fs.Usage()
		return errUsage
	}
	st, err := corpus.Open(*dir)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := ensureCopies(ctx, st, *rebuild, stderr); err != nil {
		return err
	}
	if len(rest) == 0 {
		return nil
	}
	r, err := st.Report(ctx, rest[0])
	if err != nil {
		return err
	}
	share, err := st.CopyShareOf(ctx, r.ID)
	if err != nil {
		return fmt.Errorf("%w (only counted reports with a known office and year are compared)", err)
	}
	into, from, err := st.CopyPassagesOf(ctx, r.ID)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			Report   string               `json:"report"`
			Share    corpus.CopyShare     `json:"share"`
			Fraction float64              `json:"fraction"`
			Into     []corpus.CopyPassage `json:"passages"`
			From     []corpus.CopyPassage `json:"copied_by_later"`
		}{r.ID, share, share.Share(), nz(into), nz(from)})
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s  %s %d\n", r.ID, r.OfficeFull, r.Year)
	fmt.Fprintf(&b, "  text %d characters, template text %d; copied %.1f%% of its own text (from its earlier reports %d, shared with other offices %d)\n",
		share.Chars, share.Boilerplate, 100*share.Share(), share.CopiedSelf, share.CopiedOther)
	writeGroups := func(title string, ps []corpus.CopyPassage, other func(corpus.CopyPassage) string) error {
		if len(ps) == 0 {
			return nil
		}
		fmt.Fprintf(&b, "\n%s\n", title)
		last := ""
		for _, p := range ps {
			id := other(p)
			if id != last {
				o, err := st.Report(ctx, id)
				if err != nil {
					return err
				}
				what := "another office, same year"
				if p.Kind == similar.KindSelf {
					what = "same office"
				}
				fmt.Fprintf(&b, "  %s  %s %d  (%s)\n", o.ID, o.OfficeFull, o.Year, what)
				last = id
			}
			fmt.Fprintf(&b, "    sentences %d–%d ≈ %d–%d  (%d sentences, similarity %.2f)\n", p.From+1, p.To, p.SourceFrom+1, p.SourceTo, p.Sentences, p.Similarity)
			fmt.Fprintf(&b, "      this:  %s\n      other: %s\n", p.Text, p.SourceText)
		}
		return nil
	}
	if err := writeGroups("passages found in other reports", into, func(p corpus.CopyPassage) string { return p.Source }); err != nil {
		return err
	}
	if err := writeGroups("passages later reports of this office took from it", from, func(p corpus.CopyPassage) string { return p.Report }); err != nil {
		return err
	}
	if len(into)+len(from) == 0 {
		b.WriteString("  no passages of 2 or more sentences shared with another report\n")
	}
	_, err = io.WriteString(stdout, b.String())
	return err
}

func nz[T any](xs []T) []T {
	if xs == nil {
		return []T{}
	}
	return xs
}

// runCopied ranks offices by their share of copied text.
func runCopied(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("copied", "copied [--archive DIR] [--year Y] [--region R] [--level L] [--limit N] [--rebuild] [--json]", stderr)
	dir := archiveFlag(fs)
	ff := addFilterFlags(fs, withYears)
	limit := fs.Int("limit", 50, "at most this many offices (0: all)")
	rebuild := fs.Bool("rebuild", false, "run copied-text detection over the whole archive again first")
	asJSON := fs.Bool("json", false, "print JSON")
	if rest, err := parseInterspersed(fs, args); err != nil || len(rest) > 0 {
		fs.Usage()
		return errUsage
	}
	f, err := ff.filter()
	if err != nil {
		return cmpUsageErr(stderr, "copied", err)
	}
	st, err := corpus.Open(*dir)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := ensureCopies(ctx, st, *rebuild, stderr); err != nil {
		return err
	}
	offs, err := st.CopiedOffices(ctx, f, *limit)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(nz(offs))
	}
	var b strings.Builder
	w := compare.DisplayWidth("office")
	for _, o := range offs {
		w = max(w, compare.DisplayWidth(o.Office))
	}
	fmt.Fprintf(&b, "%s  %-9s  %7s  %7s  %7s  %7s  %s\n", padRight("office", w), "years", "reports", "copied", "own-yrs", "others", "region")
	for _, o := range offs {
		fmt.Fprintf(&b, "%s  %-9s  %7d  %6.1f%%  %6.1f%%  %6.1f%%  %s\n", padRight(o.Office, w), o.Years, o.Reports, 100*o.Share, 100*o.ShareSelf, 100*o.ShareOther, o.RegionCode)
	}
	if len(offs) == 0 {
		b.WriteString("no office has copied passages among the reports selected\n")
	} else {
		b.WriteString("copied: share of the office's own text (template text aside) in passages of 2+ sentences found elsewhere;\nown-yrs: from its own earlier reports; others: shared with another office's report of the same year\n")
	}
	_, err = io.WriteString(stdout, b.String())
	return err
}

func padRight(s string, w int) string {
	return s + strings.Repeat(" ", max(0, w-compare.DisplayWidth(s)))
}
