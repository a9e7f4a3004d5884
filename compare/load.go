package compare

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"gongkai/corpus"
)

// entry is one primary report as the comparisons need it.
type entry struct {
	ID, Office, OfficeFull, Code string
	Level, Template, ParsedAt    string
	Timely                       string // C9's status: pass | fail | not_assessable ("" when not computed)
	Year, ChecksFailed           int
	office                       *Office
	rep                          *corpus.Report // the values fill read (Tables, Figures); nil before
}

// loadEntries reads the reports a catalog filter selects (their values
// are read later, by fill, for the reports that count). Reports of no
// known office or year are left out and counted in skipped.
func loadEntries(ctx context.Context, st *corpus.Store, offs *Offices, f corpus.Filter, aliases []Alias) (list []*entry, skipped int, err error) {
	rows, err := st.Reports(ctx, f, aliases...)
	if err != nil {
		return nil, 0, err
	}
	for _, r := range rows {
		e := &entry{ID: r.ID, Office: r.Office, OfficeFull: r.OfficeFull, Code: r.RegionCode, Level: r.Level,
			Template: r.Template, ParsedAt: r.ParsedAt, Timely: r.Timely, Year: r.Year, ChecksFailed: r.ChecksFailed}
		e.office = offs.Of(e.OfficeFull, e.Office, e.Code)
		if e.office == nil || e.Year == 0 {
			skipped++
			continue
		}
		list = append(list, e)
	}
	return list, skipped, nil
}

// officeYear keys the report that counts for an office in a year.
type officeYear struct {
	office *Office
	year   int
}

// counted picks one report per office and year: the one whose checks pass,
// else the newest parse (then the smallest id), and notes every choice
// among several primary reports.
func counted(list []*entry) (map[officeYear]*entry, []string) {
	groups := map[officeYear][]*entry{}
	var keys []officeYear
	for _, e := range list {
		k := officeYear{e.office, e.Year}
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], e)
	}
	out := make(map[officeYear]*entry, len(groups))
	var notes []string
	for _, k := range keys {
		g := groups[k]
		sort.SliceStable(g, func(i, j int) bool {
			a, b := g[i], g[j]
			if (a.ChecksFailed == 0) != (b.ChecksFailed == 0) {
				return a.ChecksFailed == 0
			}
			if a.ParsedAt != b.ParsedAt {
				return a.ParsedAt > b.ParsedAt
			}
			return a.ID < b.ID
		})
		out[k] = g[0]
		if len(g) > 1 {
			why := "the newest parse"
			if g[0].ChecksFailed == 0 && g[len(g)-1].ChecksFailed > 0 {
				why = "its checks pass"
			}
			ids := make([]string, len(g))
			for i, e := range g {
				ids[i] = e.ID
			}
			notes = append(notes, fmt.Sprintf("%s %d: %d different reports (%s); counted %s (%s)",
				k.office.Name, k.year, len(g), strings.Join(ids, ", "), g[0].ID, why))
		}
	}
	sort.Strings(notes)
	return out, notes
}

// values lists the counted entries.
func values(m map[officeYear]*entry) []*entry {
	out := make([]*entry, 0, len(m))
	for _, e := range m {
		out = append(out, e)
	}
	return out
}

// metricKeys lists the value keys the metrics read.
func metricKeys(metrics ...string) []string {
	var out []string
	for _, m := range metrics {
		out = append(out, baseKeys(m)...)
	}
	return out
}
