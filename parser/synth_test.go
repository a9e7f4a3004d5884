package parser

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"gongkai/corpus"
	"gongkai/parser/doc"
)

// renditions are the formats the generator writes for every report.
var renditions = []string{".html", ".txt", ".md", ".docx", ".doc", ".pdf"}

// TestSynthRenditions parses every rendition of every generated report in
// testdata/synth and compares it with the report's known truth: metadata,
// every table value, blanks and dashes, and the deliberately broken check.
// All renditions of one report must give the same record.
func TestSynthRenditions(t *testing.T) {
	truths, err := filepath.Glob(filepath.Join("..", "testdata", "synth", "*.truth.json"))
	if err != nil || len(truths) == 0 {
		t.Fatalf("no generated reports in testdata/synth (%v)", err)
	}
	// Parse every rendition concurrently first (a .doc waits seconds for
	// LibreOffice), then compare them in order.
	type parsed struct {
		r   *corpus.Report
		err error
	}
	results := make([][]parsed, len(truths))
	sem := make(chan struct{}, 4)
	var wg sync.WaitGroup
	for ti, tf := range truths {
		base := strings.TrimSuffix(tf, ".truth.json")
		results[ti] = make([]parsed, len(renditions))
		for i, ext := range renditions {
			wg.Add(1)
			go func() {
				defer wg.Done()
				sem <- struct{}{}
				defer func() { <-sem }()
				data, err := os.ReadFile(base + ext)
				if err != nil {
					results[ti][i].err = err
					return
				}
				results[ti][i].r, results[ti][i].err = Parse(context.Background(), data, filepath.Base(base)+ext)
			}()
		}
	}
	wg.Wait()
	for ti, tf := range truths {
		base := strings.TrimSuffix(tf, ".truth.json")
		var truth corpus.Report
		b, err := os.ReadFile(tf)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &truth); err != nil {
			t.Fatalf("%s: %v", tf, err)
		}
		var first *expected
		for i, ext := range renditions {
			name := filepath.Base(base) + ext
			t.Run(name, func(t *testing.T) {
				r, err := results[ti][i].r, results[ti][i].err
				if errors.Is(err, os.ErrNotExist) {
					t.Skipf("%s not generated", name)
				}
				if errors.Is(err, doc.ErrNoConverter) {
					t.Skipf("%s: LibreOffice (soffice) not installed, needed for .doc: %v", name, err)
				}
				if err != nil {
					t.Fatalf("Parse: %v", err)
				}
				for _, d := range compareTruth(&truth, r) {
					t.Error(d)
				}
				e := expectedOf(r)
				e.Region.Code = ""
				if first == nil {
					first = &e
				} else if a, b := mustJSON(*first), mustJSON(e); a != b {
					t.Errorf("record differs from the %s rendition:\n%s", renditions[0], lineDiff(a, b))
				}
			})
		}
	}
}

func mustJSON(v any) string {
	b, _ := json.MarshalIndent(v, "", "  ")
	return string(b)
}

// compareTruth lists every difference between a parsed report and the
// generator's truth.
func compareTruth(want, got *corpus.Report) []string {
	var diffs []string
	eq := func(field string, w, g any) {
		if fmt.Sprint(w) != fmt.Sprint(g) {
			diffs = append(diffs, fmt.Sprintf("%s = %v, want %v", field, g, w))
		}
	}
	eq("title", want.Title, got.Title)
	eq("office", want.Office, got.Office)
	eq("office_full", want.OfficeFull, got.OfficeFull)
	eq("level", want.Level, got.Level)
	eq("kind", want.Kind, got.Kind)
	eq("year", want.Year, got.Year)
	eq("published", want.Published, got.Published)
	if got.Signed != "" && got.Signed != want.Published {
		diffs = append(diffs, fmt.Sprintf("signed = %s, want %s (the generator signs on the publication day) or none", got.Signed, want.Published))
	}
	eq("template", want.Template, got.Template)
	eq("province", want.Region.Province, got.Region.Province)
	eq("county", want.Region.County, got.Region.County)
	eq("town", want.Region.Town, got.Region.Town)
	if !strings.HasPrefix(got.Region.Code, want.Region.Code) {
		diffs = append(diffs, fmt.Sprintf("region code %s, want within %s", got.Region.Code, want.Region.Code))
	}
	for _, k := range []string{"active", "apply", "review"} {
		if want.Templates[k] != "" {
			eq("templates."+k, want.Templates[k], got.Templates[k])
		}
	}
	var titles []string
	for _, s := range got.Sections {
		if s.No > 0 { // the generator's truth lists the numbered sections; section 0 is checked by TestSectionsKeepText
			titles = append(titles, s.Title)
		}
	}
	var wantTitles []string
	for _, s := range want.Sections {
		wantTitles = append(wantTitles, s.Title)
	}
	eq("sections", strings.Join(wantTitles, "/"), strings.Join(titles, "/"))
	diffs = append(diffs, compareValues(want, got)...)
	for _, c := range want.Checks {
		for _, g := range got.Checks {
			if g.ID == c.ID && g.Status != c.Status {
				diffs = append(diffs, fmt.Sprintf("check %s = %s, want %s", c.ID, g.Status, c.Status))
			}
		}
	}
	return diffs
}

// compareValues compares every table value by key, blanks included.
func compareValues(want, got *corpus.Report) []string {
	var diffs []string
	show := func(p *float64) string {
		if p == nil {
			return "null"
		}
		return corpus.FormatValue(*p)
	}
	wantKeys, gotKeys := valueMap(want), valueMap(got)
	var keys []string
	for k := range wantKeys {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		g, ok := gotKeys[k]
		if !ok {
			diffs = append(diffs, fmt.Sprintf("%s missing, want %s", k, show(wantKeys[k])))
			continue
		}
		if show(g) != show(wantKeys[k]) {
			diffs = append(diffs, fmt.Sprintf("%s = %s, want %s", k, show(g), show(wantKeys[k])))
		}
	}
	for k := range gotKeys {
		if _, ok := wantKeys[k]; !ok && len(wantKeys) > 0 {
			diffs = append(diffs, fmt.Sprintf("%s = %s, not in the truth", k, show(gotKeys[k])))
		}
	}
	return diffs
}

func valueMap(r *corpus.Report) map[string]*float64 {
	m := map[string]*float64{}
	t := &r.Tables
	for k, v := range t.Active {
		m["active."+k] = v
	}
	for row, vals := range t.Apply {
		for c, v := range vals {
			m["apply."+row+"."+corpus.ApplyColumns[c]] = v
		}
	}
	for name, vals := range map[string][]*float64{"review": t.Review, "suit_direct": t.SuitDirect, "suit_after_review": t.SuitAfterReview, "suit": t.Suit} {
		for c, v := range vals {
			m[name+"."+corpus.ReviewColumns[c]] = v
		}
	}
	return m
}
