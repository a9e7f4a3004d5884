package parser

import (
	"testing"

	"gongkai/corpus"
)

func TestParseValue(t *testing.T) {
	tests := []struct {
		name, raw, state string
		num              float64
		unit             string
	}{
		{"blank", "", corpus.StateBlank, 0, ""},
		{"nbsp", "\u00a0 ", corpus.StateBlank, 0, ""},
		{"dash", "-", corpus.StateDash, 0, ""},
		{"em dash", "—", corpus.StateDash, 0, ""},
		{"slash", "/", corpus.StateDash, 0, ""},
		{"zero", "0", corpus.StateNumber, 0, ""},
		{"integer", "1532", corpus.StateNumber, 1532, ""},
		{"yuan", "251000元", corpus.StateNumber, 251000, "元"},
		{"wan yuan decimals", "4068.208万元", corpus.StateNumber, 4068.208, "万元"},
		{"plus sign", "+1036", corpus.StateNumber, 1036, ""},
		{"minus", "-8", corpus.StateNumber, -8, ""},
		{"full-width minus", "－185", corpus.StateNumber, -185, ""},
		{"full-width digits", "１２３", corpus.StateNumber, 123, ""},
		{"thousands", "1,234", corpus.StateNumber, 1234, ""},
		{"full-width thousands", "1，234", corpus.StateNumber, 1234, ""},
		{"unit jian", "5件", corpus.StateNumber, 5, ""},
		{"decimal", "8808257.32元", corpus.StateNumber, 8808257.32, "元"},
		{"text", "见附件", corpus.StateText, 0, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := parseValue(tc.raw)
			if v.state != tc.state || v.num != tc.num || v.unit != tc.unit {
				t.Errorf("parseValue(%q) = %+v, want state %s num %v unit %q", tc.raw, v, tc.state, tc.num, tc.unit)
			}
		})
	}
}

func TestCompactLabel(t *testing.T) {
	tests := map[string]string{
		"（一）予以公开":        "(一)予以公开",
		"3.危及“三安全一稳定”":   "3.危及三安全一稳定",
		"商业\n企业":         "商业企业",
		"本 年 新 收":        "本年新收",
		"⼀、本年新收":         "一、本年新收", // Kangxi radical U+2F00
		"结果\u00a0纠正":     "结果纠正",
		"2．其他法律行政法规禁止公开": "2.其他法律行政法规禁止公开",
	}
	for in, want := range tests {
		if got := compactLabel(in); got != want {
			t.Errorf("compactLabel(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSplits(t *testing.T) {
	mk := func(run string) item { return item{v: parseValue(run), run: run} }
	tests := []struct {
		name  string
		items []item
		n     int
		want  int // number of readings
	}{
		{"seven zeros", []item{mk("0000000")}, 7, 1},
		{"no leading zeros", []item{mk("007")}, 3, 1},
		{"ambiguous", []item{mk("7777166")}, 3, 15},
		{"too short", []item{mk("12")}, 3, 0},
		{"sign starts a number", []item{mk("2648"), mk("-18538")}, 3, 7},
		{"decimal stays whole", []item{mk("39573802895.90")}, 2, 10},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := len(splits(tc.items, tc.n)); got != tc.want {
				t.Errorf("splits: %d readings, want %d: %v", got, tc.want, splits(tc.items, tc.n))
			}
		})
	}
}

func TestFitRowTotal(t *testing.T) {
	// "200 000121" as printed in a flattened 2020 report: only 20 0 0 0 0 1 21
	// satisfies the row total.
	items, _ := collect([]piece{{text: "200 000121", whole: true}}, true)
	f := fit(items, 7, rowTotalOK)
	if len(f.cands) != 1 {
		t.Fatalf("got %d readings, want 1: %v", len(f.cands), f.cands)
	}
	var got []float64
	for _, v := range f.cands[0] {
		got = append(got, v.num)
	}
	want := []float64{20, 0, 0, 0, 0, 1, 21}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got %v, want %v", got, want)
		}
	}
}

func TestCollect(t *testing.T) {
	tests := []struct {
		name   string
		pieces []piece
		want   []string // states or numbers
	}{
		{"blank cells kept", []piece{{text: "", whole: true, cell: true}, {text: "3", whole: true, cell: true}}, []string{"blank", "3"}},
		{"label remnant dropped", []piece{{text: "（区分处理的，只计这一情形）", whole: false}, {text: "1", whole: true}}, []string{"1"}},
		{"digits glued to next label", []piece{{text: "000121二、", whole: true}}, []string{"121"}},
		{"dates are not values", []piece{{text: "2021年1月9日 5", whole: true}}, []string{"5"}},
		{"dash cell", []piece{{text: "-", whole: true, cell: true}}, []string{"dash"}},
		{"page footer", []piece{{text: "- 3 -", whole: true}}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			items, _ := collect(tc.pieces, false)
			var got []string
			for _, it := range items {
				if it.v.state == corpus.StateNumber {
					got = append(got, corpus.FormatValue(it.v.num))
				} else {
					got = append(got, it.v.state)
				}
			}
			if len(got) != len(tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Fatalf("got %v, want %v", got, tc.want)
				}
			}
		})
	}
}

func TestNormDate(t *testing.T) {
	tests := map[string]string{
		"2021年1月9日":                "2021-01-09",
		"2024-01-17":               "2024-01-17",
		"2023-01-31 13:24":         "2023-01-31",
		"2019年03月04日":              "2019-03-04",
		"（2013年3月25日）":             "2013-03-25",
		"二〇二一年一月九日":                "2021-01-09",
		"二○一一年七月二十八日":              "2011-07-28",
		"发布时间：2021-09-29 10:05:00": "2021-09-29",
		"no date":                  "",
		"2021年13月40日":              "",
	}
	for in, want := range tests {
		if got := normDate(in); got != want {
			t.Errorf("normDate(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestYearOf(t *testing.T) {
	tests := []struct {
		title, body, pub string
		want             int
	}{
		{"青阳街道办事处2020年政府信息公开工作年度报告", "", "", 2020},
		{"2022年度螅镇政府信息公开工作年度报告", "", "", 2022},
		{"宿迁市 2025 年政府信息公开工作年度报告", "", "", 2025},
		{"政府信息公开工作年度报告", "本报告所列数据的统计期限自2018年1月1日起至2018年12月31日止", "", 2018},
		{"政府信息公开工作年度报告", "", "2024-01-17", 2023},
	}
	for _, tc := range tests {
		if got, _ := yearOf(compactLabel(tc.title), tc.body, tc.pub); got != tc.want {
			t.Errorf("yearOf(%q) = %d, want %d", tc.title, got, tc.want)
		}
	}
}

func TestSectionsOf(t *testing.T) {
	text := "引言\n一、总体情况\n正文一\n（一）主动公开\n二、主动公开政府信息情况\n表\n三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量\t1\n四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n问题。统一、规范\n六、其他需要报告的事项\n无"
	got := sectionsOf(text)
	if len(got) != 7 {
		t.Fatalf("got %d sections, want 0 (前言) and 1–6: %+v", len(got), got)
	}
	if got[0].No != 0 || got[0].Title != "前言" || got[0].Text != "引言" {
		t.Errorf("section 0 = %+v", got[0])
	}
	if got[1].Title != "总体情况" || got[1].Text != "正文一\n（一）主动公开" {
		t.Errorf("section 1 = %+v", got[1])
	}
	// Flattened text: headings inline.
	inline := "前言。一、总体情况2020年，我区公开信息。二、主动公开政府信息情况 表格 三、收到和处理政府信息公开申请情况"
	got = sectionsOf(inline)
	if len(got) != 4 || got[0].Text != "前言。" || got[1].Title != "总体情况" || got[1].Text != "2020年，我区公开信息。" {
		t.Errorf("inline sections = %+v", got)
	}
}
