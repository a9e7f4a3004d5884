package index

import "testing"

func TestPrimary(t *testing.T) {
	type r struct {
		id     string
		failed bool
		seq    int64
	}
	cases := []struct {
		name string
		rs   []r
		want int
	}{
		{"checks pass first", []r{{"a", true, 9}, {"b", false, 1}}, 1},
		{"then newest parse", []r{{"a", false, 1}, {"b", false, 2}}, 1},
		{"then smallest id", []r{{"c", false, 1}, {"a", false, 1}, {"b", false, 1}}, 1},
		{"one", []r{{"a", true, 0}}, 0},
	}
	for _, c := range cases {
		got := Primary(len(c.rs), func(i int) bool { return c.rs[i].failed },
			func(i int) int64 { return c.rs[i].seq }, func(i int) string { return c.rs[i].id })
		if got != c.want {
			t.Errorf("%s: primary %d, want %d", c.name, got, c.want)
		}
	}
}
