package compare

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"gongkai/corpus"
)

// maxYears caps the year columns of one office (a bad year in a record must
// not make a table of a thousand columns).
const maxYears = 60

func checkMetrics(metrics []string) ([]string, error) {
	if len(metrics) == 0 {
		metrics = DefaultMetrics
	}
	for _, m := range metrics {
		if err := ValidateMetric(m); err != nil {
			return nil, err
		}
	}
	return metrics, nil
}

// officeFilter selects the primary reports of the offices.
func officeFilter(offices []*Office) corpus.Filter {
	keys := []string{}
	for _, o := range offices {
		keys = append(keys, o.Keys()...)
	}
	return corpus.Filter{OfficeKeys: keys}
}

func makeCell(o *Office, year int, metric string, e *entry) Cell {
	c := Cell{Office: o.Name, RegionCode: o.RegionCode, Year: year, Metric: metric}
	if e == nil {
		return c
	}
	c.Report = e.ID
	if v := Metric(e.rep, metric); v.OK {
		x := v.V
		c.Value, c.FromText = &x, v.FromText
	}
	return c
}

// OfficeYears compares one office with itself across the years it has
// reports for: a row per metric (DefaultMetrics when none are given), a
// column per year from its first report to its last, each value with the
// change from the year before.
func OfficeYears(ctx context.Context, st *corpus.Store, office string, metrics []string, opts ...Option) (_ Table, err error) {
	metrics, err = checkMetrics(metrics)
	if err != nil {
		return Table{}, err
	}
	aliases := collect(opts).aliases
	offs, err := st.Offices(ctx, aliases...)
	if err != nil {
		return Table{}, err
	}
	o, err := offs.Resolve(office)
	if err != nil {
		return Table{}, err
	}
	list, _, err := loadEntries(ctx, st, offs, officeFilter([]*Office{o}), aliases)
	if err != nil {
		return Table{}, err
	}
	byYear, notes := counted(keep(list, o))
	if err := fill(ctx, st, values(byYear), metricKeys(metrics...), true); err != nil {
		return Table{}, err
	}
	first, last := 0, 0
	for k := range byYear {
		if first == 0 || k.year < first {
			first = k.year
		}
		last = max(last, k.year)
	}
	if last-first >= maxYears {
		first = last - maxYears + 1
		notes = append(notes, fmt.Sprintf("only the last %d years are shown", maxYears))
	}
	t := Table{Kind: KindOfficeYears, RowHead: "metric", Offices: []*Office{o}, Notes: append(offs.AliasNote, notes...)}
	t.Title = fmt.Sprintf("%s (%s)", o.Name, strings.TrimSpace(o.RegionCode+" "+o.Region))
	if first == 0 {
		t.Notes = append(t.Notes, "no report of this office has a year")
		return t, nil
	}
	t.Title += fmt.Sprintf(", %d–%d", first, last)
	for y := first; y <= last; y++ {
		t.Columns = append(t.Columns, strconv.Itoa(y))
	}
	for _, m := range metrics {
		row := Row{Label: m, Metric: m}
		for y := first; y <= last; y++ {
			c := makeCell(o, y, m, byYear[officeYear{o, y}])
			if n := len(row.Cells); n > 0 && c.Value != nil && row.Cells[n-1].Value != nil {
				d := math.Round((*c.Value-*row.Cells[n-1].Value)*1e9) / 1e9 // no float noise in rate changes
				c.Change = &d
			}
			row.Cells = append(row.Cells, c)
		}
		t.Rows = append(t.Rows, row)
	}
	return t, nil
}

func keep(list []*entry, offices ...*Office) []*entry {
	var out []*entry
	for _, e := range list {
		for _, o := range offices {
			if e.office == o {
				out = append(out, e)
				break
			}
		}
	}
	return out
}

// SideBySide compares offices in one year: a row per metric, a column per
// office.
func SideBySide(ctx context.Context, st *corpus.Store, offices []string, year int, metrics []string, opts ...Option) (_ Table, err error) {
	metrics, err = checkMetrics(metrics)
	if err != nil {
		return Table{}, err
	}
	if len(offices) == 0 {
		return Table{}, badInput("side by side: no office given")
	}
	aliases := collect(opts).aliases
	offs, err := st.Offices(ctx, aliases...)
	if err != nil {
		return Table{}, err
	}
	var resolved []*Office
	seen := map[*Office]bool{}
	for _, name := range offices {
		o, err := offs.Resolve(name)
		if err != nil {
			return Table{}, err
		}
		if seen[o] {
			return Table{}, badInput("side by side: %q and another name given are the same office %s", name, o.Name)
		}
		seen[o] = true
		resolved = append(resolved, o)
	}
	f := officeFilter(resolved)
	f.YearFrom, f.YearTo = year, year
	list, _, err := loadEntries(ctx, st, offs, f, aliases)
	if err != nil {
		return Table{}, err
	}
	byOffice, notes := counted(keep(list, resolved...))
	if err := fill(ctx, st, values(byOffice), metricKeys(metrics...), true); err != nil {
		return Table{}, err
	}
	t := Table{Kind: KindSideBySide, Title: fmt.Sprintf("%d", year), RowHead: "metric", Offices: resolved, Notes: append(offs.AliasNote, notes...)}
	for _, o := range resolved {
		t.Columns = append(t.Columns, o.Name)
		if byOffice[officeYear{o, year}] == nil {
			t.Notes = append(t.Notes, fmt.Sprintf("%s has no report for %d", o.Name, year))
		}
	}
	for _, m := range metrics {
		row := Row{Label: m, Metric: m}
		for _, o := range resolved {
			row.Cells = append(row.Cells, makeCell(o, year, m, byOffice[officeYear{o, year}]))
		}
		t.Rows = append(t.Rows, row)
	}
	return t, nil
}

// Rank ranks the offices a filter selects by one metric in one year,
// largest first (equal values share a rank), at most limit rows (0: all).
// Offices whose report lacks the value are left out and counted in a note.
func Rank(ctx context.Context, st *corpus.Store, filter Filter, metric string, year int, limit int, opts ...Option) (_ Table, err error) {
	if err := ValidateMetric(metric); err != nil {
		return Table{}, err
	}
	filter.YearFrom, filter.YearTo = year, year
	if err := filter.Validate(); err != nil {
		return Table{}, err
	}
	aliases := collect(opts).aliases
	offs, err := st.Offices(ctx, aliases...)
	if err != nil {
		return Table{}, err
	}
	list, _, err := loadEntries(ctx, st, offs, catalogFilter(filter), aliases)
	if err != nil {
		return Table{}, err
	}
	byOffice, notes := counted(list)
	if err := fill(ctx, st, values(byOffice), metricKeys(metric), true); err != nil {
		return Table{}, err
	}
	var cells []Cell
	var offices []*Office
	missing := 0
	for k, e := range byOffice {
		c := makeCell(k.office, year, metric, e)
		if c.Value == nil {
			missing++
			continue
		}
		cells = append(cells, c)
		offices = append(offices, k.office)
	}
	order := make([]int, len(cells))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(i, j int) bool {
		a, b := cells[order[i]], cells[order[j]]
		if *a.Value != *b.Value {
			return *a.Value > *b.Value
		}
		return a.Office < b.Office
	})
	t := Table{Kind: KindRank, RowHead: "office", Columns: []string{fmt.Sprintf("%s %d", metric, year)}, Notes: append(offs.AliasNote, notes...)}
	t.Title = fmt.Sprintf("%s, %d: %d offices", metric, year, len(cells))
	for i, idx := range order {
		if limit > 0 && i >= limit {
			break
		}
		rank := i + 1
		if i > 0 && *cells[idx].Value == *t.Rows[i-1].Cells[0].Value {
			rank = t.Rows[i-1].Rank
		}
		t.Rows = append(t.Rows, Row{Label: cells[idx].Office, Metric: metric, Rank: rank, Cells: []Cell{cells[idx]}})
		t.Offices = append(t.Offices, offices[idx])
	}
	if missing > 0 {
		t.Notes = append(t.Notes, fmt.Sprintf("%d offices with a %d report have no value for %s", missing, year, metric))
	}
	return t, nil
}
