package compare

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"gongkai/corpus"
	"gongkai/render"
)

// Table kinds.
const (
	KindOfficeYears = "office_years" // rows: metrics; columns: years
	KindSideBySide  = "side_by_side" // rows: metrics; columns: offices
	KindRank        = "rank"         // rows: offices, ranked; one column
)

// Table is a comparison: rows of cells under column heads, with the
// offices involved (and how their names were matched) and notes on what
// counted. It renders as aligned text (WriteText), CSV (WriteCSV) and JSON
// (WriteJSON).
type Table struct {
	Kind    string    `json:"kind"`
	Title   string    `json:"title"`
	RowHead string    `json:"row_head"`
	Columns []string  `json:"columns"`
	Rows    []Row     `json:"rows"`
	Offices []*Office `json:"offices"`
	Notes   []string  `json:"notes,omitempty"`
}

// Row is one line of a table: a metric (office_years, side_by_side) or an
// office (rank).
type Row struct {
	Label  string `json:"label"`
	Metric string `json:"metric"`
	Rank   int    `json:"rank,omitempty"`
	Cells  []Cell `json:"cells"`
}

// Cell is one value: an office's metric in a year, from one report.
type Cell struct {
	Office     string   `json:"office"`
	RegionCode string   `json:"region_code,omitempty"`
	Year       int      `json:"year"`
	Metric     string   `json:"metric"`
	Value      *float64 `json:"value"`            // nil: no report, or the report has no such value
	Change     *float64 `json:"change,omitempty"` // from the year before (office_years), when both have a value
	FromText   bool     `json:"from_text,omitempty"`
	Report     string   `json:"report,omitempty"` // the report counted; "" when the office has none that year
}

// Cell marks in text output.
const (
	markNoReport = "·" // no report that year
	markNoValue  = "–" // a report without this value
	markFromText = "*" // from the report's text
)

// DisplayWidth is the number of terminal columns s takes (render.Width,
// the one display-width function).
func DisplayWidth(s string) int { return render.Width(s) }

// pad pads s with spaces to w columns, on the left when right-aligned.
func pad(s string, w int, right bool) string {
	d := w - DisplayWidth(s)
	if d <= 0 {
		return s
	}
	if right {
		return strings.Repeat(" ", d) + s
	}
	return s + strings.Repeat(" ", d)
}

// FormatMetric prints a metric's value: rates as percentages, counts as
// reports print them.
func FormatMetric(metric string, v float64) string {
	if IsRate(metric) {
		return strconv.FormatFloat(v*100, 'f', 1, 64) + "%"
	}
	return corpus.FormatValue(v)
}

// formatChange prints a change: percentage points for rates.
func formatChange(metric string, d float64) string {
	sign := "+"
	if d < 0 {
		sign = "-"
		d = -d
	}
	if IsRate(metric) {
		return sign + strconv.FormatFloat(d*100, 'f', 1, 64) + "pp"
	}
	if d == 0 {
		return "±0"
	}
	return sign + corpus.FormatValue(d)
}

func (c Cell) text(withChange bool) string {
	switch {
	case c.Report == "":
		return markNoReport
	case c.Value == nil:
		return markNoValue
	}
	s := FormatMetric(c.Metric, *c.Value)
	if c.FromText {
		s += markFromText
	}
	if withChange && c.Change != nil {
		s += " (" + formatChange(c.Metric, *c.Change) + ")"
	}
	return s
}

// sparks are the levels of a sparkline, lowest first.
var sparks = []rune("▁▂▃▄▅▆▇█")

// Sparkline draws values as block characters scaled to the largest
// magnitude (a space for a missing value).
func Sparkline(vals []*float64) string {
	hi := 0.0
	for _, v := range vals {
		if v != nil && !math.IsNaN(*v) {
			hi = math.Max(hi, math.Abs(*v))
		}
	}
	var b strings.Builder
	for _, v := range vals {
		if v == nil || math.IsNaN(*v) {
			b.WriteByte(' ')
			continue
		}
		i := 0
		if hi > 0 {
			i = int(math.Round(math.Abs(*v) / hi * float64(len(sparks)-1)))
		}
		b.WriteRune(sparks[min(max(i, 0), len(sparks)-1)])
	}
	return b.String()
}

// eighths are the partial blocks of a horizontal bar.
var eighths = []rune(" ▏▎▍▌▋▊▉")

// Bar draws v as a horizontal bar of up to cols columns, scaled to hi.
func Bar(v, hi float64, cols int) string {
	if hi <= 0 || v <= 0 || math.IsNaN(v) {
		return ""
	}
	n := int(math.Round(math.Min(v/hi, 1) * float64(cols*8)))
	s := strings.Repeat("█", n/8)
	if n%8 > 0 {
		s += string(eighths[n%8])
	}
	return s
}

const barCols = 20

// WriteText writes the table as aligned text with a sparkline per row
// (a bar for rankings), then the matches and the notes.
func (t *Table) WriteText(w io.Writer) error {
	withChange := t.Kind == KindOfficeYears
	head := append([]string{t.RowHead}, t.Columns...)
	lines := [][]string{head}
	for _, r := range t.Rows {
		line := []string{r.Label}
		if t.Kind == KindRank {
			line[0] = fmt.Sprintf("%d. %s", r.Rank, r.Label)
		}
		for _, c := range r.Cells {
			line = append(line, c.text(withChange))
		}
		lines = append(lines, line)
	}
	widths := make([]int, len(head))
	for _, l := range lines {
		for i, s := range l {
			if i < len(widths) {
				widths[i] = max(widths[i], DisplayWidth(s))
			}
		}
	}
	hi := 0.0
	for _, r := range t.Rows {
		for _, c := range r.Cells {
			if c.Value != nil {
				hi = math.Max(hi, *c.Value)
			}
		}
	}
	var b strings.Builder
	if t.Title != "" {
		b.WriteString(t.Title + "\n")
	}
	for li, l := range lines {
		for i, s := range l {
			if i > 0 {
				b.WriteString("  ")
			}
			b.WriteString(pad(s, widths[i], i > 0))
		}
		switch {
		case li == 0:
		case t.Kind == KindRank && len(t.Rows[li-1].Cells) > 0 && t.Rows[li-1].Cells[0].Value != nil:
			b.WriteString("  " + Bar(*t.Rows[li-1].Cells[0].Value, hi, barCols))
		case t.Kind != KindRank:
			vals := make([]*float64, len(t.Rows[li-1].Cells))
			for i, c := range t.Rows[li-1].Cells {
				vals[i] = c.Value
			}
			b.WriteString("  " + Sparkline(vals))
		}
		b.WriteString("\n")
	}
	writeMatches(&b, t.Offices)
	if len(t.Rows) > 0 {
		fmt.Fprintf(&b, "(%s no report that year, %s no such value in the report, %s from the report's text)\n", markNoReport, markNoValue, markFromText)
	}
	for _, n := range t.Notes {
		b.WriteString("note: " + n + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeMatches(b *strings.Builder, offs []*Office) {
	for _, o := range offs {
		for _, m := range o.Matches {
			fmt.Fprintf(b, "matched: %s = %s (%s)\n", m.Name, m.Other, m.How)
		}
	}
}

// WriteCSV writes the table in long form, one value per line: rank (for
// rankings), office, region_code, year, metric, value (rates as fractions),
// change, from_text, report.
func (t *Table) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"rank", "office", "region_code", "year", "metric", "value", "change", "from_text", "report"})
	num := func(p *float64) string {
		if p == nil {
			return ""
		}
		return strconv.FormatFloat(*p, 'f', -1, 64)
	}
	for _, r := range t.Rows {
		for _, c := range r.Cells {
			rank := ""
			if r.Rank > 0 {
				rank = strconv.Itoa(r.Rank)
			}
			cw.Write([]string{rank, c.Office, c.RegionCode, strconv.Itoa(c.Year), c.Metric, num(c.Value), num(c.Change), strconv.FormatBool(c.FromText), c.Report})
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write CSV: %w", err)
	}
	return nil
}

// WriteJSON writes the table as indented JSON.
func (t *Table) WriteJSON(w io.Writer) error { return writeJSON(w, t) }

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("write JSON: %w", err)
	}
	return nil
}
