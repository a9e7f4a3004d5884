package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"gongkai/corpus"
	"gongkai/render"
)

// runShow prints one report of the archive: metadata, tables aligned as in
// the template, checks, sections and where the file came from.
func runShow(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("show", "show [--archive DIR] [--json] [--no-text] ID", stderr)
	dir := archiveFlag(fs)
	asJSON := fs.Bool("json", false, "print the report record (schema gongkai.report/v1) and its sources")
	noText := fs.Bool("no-text", false, "leave out the sections' text")
	rest, err := parseInterspersed(fs, args)
	if err != nil || len(rest) != 1 {
		fs.Usage()
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
	srcs, err := st.Sources(ctx, r.Source.SHA256)
	if err != nil {
		return fmt.Errorf("sources of %s: %w", r.ID, err)
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			*corpus.Report
			Sources []corpus.Origin `json:"sources"`
		}{r, srcs})
	}
	if err := render.Summary(stdout, r); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "  sources")
	for _, o := range srcs {
		name := o.Path
		if o.Member != "" {
			name += "!/" + o.Member
		}
		fmt.Fprintf(stdout, "    %-4s %s", o.Kind, name)
		if o.FetchedAt != "" {
			fmt.Fprintf(stdout, "  fetched %s", o.FetchedAt)
		}
		if o.Referrer != "" {
			fmt.Fprintf(stdout, "  from %s", o.Referrer)
		}
		fmt.Fprintln(stdout)
	}
	if *noText {
		return nil
	}
	for _, s := range r.Sections {
		fmt.Fprintf(stdout, "\n%s\n%s\n", s.Title, s.Text)
	}
	return nil
}
