package division

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// ethnic lists the names of China's ethnic groups as they appear in the
// names of autonomous divisions (广西壮族自治区, 黔东南苗族侗族自治州,
// 青阳苗族仡佬族侗族乡).
var ethnic = []string{
	"汉", "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶",
	"白", "土家", "哈尼", "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水",
	"东乡", "纳西", "景颇", "柯尔克孜", "土", "达斡尔", "仫佬", "羌", "布朗", "撒拉",
	"毛南", "仡佬", "锡伯", "阿昌", "普米", "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克",
	"德昂", "保安", "裕固", "京", "塔塔尔", "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺",
	"各",
}

// divisionSuffixes are stripped by ShortName, longest first. Each is only
// stripped when at least two characters remain.
var divisionSuffixes = []string{
	"特别行政区", "自治区", "自治州", "自治县", "自治旗", "民族乡", "民族镇", "民族苏木",
	"街道办事处", "林区", "特区", "地区", "新区", "街道", "苏木",
	"省", "市", "区", "县", "旗", "盟", "镇", "乡",
}

// ShortName returns the name without its division suffix, as running text
// often writes it: 晋江市→晋江, 广西壮族自治区→广西, 延边朝鲜族自治州→延边,
// 青阳街道→青阳, 大厂回族自治县→大厂. When fewer than two characters would
// remain the name is returned unchanged (螅镇, 城区).
func ShortName(name string) string {
	for _, suf := range divisionSuffixes {
		rest, ok := strings.CutSuffix(name, suf)
		if !ok {
			continue
		}
		rest = trimEthnic(rest)
		if utf8.RuneCountInString(rest) >= 2 {
			return rest
		}
		return name
	}
	return name
}

// trimEthnic removes trailing ethnic-group names ("苗族侗族") from s while
// at least two characters remain.
func trimEthnic(s string) string {
	if r, ok := strings.CutSuffix(s, "维吾尔"); ok && utf8.RuneCountInString(r) >= 2 {
		return r // 新疆维吾尔自治区 names the group without 族
	}
	for range 8 {
		base, ok := strings.CutSuffix(s, "族")
		if !ok {
			return s
		}
		cut := false
		for _, e := range ethnic {
			if r, ok := strings.CutSuffix(base, e); ok && utf8.RuneCountInString(r) >= 2 {
				s, cut = r, true
				break
			}
		}
		if !cut {
			return s
		}
	}
	return s
}

// organSuffixes are the organ words that follow a division's name in the
// name of its government or office, longest first.
var organSuffixes = []string{
	"人民政府办公厅", "人民政府办公室", "管理委员会", "人民政府", "办事处", "管委会", "政府",
}

// TrimOrgan removes a trailing organ word from name: "青阳街道办事处" →
// "青阳街道", "松木塘镇人民政府" → "松木塘镇", "上海市人民政府办公厅" → "上海市".
// Other names are returned unchanged.
func TrimOrgan(name string) string {
	for _, suf := range organSuffixes {
		if rest, ok := strings.CutSuffix(name, suf); ok && rest != "" && !strings.HasSuffix(rest, "人民") {
			return rest
		}
	}
	return name
}

// Candidates returns the divisions a name may refer to: exact official
// names first; failing that, the name with an organ word trimmed
// ("青阳街道办事处"); failing that, short names ("晋江" → 晋江市). A
// division that is named like its own parent (the municipality's city entry
// 1101 北京市, 东莞市's towns' city) is dropped in favour of the parent.
func Candidates(name string) []Division {
	name = strings.TrimSpace(name)
	if name == "" {
		return nil
	}
	c := Find(name)
	if len(c) == 0 {
		if trimmed := TrimOrgan(name); trimmed != name {
			c = Find(trimmed)
			if len(c) == 0 {
				c = FindShort(trimmed)
			}
		}
	}
	if len(c) == 0 && utf8.RuneCountInString(name) >= 2 {
		c = FindShort(name)
	}
	return dropSelfNamedChildren(c)
}

func dropSelfNamedChildren(c []Division) []Division {
	if len(c) < 2 {
		return c
	}
	codes := make(map[string]bool, len(c))
	for _, d := range c {
		codes[d.Code] = true
	}
	out := c[:0:0]
	for _, d := range c {
		if p, ok := Get(d.Parent); ok && codes[p.Code] && p.Name == d.Name {
			continue
		}
		out = append(out, d)
	}
	return out
}

// Match is a candidate division with the weight of the evidence for it.
type Match struct {
	Division
	Score int // 2 per enclosing division named in full in the context, 1 per short name
}

// maxRank caps the candidates Rank scores, so a very common town name
// against a long context stays cheap.
const maxRank = 256

// Rank returns the candidates for name (see Candidates), best first: each
// scores by how many of its enclosing divisions the context strings name
// (in full: 2 points; by short name of at least two characters: 1 point).
// Ties keep code order.
func Rank(name string, context ...string) []Match {
	cands := Candidates(name)
	if len(cands) > maxRank {
		cands = cands[:maxRank]
	}
	seen := map[string]int{}
	out := make([]Match, len(cands))
	for i, d := range cands {
		out[i] = Match{Division: d}
		if len(cands) == 1 {
			continue
		}
		for _, a := range Path(d.Code) {
			if a.Code == d.Code {
				continue
			}
			out[i].Score += mentionScore(a.Name, context, seen)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	return out
}

// mentionScore says how a context names a division: 2 in full, 1 by a
// short name of at least two characters, 0 not at all. seen caches results.
func mentionScore(name string, context []string, seen map[string]int) int {
	if s, ok := seen[name]; ok {
		return s
	}
	score := 0
	short := ShortName(name)
	for _, c := range context {
		if strings.Contains(c, name) {
			score = 2
			break
		}
		if score == 0 && short != name && utf8.RuneCountInString(short) >= 2 && strings.Contains(c, short) {
			score = 1
		}
	}
	seen[name] = score
	return score
}

// Resolve returns the one division name refers to, using context as Rank
// does. ok is false when nothing matches or when the best candidates tie.
func Resolve(name string, context ...string) (d Division, ok bool) {
	r := Rank(name, context...)
	if len(r) == 0 || len(r) > 1 && r[1].Score == r[0].Score {
		return Division{}, false
	}
	return r[0].Division, true
}
