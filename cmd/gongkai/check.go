package main

import (
	"context"
	"encoding/json"
	"io"
	"strings"

	"gongkai/compare"
	"gongkai/corpus"
)

// runCheck lists the reports whose checks failed, with the cells involved,
// and the cross-year findings C6 and C7.
func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("check", "check [--archive DIR] [--office O] [--region R] [--level L] [--year 2019..2023] [--template T] [--id C1] [--timely late] [--reviewed|--unreviewed] [--aliases FILE] [--json]", stderr)
	common := cmpCommonFlags(fs, withOffice|withYears|withReviewed)
	id := fs.String("id", "", "only this check: C1 … C9 (C6 and C7 are the cross-year checks, C9 publication on time)")
	asJSON := fs.Bool("json", false, "print the findings as a JSON array")
	if rest, err := parseInterspersed(fs, args); err != nil || len(rest) > 0 {
		fs.Usage()
		return errUsage
	}
	f, err := common.filter()
	if err == nil {
		f.Check = strings.ToUpper(strings.TrimSpace(*id))
		err = f.Validate()
	}
	if err != nil {
		return cmpUsageErr(stderr, "check", err)
	}
	opts, err := common.options()
	if err != nil {
		return cmpUsageErr(stderr, "check", err)
	}
	st, err := corpus.Open(*common.dir)
	if err != nil {
		return err
	}
	defer st.Close()
	findings, err := compare.Check(ctx, st, f, opts...)
	if err != nil {
		return cmpFailed(stderr, "check", err)
	}
	if !*asJSON {
		return compare.WriteFindings(stdout, findings)
	}
	if findings == nil {
		findings = []compare.Finding{}
	}
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(findings)
}
