package synth

import (
	"math/rand/v2"

	"gongkai/corpus"
)

// Levels and kinds of offices (design.md).
const (
	levelProvince = "province"
	levelCity     = "city"
	levelCounty   = "county"
	levelTownship = "township"

	kindGovernment  = "government"
	kindOffice      = "general_office"
	kindDepartment  = "department"
	kindSubdistrict = "subdistrict"
	kindZone        = "zone"
)

// office is a reporting organ.
type office struct {
	Full   string // canonical, region-qualified: 晋江市青阳街道办事处
	Short  string // as titles often name it: 青阳街道办事处
	Parent string // the government whose portal publishes the report
	Level  string
	Kind   string
	Region corpus.Region
	Site   string // portal domain
	ICP    string
	Phone  string
	Scale  [2]float64 // range of new applications per year
}

var provinceSites = map[string]string{
	"福建省": "fujian.gov.cn", "江苏省": "jiangsu.gov.cn", "上海市": "shanghai.gov.cn", "浙江省": "zj.gov.cn", "广东省": "gd.gov.cn",
	"山东省": "shandong.gov.cn", "湖北省": "hubei.gov.cn", "安徽省": "ah.gov.cn", "陕西省": "shaanxi.gov.cn", "湖南省": "hunan.gov.cn",
}

var citySites = map[string]string{
	"泉州市": "quanzhou.gov.cn", "福州市": "fuzhou.gov.cn", "宿迁市": "suqian.gov.cn", "淮安市": "huaian.gov.cn", "南京市": "nanjing.gov.cn",
	"绍兴市": "sx.gov.cn", "杭州市": "hangzhou.gov.cn", "广州市": "gz.gov.cn", "深圳市": "sz.gov.cn", "湛江市": "zhanjiang.gov.cn",
	"济南市": "jinan.gov.cn", "武汉市": "wuhan.gov.cn", "宣城市": "xuancheng.gov.cn", "榆林市": "yl.gov.cn", "益阳市": "yiyang.gov.cn",
}

// municipality reports whether a province-level name is a 直辖市.
func municipality(p string) bool {
	return p == "北京市" || p == "天津市" || p == "上海市" || p == "重庆市"
}

// pickOffice draws an office: levels weighted towards counties and townships,
// as real archives are.
func pickOffice(r *rand.Rand) office {
	c := &regions[r.IntN(len(regions))]
	switch x := r.IntN(100); {
	case x < 6:
		return provinceOffice(r, c)
	case x < 18:
		if c.City == "" {
			return provinceOffice(r, c)
		}
		return cityOffice(r, c)
	case x < 58:
		return countyOffice(r, c)
	default:
		return townOffice(r, c)
	}
}

func provinceOffice(r *rand.Rand, c *county) office {
	p := c.Province
	o := office{Level: levelProvince, Region: corpus.Region{Province: p, Code: provinceCodes[p]},
		Site: provinceSites[p], ICP: c.ICP, Phone: c.Phone, Parent: p + "人民政府"}
	switch x := r.IntN(10); {
	case x < 3:
		o.Full, o.Kind, o.Scale = p+"人民政府", kindGovernment, [2]float64{400, 5000}
	case x < 5:
		o.Full, o.Kind, o.Scale = p+"人民政府办公厅", kindOffice, [2]float64{100, 1500}
	default:
		depts := provinceDepartments
		if municipality(p) {
			depts = []string{"科学技术委员会", "教育委员会", "民政局", "财政局", "生态环境局"}
		}
		o.Full, o.Kind, o.Scale = p+depts[r.IntN(len(depts))], kindDepartment, [2]float64{10, 600}
	}
	o.Short = o.Full
	return o
}

func cityOffice(r *rand.Rand, c *county) office {
	m := c.City
	o := office{Level: levelCity, Region: corpus.Region{Province: c.Province, City: m, Code: c.CityCode},
		Site: citySites[m], ICP: c.ICP, Phone: c.Phone, Parent: m + "人民政府"}
	switch x := r.IntN(10); {
	case x < 3:
		o.Short, o.Kind, o.Scale = m+"人民政府", kindGovernment, [2]float64{150, 3000}
	case x < 5:
		o.Short, o.Kind, o.Scale = m+"人民政府办公室", kindOffice, [2]float64{20, 400}
	default:
		o.Short, o.Kind, o.Scale = m+cityDepartments[r.IntN(len(cityDepartments))], kindDepartment, [2]float64{3, 200}
	}
	o.Full = c.Province + o.Short
	return o
}

// countyQualifier is the canonical prefix of a county-level name: a 市辖区 is
// qualified by its city (淮安市洪泽区), a county or county-level city stands alone.
func countyQualifier(c *county) string {
	if isDistrict(c.Name) {
		if c.City == "" {
			return c.Province + c.Name
		}
		return c.City + c.Name
	}
	return c.Name
}

// fullPrefix is the canonical qualifier of OfficeFull (the convention of
// package parser/office): the name of the division one level above the
// organ's own division, then the organ's own division.
func fullPrefix(c *county) string {
	if c.City == "" {
		return c.Province + c.Name
	}
	return c.City + c.Name
}

func countyOffice(r *rand.Rand, c *county) office {
	q := fullPrefix(c)
	o := office{Level: levelCounty, Region: corpus.Region{Province: c.Province, City: cityOf(c), County: c.Name, Code: c.Code},
		Site: c.Site, ICP: c.ICP, Phone: c.Phone, Parent: countyQualifier(c) + "人民政府"}
	switch x := r.IntN(20); {
	case x < 5:
		o.Full, o.Short, o.Kind, o.Scale = q+"人民政府", c.Name+"人民政府", kindGovernment, [2]float64{8, 400}
	case x < 8:
		o.Full, o.Short, o.Kind, o.Scale = q+"人民政府办公室", c.Name+"人民政府办公室", kindOffice, [2]float64{2, 60}
	case x < 9 && !isDistrict(c.Name):
		z := short(c.Name) + zones[r.IntN(len(zones))]
		o.Full, o.Short, o.Kind, o.Scale = z, z, kindZone, [2]float64{0, 30}
	default:
		d := countyDepartments[r.IntN(len(countyDepartments))]
		o.Full, o.Short, o.Kind, o.Scale = q+d, c.Name+d, kindDepartment, [2]float64{0, 25}
	}
	return o
}

func townOffice(r *rand.Rand, c *county) office {
	q := countyQualifier(c)
	t := c.Towns[r.IntN(len(c.Towns))]
	o := office{Level: levelTownship, Region: corpus.Region{Province: c.Province, City: cityOf(c), County: c.Name, Town: t, Code: c.Code},
		Site: c.Site, ICP: c.ICP, Phone: c.Phone, Parent: q + "人民政府", Scale: [2]float64{0, 6}}
	if []rune(t)[len([]rune(t))-1] == '道' { // 街道
		o.Short, o.Kind = t+"办事处", kindSubdistrict
	} else {
		o.Short, o.Kind = t+"人民政府", kindGovernment
	}
	o.Full = c.Name + o.Short
	return o
}

// cityOf is the city of a county; a 直辖市's districts have the 直辖市 as
// their city, as in package division.
func cityOf(c *county) string {
	if c.City == "" && municipality(c.Province) {
		return c.Province
	}
	return c.City
}
