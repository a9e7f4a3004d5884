// Package render prints reports for people: a summary with the tables laid
// out as in the national template, failed checks and diagnostics.
package render

import (
	"fmt"
	"io"
	"strings"
	"unicode"

	"golang.org/x/text/width"

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
	"denied_state_secret": "（三）1.国家秘密", "denied_law_prohibited": "      2.法律法规禁止", "denied_security_stability": "      3.三安全一稳定",
	"denied_third_party": "      4.第三方权益", "denied_internal_affairs": "      5.三类内部事务", "denied_process_info": "      6.四类过程性",
	"denied_enforcement_file": "      7.行政执法案卷", "denied_admin_query": "      8.行政查询事项",
	"unable_not_held": "（四）1.不掌握", "unable_need_create": "      2.需另行制作", "unable_unclear": "      3.仍不明确",
	"np_petition": "（五）1.信访举报投诉", "np_repeat": "      2.重复申请", "np_publication": "      3.公开出版物", "np_massive": "      4.大量反复", "np_confirm": "      5.确认或重新出具",
	"other_total": "（六）其他处理", "other_no_correction": "（六）1.逾期不补正", "other_no_fee": "      2.逾期未缴费", "other_misc": "      3.其他",
	"result_total": "（七）总计", "carry_forward": "四、结转下年度",
}

// Tables writes tables 二, 三 and 四 aligned as in the template: a blank
// cell is "·", a value that could not be read with certainty is "?".
func Tables(w io.Writer, r *corpus.Report) {
	cell := map[string]corpus.Cell{}
	for _, c := range r.Cells {
		cell[c.Key] = c
	}
	show := func(key string) string {
		c, ok := cell[key]
		switch {
		case !ok:
			return ""
		case c.Uncertain:
			return "?"
		case c.State == corpus.StateBlank:
			return "·"
		case c.State == corpus.StateNumber && c.Value != nil:
			return corpus.FormatValue(*c.Value)
		}
		return c.Raw
	}
	if r.Tables.Active != nil {
		fmt.Fprintf(w, "  table 二 主动公开 (template %s)\n", r.Templates["active"])
		var rows [][]string
		for _, k := range corpus.ActiveKeys(r.Templates["active"]) {
			if _, ok := cell["active."+k.Key]; ok {
				rows = append(rows, []string{k.Key, show("active." + k.Key)})
			}
		}
		grid(w, nil, rows)
	}
	if r.Tables.Apply != nil {
		fmt.Fprintf(w, "  table 三 依申请公开 (template %s)\n", r.Templates["apply"])
		var rows [][]string
		for _, row := range corpus.ApplyRows(r.Templates["apply"]) {
			if _, ok := r.Tables.Apply[row]; !ok {
				continue // not found in the report (a diagnostic says so)
			}
			line := []string{applyNames[row]}
			for _, col := range corpus.ApplyColumns {
				line = append(line, show("apply."+row+"."+col))
			}
			rows = append(rows, line)
		}
		grid(w, []string{"", "自然人", "商业", "科研", "公益", "法律", "其他", "总计"}, rows)
	}
	if r.Tables.Review != nil {
		fmt.Fprintln(w, "  table 四 复议诉讼")
		var rows [][]string
		for _, g := range []struct{ key, name string }{{"review", "行政复议"}, {"suit_direct", "直接起诉"}, {"suit_after_review", "复议后起诉"}} {
			line := []string{g.name}
			for _, col := range corpus.ReviewColumns {
				line = append(line, show(g.key+"."+col))
			}
			rows = append(rows, line)
		}
		grid(w, []string{"", "维持", "纠正", "其他", "未结", "总计"}, rows)
	}
}

// grid prints rows with the first column left-aligned and the others
// right-aligned, measuring Chinese characters as two columns wide.
func grid(w io.Writer, head []string, rows [][]string) {
	all := rows
	if head != nil {
		all = append([][]string{head}, rows...)
	}
	var widths []int
	for _, r := range all {
		for i, c := range r {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], Width(c))
		}
	}
	for _, r := range all {
		var sb strings.Builder
		sb.WriteString("    ")
		for i, c := range r {
			pad := strings.Repeat(" ", widths[i]-Width(c))
			if i == 0 {
				sb.WriteString(c + pad)
			} else {
				sb.WriteString("  " + pad + c)
			}
		}
		fmt.Fprintln(w, strings.TrimRight(sb.String(), " "))
	}
}

// Width is the number of terminal columns s takes: 2 for East Asian wide
// and full-width characters, 0 for combining marks and zero-width spaces,
// else 1. It is gongkai's one display-width function (compare's text
// tables use it too).
func Width(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) || r == '\u200b':
		case width.LookupRune(r).Kind() == width.EastAsianWide || width.LookupRune(r).Kind() == width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
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
