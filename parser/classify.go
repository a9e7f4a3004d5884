package parser

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"gongkai/corpus"
	"gongkai/parser/layout"
	"gongkai/parser/template"
)

// Evidence is what a document shows of being an annual report of an organ
// for a year; Classify decides on it.
type Evidence struct {
	Table    bool   // a national-template table (二, 三 or 四) was found
	Known    int    // sections whose headings are the reports' own (总体情况, 主动公开政府信息情况 …)
	Numbered int    // numbered sections (一、二、…)
	Year     int    // the reporting year
	Office   string // the reporting organ
	Title    string // the title
	Genre    string // the title's genre when it is not a report: 通知, 解读, 图解 …; "" otherwise
	Report   bool   // the title names a 政府信息公开 report (…年度报告, …年报)
}

// notReportLead are titles of pages about a report, not the report: an
// illustrated or video interpretation.
var notReportLead = []string{"一图读懂", "一图看懂", "一图解读", "图解", "图说", "图读", "解读", "读懂", "漫画", "视频", "动漫", "H5", "新闻", "会议"}

// notReportTail are genre words that, after the report's name (or outside
// its 《》), make the document something else: a notice about compiling
// reports, an interpretation, a press conference, a column or list.
var notReportTail = []string{"通知", "解读", "图解", "新闻", "发布会", "会议", "纪要", "目录", "列表", "专栏", "汇编", "索引", "公告", "通报", "函", "意见", "方案", "说明", "问答", "评议", "评估", "考核", "培训", "编制", "工作要点"}

// otherGenres name documents of another kind (in a title that does not
// name a 政府信息公开 report).
var otherGenres = []string{"工作总结", "总结", "统计公报", "公报", "预算", "决算", "工作计划", "计划", "规划", "指南", "目录", "申请表", "简报", "通讯", "大事记", "年鉴"}

var (
	reQuoted     = regexp.MustCompile(`《[^》]*》`)
	reBracketPre = regexp.MustCompile(`^[\[【〔(（][^\]】〕)）]{0,12}[\]】〕)）]`)
)

// titleGenre returns the genre word that makes a title something other
// than a report ("" when it has none).
func titleGenre(title string) string {
	t := template.CompactLabel(title)
	inner := ""
	if m := reQuoted.FindString(t); m != "" {
		inner = m
	}
	outside := reQuoted.ReplaceAllString(t, "《》")
	lead := reBracketPre.ReplaceAllStringFunc(outside, func(s string) string { return strings.Trim(s, "[]【】〔〕()（）") })
	for _, w := range notReportLead {
		if strings.HasPrefix(lead, w) {
			return w
		}
	}
	// The genre is what follows the report's name: "…年度报告编制和发布工作的通知",
	// "《…年度报告》解读".
	tail := outside
	if inner != "" {
		tail = outside[strings.Index(outside, "《》")+len("《》"):]
		if before := outside[:strings.Index(outside, "《》")]; before != "" {
			for _, w := range notReportTail {
				if strings.Contains(before, w) {
					return w
				}
			}
		}
	} else if cut := lastReportWord(outside); cut >= 0 {
		tail = outside[cut:]
	} else {
		tail = ""
	}
	for _, w := range notReportTail {
		if strings.Contains(tail, w) {
			return w
		}
	}
	// Another kind of document named as such: a work summary, a statistical
	// communiqué, a budget, a guide or catalogue.
	if !isReportTitle(outside) {
		for _, w := range otherGenres {
			if strings.Contains(outside, w) {
				return w
			}
		}
	}
	// "关于…的通知" whatever it is about.
	if strings.HasPrefix(outside, "关于") {
		for _, w := range []string{"通知", "函", "意见", "方案", "批复", "决定"} {
			if strings.HasSuffix(outside, w) {
				return w
			}
		}
	}
	return ""
}

// lastReportWord is the byte offset just after the last 年度报告/年报/报告
// of t, -1 when there is none.
func lastReportWord(t string) int {
	best := -1
	for _, w := range []string{"年度报告", "年报", "报告"} {
		if i := strings.LastIndex(t, w); i >= 0 && i+len(w) > best {
			best = i + len(w)
		}
	}
	return best
}

// evidenceOf gathers the evidence of a parsed document. The title's genre
// is read on the whole line the title was taken from (a title cut after
// its 年度报告 may have gone on "…编制和发布工作的通知"), or on the first
// line when no title was found.
func evidenceOf(r *corpus.Report, doc *layout.Document) Evidence {
	e := Evidence{Year: r.Year, Office: r.Office, Title: r.Title}
	t := r.Tables
	e.Table = t.Apply != nil || t.Active != nil || t.Review != nil
	for _, sec := range r.Sections {
		if sec.No > 0 {
			e.Numbered++
		}
		for _, w := range headingWords {
			if sec.Title == w {
				e.Known++
				break
			}
		}
	}
	e.Genre = titleGenre(r.Title)
	if e.Genre == "" && doc != nil {
		title := template.CompactLabel(r.Title)
		seen := 0
		for i := 0; i < len(doc.Blocks) && seen < 12; i++ {
			b := &doc.Blocks[i]
			if b.Kind == layout.Table {
				continue
			}
			l := template.CompactLabel(b.Text)
			if l == "" {
				continue
			}
			seen++
			if utf8.RuneCountInString(l) > 60 {
				// Not a title line: flattened text puts the title and the
				// body on one line.
				if title != "" && strings.HasPrefix(l, title) {
					break
				}
				continue
			}
			if title == "" || strings.HasPrefix(l, title) {
				e.Genre = titleGenre(l)
				if title == "" && e.Genre != "" {
					e.Title = l
				}
				break
			}
		}
	}
	e.Report = isReportTitle(template.CompactLabel(r.Title)) && e.Genre == ""
	return e
}

// Classify decides whether the evidence shows an annual report of an
// organ for a year: no title of another genre (通知, 解读, 图解 …), a
// reporting year, a reporting organ, and a body that is a report's — a
// template table, or at least three of the reports' own section headings
// (总体情况, 主动公开政府信息情况 …), or a report title over three numbered
// sections or one of the reports' own headings (an abridged page). When
// it is not a report, missing names what was missing.
func Classify(e Evidence) (ok bool, missing []string) {
	if e.Genre != "" {
		missing = append(missing, fmt.Sprintf("the title %q is a %s, not a report", clipTitle(e.Title), e.Genre))
	}
	body := e.Table || e.Known >= 3 || (e.Report && (e.Numbered >= 3 || e.Known >= 1))
	if !body {
		what := "no template table"
		if e.Report {
			what += fmt.Sprintf(", %d numbered sections and none of the reports' section headings (总体情况 …) under the report title", e.Numbered)
		} else {
			what += fmt.Sprintf(", no report title (…政府信息公开工作年度报告), %d of the reports' section headings (3 needed)", e.Known)
		}
		missing = append(missing, what)
	}
	if e.Year == 0 {
		missing = append(missing, "no reporting year")
	}
	if e.Office == "" {
		missing = append(missing, "no reporting office")
	}
	return len(missing) == 0, missing
}

func clipTitle(t string) string {
	r := []rune(t)
	if len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return t
}
