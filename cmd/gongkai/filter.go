package main

import (
	"flag"
	"fmt"
	"strings"

	"gongkai/corpus"
	"gongkai/index"
)

// filterFlags are the report filter's flags (corpus.Filter), named and
// meant the same in search, compare --rank, coverage, check and export.
type filterFlags struct {
	office, region, level, years, template, timely *string
	failed, reviewed, unreviewed                   *bool
}

// Which filter flags a command takes beside region, level and template.
const (
	withOffice = 1 << iota
	withYears
	withFailed
	withReviewed
)

func addFilterFlags(fs *flag.FlagSet, with int) *filterFlags {
	f := &filterFlags{}
	if with&withOffice != 0 {
		f.office = fs.String("office", "", "only this office: a name it reports under (or part of one naming one office), across its renamings")
	}
	f.region = fs.String("region", "", "only this region: a division code prefix, or the start of a province, city, county or town name")
	f.level = fs.String("level", "", "only these levels, comma-separated: national,province,city,county,township,unknown")
	f.template = fs.String("template", "", "only these templates, comma-separated: 2019,2021,legacy,unknown")
	f.timely = fs.String("timely", "", "only reports published on_time, late (C9 failed) or not_assessable")
	if with&withYears != 0 {
		f.years = fs.String("year", "", "a year (2021) or a range (2019..2023, 2019.., ..2023)")
	}
	if with&withFailed != 0 {
		f.failed = fs.Bool("failed-checks", false, "only reports with a failed check")
	}
	if with&withReviewed != 0 {
		f.reviewed = fs.Bool("reviewed", false, "only reviewed findings (gongkai review), or reports with one")
		f.unreviewed = fs.Bool("unreviewed", false, "only findings nobody reviewed yet, or reports with a failed or warned check and no review")
	}
	return f
}

// filter reads the flags given into a corpus.Filter (checked with
// Validate).
func (ff *filterFlags) filter() (corpus.Filter, error) {
	f := corpus.Filter{Region: strings.TrimSpace(*ff.region), Levels: commaList(*ff.level), Templates: commaList(*ff.template)}
	if *ff.timely != "" {
		st, ok := corpus.TimelyStatus(*ff.timely)
		if !ok {
			return f, fmt.Errorf("--timely %s: want on_time, late or not_assessable", *ff.timely)
		}
		f.Timely = st
	}
	if ff.reviewed != nil {
		switch {
		case *ff.reviewed && *ff.unreviewed:
			return f, fmt.Errorf("--reviewed and --unreviewed exclude each other")
		case *ff.reviewed:
			f.Reviewed = "reviewed"
		case *ff.unreviewed:
			f.Reviewed = "unreviewed"
		}
	}
	if ff.office != nil {
		f.Office = strings.TrimSpace(*ff.office)
	}
	if ff.failed != nil {
		f.FailedChecks = *ff.failed
	}
	if ff.years != nil {
		var err error
		if f.YearFrom, f.YearTo, err = index.ParseYears(*ff.years); err != nil {
			return f, err
		}
	}
	return f, f.Validate()
}

func commaList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
