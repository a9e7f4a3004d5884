package figures_test

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"gongkai/corpus"
	"gongkai/parser/figures"
	"gongkai/synth"
)

// Thresholds for the measurement against the generator's truth. The
// generator states its figures in about twenty phrasings that real reports
// use ("本年度共收到政府信息公开申请N件", "未发生…被申请行政复议、提起行政诉讼的
// 情况" …), each the only phrasing of its key in its kind of report. A
// phrasing the extractor cannot read therefore loses a whole class, 3–15 %
// of the ~3,000 figures of 500 reports (结转下年度继续办理N件 alone was 2.8 %),
// while random slips are absent: the text is regular. A bar of 0.98 fails on
// any lost phrasing class and any systematic false positive, and leaves room
// for a rare clash of generated wording; it is above the 0.95 a
// hand-labelled real corpus would justify because synthetic text is easier.
const (
	synthReports   = 500
	minRecall      = 0.98
	minPrecision   = 0.98
	maxListedMisms = 12
)

// tally counts matches by key.
type tally struct{ tp, fn, fp int }

// figureID is what a figure is compared by: key, scope and value.
func figureID(f corpus.Figure) string {
	return f.Key + "|" + f.Scope + "|" + corpus.FormatValue(f.Value)
}

// TestExtract_SynthTruth runs Extract on the text rendition of generated
// reports and compares with the figures the generator states
// (Truth.Figures) by (key, scope, value). Recall is the share of stated
// figures found. A figure found but not stated counts against precision only
// when its key is one the generator states (the keys of Truth.Figures over
// all reports, logged): the generator also prints counts it does not list
// (部分公开N件, the legacy 统计表), and reading those is not an error.
func TestExtract_SynthTruth(t *testing.T) {
	specs := synth.Generate(synth.Options{Seed: 1}, synthReports)
	renditions := []struct {
		name   string
		render func(synth.Spec) []byte
	}{
		{"text", synth.RenderText},
		{"markdown", synth.RenderMarkdown},
	}
	for _, r := range renditions {
		t.Run(r.name, func(t *testing.T) { measure(t, specs, r.render) })
	}
}

// measure compares Extract on one rendition of specs with their truth.
func measure(t *testing.T, specs []synth.Spec, render func(synth.Spec) []byte) {
	stated := statedKeys(specs)
	byKey := make(map[string]*tally)
	get := func(k string) *tally {
		if byKey[k] == nil {
			byKey[k] = &tally{}
		}
		return byKey[k]
	}
	var misses []string
	unlisted := make(map[string]int) // figures of keys the generator does not list
	for _, s := range specs {
		want := make(map[string]bool)
		for _, f := range s.Truth.Figures {
			want[figureID(f)] = true
		}
		got := make(map[string]bool)
		text := string(render(s))
		for _, f := range figures.Extract(text, s.Truth.Year) {
			id := figureID(f)
			got[id] = true
			switch {
			case want[id]:
				get(f.Key).tp++
			case stated[f.Key]:
				get(f.Key).fp++
				misses = append(misses, fmt.Sprintf("%s FP %s (%q)", s.ID, id, f.Text))
			default:
				unlisted[f.Key]++
			}
		}
		for _, f := range s.Truth.Figures {
			if id := figureID(f); !got[id] {
				get(f.Key).fn++
				misses = append(misses, fmt.Sprintf("%s FN %s (%q)", s.ID, id, f.Text))
			}
		}
	}
	var all tally
	keys := make([]string, 0, len(byKey))
	for k, c := range byKey {
		keys = append(keys, k)
		all.tp, all.fn, all.fp = all.tp+c.tp, all.fn+c.fn, all.fp+c.fp
	}
	sort.Strings(keys)
	t.Logf("keys the generator states (precision counted on these): %s", strings.Join(sortedKeys(stated), ", "))
	for _, k := range keys {
		c := byKey[k]
		t.Logf("  %-36s tp %4d  fn %3d  fp %3d", k, c.tp, c.fn, c.fp)
	}
	for _, k := range sortedKeys(keySet(unlisted)) {
		t.Logf("  %-36s found %4d (key not listed by the generator: not scored)", k, unlisted[k])
	}
	recall := ratio(all.tp, all.tp+all.fn)
	precision := ratio(all.tp, all.tp+all.fp)
	t.Logf("%d reports, %d stated figures: recall %.4f, precision %.4f (tp %d, fn %d, fp %d)",
		len(specs), all.tp+all.fn, recall, precision, all.tp, all.fn, all.fp)
	for i, m := range misses {
		if i == maxListedMisms {
			t.Logf("  … %d more", len(misses)-i)
			break
		}
		t.Log("  " + m)
	}
	if all.tp+all.fn == 0 {
		t.Fatal("the generator stated no figures: nothing was measured")
	}
	if recall < minRecall || precision < minPrecision {
		t.Errorf("recall %.4f (min %.2f), precision %.4f (min %.2f)", recall, minRecall, precision, minPrecision)
	}
}

// statedKeys returns the keys that occur in the truth of any spec.
func statedKeys(specs []synth.Spec) map[string]bool {
	keys := make(map[string]bool)
	for _, s := range specs {
		for _, f := range s.Truth.Figures {
			keys[f.Key] = true
		}
	}
	return keys
}

func keySet(m map[string]int) map[string]bool {
	out := make(map[string]bool, len(m))
	for k := range m {
		out[k] = true
	}
	return out
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}
