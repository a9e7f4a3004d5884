package compare

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"

	"gongkai/corpus"
)

// Grid says which offices have a report for which years.
type Grid struct {
	Years   []int     `json:"years"` // from the first year any office has a report to the last
	Rows    []GridRow `json:"rows"`
	Reports int       `json:"reports"` // primary reports counted in the grid
	Gaps    int       `json:"gaps"`    // missing years within the offices' own spans
	Absent  int       `json:"absent"`  // expected reports absent after the offices' last ones
	Late    int       `json:"late"`    // reports published after their deadline
	Notes   []string  `json:"notes,omitempty"`
}

// GridRow is one office's years.
type GridRow struct {
	Office     string           `json:"office"`
	RegionCode string           `json:"region_code"`
	Region     string           `json:"region"`
	Level      string           `json:"level"`
	Reports    map[int][]string `json:"reports"` // year → the primary report ids (several: reports that differ)
	Gaps       []int            `json:"gaps"`    // years between its first and last report without one
	Absent     []int            `json:"absent"`  // years after its last report, up to the last year of the grid: expected, not there
	Late       []int            `json:"late"`    // years whose report was published after the deadline (C9 failed)
	Matches    []Match          `json:"matches,omitempty"`
}

// Coverage builds the grid of the offices a filter selects.
func Coverage(ctx context.Context, st *corpus.Store, filter Filter, opts ...Option) (_ Grid, err error) {
	if err := filter.Validate(); err != nil {
		return Grid{}, err
	}
	aliases := collect(opts).aliases
	offs, err := st.Offices(ctx, aliases...)
	if err != nil {
		return Grid{}, err
	}
	list, skipped, err := loadEntries(ctx, st, offs, catalogFilter(filter), aliases)
	if err != nil {
		return Grid{}, err
	}
	g := Grid{Notes: offs.AliasNote}
	if skipped > 0 {
		g.Notes = append(g.Notes, fmt.Sprintf("%d reports without a recognised office or year are not in the grid", skipped))
	}
	rows := map[*Office]*GridRow{}
	var order []*Office
	lo, hi := 0, 0
	for _, e := range list {
		r := rows[e.office]
		if r == nil {
			o := e.office
			r = &GridRow{Office: o.Name, RegionCode: o.RegionCode, Region: o.Region, Level: o.Level, Reports: map[int][]string{}, Gaps: []int{}, Absent: []int{}, Late: []int{}, Matches: o.Matches}
			rows[o] = r
			order = append(order, o)
		}
		r.Reports[e.Year] = append(r.Reports[e.Year], e.ID)
		if e.Timely == corpus.CheckFail && !slices.Contains(r.Late, e.Year) {
			r.Late = append(r.Late, e.Year)
		}
		g.Reports++
		if lo == 0 || e.Year < lo {
			lo = e.Year
		}
		hi = max(hi, e.Year)
	}
	if hi-lo >= maxYears {
		lo = hi - maxYears + 1
		g.Notes = append(g.Notes, fmt.Sprintf("only the last %d years are shown", maxYears))
	}
	for y := lo; lo > 0 && y <= hi; y++ {
		g.Years = append(g.Years, y)
	}
	sort.Slice(order, func(i, j int) bool {
		a, b := rows[order[i]], rows[order[j]]
		if a.RegionCode != b.RegionCode {
			return a.RegionCode < b.RegionCode
		}
		return a.Office < b.Office
	})
	for _, o := range order {
		r := rows[o]
		first, last := 0, 0
		for y := range r.Reports {
			if first == 0 || y < first {
				first = y
			}
			last = max(last, y)
		}
		for y := first + 1; y < last; y++ {
			if len(r.Reports[y]) == 0 {
				r.Gaps = append(r.Gaps, y)
			}
		}
		g.Gaps += len(r.Gaps)
		// The grid's last year is the latest any office reported: an office
		// whose reports stop before it is expected to have the later ones.
		for y := last + 1; y <= hi; y++ {
			r.Absent = append(r.Absent, y)
		}
		g.Absent += len(r.Absent)
		sort.Ints(r.Late)
		g.Late += len(r.Late)
		g.Rows = append(g.Rows, *r)
	}
	return g, nil
}

// Grid marks.
const (
	markReport  = "■"
	markLate    = "▲"
	markMissing = "·"
	markAbsent  = "×"
)

// WriteText writes the grid: an office per line, ■ for a year with a
// report, · for one without, then the gaps.
func (g *Grid) WriteText(w io.Writer) error {
	var b strings.Builder
	nameW := DisplayWidth("office")
	codeW := DisplayWidth("region")
	for _, r := range g.Rows {
		nameW = max(nameW, DisplayWidth(r.Office))
		codeW = max(codeW, len(r.RegionCode))
	}
	b.WriteString(pad("office", nameW, false) + "  " + pad("region", codeW, false))
	for _, y := range g.Years {
		fmt.Fprintf(&b, " %4d", y)
	}
	b.WriteString("  gaps / absent\n")
	for _, r := range g.Rows {
		line := pad(r.Office, nameW, false) + "  " + pad(r.RegionCode, codeW, false)
		for _, y := range g.Years {
			mark := markMissing
			switch {
			case slices.Contains(r.Late, y):
				mark = markLate
			case len(r.Reports[y]) > 0:
				mark = markReport
			case slices.Contains(r.Absent, y):
				mark = markAbsent
			}
			line += "    " + mark
		}
		gaps := make([]string, len(r.Gaps))
		for i, y := range r.Gaps {
			gaps[i] = strconv.Itoa(y)
		}
		switch n := len(r.Absent); {
		case n == 1:
			gaps = append(gaps, fmt.Sprintf("absent %d", r.Absent[0]))
		case n > 1:
			gaps = append(gaps, fmt.Sprintf("absent %d…%d", r.Absent[0], r.Absent[n-1]))
		}
		b.WriteString(strings.TrimRight(line+"  "+strings.Join(gaps, " "), " ") + "\n")
	}
	for _, r := range g.Rows {
		for _, m := range r.Matches {
			fmt.Fprintf(&b, "matched: %s = %s (%s)\n", m.Name, m.Other, m.How)
		}
	}
	fmt.Fprintf(&b, "%d offices, %d reports, %d gaps, %d absent after the last report, %d published late (%s report, %s published after the deadline, %s gap, %s absent)\n",
		len(g.Rows), g.Reports, g.Gaps, g.Absent, g.Late, markReport, markLate, markMissing, markAbsent)
	for _, n := range g.Notes {
		b.WriteString("note: " + n + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteCSV writes the grid as office, region_code, region, level, then a
// column per year with the number of primary reports (0 for a gap).
func (g *Grid) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	head := []string{"office", "region_code", "region", "level"}
	for _, y := range g.Years {
		head = append(head, strconv.Itoa(y))
	}
	cw.Write(head)
	for _, r := range g.Rows {
		line := []string{r.Office, r.RegionCode, r.Region, r.Level}
		for _, y := range g.Years {
			line = append(line, strconv.Itoa(len(r.Reports[y])))
		}
		cw.Write(line)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write CSV: %w", err)
	}
	return nil
}

// WriteJSON writes the grid as indented JSON.
func (g *Grid) WriteJSON(w io.Writer) error { return writeJSON(w, g) }
