// Package render prints reports for people: a summary with the tables laid
// out as in the national template, failed checks and diagnostics.
package render

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"gongkai/corpus"
)

// Summary writes a readable summary of one report.
func Summary(w io.Writer, r *corpus.Report) error {
	ew := &errWriter{w: w}
	ew.printf("%s\n", r.Source.Path)
	ew.printf("  id %s · %s · %s\n", r.ID, r.Source.Format, r.Source.Encoding)
	ew.printf("  title      %s\n", r.Title)
	ew.printf("  office     %s (%s)\n", r.Office, r.OfficeFull)
	ew.printf("  region     %s  level %s  kind %s\n", regionLine(r.Region), r.Level, r.Kind)
	ew.printf("  year       %d  published %s  template %s\n", r.Year, or(r.Published, "?"), r.Template)
	if len(r.Sections) > 0 {
		var ts []string
		for _, s := range r.Sections {
			ts = append(ts, s.Title)
		}
		ew.printf("  sections   %s\n", strings.Join(ts, " / "))
	}
	Tables(ew, r)
	for _, f := range r.Figures {
		approx := ""
		if f.Approx {
			approx = " (approx.)"
		}
		ew.printf("  figure     %s = %s%s %s [%s]\n", f.Key, corpus.FormatValue(f.Value), approx, f.Unit, f.Scope)
	}
	for _, c := range r.Checks {
		mark := map[string]string{corpus.CheckPass: "ok  ", corpus.CheckFail: "FAIL", corpus.CheckWarn: "warn", corpus.CheckNotAssessable: "n/a "}[c.Status]
		ew.printf("  check %s %s  %s\n", c.ID, mark, c.Detail)
	}
	for _, d := range r.Diagnostics {
		ew.printf("  %-7s %s", d.Severity, d.Message)
		if d.Where != "" {
			ew.printf(" [%s]", d.Where)
		}
		ew.printf("\n")
	}
	ew.printf("\n")
	return ew.err
}

func regionLine(g corpus.Region) string {
	var parts []string
	for _, p := range []string{g.Province, g.City, g.County, g.Town} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	if g.Code != "" {
		parts = append(parts, g.Code)
	}
	return or(strings.Join(parts, " "), "?")
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

var applyNames = map[string]string{
	"new_received": "一、本年新收", "carried_over": "二、上年结转", "granted": "（一）予以公开", "partial": "（二）部分公开",
	"denied_state_secret": "（三）1.国家秘密", "denied_law_prohibited": "    2.法律行政法规禁止", "denied_security_stability": "    3.三安全一稳定",
	"denied_third_party": "    4.第三方合法权益", "denied_internal_affairs": "    5.三类内部事务", "denied_process_info": "    6.四类过程性信息",
	"denied_enforcement_file": "    7.行政执法案卷", "denied_admin_query": "    8.行政查询事项",
	"unable_not_held": "（四）1.不掌握", "unable_need_create": "    2.需另行制作", "unable_unclear": "    3.仍不明确",
	"np_petition": "（五）1.信访举报投诉", "np_repeat": "    2.重复申请", "np_publication": "    3.公开出版物", "np_massive": "    4.大量反复", "np_confirm": "    5.确认或重新出具",
	"other_total": "（六）其他处理", "other_no_correction": "（六）1.逾期不补正", "other_no_fee": "    2.逾期未缴费", "other_misc": "    3.其他",
	"result_total": "（七）总计", "carry_forward": "四、结转下年度",
}

// Tables writes tables 二, 三 and 四 aligned as in the template; uncertain
// values carry a "?".
func Tables(w io.Writer, r *corpus.Report) {
	cell := map[string]corpus.Cell{}
	for _, c := range r.Cells {
		cell[c.Key] = c
	}
	show := func(key string) string {
		c, ok := cell[key]
		if !ok {
			return ""
		}
		s := c.Raw
		switch c.State {
		case corpus.StateBlank:
			s = "·"
		case corpus.StateNumber:
			s = corpus.FormatValue(*c.Value)
		}
		if c.Uncertain {
			s += "?"
		}
		return s
	}
	tw := tabwriter.NewWriter(w, 0, 0, 1, ' ', tabwriter.AlignRight)
	if r.Tables.Active != nil {
		fmt.Fprintf(w, "  table 二 (template %s)\n", r.Templates["active"])
		for _, k := range corpus.ActiveKeys(r.Templates["active"]) {
			if _, ok := cell["active."+k.Key]; ok {
				fmt.Fprintf(tw, "    %s\t %s\t\n", k.Key, show("active."+k.Key))
			}
		}
		tw.Flush()
	}
	if r.Tables.Apply != nil {
		fmt.Fprintf(w, "  table 三 (template %s)        自然人 商业 科研 公益 法律 其他 总计\n", r.Templates["apply"])
		for _, row := range corpus.ApplyRows(r.Templates["apply"]) {
			fmt.Fprintf(tw, "    %s\t", applyNames[row])
			for _, col := range corpus.ApplyColumns {
				fmt.Fprintf(tw, " %s\t", show("apply."+row+"."+col))
			}
			fmt.Fprintln(tw)
		}
		tw.Flush()
	}
	if r.Tables.Review != nil {
		fmt.Fprintln(w, "  table 四       维持 纠正 其他 未结 总计")
		for _, g := range []struct{ key, name string }{{"review", "行政复议"}, {"suit_direct", "直接起诉"}, {"suit_after_review", "复议后起诉"}} {
			fmt.Fprintf(tw, "    %s\t", g.name)
			for _, col := range corpus.ReviewColumns {
				fmt.Fprintf(tw, " %s\t", show(g.key+"."+col))
			}
			fmt.Fprintln(tw)
		}
		tw.Flush()
	}
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

func (e *errWriter) printf(format string, args ...any) { fmt.Fprintf(e, format, args...) }
