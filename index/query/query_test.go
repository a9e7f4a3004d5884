package query

import (
	"errors"
	"strings"
	"testing"

	"gongkai/index"
)

func testSchema(name string) FieldKind {
	switch name {
	case "title", "office", "body":
		return TextField
	case "level", "province", "region_code", "office_kw", "office_full_kw", "template", "failed", "city", "county", "town":
		return KeywordField
	case "year", "apply_denied_total":
		return NumericField
	case "published":
		return DateField
	}
	return Unknown
}

func TestParse(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", "all"},
		{"便民服务中心", `"便民服务中心"`},
		{"政务 公开", `and("政务" "公开")`},
		{"政务　公开", `and("政务" "公开")`}, // ideographic space
		{"政务 OR 公开", `or("政务" "公开")`},
		{"政务|公开 条例", `and(or("政务" "公开") "条例")`},
		{"条例 -政府信息公开条例", `and("条例" not("政府信息公开条例"))`},
		{`"社会公益 组织"`, `"社会公益 组织"`},
		{`“依申请公开”`, `"依申请公开"`},
		{"岚综管办〔2018〕12号", `"岚综管办〔2018〕12号"`},
		{"LED 12345", `and("LED" "12345")`},
		{"apply_denied_total:>10", `apply_denied_total(10,+inf)`},
		{"year:2019..2023", `year[2019,2023]`},
		{"year:>=2020 year:<2023", `and(year[2020,+inf) year(-inf,2023))`},
		{"year:2021", `year[2021,2021]`},
		{`title:"年度报告"`, `title:"年度报告"`},
		{"level:county", `level="county"`},
		{"region_code:3505*", `region_code^="3505"`},
		{"(政务 OR 公开) -(条例 | 规定)", `and(or("政务" "公开") not(or("条例" "规定")))`},
		{"+条例 2020-2021", `and("条例" "2020-2021")`},
		{"--条例", `not("-条例")`},
		{"索引号：ABC", `"索引号：ABC"`},
		{"published:>=2023-01-01", `published[1672531200,+inf)`},
		{`published:<"2023-01-01"`, `published(-inf,1672531200)`},
	} {
		n, err := Parse(c.in, testSchema)
		if err != nil {
			t.Errorf("Parse(%q): %v", c.in, err)
			continue
		}
		got := n.String()
		if got != c.want {
			t.Errorf("Parse(%q) = %s, want %s", c.in, got, c.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, c := range []struct{ in, says string }{
		{`"政务公开`, "not closed"},
		{"(政务 公开", "not closed"},
		{"政务 )", "unmatched )"},
		{"OR 政务", "nothing before"},
		{"政务 OR", "nothing after"},
		{"nosuch:x", `unknown field "nosuch"`},
		{"year:abc", "not a number"},
		{"year:2023..2019", "empty"},
		{"published:yesterday", "not a date"},
		{`""`, "empty quotes"},
		{"title:", "no value"},
		{"level:>3", "not a numeric field"},
		{strings.Repeat("(", 20) + "a" + strings.Repeat(")", 20), "nested"},
		{strings.Repeat("a ", 3000), "bytes long"},
		{"\xff", "UTF-8"},
	} {
		_, err := Parse(c.in, testSchema)
		if err == nil {
			t.Errorf("Parse(%q): no error", c.in)
			continue
		}
		if !errors.Is(err, index.ErrBadQuery) || !strings.Contains(err.Error(), c.says) {
			t.Errorf("Parse(%q) = %v, want ErrBadQuery saying %q", c.in, err, c.says)
		}
	}
}

func TestFromRequest(t *testing.T) {
	r, err := FromRequest(index.Request{Query: "条例", Region: "3505", Level: "county", YearFrom: 2019, YearTo: 2021,
		FailedChecks: true, Sort: "-year", Facets: []string{"year"}, Limit: 20}, testSchema)
	if err != nil {
		t.Fatal(err)
	}
	want := `and(region_code^="3505" level="county" failed="true" year[2019,2021])`
	if r.Filter.String() != want || r.Query.String() != `"条例"` || len(r.Sort) != 1 || !r.Sort[0].Desc || r.Limit != 20 {
		t.Errorf("got filter %s query %s sort %+v limit %d", r.Filter, r.Query, r.Sort, r.Limit)
	}
	for _, bad := range []index.Request{{Facets: []string{"nope"}}, {Sort: "body"}, {Offset: index.MaxWindow}, {YearFrom: 2022, YearTo: 2020}} {
		if _, err := FromRequest(bad, testSchema); !errors.Is(err, index.ErrBadQuery) {
			t.Errorf("FromRequest(%+v) = %v, want ErrBadQuery", bad, err)
		}
	}
}
