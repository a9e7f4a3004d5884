package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"gongkai/compare"
	"gongkai/corpus"
	"gongkai/index"
)

// runExport writes the archive's catalog as CSV or JSONL (corpus.Export):
// one row per table value, or with --wide one row per report.
func runExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("export", "export --format csv|jsonl [--wide] [--bom] [--all-renditions] [--office O] [--region R] [--level L] [--year 2019..2023] [--template T] [--failed-checks] [--timely on_time|late|not_assessable] [--reviewed|--unreviewed] [-o FILE] [--archive DIR]", stderr)
	dir := archiveFlag(fs)
	format := fs.String("format", corpus.FormatCSV, "csv or jsonl")
	wide := fs.Bool("wide", false, "one row per report with a column per key figure (default: one row per table value)")
	bom := fs.Bool("bom", false, "start with a UTF-8 byte order mark, for Excel (CSV only)")
	all := fs.Bool("all-renditions", false, "include every rendition of a report (default: the primary one)")
	office := fs.String("office", "", "only offices whose name or region-qualified name contains this")
	region := fs.String("region", "", "only this region: a province, city, county or town name, or a division code prefix")
	level := fs.String("level", "", "only these levels, comma-separated: national,province,city,county,township,unknown")
	years := fs.String("year", "", "a year (2021) or a range (2019..2023, 2019.., ..2023)")
	template := fs.String("template", "", "only these templates, comma-separated: 2019,2021,legacy,unknown")
	failed := fs.Bool("failed-checks", false, "only reports with a failed check")
	reviewed := fs.Bool("reviewed", false, "only reports with a reviewed finding")
	unreviewed := fs.Bool("unreviewed", false, "only reports with a failed or warned check and no review")
	timely := fs.String("timely", "", "only reports published on_time, late (C9 failed) or not_assessable")
	outPath := fs.String("o", "", "write to this file (default: standard output)")
	rest, err := parseInterspersed(fs, args)
	if err != nil || len(rest) > 0 {
		fs.Usage()
		return errUsage
	}
	opt := corpus.ExportOptions{Format: strings.ToLower(*format), Wide: *wide, BOM: *bom, Filter: corpus.ReportFilter{
		AllRenditions: *all, Office: strings.TrimSpace(*office), Region: strings.TrimSpace(*region),
		Levels: commaList(*level), Templates: commaList(*template), FailedChecks: *failed,
	}}
	switch {
	case *reviewed && *unreviewed:
		fmt.Fprintln(stderr, "gongkai export: --reviewed and --unreviewed exclude each other")
		return errUsage
	case *reviewed:
		opt.Filter.Reviewed = "reviewed"
	case *unreviewed:
		opt.Filter.Reviewed = "unreviewed"
	}
	if *timely != "" {
		st, ok := compare.TimelyStatus(*timely)
		if !ok {
			fmt.Fprintf(stderr, "gongkai export: --timely %s: want on_time, late or not_assessable\n", *timely)
			return errUsage
		}
		opt.Filter.Timely = st
	}
	if opt.Format != corpus.FormatCSV && opt.Format != corpus.FormatJSONL {
		fmt.Fprintf(stderr, "gongkai export: --format %s: want csv or jsonl\n", *format)
		return errUsage
	}
	if opt.BOM && opt.Format != corpus.FormatCSV {
		fmt.Fprintln(stderr, "gongkai export: --bom is for CSV only")
		return errUsage
	}
	if opt.Filter.YearFrom, opt.Filter.YearTo, err = index.ParseYears(*years); err != nil {
		fmt.Fprintln(stderr, "gongkai export:", err)
		return errUsage
	}
	st, err := corpus.Open(*dir)
	if err != nil {
		return err
	}
	defer st.Close()
	if *outPath == "" || *outPath == "-" {
		bw := bufio.NewWriterSize(stdout, 64<<10)
		n, err := corpus.Export(ctx, st, bw, opt)
		if ferr := bw.Flush(); err == nil && ferr != nil {
			err = fmt.Errorf("export: write: %w", ferr)
		}
		return exportDone(stderr, n, "", err)
	}
	n, err := exportFile(ctx, st, *outPath, opt)
	return exportDone(stderr, n, *outPath, err)
}

// exportFile writes the export to a temporary file beside path and renames
// it into place, so an interrupted export leaves no half file under the name.
func exportFile(ctx context.Context, st *corpus.Store, path string, opt corpus.ExportOptions) (int, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return 0, fmt.Errorf("export to %s: %w", path, err)
	}
	tmp := f.Name()
	bw := bufio.NewWriterSize(f, 256<<10)
	n, err := corpus.Export(ctx, st, bw, opt)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = f.Chmod(0o644)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return n, fmt.Errorf("export to %s: %w", path, err)
	}
	return n, nil
}

func exportDone(stderr io.Writer, n int, path string, err error) error {
	if err != nil {
		if errors.Is(err, context.Canceled) {
			fmt.Fprintf(stderr, "interrupted after %d rows\n", n)
		}
		return err
	}
	if path != "" {
		fmt.Fprintf(stderr, "%d rows written to %s\n", n, path)
	} else {
		fmt.Fprintf(stderr, "%d rows\n", n)
	}
	return nil
}

// commaList splits a comma-separated flag value, dropping empty items.
func commaList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
