package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"gongkai/compare"
	"gongkai/corpus"
)

// cmpList is a repeatable string flag.
type cmpList []string

func (l *cmpList) String() string { return strings.Join(*l, ", ") }

// Set adds one value.
func (l *cmpList) Set(s string) error {
	*l = append(*l, s)
	return nil
}

// cmpCommon are the flags compare, coverage and check share.
type cmpCommon struct {
	*filterFlags
	dir, aliasFile *string
	aliases        cmpList
}

// cmpCommonFlags registers the shared flags; with says which filter flags
// beside region, level and template (addFilterFlags).
func cmpCommonFlags(fs *flag.FlagSet, with int) *cmpCommon {
	c := &cmpCommon{dir: archiveFlag(fs), filterFlags: addFilterFlags(fs, with)}
	c.aliasFile = fs.String("aliases", "", `a file of office aliases, one "A = B" per line (# comments)`)
	fs.Var(&c.aliases, "alias", `an office alias "A = B" (repeatable)`)
	return c
}

// options reads the aliases given.
func (c *cmpCommon) options() ([]compare.Option, error) {
	var all []compare.Alias
	if *c.aliasFile != "" {
		f, err := os.Open(*c.aliasFile)
		if err != nil {
			return nil, fmt.Errorf("aliases: %w", err)
		}
		defer f.Close()
		list, err := compare.ParseAliases(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", *c.aliasFile, err)
		}
		all = append(all, list...)
	}
	for _, s := range c.aliases {
		a, b, ok := compare.ParseAlias(s)
		if !ok {
			return nil, fmt.Errorf("--alias %q is not \"A = B\"", s)
		}
		all = append(all, compare.Alias{A: a, B: b})
	}
	return []compare.Option{compare.WithAliases(all...)}, nil
}

// cmpUsageErr prints a usage problem and returns errUsage.
func cmpUsageErr(stderr io.Writer, cmd string, err error) error {
	fmt.Fprintf(stderr, "gongkai %s: %v\n", cmd, err)
	return errUsage
}

// cmpFailed maps the errors a user's input causes (an unknown or ambiguous
// office) to a plain message and a usage exit status.
func cmpFailed(stderr io.Writer, cmd string, err error) error {
	if errors.Is(err, compare.ErrAmbiguous) || errors.Is(err, corpus.ErrNotFound) || errors.Is(err, compare.ErrBadInput) {
		return cmpUsageErr(stderr, cmd, err)
	}
	return err
}

type tableWriter interface {
	WriteText(io.Writer) error
	WriteCSV(io.Writer) error
	WriteJSON(io.Writer) error
}

func cmpWrite(w io.Writer, t tableWriter, asCSV, asJSON bool) error {
	switch {
	case asJSON:
		return t.WriteJSON(w)
	case asCSV:
		return t.WriteCSV(w)
	}
	return t.WriteText(w)
}

// runCompare compares one office across years, offices side by side in a
// year, or ranks offices by a metric.
func runCompare(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("compare", `compare --office O [--metrics M,…]           one office across years
       gongkai compare --year Y --office A --office B [--metrics M,…]  offices side by side
       gongkai compare --rank METRIC --year Y [--region R] [--level L] [--limit N]
  (all with [--archive DIR] [--aliases FILE] [--alias "A = B"] [--csv|--json])
  metrics: value keys (apply.granted.total, apply.denied.total, review.total, suit.total,
  active.a20_1.normative.valid …; a bare row name means apply.ROW.total) and the rates
  rate.granted, rate.partial, rate.denied, rate.unable, rate.review_corrected`, stderr)
	common := cmpCommonFlags(fs, 0)
	var offices cmpList
	fs.Var(&offices, "office", "an office (repeatable: several offices side by side with --year)")
	year := fs.Int("year", 0, "the year (side by side, rank)")
	metrics := fs.String("metrics", "", "comma-separated metrics (default: new_received,result_total,granted,denied,review,suit)")
	rank := fs.String("rank", "", "rank the offices by this metric (with --year)")
	limit := fs.Int("limit", 20, "rank: at most this many offices (0: all)")
	asCSV := fs.Bool("csv", false, "print CSV (one value per line)")
	asJSON := fs.Bool("json", false, "print JSON")
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		fs.Usage()
		return errUsage
	}
	offices = append(offices, rest...)
	opts, err := common.options()
	if err != nil {
		return cmpUsageErr(stderr, "compare", err)
	}
	ms := compare.ParseMetrics(*metrics)
	switch {
	case *rank != "" && *year == 0:
		return cmpUsageErr(stderr, "compare", errors.New("--rank needs --year"))
	case *rank == "" && len(offices) == 0:
		fs.Usage()
		return errUsage
	case *rank == "" && len(offices) > 1 && *year == 0:
		return cmpUsageErr(stderr, "compare", errors.New("several offices are compared in one year: give --year"))
	case *rank != "" && len(offices) > 1:
		return cmpUsageErr(stderr, "compare", errors.New("--rank takes at most one --office"))
	}
	st, err := corpus.Open(*common.dir)
	if err != nil {
		return err
	}
	defer st.Close()
	var t compare.Table
	switch {
	case *rank != "":
		f, err := common.filter()
		if err != nil {
			return cmpUsageErr(stderr, "compare", err)
		}
		if len(offices) == 1 {
			f.Office = offices[0]
		}
		m := compare.ParseMetrics(*rank)
		if len(m) != 1 {
			return cmpUsageErr(stderr, "compare", fmt.Errorf("--rank %q: give one metric", *rank))
		}
		t, err = compare.Rank(ctx, st, f, m[0], *year, *limit, opts...)
	case *year != 0:
		t, err = compare.SideBySide(ctx, st, offices, *year, ms, opts...)
	default:
		t, err = compare.OfficeYears(ctx, st, offices[0], ms, opts...)
	}
	if err != nil {
		return cmpFailed(stderr, "compare", err)
	}
	return cmpWrite(stdout, &t, *asCSV, *asJSON)
}
