package compare

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"gongkai/corpus"
	"gongkai/internal/golden"
)

// goldenCases are the outputs kept as golden files: testdata/golden/NAME.
var goldenCases = map[string]func(ctx context.Context, st *corpus.Store, w *bytes.Buffer) error{
	"office_years.txt": func(ctx context.Context, st *corpus.Store, w *bytes.Buffer) error {
		t, err := OfficeYears(ctx, st, "青阳街道办事处", append(DefaultMetrics, "rate.granted", "rate.review_corrected"))
		if err != nil {
			return err
		}
		return t.WriteText(w)
	},
	"office_years_legacy.txt": func(ctx context.Context, st *corpus.Store, w *bytes.Buffer) error {
		t, err := OfficeYears(ctx, st, "晋江市人民政府", nil)
		if err != nil {
			return err
		}
		return t.WriteText(w)
	},
	"office_years_luoshan.csv": func(ctx context.Context, st *corpus.Store, w *bytes.Buffer) error {
		t, err := OfficeYears(ctx, st, "罗山街道办事处", []string{"apply.new_received.total", "rate.granted"})
		if err != nil {
			return err
		}
		return t.WriteCSV(w)
	},
	"side_by_side.txt": func(ctx context.Context, st *corpus.Store, w *bytes.Buffer) error {
		t, err := SideBySide(ctx, st, []string{"青阳街道办事处", "罗山街道办事处", "湖滨街道办事处"}, 2023, nil)
		if err != nil {
			return err
		}
		return t.WriteText(w)
	},
	"rank.txt": func(ctx context.Context, st *corpus.Store, w *bytes.Buffer) error {
		t, err := Rank(ctx, st, Filter{Region: "泉州市", Levels: []string{"township"}}, "apply.denied.total", 2023, 20)
		if err != nil {
			return err
		}
		return t.WriteText(w)
	},
	"rank.json": func(ctx context.Context, st *corpus.Store, w *bytes.Buffer) error {
		t, err := Rank(ctx, st, Filter{}, "rate.denied", 2023, 3)
		if err != nil {
			return err
		}
		return t.WriteJSON(w)
	},
	"coverage.txt": func(ctx context.Context, st *corpus.Store, w *bytes.Buffer) error {
		g, err := Coverage(ctx, st, Filter{}, zoneAlias)
		if err != nil {
			return err
		}
		return g.WriteText(w)
	},
	"coverage.csv": func(ctx context.Context, st *corpus.Store, w *bytes.Buffer) error {
		g, err := Coverage(ctx, st, Filter{Region: "350582"})
		if err != nil {
			return err
		}
		return g.WriteCSV(w)
	},
	"check.txt": func(ctx context.Context, st *corpus.Store, w *bytes.Buffer) error {
		fs, err := Check(ctx, st, Filter{})
		if err != nil {
			return err
		}
		return WriteFindings(w, fs)
	},
	"check.json": func(ctx context.Context, st *corpus.Store, w *bytes.Buffer) error {
		fs, err := Check(ctx, st, Filter{Office: "青阳街道办事处"})
		if err != nil {
			return err
		}
		return writeJSON(w, fs)
	},
}

func TestGolden(t *testing.T) {
	st := fixture(t)
	files, err := filepath.Glob(filepath.Join("testdata", "golden", "*"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 && !golden.Update() {
		t.Fatal("no golden files in testdata/golden (run go test -update)")
	}
	for _, f := range files {
		if _, ok := goldenCases[filepath.Base(f)]; !ok {
			t.Errorf("stale golden file %s (no case makes it)", f)
		}
	}
	for name, make := range goldenCases {
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			if err := make(context.Background(), st, &b); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", "golden", name), b.Bytes())
		})
	}
}

func TestWriteText_Aligned(t *testing.T) {
	st := fixture(t)
	tb, err := SideBySide(context.Background(), st, []string{"青阳街道办事处", "湖滨"}, 2023, []string{"apply.new_received.total", "apply.granted.total"})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := tb.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(b.String(), "\n")
	// Title, head, two rows: the head and the rows end their value columns at the same display column.
	head, rows := lines[1], lines[2:4]
	end := DisplayWidth(head)
	for _, r := range rows {
		cut := strings.LastIndex(r, "  ") // before the sparkline
		if w := DisplayWidth(r[:cut]); w != end {
			t.Errorf("row %q ends its values at column %d, the head at %d", r, w, end)
		}
	}
}

func TestDisplayWidth(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int
	}{
		{"", 0}, {"abc", 3}, {"青阳", 4}, {"２０２３", 8}, {"a青b", 4}, {"e\u0301", 1}, {"75.0%", 5},
	} {
		t.Run(c.in, func(t *testing.T) {
			if got := DisplayWidth(c.in); got != c.want {
				t.Errorf("DisplayWidth(%q) = %d, want %d", c.in, got, c.want)
			}
		})
	}
}

func fp(v float64) *float64 { return &v }

func TestSparklineAndBar(t *testing.T) {
	for _, c := range []struct {
		name string
		in   []*float64
		want string
	}{
		{"rising", []*float64{fp(0), fp(1), fp(2), fp(7)}, "▁▂▃█"},
		{"gap", []*float64{fp(4), nil, fp(8)}, "▅ █"},
		{"all zero", []*float64{fp(0), fp(0)}, "▁▁"},
		{"empty", nil, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := Sparkline(c.in); got != c.want {
				t.Errorf("Sparkline = %q, want %q", got, c.want)
			}
		})
	}
	for _, c := range []struct {
		v, hi float64
		want  string
	}{
		{50, 50, strings.Repeat("█", 20)}, {6, 50, "██▍"}, {0, 50, ""}, {3, 0, ""},
	} {
		if got := Bar(c.v, c.hi, 20); got != c.want {
			t.Errorf("Bar(%v, %v) = %q, want %q", c.v, c.hi, got, c.want)
		}
	}
}

func TestMetric(t *testing.T) {
	r := &corpus.Report{Tables: corpus.Tables{
		Apply: map[string][]*float64{
			"granted":      {nil, nil, nil, nil, nil, nil, fp(6)},
			"denied":       {nil, nil, nil, nil, nil, nil, fp(2)},
			"result_total": {nil, nil, nil, nil, nil, nil, fp(8)},
		},
		Review: []*float64{fp(1), fp(2), fp(0), fp(1), fp(4)},
	}, Figures: []corpus.Figure{
		{Key: "suit.total", Value: 3, Scope: corpus.ScopeYear},
		{Key: "apply.unable.total", Value: 9, Scope: corpus.ScopeCumulative},
	}}
	zero := &corpus.Report{Tables: corpus.Tables{Apply: map[string][]*float64{"granted": {nil, nil, nil, nil, nil, nil, fp(0)}, "result_total": {nil, nil, nil, nil, nil, nil, fp(0)}}}}
	for _, c := range []struct {
		name     string
		r        *corpus.Report
		metric   string
		want     float64
		ok, text bool
	}{
		{"table value", r, "apply.granted.total", 6, true, false},
		{"rate", r, "rate.granted", 0.75, true, false},
		{"denied rate", r, "rate.denied", 0.25, true, false},
		{"review corrected over decided", r, "rate.review_corrected", 2.0 / 3, true, false},
		{"from text", r, "suit.total", 3, true, true},
		{"cumulative figure ignored", r, "apply.unable.total", 0, false, false},
		{"rate without numerator", r, "rate.unable", 0, false, false},
		{"zero denominator", zero, "rate.granted", 0, false, false},
		{"nil report", nil, "apply.granted.total", 0, false, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			v := Metric(c.r, c.metric)
			if v.OK != c.ok || v.FromText != c.text || (c.ok && v.V != c.want) {
				t.Errorf("Metric(%s) = %+v, want %v ok=%v text=%v", c.metric, v, c.want, c.ok, c.text)
			}
		})
	}
}

func TestParseAliases(t *testing.T) {
	for _, c := range []struct {
		name string
		in   string
		want []Alias
		err  bool
	}{
		{"lines", "# offices\n甲 = 乙\n\n丙＝丁\n", []Alias{{A: "甲", B: "乙"}, {A: "丙", B: "丁"}}, false},
		{"no equals", "甲 乙\n", nil, true},
		{"empty side", "甲 =\n", nil, true},
		{"empty file", "", nil, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := ParseAliases(strings.NewReader(c.in))
			if (err != nil) != c.err {
				t.Fatalf("err = %v, want error %v", err, c.err)
			}
			if len(got) != len(c.want) {
				t.Fatalf("got %v, want %v", got, c.want)
			}
			for i := range got {
				if got[i] != c.want[i] {
					t.Errorf("alias %d = %v, want %v", i, got[i], c.want[i])
				}
			}
		})
	}
}

func TestTableJSON_RoundTrip(t *testing.T) {
	st := fixture(t)
	tb, err := Rank(context.Background(), st, Filter{Region: "泉州市", Levels: []string{"township"}}, "apply.denied.total", 2023, 0)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := tb.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	var back Table
	if err := json.Unmarshal(b.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if len(back.Rows) != 3 || *back.Rows[0].Cells[0].Value != 6 || back.Rows[0].Label != "晋江市罗山街道办事处" {
		t.Errorf("round trip: %+v", back.Rows)
	}
}
