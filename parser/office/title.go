package office

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

var (
	yearRe     = regexp.MustCompile(`(?:19|20)\d{2}年度?`)
	bracketsRe = regexp.MustCompile(`^[\[【〔(（][^\]】〕)）]{0,40}[\]】〕)）]`)
)

// compact removes all white space (PDF and Markdown titles break lines and
// space digits: "2025 年上海市…").
func compact(s string) string {
	return strings.Map(func(r rune) rune {
		if compactDrops(r) {
			return -1
		}
		return r
	}, s)
}

// compactDrops reports whether compact drops r.
func compactDrops(r rune) bool {
	return unicode.IsSpace(r) || r == '\u3000' || r == '\u200b' || r == '\ufeff'
}

// reportWords end the organ part of a title that has no year before it.
var reportWords = []string{"政府信息公开", "信息公开", "政务公开", "年度报告", "工作报告", "年报"}

// organFromTitle returns the organ part of a report title, or "".
func organFromTitle(title string) string {
	t := compact(title)
	t = stripDecorations(t)
	t = strings.TrimPrefix(t, "关于")
	var organ string
	if loc := yearRe.FindStringIndex(t); loc != nil {
		organ = strings.TrimSuffix(t[:loc[0]], "关于")
		if organ == "" {
			organ = beforeReportWords(t[loc[1]:])
		}
	} else {
		organ = beforeReportWords(t)
	}
	organ = strings.TrimSuffix(strings.TrimSuffix(organ, "的"), "关于")
	organ = strings.Trim(organ, "“”\"'《》:：,，、.。")
	if strings.HasPrefix(organ, "我") || strings.HasPrefix(organ, "本") {
		return "" // "我局…", "本机关…": no name
	}
	if strings.HasSuffix(organ, "人民") {
		organ += "政府" // "…县人民政府信息公开…": 政府 was read as part of 政府信息公开
	}
	return organ
}

func beforeReportWords(s string) string {
	best := -1
	for _, w := range reportWords {
		if i := strings.Index(s, w); i >= 0 && (best < 0 || i < best) {
			best = i
		}
	}
	if best < 0 {
		return ""
	}
	return s[:best]
}

// titleDecorations returns the site names decorating a title: a
// bracketed prefix ("[嵊州市人民政府]2012年…") and a part after a dash that
// does not hold the title ("…年度报告-沭阳县发改局").
func titleDecorations(title string) []string {
	t := compact(title)
	var out []string
	if loc := bracketsRe.FindStringIndex(t); loc != nil {
		_, size := utf8.DecodeRuneInString(t)
		_, last := utf8.DecodeLastRuneInString(t[:loc[1]])
		out = append(out, t[size:loc[1]-last])
	}
	for _, sep := range []string{"_", "|", "｜", "——", "－", "-", "—"} {
		if !strings.Contains(t, sep) {
			continue
		}
		for _, p := range strings.Split(t, sep) {
			if p != "" && !strings.Contains(p, "报告") && !strings.Contains(p, "年报") {
				out = append(out, p)
			}
		}
		break
	}
	return out
}

// stripDecorations removes site decorations: a bracketed site name before
// the title ("[嵊州市人民政府]2012年…") and a site or column name after a
// dash ("…年度报告-沭阳县发改局").
func stripDecorations(t string) string {
	for range 3 {
		loc := bracketsRe.FindStringIndex(t)
		if loc == nil || loc[1] >= len(t) {
			break
		}
		t = t[loc[1]:]
	}
	for _, sep := range []string{"_", "|", "｜", "——", "－", "-", "—"} {
		parts := strings.Split(t, sep)
		if len(parts) < 2 {
			continue
		}
		for _, p := range parts {
			if strings.Contains(p, "报告") || strings.Contains(p, "年报") {
				t = p
				break
			}
		}
	}
	return t
}

// organLine reports whether a line of Head or Tail looks like an organ's
// name (a letterhead "…文件" or a signature): no digits, short, ending
// with an organ word.
func organLine(line string) (string, bool) {
	// More than 42 runes that compact keeps are more than 40 once "文件"
	// is trimmed: such a line (a paragraph, mostly) is refused without
	// building its compact form.
	kept := 0
	for _, r := range line {
		if !compactDrops(r) {
			if kept++; kept > 42 {
				return "", false
			}
		}
	}
	return organName(compact(line))
}

// organName is organLine's test on a line's compact form: "文件" trimmed,
// 2–40 runes, no digits or sentence marks, an organ ending.
func organName(l string) (string, bool) {
	l = strings.TrimSuffix(l, "文件")
	n := len([]rune(l))
	if n < 2 || n > 40 || strings.ContainsAny(l, "0123456789０１２３４５６７８９年。，；：:") {
		return "", false
	}
	for _, suf := range organEndings {
		if strings.HasSuffix(l, suf) {
			return l, true
		}
	}
	return "", false
}

// organEndings are words an organ's name ends with, for organLine.
var organEndings = []string{"人民政府", "政府", "办公厅", "办公室", "办事处", "管委会", "管理委员会", "委员会", "局", "厅", "委", "中心", "署"}

// headTitle looks for a title inside Head when the caller has none: the
// first line (or two joined) that mentions 报告 and a year or 信息公开.
func headTitle(head string) string {
	lines := strings.Split(head, "\n")
	for i, l := range lines {
		if i > 40 {
			break
		}
		c := compact(l)
		if c == "" {
			continue
		}
		joined := c
		if i+1 < len(lines) {
			joined += compact(lines[i+1])
		}
		if strings.Contains(c, "报告") && strings.Contains(c, "信息公开") {
			return c
		}
		if strings.Contains(joined, "报告") && strings.Contains(joined, "信息公开") && len([]rune(joined)) < 60 {
			return joined
		}
	}
	return ""
}
