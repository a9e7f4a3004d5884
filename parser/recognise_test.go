package parser

import (
	"testing"

	"gongkai/parser/template"
)

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
		{"某县人民政府2023!年政府信息公开工作年度报告", "", "", 2023}, // a scan's speck read as "!"
	}
	for _, tc := range tests {
		if got, _ := yearOf(template.CompactLabel(tc.title), tc.body, tc.pub); got != tc.want {
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
