package server

import (
	"errors"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"gongkai/compare"
	"gongkai/index"
)

func TestParseYears(t *testing.T) {
	cases := []struct {
		name, in string
		from, to int
		err      bool
	}{
		{"empty", "", 0, 0, false},
		{"one year", "2021", 2021, 2021, false},
		{"range", "2019..2023", 2019, 2023, false},
		{"open end", "2019..", 2019, 0, false},
		{"open start", "..2023", 0, 2023, false},
		{"spaces", " 2019 .. 2023 ", 2019, 2023, false},
		{"empty range", "2023..2019", 0, 0, true},
		{"not a number", "20x1", 0, 0, true},
		{"three digits", "999", 0, 0, true},
		{"five digits", "20210", 0, 0, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			from, to, err := index.ParseYears(c.in)
			if (err != nil) != c.err || from != c.from || to != c.to {
				t.Errorf("ParseYears(%q) = %d, %d, %v", c.in, from, to, err)
			}
		})
	}
}

func TestParseMetrics(t *testing.T) {
	cases := []struct {
		name, in string
		want     []string
	}{
		{"empty", "", nil},
		{"row names", "granted, denied", []string{"apply.granted.total", "apply.denied.total"}},
		{"table 四 totals", "review,suit,suit_direct", []string{"review.total", "suit.total", "suit_direct.total"}},
		{"keys and rates", "active.a20_1.normative.valid,rate.granted,,", []string{"active.a20_1.normative.valid", "rate.granted"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := compare.ParseMetrics(c.in); !reflect.DeepEqual(got, c.want) {
				t.Errorf("ParseMetrics(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

func TestSearchRequest(t *testing.T) {
	cases := []struct {
		name  string
		query string
		want  index.Request
		err   bool
	}{
		{"defaults", "", index.Request{Limit: 10}, false},
		{"every parameter", "q=%E8%A1%8C%E6%94%BF%E5%A4%8D%E8%AE%AE&office=A&region=3505&level=county&year=2019..2023&template=2021&failed-checks&sort=-year&facets=year,+province,&limit=20&offset=40",
			index.Request{Query: "行政复议", Office: "A", Region: "3505", Levels: []string{"county"}, YearFrom: 2019, YearTo: 2023, Templates: []string{"2021"},
				FailedChecks: true, Sort: "-year", Facets: []string{"year", "province"}, Limit: 20, Offset: 40}, false},
		{"failed-checks=0", "failed-checks=0", index.Request{Limit: 10}, false},
		{"window edge", "offset=9990&limit=10", index.Request{Limit: 10, Offset: 9990}, false},
		{"beyond the window", "offset=9991&limit=10", index.Request{}, true},
		{"long query", "q=" + strings.Repeat("a", MaxQueryBytes+1), index.Request{}, true},
		{"too many facets", "facets=" + strings.Repeat("a,", 13), index.Request{}, true},
		{"bad limit", "limit=ten", index.Request{}, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v, err := url.ParseQuery(c.query)
			if err != nil {
				t.Fatal(err)
			}
			got, err := SearchRequest(v)
			if c.err {
				if !errors.Is(err, errBadParam) {
					t.Fatalf("error %v, want errBadParam", err)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(got, c.want) {
				t.Errorf("SearchRequest(%s) = %+v, %v\nwant %+v", c.query, got, err, c.want)
			}
		})
	}
}

// FuzzSearchRequest: any query string gives a request within the limits
// or an errBadParam, never a panic.
func FuzzSearchRequest(f *testing.F) {
	for _, s := range []string{"q=行政复议&year=2019..2023", "offset=9990&limit=10", "year=..", "limit=-1", "failed-checks=maybe&facets=,,,"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		req, err := SearchRequest(v)
		if err != nil {
			if !errors.Is(err, errBadParam) {
				t.Fatalf("error %v is not errBadParam", err)
			}
			return
		}
		if req.Offset < 0 || req.Limit < 0 || req.Offset+req.Limit > index.MaxWindow || len(req.Query) > MaxQueryBytes {
			t.Fatalf("request beyond the limits: %+v", req)
		}
	})
}
