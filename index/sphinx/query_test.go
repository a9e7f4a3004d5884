package sphinx

import (
	"errors"
	"strings"
	"testing"

	"gongkai/index"
	gq "gongkai/index/query"
)

// TestCompile checks the SphinxQL that query trees compile to, where the
// conformance suite (which needs searchd) does not look: errors, the
// region filter's prefix tokens, NOT next to attribute conditions.
func TestCompile(t *testing.T) {
	an, err := newAnalyzers()
	if err != nil {
		t.Fatal(err)
	}
	compile := func(req index.Request) (cond, []string, error) {
		pr, err := gq.FromRequest(req, gq.Fields)
		if err != nil {
			return none, nil, err
		}
		return an.compile(pr)
	}
	tests := []struct {
		name       string
		req        index.Request
		text, attr []string // substrings of the MATCH expression and of the attribute condition
		bad        bool
	}{
		{name: "region name start", req: index.Request{Region: "测试"},
			text: []string{prefixToken(index.FieldProvince, "测试"), prefixToken(index.FieldTown, "测试")}},
		{name: "region code", req: index.Request{Region: "9901"}, text: []string{"_r9901"}},
		{name: "not a range beside text", req: index.Request{Query: "条例 -year:2020"},
			text: []string{"@body_bi 条例"}, attr: []string{"NOT (", "year >= 2020", "year <= 2020"}},
		{name: "not text and not range", req: index.Request{Query: `条例 -"行政诉讼" -year:>2020`},
			text: []string{docToken + " -("}, attr: []string{"NOT (", "year > 2020"}},
		{name: "date range in seconds", req: index.Request{Query: "published:2021"},
			attr: []string{"published*86400 >= 1609459200", "published*86400 < 1640995200"}},
		{name: "figure × 100", req: index.Request{Query: "apply_denied_total:>10"}, attr: []string{"apply_denied_total > 1000"}},
		{name: "body field is the exact string", req: index.Request{Query: "body:公开条例"}, text: []string{`@body_bi "公开 开条 条例"`}},
		{name: "office key", req: index.Request{OfficeKeys: []string{"测试市乙局|990100"}},
			text: []string{keywordToken(index.FieldOfficeKey, "测试市乙局|990100")}},
		{name: "or of text and range", req: index.Request{Query: "条例 | year:2020"}, bad: true},
		{name: "headings", req: index.Request{Query: "heads:总体情况"}, bad: true},
		{name: "prefix of another keyword", req: index.Request{Query: "level:cou*"}, bad: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, _, err := compile(tc.req)
			if tc.bad {
				if !errors.Is(err, index.ErrBadQuery) {
					t.Fatalf("got %+v, %v; want ErrBadQuery", c, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range tc.text {
				if !strings.Contains(c.text, s) {
					t.Errorf("MATCH %q lacks %q", c.text, s)
				}
			}
			for _, s := range tc.attr {
				if !strings.Contains(c.attr, s) {
					t.Errorf("condition %q lacks %q", c.attr, s)
				}
			}
		})
	}
	// Snippets mark the positive strings of the text, cleaned as on bleve.
	_, terms, err := compile(index.Request{Query: `"行政 复议" -诉讼 office:某局`})
	if err != nil || len(terms) != 1 || terms[0] != "行政复议" {
		t.Errorf("snippet terms %q (%v), want [行政复议]", terms, err)
	}
}
