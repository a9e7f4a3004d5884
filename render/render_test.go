package render

import (
	"bytes"
	"strings"
	"testing"

	"gongkai/corpus"
)

func TestSummary(t *testing.T) {
	two, one := 2.0, 1.0
	r := &corpus.Report{ID: "abc", Title: "青阳街道办事处2020年政府信息公开工作年度报告", Office: "青阳街道办事处", Year: 2020,
		Template: "2019", Templates: map[string]string{"apply": "2019"},
		Tables: corpus.Tables{Apply: map[string][]*float64{"new_received": {&two}}},
		Cells: []corpus.Cell{
			{Key: "apply.new_received.natural_person", Value: &two, Raw: "2", State: corpus.StateNumber},
			{Key: "apply.new_received.commercial", Raw: "", State: corpus.StateBlank},
			{Key: "apply.new_received.research", Raw: "77132470", State: corpus.StateText, Uncertain: true},
			{Key: "apply.new_received.total", Value: &one, Raw: "1", State: corpus.StateNumber},
		},
		Checks: []corpus.Check{{ID: "C2", Status: corpus.CheckFail, Detail: "does not hold"}}}
	var b bytes.Buffer
	if err := Summary(&b, r); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{"青阳街道办事处", "table 三", "一、本年新收", "·", "?", "check C2 FAIL"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	// Columns line up although the labels are Chinese.
	var widths []int
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, "本年新收") || strings.Contains(l, "自然人") {
			widths = append(widths, Width(l))
		}
	}
	if len(widths) == 2 && widths[0] != widths[1] {
		t.Errorf("rows of different widths %v:\n%s", widths, out)
	}
}
