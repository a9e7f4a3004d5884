package index

// Primary returns which of n renditions of one report is the primary, the
// one a search shows: the one whose checks pass, else the newest parse
// (the larger seq), else the smallest id. Every backend uses this rule, so
// that they collapse renditions to the same hits.
func Primary(n int, failed func(i int) bool, seq func(i int) int64, id func(i int) string) int {
	best := 0
	for i := 1; i < n; i++ {
		switch {
		case failed(i) != failed(best):
			if !failed(i) {
				best = i
			}
		case seq(i) != seq(best):
			if seq(i) > seq(best) {
				best = i
			}
		case id(i) < id(best):
			best = i
		}
	}
	return best
}
