package figures

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gongkai/corpus"
	"gongkai/internal/golden"
)

// samplesDir finds the real sample reports: $GONGKAI_SAMPLES, else
// ../shared/samples beside the module root.
func samplesDir(t testing.TB) string {
	if d := os.Getenv("GONGKAI_SAMPLES"); d != "" {
		return d
	}
	dir, err := os.Getwd()
	if err != nil {
		t.Fatalf("getwd: %v", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "..", "shared", "samples")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// readSample returns a sample's text, skipping the test when it is absent.
func readSample(t testing.TB, name string) string {
	dir := samplesDir(t)
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Skipf("sample %s not available (set GONGKAI_SAMPLES): %v", name, err)
	}
	return string(b)
}

// goldenFigure is a figure as kept in a golden file. The clause (Text) is
// left out: the samples' text must not be copied into the repository.
type goldenFigure struct {
	Key    string  `json:"key"`
	Value  float64 `json:"value"`
	Unit   string  `json:"unit"`
	Scope  string  `json:"scope"`
	Approx bool    `json:"approx"`
}

// sampleYears are the samples with golden files and their reporting years,
// by file name without extension.
var sampleYears = map[string]int{
	"fujian-pingtan-county-2011":     2011,
	"fujian-pingtan-dishuiju-2013":   2013,
	"fujian-pingtan-2016":            2016,
	"fujian-pingtan-2018":            2018,
	"fujian-jinjiang-qingyang-2020":  2020,
	"shanghai-municipal-office-2025": 2025,
	"shanghai-stcsm-kewei-2024":      2024,
}

// sampleExt gives the extension of samples that are not .txt. The Markdown
// samples are read as they are (hard-wrapped lines, pipe tables); the parser
// passes much the same text.
var sampleExt = map[string]string{
	"shanghai-municipal-office-2025": ".md",
	"shanghai-stcsm-kewei-2024":      ".md",
}

// sampleText returns the text of a sample named without extension.
func sampleText(t testing.TB, name string) string {
	ext := sampleExt[name]
	if ext == "" {
		ext = ".txt"
	}
	return readSample(t, name+ext)
}

func TestExtract_Golden(t *testing.T) {
	goldens, err := filepath.Glob("testdata/*.golden.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(goldens) == 0 && !golden.Update() {
		t.Fatal("no testdata/*.golden.json: the harness found zero cases")
	}
	names := make(map[string]bool)
	for _, g := range goldens {
		names[strings.TrimSuffix(filepath.Base(g), ".golden.json")] = true
	}
	for name := range sampleYears {
		names[name] = true
	}
	for name := range names {
		t.Run(name, func(t *testing.T) {
			year, ok := sampleYears[name]
			if !ok {
				t.Fatalf("golden %s has no sample year", name)
			}
			text := sampleText(t, name)
			got := toGolden(Extract(text, year))
			golden.JSON(t, filepath.Join("testdata", name+".golden.json"), got)
		})
	}
}

func toGolden(figs []corpus.Figure) []goldenFigure {
	out := make([]goldenFigure, len(figs))
	for i, f := range figs {
		out[i] = goldenFigure{Key: f.Key, Value: f.Value, Unit: f.Unit, Scope: f.Scope, Approx: f.Approx}
	}
	return out
}

// TestExtract_SampleHeadlines asserts the headline figures checked by hand
// against each report, independent of the goldens.
func TestExtract_SampleHeadlines(t *testing.T) {
	cases := []struct {
		sample string
		want   []string // "key scope value"
		absent []string // "key scope": figures the report does not state
	}{
		{"fujian-pingtan-county-2011", []string{
			"active.total year 425", "active.total cumulative 1516", "apply.new_received.total year 0",
			"apply.new_received.total cumulative 0", "review.total year 0", "suit.total year 0", "complaints.total year 0"}, nil},
		{"fujian-pingtan-dishuiju-2013", []string{
			"active.total year 45", "apply.new_received.total year 0", "review.total year 0"}, nil},
		{"fujian-pingtan-2016", []string{
			"active.total year 3460", "active.total cumulative 85376", "apply.new_received.total year 0",
			"review.total year 0", "suit.total year 0", "fees.amount year 0"}, nil},
		{"fujian-pingtan-2018", []string{
			"active.total year 2069", "active.total cumulative 12106", "apply.new_received.total year 0",
			"review.total year 0", "suit.total year 0"}, nil},
		{"fujian-jinjiang-qingyang-2020", []string{
			"active.total year 125", "active.total cumulative 1197", "apply.new_received.total year 2"}, nil},
		// 全年未发生因依申请公开被行政复议纠错或行政诉讼败诉情形: nothing was
		// corrected, but the report had 55 reviews (its table 五).
		{"shanghai-municipal-office-2025", []string{
			"apply.new_received.total year 1295", "apply.result_total.total year 1191", "apply.carried_over.total year 189",
			"apply.denied.total year 20", "apply.unable.total year 564", "apply.not_processed.total year 80",
			"apply.other.total year 319"}, []string{"review.total year", "suit.total year"}},
		{"shanghai-stcsm-kewei-2024", []string{
			"apply.new_received.total year 34", "apply.carried_over.total year 2", "apply.granted.total year 9",
			"apply.carry_forward.total year 1", "suit.total year 0"}, []string{"apply.result_total.total year"}},
	}
	for _, tc := range cases {
		t.Run(tc.sample, func(t *testing.T) {
			figs := Extract(sampleText(t, tc.sample), sampleYears[tc.sample])
			got := make(map[string]float64)
			for _, f := range figs {
				got[f.Key+" "+f.Scope] = f.Value
			}
			for _, w := range tc.want {
				i := strings.LastIndex(w, " ")
				v, ok := got[w[:i]]
				if !ok || corpus.FormatValue(v) != w[i+1:] {
					t.Errorf("%s: got %v (present %v)", w, v, ok)
				}
			}
			for _, a := range tc.absent {
				if v, ok := got[a]; ok {
					t.Errorf("%s: got %v, want no figure", a, v)
				}
			}
		})
	}
}
