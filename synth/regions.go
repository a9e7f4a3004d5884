package synth

// county is a county-level division with a few of its township-level units.
// The names and GB/T 2260 codes are real (hand-written, not exhaustive).
type county struct {
	Province string
	City     string // "" under a 直辖市
	Name     string
	Code     string
	CityCode string
	Towns    []string
	Site     string // the domain of the county government's portal
	ICP      string // the ICP filing prefix of the province (闽, 苏, …)
	Phone    string // area code
}

// regions is the hand-written region list: 22 counties in 10 provinces.
var regions = []county{
	{"福建省", "泉州市", "晋江市", "350582", "350500", []string{"青阳街道", "梅岭街道", "西园街道", "罗山街道", "安海镇", "磁灶镇", "陈埭镇", "池店镇"}, "jinjiang.gov.cn", "闽", "0595"},
	{"福建省", "泉州市", "鲤城区", "350502", "350500", []string{"开元街道", "海滨街道", "临江街道", "浮桥街道"}, "qzlc.gov.cn", "闽", "0595"},
	{"福建省", "泉州市", "丰泽区", "350503", "350500", []string{"东海街道", "城东街道", "清源街道", "北峰街道"}, "qzfz.gov.cn", "闽", "0595"},
	{"福建省", "福州市", "鼓楼区", "350102", "350100", []string{"鼓东街道", "鼓西街道", "温泉街道", "东街街道"}, "gl.gov.cn", "闽", "0591"},
	{"福建省", "福州市", "晋安区", "350111", "350100", []string{"岳峰镇", "宦溪镇", "寿山乡", "日溪乡"}, "fzja.gov.cn", "闽", "0591"},
	{"福建省", "福州市", "平潭县", "350128", "350100", []string{"潭城镇", "苏澳镇", "流水镇", "北厝镇"}, "pingtan.gov.cn", "闽", "0591"},
	{"江苏省", "宿迁市", "沭阳县", "321322", "321300", []string{"沭城街道", "胡集镇", "韩山镇", "钱集镇"}, "shuyang.gov.cn", "苏", "0527"},
	{"江苏省", "淮安市", "洪泽区", "320813", "320800", []string{"高良涧街道", "朱坝街道", "岔河镇", "老子山镇", "三河镇"}, "hongze.gov.cn", "苏", "0517"},
	{"江苏省", "南京市", "秦淮区", "320104", "320100", []string{"夫子庙街道", "朝天宫街道", "中华门街道"}, "njqh.gov.cn", "苏", "025"},
	{"上海市", "", "黄浦区", "310101", "310000", []string{"南京东路街道", "外滩街道", "半淞园路街道"}, "shhuangpu.gov.cn", "沪", "021"},
	{"上海市", "", "浦东新区", "310115", "310000", []string{"陆家嘴街道", "张江镇", "川沙新镇"}, "pudong.gov.cn", "沪", "021"},
	{"浙江省", "绍兴市", "嵊州市", "330683", "330600", []string{"剡湖街道", "三江街道", "甘霖镇", "长乐镇", "崇仁镇"}, "szzj.gov.cn", "浙", "0575"},
	{"浙江省", "杭州市", "西湖区", "330106", "330100", []string{"北山街道", "西溪街道", "灵隐街道", "转塘街道", "三墩镇"}, "hzxh.gov.cn", "浙", "0571"},
	{"广东省", "广州市", "越秀区", "440104", "440100", []string{"北京街道", "人民街道", "农林街道"}, "yuexiu.gov.cn", "粤", "020"},
	{"广东省", "广州市", "天河区", "440106", "440100", []string{"石牌街道", "五山街道", "天河南街道"}, "thnet.gov.cn", "粤", "020"},
	{"广东省", "深圳市", "龙岗区", "440307", "440300", []string{"布吉街道", "坂田街道", "龙城街道", "平湖街道"}, "lg.gov.cn", "粤", "0755"},
	{"广东省", "湛江市", "遂溪县", "440823", "440800", []string{"遂城镇", "建新镇", "黄略镇", "洋青镇"}, "suixi.gov.cn", "粤", "0759"},
	{"山东省", "济南市", "历下区", "370102", "370100", []string{"大明湖街道", "泉城路街道", "趵突泉街道", "千佛山街道"}, "lixia.gov.cn", "鲁", "0531"},
	{"湖北省", "武汉市", "江岸区", "420102", "420100", []string{"大智街道", "一元街道", "车站街道"}, "jiangan.gov.cn", "鄂", "027"},
	{"安徽省", "宣城市", "宁国市", "341881", "341800", []string{"西津街道", "河沥溪街道", "港口镇", "梅林镇", "宁墩镇"}, "ningguo.gov.cn", "皖", "0563"},
	{"陕西省", "榆林市", "佳县", "610828", "610800", []string{"佳芦镇", "螅镇", "坑镇", "乌镇"}, "jiaxian.gov.cn", "陕", "0912"},
	{"湖南省", "益阳市", "桃江县", "430922", "430900", []string{"桃花江镇", "松木塘镇", "马迹塘镇", "灰山港镇"}, "taojiang.gov.cn", "湘", "0737"},
}

// provinceCodes are the province-level codes of the provinces above.
var provinceCodes = map[string]string{
	"福建省": "350000", "江苏省": "320000", "上海市": "310000", "浙江省": "330000", "广东省": "440000",
	"山东省": "370000", "湖北省": "420000", "安徽省": "340000", "陕西省": "610000", "湖南省": "430000",
}

// provinceDepartments are provincial organs (厅 or 委员会); cityDepartments and
// countyDepartments the departments of lower governments.
var (
	provinceDepartments = []string{"教育厅", "民政厅", "财政厅", "自然资源厅", "交通运输厅", "发展和改革委员会", "卫生健康委员会", "科学技术厅"}
	cityDepartments     = []string{"发展和改革委员会", "教育局", "民政局", "财政局", "自然资源和规划局", "生态环境局", "住房和城乡建设局", "交通运输局", "商务局", "市场监督管理局", "卫生健康委员会", "人力资源和社会保障局"}
	countyDepartments   = []string{"发展和改革局", "教育局", "民政局", "财政局", "司法局", "农业农村局", "水利局", "商务局", "文化和旅游局", "应急管理局", "市场监督管理局", "卫生健康局", "医疗保障局"}
	zones               = []string{"经济开发区管理委员会", "高新技术产业开发区管理委员会"}
)

// isDistrict reports whether a county-level name is a 市辖区 (qualified by its city).
func isDistrict(name string) bool {
	r := []rune(name)
	return len(r) > 0 && r[len(r)-1] == '区'
}

// short drops the suffix of a county-level name for zone names (晋江市 → 晋江).
func short(name string) string {
	r := []rune(name)
	if len(r) > 2 {
		return string(r[:len(r)-1])
	}
	return name
}
