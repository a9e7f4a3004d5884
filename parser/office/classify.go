package office

import (
	"strings"

	"gongkai/corpus"
	"gongkai/division"
)

var generalOffices = []string{"人民政府办公厅", "人民政府办公室", "政府办公厅", "政府办公室", "办公厅"}

var departmentEndings = []string{"局", "委员会", "委", "厅", "中心", "办公室", "办", "院", "所", "站", "队", "署", "部", "处", "社", "馆", "会", "行", "关", "台"}

var zoneWords = []string{"管委会", "管理委员会", "开发区", "新区", "综合实验区", "实验区", "高新区", "园区", "合作区", "保税区", "试验区", "投资区", "度假区", "示范区"}

// classify sets o.kind from its organ words and its own unit.
func classify(o *organ) {
	u := o.last()
	rest := o.rest
	switch {
	case o.national:
		switch {
		case rest == "国务院":
			o.kind = KindGovernment
		case strings.HasPrefix(rest, "国务院办公厅"):
			o.kind = KindGeneralOffice
		default:
			o.kind = KindDepartment
		}
	case u == nil:
		o.kind = kindOfWords(rest)
	case rest == "" || rest == "人民政府" || rest == "政府":
		switch {
		case isZoneUnit(u):
			o.kind = KindZone
		case strings.HasSuffix(u.text, "街道"):
			o.kind = KindSubdistrict
		default:
			o.kind = KindGovernment
		}
	case rest == "办事处" || rest == "街道办事处":
		o.kind = KindSubdistrict
	case rest == "管委会" || rest == "管理委员会" || strings.HasSuffix(rest, "管委会") && hasAny(rest, zoneWords[2:]):
		o.kind = KindZone
	default:
		o.kind = kindOfWords(rest)
	}
	if o.prefix != "" && o.kind == KindOther {
		o.kind = KindDepartment
	}
}

func kindOfWords(rest string) string {
	for _, g := range generalOffices {
		if rest == g {
			return KindGeneralOffice
		}
	}
	if rest == "管委会" || rest == "管理委员会" {
		return KindZone
	}
	for _, z := range zoneWords[2:] {
		if strings.HasSuffix(rest, z) {
			return KindZone
		}
	}
	for _, e := range departmentEndings {
		if strings.HasSuffix(rest, e) {
			return KindDepartment
		}
	}
	return KindOther
}

func hasAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// isZoneUnit reports whether a unit names a zone rather than a formal
// division.
func isZoneUnit(u *unit) bool {
	if u.zone != nil || u.devzone {
		return true
	}
	if u.resolved {
		// A formal division whose name sounds like a zone (浦东新区, 滨海新区
		// are districts) has a 人民政府.
		return !u.div.Formal()
	}
	return hasAny(u.text, zoneWords[2:])
}

// completion is the organ word a bare division's government takes.
func (o *organ) completion() string {
	u := o.last()
	switch {
	case u == nil:
		return ""
	case isZoneUnit(u):
		return "管委会"
	case strings.HasSuffix(u.text, "街道"):
		return "办事处"
	}
	return "人民政府"
}

// organWordEndings end a name that is already an organ's: such a name is
// never completed with a second organ word (a city's …局 once came out as
// "…局管委会").
var organWordEndings = []string{"局", "委", "委员会", "管委会", "办", "办公室", "办公厅", "办事处", "厅", "院", "中心", "政府", "署", "站", "所", "队", "处", "部", "公司"}

func endsInOrgan(s string) bool {
	for _, e := range organWordEndings {
		if strings.HasSuffix(s, e) {
			return true
		}
	}
	return false
}

// canonicalRest is the organ words as OfficeFull and Office print them.
func (o *organ) canonicalRest() string {
	if o.rest == "" || o.rest == "政府" || o.rest == "人民政府" {
		if u := o.last(); u != nil && endsInOrgan(u.text) {
			return o.rest // a unit that is itself an organ's name: never extended
		}
	}
	switch o.rest {
	case "", "政府":
		return o.completion()
	case "人民政府":
		if u := o.last(); u != nil && strings.HasSuffix(u.text, "街道") {
			return "办事处"
		}
		if u := o.last(); u != nil && isZoneUnit(u) {
			return "管委会"
		}
	}
	return o.rest + o.zoneCompletion()
}

// zoneCompletion completes a zone named alone whose name the division
// table does not hold as a unit ("湄洲湾北岸经济开发区", "福州高新区",
// "南平市武夷新区"): the report is its management committee's.
func (o *organ) zoneCompletion() string {
	if o.national || o.kind != KindZone || o.rest == "" || endsInOrgan(o.rest) {
		return ""
	}
	for _, z := range zoneWords[2:] {
		if strings.HasSuffix(o.rest, z) {
			return "管委会"
		}
	}
	return ""
}

// office is the organ as the source names it, completed and expanded.
func (o *organ) office() string {
	head := o.head
	if o.shown != "" {
		head = o.shown
	}
	if o.national || len(o.units) == 0 {
		return head + o.rest + o.zoneCompletion()
	}
	return head + o.canonicalRest()
}

// full is the region-qualified canonical name (see the package comment).
func (o *organ) full() string {
	u := o.last()
	if u == nil || !u.resolved {
		return o.office()
	}
	own := u.div.Name
	var parent string
	if u.unlisted || u.devzone {
		own, parent = u.text, u.div.Name
	} else if u.zone != nil {
		own = u.zone.name
		if p, ok := division.Get(u.zone.within); ok {
			parent = p.Name
		}
	} else if p, ok := division.Get(u.div.Parent); ok {
		parent = p.Name
	}
	formal := u.zone == nil && !u.devzone && u.div.Formal()
	if parent != "" && (strings.HasPrefix(own, parent) || !formal && strings.HasPrefix(own, division.ShortName(parent))) {
		parent = "" // 晋江市经济开发区 under 晋江市: no prefix duplicated
	}
	return o.prefix + parent + own + o.canonicalRest()
}

// level is the organ's own level of government.
func (o *organ) level() string {
	if o.national {
		return LevelNational
	}
	u := o.last()
	if u != nil && u.unlisted {
		return LevelTownship
	}
	if u == nil || !u.resolved {
		if u != nil && len(u.cands) > 0 && sameLevel(u.cands) {
			return levelName(u.cands[0].Level)
		}
		return LevelUnknown
	}
	if u.zone != nil {
		if o.kind == KindZone || o.kind == KindGovernment || o.kind == KindGeneralOffice {
			return u.zone.level
		}
		return levelName(u.div.Level)
	}
	if !u.div.Formal() {
		if p, ok := division.Get(u.div.Parent); ok {
			return levelName(p.Level)
		}
	}
	return levelName(u.div.Level)
}

func sameLevel(ds []division.Division) bool {
	for _, d := range ds {
		if d.Level != ds[0].Level {
			return false
		}
	}
	return true
}

func levelName(l division.Level) string {
	switch l {
	case division.Province:
		return LevelProvince
	case division.City:
		return LevelCity
	case division.County:
		return LevelCounty
	case division.Town:
		return LevelTownship
	}
	return LevelUnknown
}

// region places the organ: its own division's path, or, when the own
// division is ambiguous, the deepest division all candidates share.
func (o *organ) region() corpus.Region {
	u := o.last()
	if u == nil {
		return corpus.Region{}
	}
	var r corpus.Region
	if u.resolved {
		r = regionOf(u.div.Code)
	} else {
		r = regionOf(commonAncestor(u.cands))
	}
	if u.unlisted {
		r.Town = u.text // the code stays the county's
	}
	return r
}

func commonAncestor(ds []division.Division) string {
	if len(ds) == 0 {
		return ""
	}
	common := division.Path(ds[0].Code)
	for _, d := range ds[1:] {
		p := division.Path(d.Code)
		n := 0
		for n < len(common) && n < len(p) && common[n].Code == p[n].Code {
			n++
		}
		common = common[:n]
	}
	if len(common) == 0 {
		return ""
	}
	return common[len(common)-1].Code
}
