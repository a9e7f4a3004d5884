package main

import (
	"context"
	"io"

	"gongkai/compare"
	"gongkai/corpus"
)

// runCoverage prints which offices have a report for which years.
func runCoverage(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("coverage", "coverage [--archive DIR] [--office O] [--region R] [--level L] [--year 2019..2023] [--template T] [--aliases FILE] [--csv|--json]", stderr)
	common := cmpCommonFlags(fs, withOffice|withYears)
	asCSV := fs.Bool("csv", false, "print CSV: a column per year with the number of reports")
	asJSON := fs.Bool("json", false, "print JSON")
	if rest, err := parseInterspersed(fs, args); err != nil || len(rest) > 0 {
		fs.Usage()
		return errUsage
	}
	f, err := common.filter()
	if err != nil {
		return cmpUsageErr(stderr, "coverage", err)
	}
	opts, err := common.options()
	if err != nil {
		return cmpUsageErr(stderr, "coverage", err)
	}
	st, err := corpus.Open(*common.dir)
	if err != nil {
		return err
	}
	defer st.Close()
	g, err := compare.Coverage(ctx, st, f, opts...)
	if err != nil {
		return cmpFailed(stderr, "coverage", err)
	}
	return cmpWrite(stdout, &g, *asCSV, *asJSON)
}
