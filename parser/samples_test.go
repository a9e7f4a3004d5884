package parser

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"gongkai/corpus"

	goldenfile "gongkai/internal/golden"
)

// samplesDir returns $GONGKAI_SAMPLES, else ../shared/samples beside the
// module root; it skips the test when the folder is absent.
func samplesDir(t testing.TB) string {
	t.Helper()
	d, why := findSamples()
	if d == "" {
		t.Skip(why)
	}
	return d
}

// samplesDirOrEmpty is samplesDir for tests that run without the samples.
func samplesDirOrEmpty() string {
	d, _ := findSamples()
	return d
}

func findSamples() (dir, why string) {
	if d := os.Getenv("GONGKAI_SAMPLES"); d != "" {
		return d, ""
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", err.Error()
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", "samples not found: set GONGKAI_SAMPLES to the folder of real reports"
		}
		dir = parent
	}
	d := filepath.Join(dir, "..", "shared", "samples")
	if _, err := os.Stat(d); err != nil {
		return "", fmt.Sprintf("samples not found at %s: set GONGKAI_SAMPLES to the folder of real reports", d)
	}
	return d, ""
}

// expected is what a golden file keeps of a report: metadata, every table
// value, which cells are uncertain and each check's status — not the text.
type expected struct {
	Title      string            `json:"title"`
	Office     string            `json:"office"`
	OfficeFull string            `json:"office_full"`
	Region     corpus.Region     `json:"region"`
	Level      string            `json:"level"`
	Kind       string            `json:"kind"`
	Year       int               `json:"year"`
	Published  string            `json:"published"`
	Signed     string            `json:"signed"`
	Template   string            `json:"template"`
	Templates  map[string]string `json:"templates"`
	Sections   []string          `json:"sections"`
	Tables     corpus.Tables     `json:"tables"`
	Uncertain  []string          `json:"uncertain"`
	Checks     map[string]string `json:"checks"`
	Figures    []string          `json:"figures"`
}

func expectedOf(r *corpus.Report) expected {
	e := expected{Title: r.Title, Office: r.Office, OfficeFull: r.OfficeFull, Region: r.Region, Level: r.Level, Kind: r.Kind,
		Year: r.Year, Published: r.Published, Signed: r.Signed, Template: r.Template, Templates: r.Templates, Tables: r.Tables,
		Uncertain: []string{}, Checks: map[string]string{}, Sections: []string{}, Figures: []string{}}
	for _, s := range r.Sections {
		e.Sections = append(e.Sections, s.Title)
	}
	for _, c := range r.Cells {
		if c.Uncertain {
			e.Uncertain = append(e.Uncertain, c.Key)
		}
	}
	for _, c := range r.Checks {
		e.Checks[c.ID] = c.Status
	}
	for _, f := range r.Figures {
		e.Figures = append(e.Figures, f.Key+"="+corpus.FormatValue(f.Value)+" "+f.Scope)
	}
	sort.Strings(e.Figures)
	return e
}

// golden compares got with testdata/<name>.golden.json, or rewrites it
// with -update.
func golden(t *testing.T, path string, got any) {
	t.Helper()
	goldenfile.JSON(t, path, got)
}

func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var sb strings.Builder
	n := 0
	for i := 0; i < max(len(w), len(g)) && n < 40; i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			sb.WriteString("- " + a + "\n+ " + b + "\n")
			n++
		}
	}
	return sb.String()
}

// TestSamples parses every real sample and compares it with its golden
// file, checked by hand against the document.
func TestSamples(t *testing.T) {
	dir := samplesDir(t)
	files, err := filepath.Glob(filepath.Join(dir, "*-*.*"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no sample reports in %s", dir)
	}
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			r, err := Parse(context.Background(), data, name)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			golden(t, filepath.Join("testdata", "samples", name+".golden.json"), expectedOf(r))
		})
	}
}
