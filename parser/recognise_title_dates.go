package parser

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"gongkai/corpus"
	"gongkai/parser/layout"
	"gongkai/parser/template"
)

var (
	// reYear allows one stray mark between the year and 年: a speck of a
	// scan read as "!" or "'" ("2024!年").
	reYear      = regexp.MustCompile(`((?:19|20)\d{2})\s*[!！|'’.:]?\s*年\s*度?`)
	rePeriod    = regexp.MustCompile(`(?:统计期限|统计周期|统计时限|数据统计)[^。]{0,12}?((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日`)
	reDate      = regexp.MustCompile(`((?:19|20)\d{2})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?`)
	reCNDate    = regexp.MustCompile(`([二〇○零一三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日`)
	reTitleDeco = regexp.MustCompile(`^\[[^\]]*\]|[-_|—]+[^-_|—]{2,20}$`)
)

// titleOf finds the report's title: the metadata title when the format has
// one, else the first lines that name a 政府信息公开 report, joined when the
// title is set over two or three lines (organ / year + "年度报告").
func titleOf(doc *layout.Document) string {
	for _, k := range []string{"ArticleTitle", "标题", "名称", "信息名称"} {
		if t := cleanTitle(doc.Meta[k]); isReportTitle(t) {
			return t
		}
	}
	if t := cleanTitle(doc.Title); isReportTitle(t) {
		return t
	}
	var lines []string
	for i := range doc.Blocks {
		b := &doc.Blocks[i]
		if b.Kind == layout.Table {
			break
		}
		t := template.CompactLabel(b.Text)
		if t == "" {
			continue
		}
		lines = append(lines, t)
		if len(lines) == 12 {
			break
		}
	}
	for i, l := range lines {
		if !strings.Contains(l, "信息公开") || len(l) > 200 || strings.ContainsAny(l, "|\t") {
			continue // not a title: too long, or a table row
		}
		t := l
		if !strings.Contains(t, "报告") && !strings.Contains(t, "年报") && i+1 < len(lines) && len(lines[i+1]) < 60 && (strings.Contains(lines[i+1], "报告") || strings.Contains(lines[i+1], "年报")) {
			t += lines[i+1]
		}
		if !isReportTitle(t) {
			if cut := reportEnd(t); cut > 0 {
				t = t[:cut]
			}
			if !isReportTitle(t) {
				continue
			}
		}
		// "2020年政府信息公开工作年度报告" under a line naming the organ.
		if startsWithYear(t) && i > 0 && organLine(lines[i-1]) {
			t = lines[i-1] + t
		}
		if cut := reportEnd(t); cut > 0 && cut < len(t) {
			t = t[:cut]
		}
		return t
	}
	return cleanTitle(doc.Title)
}

// reportEnd is the byte offset just after the first 年度报告/年报/报告 of a
// title that runs on into the body (flattened text puts both on one line).
func reportEnd(t string) int {
	for _, w := range []string{"年度报告", "工作报告", "年报", "报告"} {
		if i := strings.Index(t, w); i >= 0 {
			return i + len(w)
		}
	}
	return 0
}

func cleanTitle(s string) string {
	s = template.CompactLabel(s)
	for i := 0; i < 2; i++ {
		if t := reTitleDeco.ReplaceAllString(s, ""); isReportTitle(t) {
			s = t
		}
	}
	return s
}

func isReportTitle(t string) bool {
	return strings.Contains(t, "信息公开") && (strings.Contains(t, "报告") || strings.Contains(t, "年报"))
}

func startsWithYear(t string) bool {
	return len(t) >= 4 && t[0] >= '1' && t[0] <= '2' && reYear.FindStringIndex(t) != nil && reYear.FindStringIndex(t)[0] == 0
}

// organLine: a short line that names an organ (not a letterhead "…文件").
func organLine(l string) bool {
	if len(l) > 60 || strings.HasSuffix(l, "文件") || strings.ContainsAny(l, "，。：:,") {
		return false
	}
	for _, s := range []string{"办事处", "人民政府", "政府", "办公室", "办公厅", "局", "委员会", "管委会", "中心", "街道", "镇", "乡"} {
		if strings.HasSuffix(l, s) {
			return true
		}
	}
	return false
}

// yearOf: the year in the title nearest 政府信息公开, confirmed by the
// statistics period when the title has none.
func yearOf(title, body string, published string) (int, string) {
	if ms := reYear.FindAllStringSubmatchIndex(title, -1); len(ms) > 0 {
		anchor := strings.Index(title, "信息公开")
		best := ms[0]
		for _, m := range ms {
			if anchor >= 0 && abs(m[0]-anchor) < abs(best[0]-anchor) {
				best = m
			}
		}
		y, _ := strconv.Atoi(title[best[2]:best[3]])
		return y, "title"
	}
	if m := rePeriod.FindStringSubmatch(body); m != nil {
		y, _ := strconv.Atoi(m[1])
		return y, "statistics period"
	}
	if len(published) >= 4 {
		y, _ := strconv.Atoi(published[:4])
		return y - 1, "publication date"
	}
	return 0, ""
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// pageDateKeys are the metadata labels of a publication date, best first;
// the document dates (成文日期 …) come last.
var pageDateKeys = []string{"发布日期", "发布时间", "公开日期", "PubDate", "pubdate", "publishtime", "PublishTime", "firstpublishedtime", "日期", "发文日期", "成文日期", "生成日期"}

// reDateLine is a "发布日期：2020-01-31" line (or 发布时间, 公开日期), as
// DOCX and PDF renditions print it under the title and pages print it in
// their info bar ("发布时间：2021-01-09 来源：…").
var reDateLine = regexp.MustCompile(`(?:发布日期|发布时间|公开日期|发布于)\s*[:：]?\s*((?:19|20)\d{2}\s*[年\-/.]\s*\d{1,2}\s*[月\-/.]\s*\d{1,2})`)

// pageDate is the publication date the page or export prints about the
// report: its metadata (meta tags, the info table, an export's header
// block), else a 发布日期 line near the top, else a date in brackets
// under the title ("（2021年1月9日）"). "" when there is none.
func pageDate(doc *layout.Document) string {
	for _, k := range pageDateKeys {
		if d := normDate(doc.Meta[k]); d != "" {
			return d
		}
	}
	seen := 0
	for i := 0; i < len(doc.Blocks) && seen < 15; i++ {
		b := &doc.Blocks[i]
		if b.Kind == layout.Table {
			continue
		}
		seen++
		t := template.NormText(b.Text)
		if m := reDateLine.FindStringSubmatch(t); m != nil {
			if d := normDate(m[1]); d != "" {
				return d
			}
		}
		if c := template.CompactLabel(b.Text); strings.HasPrefix(c, "(") && len(c) < 40 && i < 8 {
			if d := normDate(c); d != "" {
				return d
			}
		}
	}
	return ""
}

// signedOf is the date the report bears at its end (落款): the last date
// that ends a short line among the last lines of text, lines split by the
// layout ("2021年" / "1月9日", or one character group a line in flattened
// exports) joined first. A date that cannot be the report's (outside the
// reporting year and the two after it) is not taken.
func signedOf(doc *layout.Document, year int) string {
	var tail []string // the last non-table lines, last first
	for i := len(doc.Blocks) - 1; i >= 0 && len(tail) < 14; i-- {
		b := &doc.Blocks[i]
		if b.Kind == layout.Table {
			continue
		}
		for _, l := range slices.Backward(strings.Split(b.Text, "\n")) {
			if c := template.CompactLabel(l); c != "" {
				tail = append(tail, c)
			}
		}
	}
	// Join runs of short pieces (≤ 8 characters: "20", "年", "2021年1月", "9日").
	var lines []string
	run := ""
	for _, l := range tail {
		if utf8.RuneCountInString(l) <= 8 {
			run = l + run
			continue
		}
		if run != "" {
			lines = append(lines, run)
			run = ""
		}
		lines = append(lines, l)
	}
	if run != "" {
		lines = append(lines, run)
	}
	for _, l := range lines {
		if reHeadingStart.MatchString(l) {
			break // the signature follows the last section heading
		}
		if utf8.RuneCountInString(l) > 40 {
			continue
		}
		loc := lastDateLoc(l)
		if loc == nil || strings.TrimRight(l[loc[1]:], "。.）)") != "" {
			continue
		}
		if d := normDate(l[loc[0]:loc[1]]); d != "" && plausiblePub(d, year) {
			return d
		}
	}
	return ""
}

var reHeadingStart = regexp.MustCompile(`^[一二三四五六七八九十]{1,3}、`)

// lastDateLoc is the span of the last date in a compact line.
func lastDateLoc(s string) []int {
	var best []int
	for _, re := range []*regexp.Regexp{reDate, reCNDate} {
		if ms := re.FindAllStringIndex(s, -1); len(ms) > 0 {
			if m := ms[len(ms)-1]; best == nil || m[0] > best[0] {
				best = m
			}
		}
	}
	return best
}

func plausiblePub(d string, year int) bool {
	y, _ := strconv.Atoi(d[:4])
	return year == 0 || y == year || y == year+1 || y == year+2
}

// lastDate returns the text of the last date on a line.
func lastDate(s string) string {
	s = template.NormText(s)
	if ms := reDate.FindAllString(s, -1); len(ms) > 0 {
		return ms[len(ms)-1]
	}
	if ms := reCNDate.FindAllString(s, -1); len(ms) > 0 {
		return ms[len(ms)-1]
	}
	return ""
}

// normDate converts a date as printed to YYYY-MM-DD, "" if s holds none.
func normDate(s string) string {
	s = template.NormText(s)
	if m := reDate.FindStringSubmatch(s); m != nil {
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		if mo >= 1 && mo <= 12 && d >= 1 && d <= 31 {
			return m[1] + "-" + two(mo) + "-" + two(d)
		}
	}
	if m := reCNDate.FindStringSubmatch(s); m != nil {
		y := ""
		for _, r := range m[1] {
			y += strconv.Itoa(cnDigit(r))
		}
		mo, d := cnNumber(m[2]), cnNumber(m[3])
		if mo >= 1 && mo <= 12 && d >= 1 && d <= 31 {
			return y + "-" + two(mo) + "-" + two(d)
		}
	}
	return ""
}

func two(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// cnDigit reads one Chinese digit (〇/○/零 are 0); -1 if r is none.
func cnDigit(r rune) int {
	switch r {
	case '〇', '○', '零':
		return 0
	}
	if i := strings.IndexRune("一二三四五六七八九", r); i >= 0 {
		return i/len("一") + 1
	}
	return -1
}

// cnNumber reads 一 … 三十一.
func cnNumber(s string) int {
	if i := strings.Index(s, "十"); i >= 0 {
		tens, ones := 1, 0
		if i > 0 {
			tens = cnDigit([]rune(s[:i])[0])
		}
		if rest := s[i+len("十"):]; rest != "" {
			ones = cnDigit([]rune(rest)[0])
		}
		return tens*10 + ones
	}
	n := 0
	for _, r := range s {
		n = n*10 + cnDigit(r)
	}
	return n
}

// UseListingDate applies the date printed beside the report's link on the
// listing page a crawl found it on (sources.listing_date): it is the
// publication date when the report's own page or file prints none — it
// ranks above the signature date and below the page's 发布时间. A date
// that does not read as one is ignored.
func UseListingDate(r *corpus.Report, listing string) {
	d := normDate(listing)
	if d == "" || r.PublishedFrom == corpus.PublishedFromPage {
		return
	}
	r.Published, r.PublishedFrom = d, corpus.PublishedFromListing
}
