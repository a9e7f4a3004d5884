package crawl

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// excludedTitleWords mark titles about a report that are not the report:
// interpretations, infographics, notices about compiling reports, requests
// for comments, template documents, videos.
var excludedTitleWords = []string{"解读", "图解", "图示", "一图", "读懂", "通知", "意见", "征求", "印发", "格式", "模板", "模版",
	"问答", "视频", "动漫", "海报", "长图", "H5", "h5"}

// reportWords are the words a report title ends in (§6.2 of ogi-format.md).
var reportWords = []string{"年度报告", "年报", "工作报告"}

var (
	yearRe      = regexp.MustCompile(`(19|20)\d{2}|[二〇○零一二三四五六七八九]{4}年`)
	bareTitleRe = regexp.MustCompile(`^\d{4}年度?(工作)?(年度报告|年报|报告)$`)
	dateRe      = regexp.MustCompile(`((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})`)
)

// IsReportTitle says whether a link title names a 政府信息公开工作年度报告:
// it names a year and 信息公开 with 年度报告/年报/工作报告 ("沭阳县发展和改革局2023年
// 政府信息公开工作年度报告", "2022年度螅镇政府信息公开工作年度报告", "[嵊州市人民政府]
// 2012年政府信息公开年报"), or is a bare "2023年度报告" as annual-report columns
// list them, or is cut short with an ellipsis after 信息公开. Interpretations
// (解读), infographics (图解, 一图读懂), notices (通知, 印发), requests for
// comments (意见, 征求), templates and videos are not reports; neither is a
// title without a year (a link to the column itself) nor another year's
// annual report (法治政府建设年度报告: no 信息公开).
func IsReportTitle(title string) bool {
	t := compact(title)
	if t == "" || !yearRe.MatchString(t) {
		return false
	}
	for _, w := range excludedTitleWords {
		if strings.Contains(t, w) {
			return false
		}
	}
	if bareTitleRe.MatchString(t) {
		return true
	}
	if !strings.Contains(t, "信息公开") {
		return false
	}
	for _, w := range reportWords {
		if strings.Contains(t, w) {
			return true
		}
	}
	return strings.HasSuffix(t, "...") || strings.HasSuffix(t, "…") || strings.HasSuffix(t, "..")
}

// compact removes all white space (titles print "宿迁市 2025 年…").
func compact(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u3000' {
			return -1
		}
		return r
	}, s)
}

// clean collapses white space runs into one space and trims.
func clean(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '\u3000' }), " ")
}

// findDate returns the first date in s as YYYY-MM-DD ("" if none).
func findDate(s string) string {
	for _, m := range dateRe.FindAllStringSubmatch(s, 4) {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		if mo >= 1 && mo <= 12 && d >= 1 && d <= 31 {
			return fmt.Sprintf("%04d-%02d-%02d", y, mo, d)
		}
	}
	return ""
}
