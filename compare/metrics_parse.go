package compare

import "strings"

// ParseMetrics splits a comma-separated metric list as gongkai compare
// reads it: value keys as they are, the short names of table 四 totals
// (review, suit, suit_direct, suit_after_review) with ".total", and any
// other bare name as a table 三 row total (granted → apply.granted.total).
func ParseMetrics(s string) []string {
	var out []string
	for _, m := range strings.Split(s, ",") {
		m = strings.TrimSpace(m)
		switch {
		case m == "":
			continue
		case m == "review" || m == "suit" || m == "suit_direct" || m == "suit_after_review":
			m += ".total"
		case !strings.Contains(m, "."):
			m = "apply." + m + ".total"
		}
		out = append(out, m)
	}
	return out
}
