package compare

import (
	"slices"
	"strings"

	"gongkai/corpus"
)

// DefaultMetrics are the figures shown for one office across years when
// none are asked for.
var DefaultMetrics = []string{
	"apply.new_received.total", "apply.result_total.total", "apply.granted.total",
	"apply.denied.total", "review.total", "suit.total",
}

// rates are the rate metrics: numerator and denominator keys. The review
// correction rate's denominator is computed (review.total − review.pending).
var rates = map[string][2]string{
	"rate.granted":          {"apply.granted.total", "apply.result_total.total"},
	"rate.partial":          {"apply.partial.total", "apply.result_total.total"},
	"rate.denied":           {"apply.denied.total", "apply.result_total.total"},
	"rate.unable":           {"apply.unable.total", "apply.result_total.total"},
	"rate.review_corrected": {"review.corrected", "review.decided"},
}

// Rates lists the rate metrics.
func Rates() []string {
	out := make([]string, 0, len(rates))
	for k := range rates {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// IsRate reports whether a metric is a rate (a share, shown as a percentage).
func IsRate(metric string) bool { _, ok := rates[metric]; return ok }

var metricTables = map[string]bool{"active": true, "apply": true, "review": true, "suit_direct": true, "suit_after_review": true, "suit": true}

// ValidateMetric reports a metric that names no value: a rate must be one
// of Rates(), a value key must start with a table name and have a row or
// column.
func ValidateMetric(m string) error {
	if strings.HasPrefix(m, "rate.") {
		if !IsRate(m) {
			return badInput("unknown rate %q (known: %s)", m, strings.Join(Rates(), ", "))
		}
		return nil
	}
	tbl, rest, ok := strings.Cut(m, ".")
	if !ok || rest == "" || !metricTables[tbl] {
		return badInput("unknown metric %q: want a value key (apply.granted.total, review.total, suit.total, active.a20_1.normative.valid …) or a rate (%s)", m, strings.Join(Rates(), ", "))
	}
	if tbl == "apply" {
		if _, col, ok := strings.Cut(rest, "."); !ok || !slices.Contains(corpus.ApplyColumns, col) {
			return badInput("unknown metric %q: table 三 keys are apply.<row>.<column>, the column one of %s", m, strings.Join(corpus.ApplyColumns, ", "))
		}
	}
	if tbl != "apply" && tbl != "active" && !slices.Contains(corpus.ReviewColumns, rest) {
		return badInput("unknown metric %q: table 四 keys are %s.<column>, the column one of %s", m, tbl, strings.Join(corpus.ReviewColumns, ", "))
	}
	return nil
}

// Value is one metric of one report.
type Value struct {
	V        float64
	OK       bool // false: the report has no such value
	FromText bool // taken from a figure the report's text states (no table value)
}

// lookup returns a value key of a report: its table value, else a figure
// its text states for the year.
func lookup(r *corpus.Report, key string) Value {
	if key == "review.decided" {
		t, p := lookup(r, "review.total"), lookup(r, "review.pending")
		if !t.OK || !p.OK {
			return Value{}
		}
		return Value{V: t.V - p.V, OK: true, FromText: t.FromText || p.FromText}
	}
	if v, ok := r.Value(key); ok {
		return Value{V: v, OK: true}
	}
	for _, f := range r.Figures {
		if f.Key == key && f.Scope == corpus.ScopeYear {
			return Value{V: f.Value, OK: true, FromText: true}
		}
	}
	return Value{}
}

// Metric returns a metric (a value key or a rate) of a report. A rate whose
// denominator is 0 has no value.
func Metric(r *corpus.Report, metric string) Value {
	if r == nil {
		return Value{}
	}
	q, ok := rates[metric]
	if !ok {
		return lookup(r, metric)
	}
	num, den := lookup(r, q[0]), lookup(r, q[1])
	if !num.OK || !den.OK || den.V == 0 {
		return Value{}
	}
	return Value{V: num.V / den.V, OK: true, FromText: num.FromText || den.FromText}
}
