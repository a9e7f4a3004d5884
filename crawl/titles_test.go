package crawl

import "testing"

func TestIsReportTitle(t *testing.T) {
	for _, c := range []struct {
		name, title string
		want        bool
	}{
		{"department", "沭阳县发展和改革局2023年政府信息公开工作年度报告", true},
		{"year first", "2022年上海市政府信息公开工作年度报告", true},
		{"年度 prefix", "2022年度螅镇政府信息公开工作年度报告", true},
		{"spaces", "宿迁市 2025 年政府信息公开工作年度报告", true},
		{"年报", "[嵊州市人民政府]2012年政府信息公开年报", true},
		{"site suffix", "沭阳县发展和改革局2023年政府信息公开年度报告-沭阳县发改局", true},
		{"bare", "2023年度报告", true},
		{"bare 年报", "2021年年报", true},
		{"truncated", "示例县农业农村局2023年政府信息公开...", true},
		{"chinese year", "二〇二三年政府信息公开工作年度报告", true},
		{"interpretation", "关于《示例县2023年政府信息公开工作年度报告》的解读", false},
		{"infographic", "图解：示例县2023年政府信息公开工作年度报告", false},
		{"one picture", "一图读懂2023年政府信息公开工作年度报告", false},
		{"notice", "关于做好2023年政府信息公开工作年度报告编制和发布工作的通知", false},
		{"template", "政府信息公开工作年度报告格式（2021年版）", false},
		{"rule of law", "示例县2023年法治政府建设年度报告", false},
		{"no year", "政府信息公开年报", false},
		{"column", "政府信息公开工作年度报告", false},
		{"statistics", "2023年国民经济和社会发展统计公报", false},
		{"empty", "", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := IsReportTitle(c.title); got != c.want {
				t.Errorf("IsReportTitle(%q) = %v, want %v", c.title, got, c.want)
			}
		})
	}
}

func TestFindDate(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"2024-01-17", "2024-01-17"},
		{"[2023/1/5]", "2023-01-05"},
		{"发布日期：2019年03月04日", "2019-03-04"},
		{"2021.09.29 10:05", "2021-09-29"},
		{"2023年政府信息公开", ""},
		{"2023-13-01", ""},
	} {
		if got := findDate(c.in); got != c.want {
			t.Errorf("findDate(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
