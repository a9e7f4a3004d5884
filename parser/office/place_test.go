package office

import "testing"

// TestPlaceAlone: a report titled by a place alone is that place's
// government, or its management committee for a zone; a name that already
// ends in an organ word is never extended.
func TestPlaceAlone(t *testing.T) {
	for _, tc := range []struct{ title, office, kind string }{
		{"莆田市2008年度政府信息公开工作年度报告", "莆田市人民政府", KindGovernment},
		{"莆田市人民政府2019年政府信息公开工作年度报告", "莆田市人民政府", KindGovernment},
		{"泉州市2018年度政府信息公开工作年度报告", "泉州市人民政府", KindGovernment},
		{"仙游县2015年政府信息公开工作年度报告", "仙游县人民政府", KindGovernment},
		{"福建省2019年政府信息公开工作年度报告", "福建省人民政府", KindGovernment},
		{"平潭综合实验区2016年度政府信息公开工作年度报告", "平潭综合实验区管委会", KindZone},
		{"湄洲湾北岸经济开发区2019年政府信息公开工作年度报告", "湄洲湾北岸经济开发区管委会", KindZone},
		{"福州高新区2020年政府信息公开工作年度报告", "福州高新区管委会", KindZone},
		{"泉州台商投资区2020年政府信息公开工作年度报告", "泉州台商投资区管委会", KindZone},
		{"莆田市湄洲岛国家旅游度假区2019年政府信息公开工作年度报告", "莆田市湄洲岛国家旅游度假区管委会", KindZone},
		{"南平市武夷新区2020年政府信息公开工作年度报告", "南平市武夷新区管委会", KindZone},
		{"莆田市城市管理局2019年度政府信息公开工作年度报告", "莆田市城市管理局", KindDepartment},
		{"平潭综合实验区公安局2019年政府信息公开工作年度报告", "平潭综合实验区公安局", KindDepartment},
		{"泉州市发展和改革委员会2020年政府信息公开工作年度报告", "泉州市发展和改革委员会", KindDepartment},
	} {
		r := Recognize(Input{Title: tc.title})
		if r.Office != tc.office || r.Kind != tc.kind {
			t.Errorf("%s: office %q kind %s, want %q %s", tc.title, r.Office, r.Kind, tc.office, tc.kind)
		}
	}
	// Never a second organ word, whatever the unit reads as.
	o := &organ{head: "莆田市城市管理局", units: []unit{{text: "莆田市城市管理局", devzone: true}}, kind: KindZone}
	if got := o.office(); got != "莆田市城市管理局" {
		t.Errorf("a unit ending in 局 was extended: %q", got)
	}
	o = &organ{rest: "某某开发区管委会", kind: KindZone}
	if got := o.office(); got != "某某开发区管委会" {
		t.Errorf("a committee was extended: %q", got)
	}
}
