package compare

import (
	"context"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"

	"gongkai/corpus"
)

// CellValue is one value a finding involves.
type CellValue struct {
	Key    string   `json:"key"`
	Year   int      `json:"year"`
	Report string   `json:"report"`
	Value  *float64 `json:"value"` // nil: blank or absent
}

// Finding is a failed check: a report's own (C1–C5, C8, from the catalog's
// checks table, status fail) or a cross-year one (C6, C7, computed on
// demand, status warn: they are soft).
type Finding struct {
	Check      string         `json:"check"`
	Status     string         `json:"status"`
	Office     string         `json:"office"`
	RegionCode string         `json:"region_code"`
	Level      string         `json:"level"`
	Year       int            `json:"year"`
	Template   string         `json:"template"`
	Report     string         `json:"report"`
	PrevYear   int            `json:"prev_year,omitempty"`   // cross-year: the earlier year
	PrevReport string         `json:"prev_report,omitempty"` // cross-year: the earlier year's report
	Cells      []CellValue    `json:"cells"`
	Detail     string         `json:"detail"`
	Review     *corpus.Review `json:"review,omitempty"` // the newest review of this finding, if any
}

func crossYearCheck(id string) bool { return id == "C6" || id == "C7" }

// CrossYear runs the cross-year checks on the offices a filter selects,
// wherever an office has counted reports for two consecutive years (the
// later year within the filter's years and of its template), and returns
// those that fail:
//
//	C6: this year's apply.carried_over equals last year's apply.carry_forward,
//	    in each of the 7 columns both years have;
//	C7: (2021 template) active.a20_1.<kind>.valid(Y) ==
//	    valid(Y−1) + issued(Y) − repealed(Y), for rules and normative documents.
//
// Both are soft (status warn): 清理 campaigns break C7, and offices restate
// their carry-overs.
func CrossYear(ctx context.Context, st *corpus.Store, filter Filter, opts ...Option) (_ []Finding, err error) {
	if err := filter.Validate(); err != nil {
		return nil, err
	}
	aliases := collect(opts).aliases
	offs, err := st.Offices(ctx, aliases...)
	if err != nil {
		return nil, err
	}
	return crossYear(ctx, st, offs, filter, aliases)
}

func crossYear(ctx context.Context, st *corpus.Store, offs *Offices, filter Filter, aliases []Alias) ([]Finding, error) {
	// The year before the first year, of any template: the earlier half
	// of a pair.
	f := catalogFilter(filter)
	f.Templates = nil
	if f.YearFrom != 0 {
		f.YearFrom--
	}
	list, _, err := loadEntries(ctx, st, offs, f, aliases)
	if err != nil {
		return nil, err
	}
	byYear, _ := counted(list)
	if err := fill(ctx, st, values(byYear), crossYearKeys(), false); err != nil {
		return nil, err
	}
	keys := make([]officeYear, 0, len(byYear))
	for k := range byYear {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].office.Name != keys[j].office.Name {
			return keys[i].office.Name < keys[j].office.Name
		}
		return keys[i].year < keys[j].year
	})
	var out []Finding
	for _, k := range keys {
		cur, prev := byYear[k], byYear[officeYear{k.office, k.year - 1}]
		if prev == nil || !filter.InYears(k.year) || !hasTemplate(filter, cur.Template) {
			continue
		}
		if filter.Check == "" || filter.Check == "C6" {
			if f, ok := checkC6(k.office, prev, cur); ok {
				out = append(out, f)
			}
		}
		if filter.Check == "" || filter.Check == "C7" {
			out = append(out, checkC7(k.office, prev, cur)...)
		}
	}
	return out, nil
}

// crossYearKeys are the values C6 and C7 read.
func crossYearKeys() []string {
	var keys []string
	for _, col := range corpus.ApplyColumns {
		keys = append(keys, "apply.carried_over."+col, "apply.carry_forward."+col)
	}
	for _, kind := range []string{"rules", "normative"} {
		for _, v := range []string{"valid", "issued", "repealed"} {
			keys = append(keys, "active.a20_1."+kind+"."+v)
		}
	}
	return keys
}

func crossFinding(id string, o *Office, prev, cur *entry) Finding {
	return Finding{Check: id, Status: corpus.CheckWarn, Office: o.Name, RegionCode: o.RegionCode, Level: o.Level,
		Year: cur.Year, Template: cur.Template, Report: cur.ID, PrevYear: prev.Year, PrevReport: prev.ID}
}

func cellOf(e *entry, key string) (CellValue, bool) {
	c := CellValue{Key: key, Year: e.Year, Report: e.ID}
	v, ok := e.rep.Value(key)
	if ok {
		c.Value = &v
	}
	return c, ok
}

func differ(a, b float64) bool { return math.Abs(a-b) > 1e-6 }

// checkC6 compares the carried-over row of cur with the carry-forward row
// of prev, per column; ok is false when they agree or cannot be compared.
func checkC6(o *Office, prev, cur *entry) (Finding, bool) {
	f := crossFinding("C6", o, prev, cur)
	var diffs []string
	for _, col := range corpus.ApplyColumns {
		in, ok1 := cellOf(cur, "apply.carried_over."+col)
		out, ok2 := cellOf(prev, "apply.carry_forward."+col)
		if !ok1 || !ok2 || !differ(*in.Value, *out.Value) {
			continue
		}
		diffs = append(diffs, fmt.Sprintf("%s %s ≠ %s", col, corpus.FormatValue(*in.Value), corpus.FormatValue(*out.Value)))
		f.Cells = append(f.Cells, in, out)
	}
	if len(diffs) == 0 {
		return Finding{}, false
	}
	f.Detail = fmt.Sprintf("carried over into %d (apply.carried_over) ≠ carried forward from %d (apply.carry_forward): %s",
		cur.Year, prev.Year, strings.Join(diffs, "; "))
	return f, true
}

// checkC7 checks the 2021 template's counts of valid rules and normative
// documents against the year before.
func checkC7(o *Office, prev, cur *entry) []Finding {
	var out []Finding
	for _, kind := range []string{"rules", "normative"} {
		base := "active.a20_1." + kind + "."
		valid, ok1 := cellOf(cur, base+"valid")
		before, ok2 := cellOf(prev, base+"valid")
		issued, ok3 := cellOf(cur, base+"issued")
		repealed, ok4 := cellOf(cur, base+"repealed")
		if !ok1 || !ok2 || !ok3 || !ok4 {
			continue
		}
		want := *before.Value + *issued.Value - *repealed.Value
		if !differ(*valid.Value, want) {
			continue
		}
		f := crossFinding("C7", o, prev, cur)
		f.Cells = []CellValue{valid, before, issued, repealed}
		f.Detail = fmt.Sprintf("%svalid %d = %s, but valid %d + issued − repealed = %s + %s − %s = %s",
			base, cur.Year, corpus.FormatValue(*valid.Value), prev.Year, corpus.FormatValue(*before.Value),
			corpus.FormatValue(*issued.Value), corpus.FormatValue(*repealed.Value), corpus.FormatValue(want))
		out = append(out, f)
	}
	return out
}

// maxCellsShown caps the cells a finding lists in text.
const maxCellsShown = 12

// Check lists the failed checks of the primary reports a filter selects
// (the catalog's checks with status fail), then the cross-year findings
// (CrossYear), by office and year. filter.Check keeps one check id.
func Check(ctx context.Context, st *corpus.Store, filter Filter, opts ...Option) (_ []Finding, err error) {
	if err := filter.Validate(); err != nil {
		return nil, err
	}
	aliases := collect(opts).aliases
	offs, err := st.Offices(ctx, aliases...)
	if err != nil {
		return nil, err
	}
	var out []Finding
	if !crossYearCheck(filter.Check) {
		if out, err = failedChecks(ctx, st, offs, filter, aliases); err != nil {
			return nil, err
		}
	}
	if filter.Check == "" || crossYearCheck(filter.Check) {
		cross, err := crossYear(ctx, st, offs, filter, aliases)
		if err != nil {
			return nil, err
		}
		out = append(out, cross...)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Office != b.Office {
			return a.Office < b.Office
		}
		if a.Year != b.Year {
			return a.Year < b.Year
		}
		return a.Check < b.Check
	})
	return attachReviews(ctx, st, out, filter)
}

func failedChecks(ctx context.Context, st *corpus.Store, offs *Offices, filter Filter, aliases []Alias) ([]Finding, error) {
	rows, err := st.FailedChecks(ctx, catalogFilter(filter), filter.Check, aliases...)
	if err != nil {
		return nil, err
	}
	out := make([]Finding, 0, len(rows))
	for _, fc := range rows {
		r := fc.Report
		f := Finding{Report: r.ID, Check: fc.Check, Status: fc.Status, Detail: fc.Detail, RegionCode: r.RegionCode,
			Level: r.Level, Year: r.Year, Template: r.Template}
		f.Office = reportName(r.OfficeFull, r.Office)
		if o := offs.Of(r.OfficeFull, r.Office, r.RegionCode); o != nil {
			f.Office = o.Name
		}
		if f.Office == "" {
			f.Office = "(office not recognised)"
		}
		f.Cells = make([]CellValue, 0, len(fc.Cells))
		for _, k := range fc.Cells {
			f.Cells = append(f.Cells, CellValue{Key: k, Year: f.Year, Report: f.Report})
		}
		out = append(out, f)
	}
	return out, cellValues(ctx, st, out)
}

// cellValues reads the values of the findings' cells.
func cellValues(ctx context.Context, st *corpus.Store, findings []Finding) error {
	byID := map[string]*entry{}
	var list []*entry
	var keys []string
	seen := map[string]bool{}
	for _, f := range findings {
		if byID[f.Report] == nil {
			byID[f.Report] = &entry{ID: f.Report, Year: f.Year, Template: f.Template}
			list = append(list, byID[f.Report])
		}
		for _, c := range f.Cells {
			if !seen[c.Key] {
				seen[c.Key] = true
				keys = append(keys, c.Key)
			}
		}
	}
	if err := fill(ctx, st, list, keys, false); err != nil {
		return err
	}
	for i := range findings {
		rep := byID[findings[i].Report].rep
		for j := range findings[i].Cells {
			if v, ok := rep.Value(findings[i].Cells[j].Key); ok {
				findings[i].Cells[j].Value = &v
			}
		}
	}
	return nil
}

// WriteFindings writes findings as text: a heading line per finding (check,
// status, office, year or years, report ids), its detail and the cells
// involved with their values, then a count.
func WriteFindings(w io.Writer, findings []Finding) error {
	var b strings.Builder
	reports := map[string]bool{}
	own, cross := 0, 0
	for _, f := range findings {
		if f.PrevReport != "" {
			cross++
			fmt.Fprintf(&b, "%s %s  %s  %d→%d  reports %s → %s\n", f.Check, f.Status, f.Office, f.PrevYear, f.Year, f.PrevReport, f.Report)
		} else {
			own++
			reports[f.Report] = true
			fmt.Fprintf(&b, "%s %s  %s  %d  report %s (template %s)\n", f.Check, f.Status, f.Office, f.Year, f.Report, f.Template)
		}
		fmt.Fprintf(&b, "    %s\n", f.Detail)
		if r := f.Review; r != nil {
			fmt.Fprintf(&b, "    reviewed: %s by %s on %s", r.Verdict, r.Reviewer, r.CreatedAt)
			if r.Note != "" {
				fmt.Fprintf(&b, " — %s", r.Note)
			}
			b.WriteString("\n")
		}
		var cells []string
		for i, c := range f.Cells {
			if i == maxCellsShown {
				cells = append(cells, fmt.Sprintf("… %d more", len(f.Cells)-maxCellsShown))
				break
			}
			v := "blank"
			if c.Value != nil {
				v = corpus.FormatValue(*c.Value)
			}
			s := c.Key + " = " + v
			if f.PrevReport != "" {
				s = fmt.Sprintf("%s(%d) = %s", c.Key, c.Year, v)
			}
			cells = append(cells, s)
		}
		if len(cells) > 0 {
			fmt.Fprintf(&b, "    cells: %s\n", strings.Join(cells, ", "))
		}
	}
	fmt.Fprintf(&b, "%d failed checks in %d reports, %d cross-year warnings\n", own, len(reports), cross)
	_, err := io.WriteString(w, b.String())
	return err
}
