package bleveindex

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"gongkai/index"
	"gongkai/internal/golden"
)

// goldenCase is one testdata/queries file:
//
//	# comments
//	query: 条例
//	filter: region=测试市 year=2015..2016 sort=year   (optional)
//	order: set|ranked
//	total: 2
//	expect:
//	<id> <office_full> <year>
type goldenCase struct {
	header []string // everything up to and including "order:"
	query  string
	req    index.Request
	ranked bool
	total  uint64
	ids    []string
}

func readGolden(t *testing.T, path string) goldenCase {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var c goldenCase
	c.req.Limit = 100
	inExpect := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if inExpect {
			if f := strings.Fields(line); len(f) > 0 && !strings.HasPrefix(f[0], "#") {
				c.ids = append(c.ids, f[0])
			}
			continue
		}
		key, val, _ := strings.Cut(line, ":")
		val = strings.TrimSpace(val)
		switch strings.TrimSpace(key) {
		case "query":
			c.req.Query = val
		case "filter":
			applyFilter(t, &c.req, val)
		case "order":
			c.ranked = val == "ranked"
		case "total":
			n, _ := strconv.Atoi(val)
			c.total = uint64(n)
			continue
		case "expect":
			inExpect = true
			continue
		}
		c.header = append(c.header, line)
	}
	return c
}

func applyFilter(t *testing.T, r *index.Request, s string) {
	for _, kv := range strings.Fields(s) {
		k, v, _ := strings.Cut(kv, "=")
		switch k {
		case "office":
			r.Office = v
		case "region":
			r.Region = v
		case "level":
			r.Level = v
		case "template":
			r.Template = v
		case "failed":
			r.FailedChecks = v == "true"
		case "sort":
			r.Sort = v
		case "limit":
			r.Limit, _ = strconv.Atoi(v)
		case "year":
			a, b, ok := strings.Cut(v, "..")
			r.YearFrom, _ = strconv.Atoi(a)
			r.YearTo = r.YearFrom
			if ok {
				r.YearTo, _ = strconv.Atoi(b)
			}
		default:
			t.Fatalf("unknown filter %q", k)
		}
	}
}

func TestGoldenQueries(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "queries", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no testdata/queries/*.txt cases")
	}
	x, _ := buildFixture(t, Options{})
	for _, path := range files {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txt"), func(t *testing.T) {
			c := readGolden(t, path)
			res, err := x.Search(context.Background(), c.req)
			if err != nil {
				t.Fatalf("%q: %v", c.req.Query, err)
			}
			if golden.Update() {
				writeGolden(t, path, c, res)
				return
			}
			var got []string
			for _, h := range res.Hits {
				got = append(got, h.ID)
			}
			want := append([]string(nil), c.ids...)
			if !c.ranked {
				sort.Strings(got)
				sort.Strings(want)
			}
			if res.Total != c.total || strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("%q: total %d, hits\n  %v\nwant total %d, hits\n  %v", c.req.Query, res.Total, got, c.total, want)
			}
		})
	}
}

func writeGolden(t *testing.T, path string, c goldenCase, res *index.Result) {
	var b strings.Builder
	for _, l := range c.header {
		b.WriteString(l + "\n")
	}
	fmt.Fprintf(&b, "total: %d\nexpect:\n", res.Total)
	for _, h := range res.Hits {
		fmt.Fprintf(&b, "%s %s %d\n", h.ID, h.OfficeFull, h.Year)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}
