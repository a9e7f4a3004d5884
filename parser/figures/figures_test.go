package figures

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"gongkai/corpus"
)

// brief prints a figure the way test cases are written.
func brief(f corpus.Figure) string {
	s := fmt.Sprintf("%s %s %s %s", f.Key, f.Scope, corpus.FormatValue(f.Value), f.Unit)
	if f.Approx {
		s += " ~"
	}
	return s
}

func TestExtract_Phrasings(t *testing.T) {
	cases := []struct {
		name string
		text string
		year int
		want []string
	}{
		{"annual with sub-count", "2018年度我镇主动公开政府信息数22条，其中线上信息公开15条。", 2018,
			[]string{"active.total year 22 条"}},
		{"cumulative 累计", "全局累计主动公开政府信息12条，其中概况类信息3条。", 0,
			[]string{"active.total cumulative 12 条"}},
		{"cumulative then new this year", "本区到年底累计主动公开政府信息5928条，全文电子化率达90.3%，其中，本年度新增主动公开政府信息2110条。", 0,
			[]string{"active.total cumulative 5928 条", "active.total year 2110 条"}},
		{"approx 多 after number", "主动公开政府工作信息、动态755多条。", 0,
			[]string{"active.total year 755 条 ~"}},
		{"全年累计 is the year, 余", "全年累计主动公开政府信息100余条。", 0,
			[]string{"active.total year 100 条 ~"}},
		{"applications with natural persons and carry forward", "全县全年共受理政府信息公开申请749件，其中自然人申请741件，法人或其他组织申请8件；共办理718件，结转下一年31件。", 0,
			[]string{"apply.new_received.total year 749 件", "apply.new_received.natural_person year 741 件",
				"apply.result_total.total year 718 件", "apply.carry_forward.total year 31 件"}},
		{"channels", "共收到政府信息依申请公开1499件。其中，通过网络申请1303件，占86.92%；通过信函申请172件。", 0,
			[]string{"apply.new_received.total year 1499 件", "legacy.apply.by_web year 1303 件", "legacy.apply.by_letter year 172 件"}},
		{"granted and partial, unit missing is skipped", "本年度共收到申请1453件，予以公开答复966件，占66.48%；部分公开67，占4.61%。", 0,
			[]string{"apply.new_received.total year 1453 件", "apply.granted.total year 966 件"}},
		{"zeros stated as numbers", "全年共收到依申请公开0件，公开0件，不予公开0件。", 0,
			[]string{"apply.new_received.total year 0 件", "apply.denied.total year 0 件"}},
		{"尚未收到", "目前我乡尚未收到政府信息公开申请。", 0, []string{"apply.new_received.total year 0 件"}},
		{"没有接到", "2018年度我镇没有接到群众主动要求公开政府信息的申请。", 2018, []string{"apply.new_received.total year 0 件"}},
		{"未收到依申请", "2022年未收到依申请公开政府信息申请。", 2022, []string{"apply.new_received.total year 0 件"}},
		{"number omitted", "本单位未收到申请公开政府信息件。", 0, []string{"apply.new_received.total year 0 件"}},
		{"未收取任何费用", "对信息公开免费提供，未收取任何费用。", 0, []string{"fees.amount year 0 元"}},
		{"没有收费", "我镇政府信息公开没有收费。", 0, []string{"fees.amount year 0 元"}},
		{"未发生收费情况", "政府信息公开未发生收费情况。", 0, []string{"fees.amount year 0 元"}},
		{"fees in yuan", "收取信息处理费共计380元，其中民政局1件，收取380元。", 0, []string{"fees.amount year 380 元"}},
		{"fees in 万元 kept", "收取政府信息公开费用1.5万元。", 0, []string{"fees.amount year 1.5 万元"}},
		{"行政事业性收费 is not a fee for information", "行政事业性收费96171.6万元。", 0, nil},
		{"review zero", "收到有关政府信息公开行政复议申请0件。", 0, []string{"review.total year 0 件"}},
		{"review and suit zero", "因政府信息依申请公开引起行政复议0件，行政诉讼0件。", 0,
			[]string{"review.total year 0 件", "suit.total year 0 件"}},
		{"没有发生 three topics", "没有发生针对本单位有关政府信息公开事务的行政复议案、行政诉讼案和有关的申诉案。", 0,
			[]string{"review.total year 0 件", "suit.total year 0 件", "complaints.total year 0 件"}},
		{"review and suit counts", "信息公开类行政复议7件，诉讼9件，均获维持。", 0,
			[]string{"review.total year 7 件", "suit.total year 9 件"}},
		{"complaints and suit zero", "未收到政府信息公开投诉及因政府信息公开提起行政诉讼和行政申诉情况。", 0,
			[]string{"suit.total year 0 件", "complaints.total year 0 件"}},
		{"review application is not a disclosure application", "2018年未收到有关政府信息公开行政复议、提起行政诉讼的申请。", 2018,
			[]string{"review.total year 0 件", "suit.total year 0 件"}},
		{"均为0", "本年度政府信息公开行政复议、行政诉讼均为0。", 0,
			[]string{"review.total year 0 件", "suit.total year 0 件"}},
		{"Chinese numerals 两件", "收到政府信息公开申请两件。", 0, []string{"apply.new_received.total year 2 件"}},
		{"Chinese numerals 一千二百", "主动公开政府信息一千二百条。", 0, []string{"active.total year 1200 条"}},
		{"Chinese numerals 十二", "主动公开政府信息十二条。", 0, []string{"active.total year 12 条"}},
		{"万 multiplier", "主动公开政府信息1.2万条。", 0, []string{"active.total year 12000 条"}},
		{"thousands separator", "主动公开政府信息1,234条。", 0, []string{"active.total year 1234 条"}},
		{"full-width thousands separator", "主动公开政府信息12，345条。", 0, []string{"active.total year 12345 条"}},
		{"full-width digits", "主动公开政府信息１２３条。", 0, []string{"active.total year 123 条"}},
		{"percentages are not counts", "主动公开率达100%，办结率100%。", 0, nil},
		{"其中 categories are not the parent", "主动公开政府信息2602条(其中机构职能类信息82条，主动公开规范性文件5件)。", 0,
			[]string{"active.total year 2602 条", "active.normative year 5 件"}},
		{"其中 same-key sub-count dropped", "主动公开政府信息2602条，其中县直单位主动公开政府信息1000条。", 0,
			[]string{"active.total year 2602 条"}},
		{"其他应主动公开 is a category", "其他应主动公开政府信息1053条。", 0, nil},
		{"上千", "主动公开政府信息上千条。", 0, []string{"active.total year 1000 条 ~"}},
		{"近", "主动公开政府信息近200条。", 0, []string{"active.total year 200 条 ~"}},
		{"another year", "2015年主动公开政府信息300条。", 2016, nil},
		{"a change is not a count", "主动公开政府信息比上年增加20条。", 0, nil},
		{"procurement items are not all information", "2016年，我区累计在平潭政府采购信息网上主动公开政府采购项目信息189条。", 2016, nil},
		{"C8 phrasing with carried over", "受理政府信息公开申请859件，答复805件（含上年度结转申请18件，另有72件顺延到下年度答复）。", 0,
			[]string{"apply.new_received.total year 859 件", "apply.result_total.total year 805 件", "apply.carried_over.total year 18 件"}},
		{"combined outcome is not one key", "办结依申请公开81件，其中：予以公开及部分公开42件，占51.85%；不予公开5件。", 0,
			[]string{"apply.result_total.total year 81 件", "apply.denied.total year 5 件"}},
		{"接到 N 条 … 申请", "今年共接到2条群众通过网络方式申请的政府信息公开申请件。", 0,
			[]string{"apply.new_received.total year 2 条"}},
		{"审批 is not an application", "今年我局共受理审批事项117件，办结171件，办结率100%。", 0, nil},
		{"截至年底 cumulative", "截至2018年底，全区共主动公开政府信息12000条。", 2018, []string{"active.total cumulative 12000 条"}},
		{"截至 a date is not cumulative", "截至2020年12月31日，主动公开政府信息网站公开125条，历年公开信息累计总量达1197条。", 2020,
			[]string{"active.total year 125 条", "active.total cumulative 1197 条"}},
		{"first statement wins", "主动公开政府信息300条。全年主动公开政府信息310条。", 0, []string{"active.total year 300 条"}},
		{"explicit number beats negation", "未收到行政复议申请。行政复议3件。", 0, []string{"review.total year 3 件"}},
		{"无 as negation", "本年度无政府信息公开行政复议。", 0, []string{"review.total year 0 件"}},
		{"无法 is not negation", "无法提供的申请3件。", 0, nil},
		{"flattened table single column", "统计指标单位统计数主动公开政府信息数条120其中：主动公开规范性文件数条5收到申请数件3行政复议数量件0", 0,
			[]string{"active.total year 120 条", "active.normative year 5 条", "apply.new_received.total year 3 件", "review.total year 0 件"}},
		{"flattened table ambiguous split gives nothing", "指标名称计量单位2012年度历年累计主动公开信息数条4251516行政复议数条00", 2012,
			[]string{"review.total year 0 条", "review.total cumulative 0 条"}},
		{"flattened table split by sub-rows", "指标名称计量单位2011年度历年累计主动公开信息数条4251516其中：1.网站公开条41815092.政府公报公开条77", 2011,
			[]string{"active.total year 425 条", "active.total cumulative 1516 条", "legacy.active.by_web year 418 条",
				"legacy.active.by_web cumulative 1509 条", "legacy.active.by_gazette year 7 条", "legacy.active.by_gazette cumulative 7 条"}},
		{"flattened table split by the text", "主动公开政府信息3460条。\n指标名称计量单位2016年度历年累计主动公开文件数条346085376", 2016,
			[]string{"active.total year 3460 条", "active.total cumulative 85376 条"}},
		{"本期实际 本年累计", "指标名称计量单位本期实际本年累计申请总数件35行政复议数件01", 0,
			[]string{"apply.new_received.total year 5 件", "review.total year 1 件"}},
		{"转下一年度 with 办理答复 inside", "其他处理14件，转下一年度办理答复的有1件。", 0,
			[]string{"apply.carry_forward.total year 1 件"}},
		{"结转下年度继续办理", "本年度共收到政府信息公开申请12件，办结10件，结转下年度继续办理2件。", 0,
			[]string{"apply.new_received.total year 12 件", "apply.result_total.total year 10 件", "apply.carry_forward.total year 2 件"}},
		{"上年结转 with 政府信息公开", "上年结转政府信息公开申请2件。", 0, []string{"apply.carried_over.total year 2 件"}},
		{"其中 continues the sentence before", "全年共受理政府信息公开申请30件。其中予以公开答复12件。", 0,
			[]string{"apply.new_received.total year 30 件", "apply.granted.total year 12 件"}},
		{"a new paragraph does not continue", "全年共受理政府信息公开申请30件。\n其中予以公开答复12件。", 0,
			[]string{"apply.new_received.total year 30 件"}},
		{"信访 earlier in the sentence", "共受理政府信息公开申请1295件，属信访、重复申请等不予处理80件。", 0,
			[]string{"apply.new_received.total year 1295 件", "apply.not_processed.total year 80 件"}},
		{"许可申请 is not a disclosure application", "受理行政许可申请50件，办结48件。", 0, nil},
		{"咨询 after the last 申请", "收到政府信息公开申请5件，接受咨询并答复30件。", 0,
			[]string{"apply.new_received.total year 5 件"}},
		{"empty", "", 0, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, f := range Extract(tc.text, tc.year) {
				got = append(got, brief(f))
			}
			if strings.Join(sorted(got), "\n") != strings.Join(sorted(tc.want), "\n") {
				t.Errorf("Extract(%q)\n got: %q\nwant: %q", tc.text, got, tc.want)
			}
		})
	}
}

// TestExtract_Negations: a negation gives a zero for a key only when the
// negated thing is that key's own count, not an outcome of it (纠错, 败诉 …),
// a complaint about it or a cause.
func TestExtract_Negations(t *testing.T) {
	review0, suit0, apply0 := "review.total year 0 件", "suit.total year 0 件", "apply.new_received.total year 0 件"
	cases := []struct {
		name string
		text string
		year int
		want []string
	}{
		{"review corrected, suit lost", "全年未发生因依申请公开被行政复议纠错或行政诉讼败诉情形。", 0, nil},
		{"review corrected, line wrapped", "全年未发生因依申请公开被行政复议纠错或\n行政诉讼败诉情形。", 0, nil},
		{"被纠正", "本年度未发生行政复议被纠正的情况。", 0, nil},
		{"qualifier after an enumeration", "本年度未发生行政复议、行政诉讼被纠错的情况。", 0, nil},
		{"qualifier before the topic", "本年度无被纠错的行政复议案件。", 0, nil},
		{"败诉", "未发生政府信息公开行政诉讼败诉案件。", 0, nil},
		{"被撤销", "未发生政府信息公开行政复议决定被撤销的情况。", 0, nil},
		{"确认违法", "未出现行政诉讼被确认违法的情形。", 0, nil},
		{"超期 is not a count of applications", "全年未发生依申请公开超期答复情况。", 0, nil},
		{"逾期", "没有出现逾期答复政府信息公开申请的情况。", 0, nil},
		{"被追究", "本年度未发生因政府信息公开工作被责任追究的情况。", 0, nil},
		{"违规收费", "未发生违规收费现象。", 0, nil},
		{"zeros with outcomes are not zeros", "政府信息公开行政复议被纠错、行政诉讼败诉数量均为0。", 0, nil},
		{"投诉 about applications", "未收到有关依申请公开工作的投诉。", 0, []string{"complaints.total year 0 件"}},
		{"被投诉", "未发生因政府信息公开申请被投诉的情况。", 0, []string{"complaints.total year 0 件"}},
		{"application as a cause", "未发生因政府信息公开申请引起的行政复议。", 0, []string{review0}},
		{"因…被申请行政复议", "全年未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。", 0, []string{review0, suit0}},
		{"投诉 about reviews", "未收到对政府信息公开行政复议的投诉。", 0, []string{"complaints.total year 0 件"}},
		{"review as a cause", "未发生因行政复议引起的行政诉讼。", 0, []string{suit0}},
		{"因…申请行政复议", "全年未发生因政府信息公开申请行政复议的情况。", 0, []string{review0}},
		{"plain application", "本年度未收到政府信息公开申请。", 0, []string{apply0}},
		{"plain review", "全年未发生政府信息公开行政复议。", 0, []string{review0}},
		{"application and review", "未收到政府信息公开申请及行政复议。", 0, []string{apply0, review0}},
		{"及时 is not a separator", "本年度未收到及时公开的申请。", 0, []string{apply0}},
		{"a condition", "如未收到政府信息公开申请，应在年报中说明。", 0, nil},
		{"an aim", "确保无行政复议。", 0, nil},
		{"another year", "2015年未收到政府信息公开申请。", 2016, nil},
		{"the year", "2016年未收到政府信息公开申请。", 2016, []string{apply0}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, f := range Extract(tc.text, tc.year) {
				got = append(got, brief(f))
			}
			if strings.Join(sorted(got), "\n") != strings.Join(sorted(tc.want), "\n") {
				t.Errorf("Extract(%q)\n got: %q\nwant: %q", tc.text, got, tc.want)
			}
		})
	}
}

func sorted(s []string) []string {
	out := append([]string(nil), s...)
	sort.Strings(out)
	return out
}

func TestExtract_Text(t *testing.T) {
	figs := Extract("2016年全区主动公开政府信息3460条。其中，区直各部门主动公开政府信息1822条。", 2016)
	if len(figs) != 1 {
		t.Fatalf("got %d figures, want 1: %+v", len(figs), figs)
	}
	if got := figs[0].Text; got != "2016年全区主动公开政府信息3460条" {
		t.Errorf("Text = %q", got)
	}
	long := strings.Repeat("工作", 100) + "主动公开政府信息3460条" + strings.Repeat("工作", 100)
	figs = Extract(long, 0)
	if len(figs) != 1 || len([]rune(figs[0].Text)) > snippetRunes+2 || !strings.Contains(figs[0].Text, "3460条") {
		t.Errorf("long clause: %+v", figs)
	}
}

func TestComparable(t *testing.T) {
	figs := []corpus.Figure{
		{Key: "active.total", Value: 1, Scope: corpus.ScopeYear},
		{Key: "apply.new_received.total", Value: 2, Scope: corpus.ScopeYear},
		{Key: "apply.granted.total", Value: 3, Scope: corpus.ScopeCumulative},
		{Key: "review.total", Value: 4, Scope: corpus.ScopeYear, Approx: true},
		{Key: "suit.total", Value: 5, Scope: corpus.ScopeYear},
		{Key: "active.a20_1.normative.valid", Value: 6, Scope: corpus.ScopeYear},
		{Key: "legacy.apply.by_web", Value: 7, Scope: corpus.ScopeYear},
		{Key: "fees.amount", Value: 8, Scope: corpus.ScopeYear},
	}
	var got []float64
	for _, f := range Comparable(figs) {
		got = append(got, f.Value)
	}
	if fmt.Sprint(got) != "[2 5 6]" {
		t.Errorf("Comparable values = %v, want [2 5 6]", got)
	}
}

func TestParseCN(t *testing.T) {
	cases := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"两", 2, true}, {"十", 10, true}, {"十二", 12, true}, {"二十", 20, true}, {"一百零五", 105, true},
		{"一千二百", 1200, true}, {"三万五千", 35000, true}, {"二〇一一", 0, false}, {"", 0, false},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			got, ok := parseCN(tc.in)
			if ok != tc.ok || (ok && got != tc.want) {
				t.Errorf("parseCN(%q) = %d, %v; want %d, %v", tc.in, got, ok, tc.want, tc.ok)
			}
		})
	}
}
