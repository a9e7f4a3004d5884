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

	"gongkai/corpus"
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
	ff := addFilterFlags(fs, withOffice|withYears|withFailed|withReviewed)
	outPath := fs.String("o", "", "write to this file (default: standard output)")
	rest, err := parseInterspersed(fs, args)
	if err != nil || len(rest) > 0 {
		fs.Usage()
		return errUsage
	}
	opt := corpus.ExportOptions{Format: strings.ToLower(*format), Wide: *wide, BOM: *bom}
	if opt.Format != corpus.FormatCSV && opt.Format != corpus.FormatJSONL {
		fmt.Fprintf(stderr, "gongkai export: --format %s: want csv or jsonl\n", *format)
		return errUsage
	}
	if opt.BOM && opt.Format != corpus.FormatCSV {
		fmt.Fprintln(stderr, "gongkai export: --bom is for CSV only")
		return errUsage
	}
	if opt.Filter, err = ff.filter(); err != nil {
		fmt.Fprintln(stderr, "gongkai export:", err)
		return errUsage
	}
	opt.Filter.AllRenditions = *all
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
		return cmpFailed(stderr, "export", err) // an ambiguous office is a usage error

	}
	if path != "" {
		fmt.Fprintf(stderr, "%d rows written to %s\n", n, path)
	} else {
		fmt.Fprintf(stderr, "%d rows\n", n)
	}
	return nil
}
