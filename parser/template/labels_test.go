package template

import (
	"testing"

	"gongkai/corpus"
	"gongkai/parser/text"
)

// TestLabelMatching covers label variants seen in real reports (reference
// §4.5): widths, quotes, spaces inside words, abbreviations, a typo, and a
// label split over lines.
func TestLabelMatching(t *testing.T) {
	tests := []struct{ label, key string }{
		{"(二)部分公开", "partial"},
		{"（二）部分公开（区分处理）", "partial"},
		{"3.危及\"三安全一稳定\"", "denied_security_stability"},
		{"3．危及三安全一稳定", "denied_security_stability"},
		{"2.其他法律行政止公开", "denied_law_prohibited"},
		{"1.本机关不掌握\n相关政府信息", "unable_not_held"},
		{"本 年 新 收 政府信息公开申请数量", "new_received"},
		{"2. 申请人逾期未缴费、行政机关不再处理其政府信息公开申请", "other_no_fee"},
		{"3.其他原因", "other_misc"},
	}
	for _, tc := range tests {
		t.Run(tc.label, func(t *testing.T) {
			doc, _ := text.Extract([]byte("x\n"+tc.label+"\n"), false)
			st := newStream(doc)
			var l rowLabel
			for _, cand := range applyLabels(corpus.Template2021) {
				if cand.key == tc.key {
					l = cand
				}
			}
			if _, ok := st.findLabel(l, 0, len(st.compact)); !ok {
				t.Errorf("label %q not matched as %s", tc.label, tc.key)
			}
		})
	}
}
