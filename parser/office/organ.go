package office

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"gongkai/division"
)

// unit is one division (or zone) named in an organ's name, as written.
type unit struct {
	text     string
	pos      int                 // byte offset of text in the organ's raw name
	cands    []division.Division // candidates consistent with the units before
	zone     *zone
	div      division.Division // the resolved division (zero when ambiguous)
	resolved bool
	// unlisted marks a township the division table does not hold (renamed,
	// merged or newer than the table): cands and div are then its
	// candidate and resolved county-level parents.
	unlisted bool
	// devzone marks a development zone named after its county
	// ("晋江经济开发区", "佳县高新技术产业开发区") that the table does not
	// list: cands and div are then the county.
	devzone bool
}

// devZoneWords name development zones; devZone reads "<county's short
// name><zone word>" for zones missing from the division table.
var devZoneWords = []string{"高新技术产业开发区", "经济技术开发区", "经济开发区", "高新区", "工业园区"}

// devZone returns the zone name s begins with and its county-level
// candidates: the text before the zone word must be the full or short
// name of a county-level division.
func devZone(s string) (string, []division.Division) {
	for _, w := range devZoneWords {
		i := strings.Index(s, w)
		if i <= 0 || utf8.RuneCountInString(s[:i]) > 8 {
			continue
		}
		var cands []division.Division
		for _, d := range append(division.Find(s[:i]), division.FindShort(s[:i])...) {
			if d.Level == division.County && d.Formal() {
				cands = append(cands, d)
			}
		}
		if len(cands) > 0 {
			return s[:i+len(w)], dedupe(cands)
		}
	}
	return "", nil
}

func dedupe(ds []division.Division) []division.Division {
	seen := map[string]bool{}
	var out []division.Division
	for _, d := range ds {
		if !seen[d.Code] {
			seen[d.Code] = true
			out = append(out, d)
		}
	}
	return out
}

// unlistedTownRe matches a township-level name followed by its organ
// words, for towns the division table does not list.
var unlistedTownRe = regexp.MustCompile(`^(\p{Han}{1,8}?(?:镇|乡|街道))(?:人民政府|政府|办事处|街道办)`)

// unlistedTown returns the township name s begins with when it is not
// in the division table and organ words follow it ("苏澳镇人民政府").
func unlistedTown(s string) string {
	m := unlistedTownRe.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	return m[1]
}

// countyLevel reports whether all ds are county-level divisions (the
// parents an unlisted township may have).
func countyLevel(ds []division.Division) bool {
	for _, d := range ds {
		if d.Level != division.County {
			return false
		}
	}
	return len(ds) > 0
}

// organ is an organ's name split into its divisions and its organ words.
type organ struct {
	raw      string // the name as found, white space removed
	prefix   string // 国家税务总局 for vertically managed tax bureaus
	units    []unit
	head     string // raw up to the organ words
	shown    string // when set, replaces head in Office (see graft)
	rest     string // the organ words (abbreviations expanded)
	national bool
	kind     string
}

const taxPrefix = "国家税务总局"

// maxUnits bounds how many divisions an organ's name may chain.
const maxUnits = 6

// peel splits an organ name into divisions, left to right, and the organ
// words that follow (§6.3 of the format reference).
func peel(s string) *organ {
	o := &organ{raw: s}
	pos := 0
	if strings.HasPrefix(s, taxPrefix) && len(s) > len(taxPrefix) {
		o.prefix, pos = taxPrefix, len(taxPrefix)
	}
	for len(o.units) < maxUnits && pos < len(s) {
		n := o.nextUnit(s[pos:])
		if n == 0 {
			break
		}
		o.units[len(o.units)-1].pos = pos
		pos += n
		// Letterhead style "晋江市人民政府青阳街道办事处": the upper
		// government's organ word stands between two divisions.
		if after, ok := strings.CutPrefix(s[pos:], "人民政府"); ok && after != "" {
			if name, _ := division.Prefix(after); (name != "" || unlistedTown(after) != "") && !isOrganWords(after) {
				pos += len("人民政府")
			}
		}
	}
	o.head = s[:pos]
	o.rest = expand(s[pos:])
	if len(o.units) == 0 {
		o.national = isNational(o.rest)
	}
	return o
}

// nextUnit reads one division or zone at the start of s and returns the
// bytes it took (0: none).
func (o *organ) nextUnit(s string) int {
	if z, n := zonePrefix(s); z != nil {
		d, _ := division.Get(z.code)
		o.units = append(o.units, unit{text: s[:n], zone: z, cands: []division.Division{d}})
		return n
	}
	name, cands := division.Prefix(s)
	if len(o.units) == 0 {
		if z, zc := devZone(s); z != "" && len(name) < len(z) && !isZoneName(name) {
			o.units = append(o.units, unit{text: z, cands: zc, devzone: true})
			return len(z)
		}
	}
	if len(o.units) > 0 {
		cands = within(cands, o.units[len(o.units)-1].cands)
	} else {
		cands = dropSelfNamed(cands)
	}
	if name == "" || len(cands) == 0 && len(o.units) > 0 {
		if n := o.unlistedUnit(s); n > 0 {
			return n
		}
	}
	if name == "" {
		return 0
	}
	short := utf8.RuneCountInString(name) <= 2
	if short && len(cands) == 0 {
		return 0
	}
	if short && len(o.units) == 0 && !isOrganWords(s[len(name):]) &&
		(!strings.HasSuffix(name, "县") || hasAny(s[len(name):], zoneWords)) {
		// "城区管理局": a two-character division name standing alone must
		// be followed by organ words to count. Two-character counties
		// (佳县, 沛县) are unambiguous enough before a department:
		// "佳县财政局".
		return 0
	}
	if len(cands) == 0 {
		_, cands = division.Prefix(s) // inconsistent chain: keep all
	}
	o.units = append(o.units, unit{text: name, cands: cands})
	return len(name)
}

// unlistedUnit reads a township missing from the division table: under
// a county-level unit whose listed children do not include it, or as the
// first unit ("苏澳镇人民政府", its county found later from context).
func (o *organ) unlistedUnit(s string) int {
	t := unlistedTown(s)
	if t == "" {
		return 0
	}
	var parents []division.Division
	if len(o.units) > 0 {
		prev := o.units[len(o.units)-1]
		if prev.unlisted || prev.zone != nil || !countyLevel(prev.cands) {
			return 0
		}
		parents = prev.cands
	} else if name, _ := division.Prefix(s); name != "" {
		return 0 // begins with a listed name: resolved among its namesakes
	}
	o.units = append(o.units, unit{text: t, cands: parents, unlisted: true})
	return len(t)
}

// isZoneName reports whether a listed division name is itself a zone
// (沭阳经济开发区), so devZone must not override it.
func isZoneName(name string) bool {
	for _, w := range devZoneWords {
		if strings.HasSuffix(name, w) {
			return true
		}
	}
	return false
}

// within keeps the candidates that lie inside one of the parents.
func within(cands, parents []division.Division) []division.Division {
	var out []division.Division
	for _, c := range cands {
		for _, p := range parents {
			if c.Code != p.Code && division.Within(c.Code, p.Code) {
				out = append(out, c)
				break
			}
		}
	}
	return out
}

// isOrganWords reports whether s is empty or begins with a government's
// organ word.
func isOrganWords(s string) bool {
	if s == "" {
		return true
	}
	for _, w := range []string{"人民政府", "政府", "办事处", "管委会", "管理委员会", "街道办"} {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}

// abbreviations maps common short department names to full ones.
var abbreviations = map[string]string{
	"科委": "科学技术委员会", "发改委": "发展和改革委员会", "发改局": "发展和改革局",
	"卫健委": "卫生健康委员会", "卫健局": "卫生健康局", "国资委": "国有资产监督管理委员会",
	"教委": "教育委员会", "经信委": "经济和信息化委员会", "工信局": "工业和信息化局",
	"住建局": "住房和城乡建设局", "住建委": "住房和城乡建设委员会", "人社局": "人力资源和社会保障局",
	"市监局": "市场监督管理局", "市场监管局": "市场监督管理局", "民宗委": "民族宗教事务委员会",
	"交通委": "交通委员会", "商务委": "商务委员会", "政府办": "人民政府办公室", "府办": "人民政府办公室",
	"区府办": "人民政府办公室", "县府办": "人民政府办公室", "街道办": "办事处",
}

func expand(rest string) string {
	if full, ok := abbreviations[rest]; ok {
		return full
	}
	return rest
}

// isNational reports whether organ words without any division name a
// central organ: 国务院 and its offices, ministries, 国家…局/委员会.
func isNational(rest string) bool {
	for _, p := range []string{"国务院", "中华人民共和国", "国家", "中国人民银行", "海关总署", "中央"} {
		if strings.HasPrefix(rest, p) {
			return true
		}
	}
	return strings.HasSuffix(rest, "部") && utf8.RuneCountInString(rest) <= 8 || strings.HasSuffix(rest, "总署")
}

// last returns the organ's own unit (the deepest division named), or nil.
func (o *organ) last() *unit {
	if len(o.units) == 0 {
		return nil
	}
	return &o.units[len(o.units)-1]
}

// dropSelfNamed drops a candidate named like its own parent when the
// parent is a candidate too: "上海市" alone is the province, not its city
// entry 3101.
func dropSelfNamed(cands []division.Division) []division.Division {
	if len(cands) < 2 {
		return cands
	}
	byCode := make(map[string]string, len(cands))
	for _, c := range cands {
		byCode[c.Code] = c.Name
	}
	var out []division.Division
	for _, c := range cands {
		if name, ok := byCode[c.Parent]; !ok || name != c.Name {
			out = append(out, c)
		}
	}
	return out
}
