package compare

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"gongkai/compare/comparetest"
	"gongkai/corpus"
)

func FuzzParseAliases(f *testing.F) {
	for _, s := range []string{"甲 = 乙\n", "# c\n\n a=b \n", "a\n", "=\n", "甲＝乙", "a = b = c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		list, err := ParseAliases(strings.NewReader(s))
		if err != nil {
			return
		}
		for _, a := range list {
			if a.A == "" || a.B == "" || strings.ContainsAny(a.A, "=＝") {
				t.Errorf("alias %+v from %q", a, s)
			}
		}
	})
}

// FuzzQuery runs the entry points on the fixture archive with arbitrary
// office names, regions, levels and metrics: they return a table or an
// error, never panic, and a table's rows match what was asked.
func FuzzQuery(f *testing.F) {
	st := fixture(f)
	for _, s := range [][4]string{
		{"青阳街道办事处", "泉州市", "township", "apply.denied.total"},
		{"晋江市人民政府", "3505", "", "rate.granted"},
		{"", "", "county", "review.total"},
		{"%", "_", "city", "active.a20_1.normative.valid"},
		{"街道", "'; DROP TABLE reports; --", "x", "rate."},
	} {
		f.Add(s[0], s[1], s[2], s[3])
	}
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, office, region, level, metric string) {
		if len(office) > 200 || len(region) > 200 || len(metric) > 200 {
			return
		}
		if tb, err := Rank(ctx, st, Filter{Office: office, Region: region, Levels: levelList(level)}, metric, 2023, 5); err == nil {
			if len(tb.Rows) > 5 {
				t.Errorf("rank: %d rows, limit 5", len(tb.Rows))
			}
			for _, r := range tb.Rows {
				if r.Metric != metric {
					t.Errorf("rank row metric %q, asked %q", r.Metric, metric)
				}
			}
		}
		if tb, err := OfficeYears(ctx, st, office, []string{metric}); err == nil && len(tb.Rows) != 1 {
			t.Errorf("office years: %d rows for one metric", len(tb.Rows))
		}
		if _, err := Coverage(ctx, st, Filter{Office: office, Region: region, Levels: levelList(level)}); err != nil && !strings.Contains(err.Error(), "office") && !strings.Contains(err.Error(), "level") {
			t.Errorf("coverage: %v", err)
		}
		Check(ctx, st, Filter{Office: office, Region: region, Levels: levelList(level), Check: metric})
	})
}

// benchArchive builds an archive of offices × years of constructed reports.
func benchArchive(b *testing.B, offices, years int) *corpus.Store {
	b.Helper()
	dir, err := os.MkdirTemp("", "compare-bench-")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { os.RemoveAll(dir) })
	st, err := corpus.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	var entries []corpus.Entry
	for i := 0; i < offices; i++ {
		for y := 0; y < years; y++ {
			d := comparetest.Rep{
				Name: fmt.Sprintf("bench-%d-%d.txt", i, y), Office: fmt.Sprintf("第%d街道办事处", i), Full: fmt.Sprintf("晋江市第%d街道办事处", i),
				Province: "福建省", City: "泉州市", County: "晋江市", Town: fmt.Sprintf("第%d街道", i), Code: fmt.Sprintf("350582%03d", i%1000),
				Level: "township", Kind: "subdistrict", Year: 2019 + y, Template: corpus.Template2021,
				Apply: map[string]float64{"new_received": float64(i + y), "carried_over": float64(y), "granted": float64(i), "denied_third_party": float64(y),
					"result_total": float64(i + y), "carry_forward": float64(y + 1)},
				Active: map[string]float64{"a20_1.normative.issued": 1, "a20_1.normative.repealed": 0, "a20_1.normative.valid": float64(10 + y)},
			}
			r := d.Report()
			entries = append(entries, corpus.Entry{SHA256: r.Source.SHA256, Size: 1, Format: "text", Origin: corpus.Origin{Kind: "file", Path: d.Name}, Report: r})
		}
	}
	if err := st.Commit(context.Background(), entries); err != nil {
		b.Fatal(err)
	}
	return st
}

func BenchmarkQueries(b *testing.B) {
	st := benchArchive(b, 400, 5) // 2000 reports
	ctx := context.Background()
	b.Run("Rank", func(b *testing.B) {
		for b.Loop() {
			if _, err := Rank(ctx, st, Filter{Region: "泉州市", Levels: []string{"township"}}, "apply.denied.total", 2021, 20); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("OfficeYears", func(b *testing.B) {
		for b.Loop() {
			if _, err := OfficeYears(ctx, st, "晋江市第7街道办事处", nil); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Coverage", func(b *testing.B) {
		for b.Loop() {
			if _, err := Coverage(ctx, st, Filter{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Check", func(b *testing.B) {
		for b.Loop() {
			if _, err := Check(ctx, st, Filter{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// levelList is the filter's levels for one fuzzed level ("": none).
func levelList(level string) []string {
	if level == "" {
		return nil
	}
	return []string{level}
}
