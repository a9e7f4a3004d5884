package synth

import (
	"fmt"
	"math/rand/v2"
	"time"

	"gongkai/corpus"
)

// publishDate draws the publication date: January–March of the next year;
// departments under the 2019 regulation mostly publish by 31 January.
func publishDate(r *rand.Rand, year int, o office, template string) time.Time {
	days := 90
	if template != corpus.TemplateLegacy && o.Kind == kindDepartment && r.IntN(5) > 0 {
		days = 31
	}
	start := time.Date(year+1, 1, 3, 0, 0, 0, 0, time.UTC)
	return start.AddDate(0, 0, r.IntN(days-2))
}

// makeTitle draws a title in one of the §6.2 shapes and returns it with the
// office as the title names it.
func makeTitle(r *rand.Rand, o office, year int) (title, named string) {
	words := pick(r, []string{"政府信息公开工作年度报告", "政府信息公开工作年度报告", "政府信息公开工作年度报告", "政府信息公开年度报告"})
	named = o.Short
	if r.IntN(2) == 0 {
		named = o.Full
	}
	if o.Level == levelTownship && r.IntN(5) == 0 {
		named = o.Parent + o.Short // 晋江市人民政府青阳街道办事处
	}
	switch r.IntN(6) {
	case 0, 1, 2:
		return fmt.Sprintf("%s%d年%s", named, year, words), named
	case 3, 4:
		return fmt.Sprintf("%d年%s%s", year, named, words), named
	default:
		return fmt.Sprintf("%d年度%s%s", year, named, words), named
	}
}

// indexNo draws a 索引号: an 18-character credit-code-like prefix (or a
// 9-character organisation code) and a serial number.
func indexNo(r *rand.Rand, o office, year int) string {
	const alnum = "0123456789ABCDEFGHJKLMNPQRTUWXY"
	code := o.Region.Code
	if len(code) < 6 {
		code = (code + "000000")[:6]
	}
	if r.IntN(3) == 0 {
		b := make([]byte, 9)
		for i := range b {
			b[i] = alnum[r.IntN(10)]
		}
		return fmt.Sprintf("%s/%d-%05d", b, year, r.IntN(99999))
	}
	b := []byte("11" + code[:6] + "0000000000")
	for i := 8; i < 18; i++ {
		b[i] = alnum[r.IntN(len(alnum))]
	}
	return fmt.Sprintf("%s/%d-%05d", b, year, r.IntN(99999))
}

// we is how a report refers to its own organ (我镇, 我局 …).
func we(o office) string {
	name := []rune(o.Full)
	last := string(name[len(name)-1])
	switch {
	case o.Kind == kindSubdistrict:
		return "我街道"
	case o.Level == levelTownship:
		if []rune(o.Short)[len([]rune(o.Short))-5] == '乡' {
			return "我乡"
		}
		return "我镇"
	case o.Kind == kindOffice || o.Kind == kindZone:
		return "本机关"
	case o.Kind == kindGovernment:
		c := []rune(o.Region.County)
		switch {
		case o.Level == levelProvince:
			return "我省"
		case o.Level == levelCity:
			return "我市"
		case len(c) > 0:
			return "我" + string(c[len(c)-1])
		}
	case last == "会":
		return "我委"
	case last == "厅":
		return "我厅"
	}
	return "我局"
}
