package index

import (
	"fmt"
	"strconv"
	"strings"
)

// ParseYears reads a year ("2021") or a range ("2019..2023", "2019..",
// "..2023"); "" is open on both ends. Years are four digits; a range whose
// start is after its end is an error. gongkai search, compare, coverage,
// check, export and the server take the same syntax.
func ParseYears(s string) (from, to int, err error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, 0, nil
	}
	a, b, isRange := strings.Cut(s, "..")
	if !isRange {
		b = a
	}
	conv := func(v string) (int, error) {
		v = strings.TrimSpace(v)
		if v == "" {
			return 0, nil
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 1000 || n > 9999 {
			return 0, fmt.Errorf("bad year %q in %q", v, s)
		}
		return n, nil
	}
	if from, err = conv(a); err != nil {
		return 0, 0, err
	}
	if to, err = conv(b); err != nil {
		return 0, 0, err
	}
	if from != 0 && to != 0 && from > to {
		return 0, 0, fmt.Errorf("year range %q is empty", s)
	}
	return from, to, nil
}
