package synth

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"gongkai/corpus"
)

//go:generate go test -run TestGoldenSet -regen .

var regen = flag.Bool("regen", false, "regenerate ../testdata/synth (and PDF/DOC renditions when soffice exists)")

// goldenDir is the shared fixture set of generated reports.
const goldenDir = "../testdata/synth"

// goldenSeed is the seed the fixture set is drawn from.
const goldenSeed = 20240601

// goldenCase picks the first generated report that fits a description.
type goldenCase struct {
	name string
	fits func(*Spec) bool
}

func hasState(s *Spec, state string) bool {
	for _, c := range s.Truth.Cells {
		if c.State == state {
			return true
		}
	}
	return false
}

func total(s *Spec, row string) float64 {
	v, _ := s.Truth.Value("apply." + row + ".total")
	return v
}

var goldenCases = []goldenCase{
	{"example-2021", func(s *Spec) bool {
		return s.Truth.Template == corpus.Template2021 && s.Truth.Level == "township" && s.BrokenRule == "" &&
			total(s, "new_received") >= 2 && !hasState(s, corpus.StateBlank) && !hasState(s, corpus.StateDash)
	}},
	{"template-2019", func(s *Spec) bool {
		return s.Truth.Template == corpus.Template2019 && s.Truth.Year == 2020 && s.Truth.Level == "county" &&
			s.Truth.Kind == "government" && s.BrokenRule == "" && total(s, "new_received") >= 10
	}},
	{"straggler-2022-on-2019", func(s *Spec) bool {
		return s.Truth.Template == corpus.Template2019 && s.Truth.Year == 2022 && s.BrokenRule == ""
	}},
	{"legacy-2016-stats", func(s *Spec) bool {
		return s.Truth.Template == corpus.TemplateLegacy && s.Truth.Year >= 2014 && s.Stats != nil && s.Truth.Level == "county"
	}},
	{"legacy-2010", func(s *Spec) bool {
		return s.Truth.Template == corpus.TemplateLegacy && s.Truth.Year <= 2012 && s.Truth.Level == "township"
	}},
	{"township-blanks-dashes", func(s *Spec) bool {
		return s.Truth.Level == "township" && s.Truth.Template != corpus.TemplateLegacy && hasState(s, corpus.StateBlank) && hasState(s, corpus.StateDash)
	}},
	{"city-large", func(s *Spec) bool {
		return s.Truth.Level == "city" && s.Truth.Kind == "government" && s.Truth.Template == corpus.Template2021 &&
			total(s, "new_received") >= 500 && s.BrokenRule == "" && s.Truth.Tables.Active["a20_8.fees.amount_wan"] != nil &&
			*s.Truth.Tables.Active["a20_8.fees.amount_wan"] != float64(int(*s.Truth.Tables.Active["a20_8.fees.amount_wan"]))
	}},
	{"broken-c1", func(s *Spec) bool { return s.BrokenRule == "C1" && s.Truth.Template == corpus.Template2021 }},
}

// goldenSpecs finds the fixture reports deterministically.
func goldenSpecs(t *testing.T) map[string]Spec {
	out := map[string]Spec{}
	specs := Generate(Options{Seed: goldenSeed, BadArithmeticShare: 0.05}, 4000)
	for _, gc := range goldenCases {
		for i := range specs {
			if gc.fits(&specs[i]) {
				out[gc.name] = specs[i]
				break
			}
		}
		if _, ok := out[gc.name]; !ok {
			t.Fatalf("no generated report fits %s", gc.name)
		}
	}
	return out
}

// goldenFiles renders every deterministic file of the set.
func goldenFiles(t *testing.T) map[string][]byte {
	files := map[string][]byte{}
	for name, s := range goldenSpecs(t) {
		files[name+".html"] = RenderHTML(s)
		files[name+".txt"] = RenderText(s)
		files[name+".md"] = RenderMarkdown(s)
		d, err := RenderDOCX(s)
		if err != nil {
			t.Fatal(err)
		}
		files[name+".docx"] = d
		truth, err := json.MarshalIndent(s.Truth, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		files[name+".truth.json"] = append(truth, '\n')
	}
	for i, kind := range BrokenKinds() {
		bn, d := RenderBroken(kind, uint64(1000+i))
		files[filepath.Join("broken", bn)] = d
	}
	return files
}

// TestGoldenSet checks that ../testdata/synth matches what the generator
// makes now; -regen rewrites it (and adds .pdf/.doc when soffice exists).
func TestGoldenSet(t *testing.T) {
	files := goldenFiles(t)
	if *regen {
		if err := os.MkdirAll(filepath.Join(goldenDir, "broken"), 0o755); err != nil {
			t.Fatal(err)
		}
		for name, d := range files {
			if err := os.WriteFile(filepath.Join(goldenDir, name), d, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		regenConverted(t, files)
		return
	}
	matches, _ := filepath.Glob(filepath.Join(goldenDir, "*.truth.json"))
	if len(matches) == 0 {
		t.Fatalf("no fixtures in %s: run go test -run TestGoldenSet -regen", goldenDir)
	}
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join(goldenDir, name))
		if err != nil {
			t.Errorf("%s: %v (run with -regen)", name, err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from the generator's output (run with -regen if the change is intended)", name)
		}
	}
}

// regenConverted writes PDF and DOC renditions of the fixture reports.
func regenConverted(t *testing.T, files map[string][]byte) {
	if _, err := exec.LookPath("soffice"); err != nil {
		t.Log("soffice not installed: .pdf/.doc fixtures not written")
		return
	}
	for _, gc := range goldenCases {
		for _, format := range []string{"pdf", "doc"} {
			out, err := Convert(context.Background(), files[gc.name+".docx"], format)
			if err != nil {
				t.Fatalf("%s.%s: %v", gc.name, format, err)
			}
			if err := os.WriteFile(filepath.Join(goldenDir, gc.name+"."+format), out, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
