package office

import (
	"fmt"
	"regexp"
	"strings"

	"gongkai/corpus"
	"gongkai/division"
)

// findOrgan picks the organ's name from the strongest source that has one.
// A title organ without any division ("县发展和改革局") gives way to a
// later source that names divisions.
func findOrgan(in Input, ev *evidence) (*organ, string) {
	title := in.Title
	if compact(title) == "" {
		title = headTitle(in.Head)
	}
	var first *organ
	var firstSrc string
	srcs := organSources(in, title)
	if in.OCR {
		if t, ok := repairTitleOrgan(srcs[0].text, in.Body, ev); ok {
			srcs[0].text = t
		}
	}
	for _, c := range srcs {
		if c.text == "" {
			continue
		}
		o := peel(c.text)
		if len(o.units) == 0 && !o.national && kindOfWords(o.rest) == KindOther {
			continue
		}
		if len(o.units) > 0 || o.national {
			if first != nil {
				ev.add(fmt.Sprintf("%s %q names no division; using %s %q", firstSrc, first.raw, c.src, c.text))
			}
			return graft(o, in, title, ev), c.src
		}
		if first == nil {
			first, firstSrc = o, c.src
		}
	}
	return first, firstSrc
}

// graft qualifies an organ named by its township alone ("遂城镇人民政府",
// "北厝镇人民政府") with the divisions another source names before the
// same township ("遂溪县人民政府遂城镇人民政府" in the letterhead or
// signature). The organ keeps its own wording as Office.
func graft(o *organ, in Input, title string, ev *evidence) *organ {
	u := o.last()
	if len(o.units) != 1 || !(u.unlisted || allTowns(u.cands)) {
		return o
	}
	for _, c := range organSources(in, title) {
		if c.text == "" || c.text == o.raw {
			continue
		}
		p := peel(c.text)
		for i := 1; i < len(p.units); i++ {
			if p.units[i].text != u.text {
				continue
			}
			g := peel(c.text[:p.units[i].pos] + o.raw)
			if len(g.units) != i+1 || g.last().text != u.text {
				continue
			}
			g.shown = o.head
			ev.add(fmt.Sprintf("%s qualified by %s %q", u.text, c.src, c.text))
			return g
		}
	}
	return o
}

func allTowns(ds []division.Division) bool {
	for _, d := range ds {
		if d.Level != division.Town {
			return false
		}
	}
	return len(ds) > 0
}

type source struct{ src, text string }

func organSources(in Input, title string) []source {
	out := []source{{"title", organFromTitle(title)}}
	if v := in.Meta["发布机构"]; v != "" {
		out = append(out, source{"发布机构", compact(v)})
	}
	for _, d := range titleDecorations(title) {
		out = append(out, source{"title decoration", d})
	}
	for _, l := range firstLines(in.Head, 12) {
		if o, ok := organLine(l); ok {
			out = append(out, source{"letterhead", o})
		}
	}
	tail := firstLines(in.Tail, 40)
	for i := len(tail) - 1; i >= 0; i-- {
		if o, ok := organLine(tail[i]); ok {
			out = append(out, source{"signature", o})
		}
	}
	for _, k := range []string{"来源", "SiteName"} {
		if v := in.Meta[k]; v != "" {
			out = append(out, source{k, compact(v)})
		}
	}
	return out
}

func firstLines(s string, n int) []string {
	lines := strings.SplitN(s, "\n", n+1)
	if len(lines) > n {
		lines = lines[:n]
	}
	return lines
}

// resolveUnits chooses, for the organ's own unit, among same-named
// divisions, and records the choice.
func resolveUnits(o *organ, in Input, ev *evidence) {
	u := o.last()
	if u == nil {
		return
	}
	if u.unlisted && len(u.cands) == 0 {
		u.cands = countyCodes(weakCodes(in))
		if len(u.cands) > 0 {
			ev.add(fmt.Sprintf("%s: not in the division table; county from site/credit code", u.text))
		}
	}
	if len(u.cands) == 0 {
		return // nothing to choose from (a recover used to hide the index error below)
	}
	if len(u.cands) == 1 {
		u.div, u.resolved = u.cands[0], true
		ev.add(fmt.Sprintf("%s: %s (%s)", u.text, u.div.Code, pathString(u.div.Code)))
		return
	}
	strong := []string{in.Title, in.Head, in.Tail}
	for _, k := range []string{"发布机构", "SiteName", "来源", "ColumnName"} {
		strong = append(strong, in.Meta[k])
	}
	weak := weakCodes(in)
	scores := score(u.cands, strong, weak, 2)
	best, tie := top(scores)
	if tie && in.Body != "" && len(u.cands) <= maxBodyCands {
		for i, s := range score(u.cands, []string{truncate(in.Body, maxBodyScan)}, nil, 1) {
			scores[i] += s
		}
		best, tie = top(scores)
	}
	if tie {
		ev.add(fmt.Sprintf("%s: ambiguous among %d divisions", u.text, len(u.cands)))
		return
	}
	u.div, u.resolved = u.cands[best], true
	ev.add(fmt.Sprintf("%s: %s (%s), chosen from %d by context (score %d)", u.text, u.div.Code, pathString(u.div.Code), len(u.cands), scores[best]))
}

// Body scoring is the costly step (a substring search per enclosing
// division): it runs only for a few candidates, over the body's start.
const (
	maxBodyCands = 16
	maxBodyScan  = 16 << 10
)

// maxScored bounds the candidates scored against the context.
const maxScored = 128

// score gives each candidate weight points per enclosing division named
// in full in the context (half for a short name), and one point when a
// weak code signal lies inside it.
func score(cands []division.Division, ctx, weak []string, weight int) []int {
	scores := make([]int, len(cands))
	seen := map[string]int{}
	for i, c := range cands {
		if i >= maxScored {
			break
		}
		for _, a := range division.Path(c.Code) {
			if a.Code == c.Code {
				continue
			}
			scores[i] += weight * mention(a.Name, ctx, seen)
		}
		for _, w := range weak {
			if division.Within(c.Code, w) || division.Within(w, c.Code) {
				scores[i]++
				break
			}
		}
	}
	return scores
}

// mention is 2 when a context names the division in full, 1 by short name.
func mention(name string, ctx []string, seen map[string]int) int {
	if s, ok := seen[name]; ok {
		return s
	}
	s := 0
	short := division.ShortName(name)
	for _, c := range ctx {
		if strings.Contains(c, name) {
			s = 2
			break
		}
		if short != name && len([]rune(short)) >= 2 && strings.Contains(c, short) {
			s = 1
		}
	}
	seen[name] = s
	return s
}

func top(scores []int) (best int, tie bool) {
	for i, s := range scores {
		if s > scores[best] {
			best, tie = i, false
		} else if i != best && s == scores[best] {
			tie = true
		}
	}
	return best, tie
}

var creditRe = regexp.MustCompile(`^[0-9A-HJ-NPQRTUWXY]{2}(\d{6})[0-9A-HJ-NPQRTUWXY]{10}`)

// weakCodes returns division codes from SiteIDCode (first six digits) and
// from the 统一社会信用代码 that often starts 索引号.
func weakCodes(in Input) []string {
	var out []string
	if id := strings.TrimSpace(in.Meta["SiteIDCode"]); len(id) >= 6 && allDigits(id[:6]) {
		if d, ok := division.Get(id[:6]); ok {
			out = append(out, d.Code)
		}
	}
	if m := creditRe.FindStringSubmatch(strings.TrimSpace(in.Meta["索引号"])); m != nil {
		if d, ok := division.Get(m[1]); ok {
			out = append(out, d.Code)
		}
	}
	return out
}

// countyCodes returns the county-level divisions of codes (a township's
// own code counts for its county), first one only.
func countyCodes(codes []string) []division.Division {
	for _, c := range codes {
		for _, d := range division.Path(c) {
			if d.Level == division.County {
				return []division.Division{d}
			}
		}
	}
	return nil
}

// weakRegion places an organ that names no division by the weak signals.
func weakRegion(in Input, ev *evidence) corpus.Region {
	for _, c := range weakCodes(in) {
		ev.add(fmt.Sprintf("region from site/credit code %s (weak)", c))
		return regionOf(c)
	}
	return corpus.Region{}
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func pathString(code string) string {
	var names []string
	for _, d := range division.Path(code) {
		names = append(names, d.Name)
	}
	return strings.Join(names, "/")
}
