package corpus

import (
	"strconv"
	"strings"
)

// Templates.
const (
	Template2019    = "2019"
	Template2021    = "2021"
	TemplateLegacy  = "legacy"
	TemplateUnknown = "unknown"
)

// ApplyColumns are the 7 value columns of table 三, in data order.
var ApplyColumns = []string{"natural_person", "commercial", "research", "public_welfare", "legal_service", "other_org", "total"}

// ReviewColumns are the 5 columns of each group of table 四.
var ReviewColumns = []string{"upheld", "corrected", "other", "pending", "total"}

// Apply row groups (reference §2.6).
var (
	ApplyDenied       = []string{"denied_state_secret", "denied_law_prohibited", "denied_security_stability", "denied_third_party", "denied_internal_affairs", "denied_process_info", "denied_enforcement_file", "denied_admin_query"}
	ApplyUnable       = []string{"unable_not_held", "unable_need_create", "unable_unclear"}
	ApplyNotProcessed = []string{"np_petition", "np_repeat", "np_publication", "np_massive", "np_confirm"}
	ApplyOther2021    = []string{"other_no_correction", "other_no_fee", "other_misc"}
)

// ApplyRows returns the data rows of table 三 for a template, in printed order
// (23 rows for 2019, 25 for 2021).
func ApplyRows(template string) []string {
	rows := []string{"new_received", "carried_over", "granted", "partial"}
	rows = append(rows, ApplyDenied...)
	rows = append(rows, ApplyUnable...)
	rows = append(rows, ApplyNotProcessed...)
	if template == Template2021 {
		rows = append(rows, ApplyOther2021...)
	} else {
		rows = append(rows, "other_total")
	}
	return append(rows, "result_total", "carry_forward")
}

// ApplyDerivedRows are the rows the parser derives by adding group members:
// apply.denied.*, apply.unable.*, apply.not_processed.*, apply.other.*.
var ApplyDerivedRows = []string{"denied", "unable", "not_processed", "other"}

// ActiveKey is one value of table 二: its key below "active." and the sub-table it belongs to.
type ActiveKey struct {
	Key     string // e.g. a20_1.normative.valid
	Item    int    // 第二十条第（N）项
	Decimal bool   // may carry decimals (amounts)
	Signed  bool   // may be negative (本年增/减)
}

// ActiveKeys returns the value keys of table 二 for a template, in printed order.
func ActiveKeys(template string) []ActiveKey {
	if template == Template2021 {
		return []ActiveKey{
			{Key: "a20_1.rules.issued", Item: 1}, {Key: "a20_1.rules.repealed", Item: 1}, {Key: "a20_1.rules.valid", Item: 1},
			{Key: "a20_1.normative.issued", Item: 1}, {Key: "a20_1.normative.repealed", Item: 1}, {Key: "a20_1.normative.valid", Item: 1},
			{Key: "a20_5.licensing.decisions", Item: 5},
			{Key: "a20_6.penalty.decisions", Item: 6}, {Key: "a20_6.coercion.decisions", Item: 6},
			{Key: "a20_8.fees.amount_wan", Item: 8, Decimal: true},
		}
	}
	return []ActiveKey{
		{Key: "a20_1.rules.new_made", Item: 1}, {Key: "a20_1.rules.new_published", Item: 1}, {Key: "a20_1.rules.total_published", Item: 1},
		{Key: "a20_1.normative.new_made", Item: 1}, {Key: "a20_1.normative.new_published", Item: 1}, {Key: "a20_1.normative.total_published", Item: 1},
		{Key: "a20_5.licensing.prev_items", Item: 5}, {Key: "a20_5.licensing.delta", Item: 5, Signed: true}, {Key: "a20_5.licensing.decisions", Item: 5},
		{Key: "a20_5.other_services.prev_items", Item: 5}, {Key: "a20_5.other_services.delta", Item: 5, Signed: true}, {Key: "a20_5.other_services.decisions", Item: 5},
		{Key: "a20_6.penalty.prev_items", Item: 6}, {Key: "a20_6.penalty.delta", Item: 6, Signed: true}, {Key: "a20_6.penalty.decisions", Item: 6},
		{Key: "a20_6.coercion.prev_items", Item: 6}, {Key: "a20_6.coercion.delta", Item: 6, Signed: true}, {Key: "a20_6.coercion.decisions", Item: 6},
		{Key: "a20_8.fees.prev_items", Item: 8}, {Key: "a20_8.fees.delta", Item: 8, Signed: true},
		{Key: "a20_9.procurement.projects", Item: 9}, {Key: "a20_9.procurement.amount", Item: 9, Decimal: true},
	}
}

// Value returns the value at a full key (design.md: apply.granted.total,
// review.total, suit_direct.upheld, suit.total, active.a20_1.normative.valid).
// ok is false when the key names no value of r or the cell is blank.
func (r *Report) Value(key string) (v float64, ok bool) {
	table, rest, found := strings.Cut(key, ".")
	if !found {
		return 0, false
	}
	pick := func(vals []*float64, col string, cols []string) (float64, bool) {
		for i, c := range cols {
			if c == col && i < len(vals) && vals[i] != nil {
				return *vals[i], true
			}
		}
		return 0, false
	}
	t := &r.Tables
	switch table {
	case "active":
		if p := t.Active[rest]; p != nil {
			return *p, true
		}
	case "apply":
		row, col, _ := strings.Cut(rest, ".")
		return pick(t.Apply[row], col, ApplyColumns)
	case "review":
		return pick(t.Review, rest, ReviewColumns)
	case "suit_direct":
		return pick(t.SuitDirect, rest, ReviewColumns)
	case "suit_after_review":
		return pick(t.SuitAfterReview, rest, ReviewColumns)
	case "suit":
		return pick(t.Suit, rest, ReviewColumns)
	}
	return 0, false
}

// FormatValue prints a value the way reports print it: integers without a
// decimal point, amounts with as many decimals as they need.
func FormatValue(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}
