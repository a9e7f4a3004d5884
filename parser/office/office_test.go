package office

import (
	"strings"
	"testing"
)

func TestRecognize_Titles(t *testing.T) {
	tests := []struct {
		name                                    string
		in                                      Input
		office, full, region, code, level, kind string
	}{
		{"ministry", Input{Title: "教育部2023年政府信息公开工作年度报告"},
			"教育部", "教育部", "///", "", LevelNational, KindDepartment},
		{"national bureau", Input{Title: "国家统计局2022年政府信息公开工作年度报告"},
			"国家统计局", "国家统计局", "///", "", LevelNational, KindDepartment},
		{"state council office", Input{Title: "2021年国务院办公厅政府信息公开工作年度报告"},
			"国务院办公厅", "国务院办公厅", "///", "", LevelNational, KindGeneralOffice},
		{"province government", Input{Title: "福建省人民政府2022年政府信息公开工作年度报告"},
			"福建省人民政府", "福建省人民政府", "福建省///", "35", LevelProvince, KindGovernment},
		{"bare municipality", Input{Title: "2022年上海市政府信息公开工作年度报告"},
			"上海市人民政府", "上海市人民政府", "上海市///", "31", LevelProvince, KindGovernment},
		{"autonomous region", Input{Title: "广西壮族自治区人民政府办公厅2020年政府信息公开工作年度报告"},
			"广西壮族自治区人民政府办公厅", "广西壮族自治区人民政府办公厅", "广西壮族自治区///", "45", LevelProvince, KindGeneralOffice},
		{"provincial department", Input{Title: "福建省教育厅2021年政府信息公开工作年度报告"},
			"福建省教育厅", "福建省教育厅", "福建省///", "35", LevelProvince, KindDepartment},
		{"autonomous prefecture", Input{Title: "延边朝鲜族自治州人民政府2020年政府信息公开工作年度报告"},
			"延边朝鲜族自治州人民政府", "吉林省延边朝鲜族自治州人民政府", "吉林省/延边朝鲜族自治州//", "2224", LevelCity, KindGovernment},
		{"county-level city", Input{Title: "晋江市人民政府2020年政府信息公开工作年度报告"},
			"晋江市人民政府", "泉州市晋江市人民政府", "福建省/泉州市/晋江市/", "350582", LevelCounty, KindGovernment},
		{"municipal district", Input{Title: "北京市东城区人民政府2022年政府信息公开工作年度报告"},
			"北京市东城区人民政府", "北京市东城区人民政府", "北京市/北京市/东城区/", "110101", LevelCounty, KindGovernment},
		{"district ambiguous without context", Input{Title: "朝阳区人民政府2022年政府信息公开工作年度报告"},
			"朝阳区人民政府", "朝阳区人民政府", "///", "", LevelCounty, KindGovernment},
		{"district by body", Input{Title: "朝阳区人民政府2022年政府信息公开工作年度报告", Body: "在长春市委市政府的领导下"},
			"朝阳区人民政府", "长春市朝阳区人民政府", "吉林省/长春市/朝阳区/", "220104", LevelCounty, KindGovernment},
		{"one-character town", Input{Title: "2022年度螅镇政府信息公开工作年度报告"},
			"螅镇人民政府", "佳县螅镇人民政府", "陕西省/榆林市/佳县/螅镇", "610828109", LevelTownship, KindGovernment},
		{"town with county", Input{Title: "桃江县松木塘镇人民政府 2022年政府信息公开工作年度报告"},
			"桃江县松木塘镇人民政府", "桃江县松木塘镇人民政府", "湖南省/益阳市/桃江县/松木塘镇", "430922109", LevelTownship, KindGovernment},
		{"subdistrict with full chain", Input{Title: "济南市历下区人民政府大明湖街道办事处2022年政府信息公开工作年度报告"},
			"济南市历下区人民政府大明湖街道办事处", "历下区大明湖街道办事处", "山东省/济南市/历下区/大明湖街道", "370102005", LevelTownship, KindSubdistrict},
		{"subdistrict by letterhead", Input{Title: "青阳街道办事处2020年政府信息公开工作年度报告", Head: "晋江市人民政府青阳街道办事处文件\n"},
			"青阳街道办事处", "晋江市青阳街道办事处", "福建省/泉州市/晋江市/青阳街道", "350582001", LevelTownship, KindSubdistrict},
		{"subdistrict qualified title", Input{Title: "晋江市青阳街道办事处2021年政府信息公开工作年度报告"},
			"晋江市青阳街道办事处", "晋江市青阳街道办事处", "福建省/泉州市/晋江市/青阳街道", "350582001", LevelTownship, KindSubdistrict},
		{"subdistrict by site code", Input{Title: "2020年青阳街道办事处政府信息公开工作年度报告", Meta: map[string]string{"SiteIDCode": "3505820001"}},
			"青阳街道办事处", "晋江市青阳街道办事处", "福建省/泉州市/晋江市/青阳街道", "350582001", LevelTownship, KindSubdistrict},
		{"ethnic township", Input{Title: "青阳苗族仡佬族侗族乡人民政府2021年政府信息公开工作年度报告"},
			"青阳苗族仡佬族侗族乡人民政府", "石阡县青阳苗族仡佬族侗族乡人民政府", "贵州省/铜仁市/石阡县/青阳苗族仡佬族侗族乡", "520623206", LevelTownship, KindGovernment},
		{"same-named town qualified by letterhead", Input{Title: "遂城镇人民政府2012年政府信息公开工作年度报告", Head: "遂溪县人民政府遂城镇人民政府文件\n"},
			"遂城镇人民政府", "遂溪县遂城镇人民政府", "广东省/湛江市/遂溪县/遂城镇", "440823", LevelTownship, KindGovernment},
		{"unlisted town after parent government", Input{Title: "平潭县人民政府北厝镇人民政府2017年政府信息公开工作年度报告"},
			"平潭县人民政府北厝镇人民政府", "平潭县北厝镇人民政府", "福建省/福州市/平潭县/北厝镇", "350128", LevelTownship, KindGovernment},
		{"county-named development zone", Input{Title: "晋江经济开发区管理委员会2023年政府信息公开年度报告"},
			"晋江经济开发区管理委员会", "晋江经济开发区管理委员会", "福建省/泉州市/晋江市/", "350582", LevelCounty, KindZone},
		{"two-character county department", Input{Title: "佳县财政局2020年政府信息公开工作年度报告"},
			"佳县财政局", "榆林市佳县财政局", "陕西省/榆林市/佳县/", "610828", LevelCounty, KindDepartment},
		{"county department with decoration", Input{Title: "沭阳县发展和改革局2023年政府信息公开年度报告-沭阳县发改局"},
			"沭阳县发展和改革局", "宿迁市沭阳县发展和改革局", "江苏省/宿迁市/沭阳县/", "321322", LevelCounty, KindDepartment},
		{"bracketed site prefix", Input{Title: "[嵊州市人民政府]2012年政府信息公开工作年报"},
			"嵊州市人民政府", "绍兴市嵊州市人民政府", "浙江省/绍兴市/嵊州市/", "330683", LevelCounty, KindGovernment},
		{"abbreviated department", Input{Title: "2023年广州市国资委政府信息公开工作年度报告"},
			"广州市国有资产监督管理委员会", "广东省广州市国有资产监督管理委员会", "广东省/广州市//", "4401", LevelCity, KindDepartment},
		{"city general office", Input{Title: "淮安市人民政府办公室2022年政府信息公开工作年度报告"},
			"淮安市人民政府办公室", "江苏省淮安市人民政府办公室", "江苏省/淮安市//", "3208", LevelCity, KindGeneralOffice},
		{"vertical tax bureau", Input{Title: "国家税务总局晋江市税务局2021年政府信息公开工作年度报告"},
			"国家税务总局晋江市税务局", "国家税务总局泉州市晋江市税务局", "福建省/泉州市/晋江市/", "350582", LevelCounty, KindDepartment},
		{"development zone committee", Input{Title: "兰州新区管委会2022年政府信息公开工作年度报告"},
			"兰州新区管委会", "兰州新区管委会", "甘肃省/兰州市/兰州新区/", "620171", LevelCity, KindZone},
		{"alias zone with province", Input{Title: "陕西西咸新区2021年政府信息公开工作年度报告"},
			"陕西西咸新区管委会", "陕西省西咸新区管委会", "陕西省/西安市//", "6101", LevelCity, KindZone},
		{"department without division, site code", Input{Title: "县发展和改革局2023年政府信息公开工作年度报告", Meta: map[string]string{"SiteIDCode": "3213220037"}},
			"县发展和改革局", "县发展和改革局", "江苏省/宿迁市/沭阳县/", "321322", LevelUnknown, KindDepartment},
		{"department by credit code", Input{Title: "我局2023年政府信息公开工作年度报告", Meta: map[string]string{"索引号": "11331003002677103P/2021-107623"}},
			"", "", "浙江省/台州市/黄岩区/", "331003", LevelUnknown, KindOther},
		{"title from head", Input{Head: "\n淮安市人民政府\n2024年政府信息公开工作年度报告\n本报告…"},
			"淮安市人民政府", "江苏省淮安市人民政府", "江苏省/淮安市//", "3208", LevelCity, KindGovernment},
		{"signature only", Input{Title: "2020年政府信息公开工作年度报告", Tail: "特此报告。\n遂溪县建新镇人民政府\n2018年12月31日\n"},
			"遂溪县建新镇人民政府", "遂溪县建新镇人民政府", "广东省/湛江市/遂溪县/建新镇", "440823109", LevelTownship, KindGovernment},
		{"publisher metadata", Input{Title: "2020年度政府信息公开工作年度报告", Meta: map[string]string{"发布机构": "沭阳县发展和改革局"}},
			"沭阳县发展和改革局", "宿迁市沭阳县发展和改革局", "江苏省/宿迁市/沭阳县/", "321322", LevelCounty, KindDepartment},
		{"empty", Input{}, "", "", "///", "", LevelUnknown, KindOther},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			check(t, Recognize(tt.in), tt.office, tt.full, tt.region, tt.code, tt.level, tt.kind)
		})
	}
}

// TestRecognize_StableFull checks that title variants of one organ give
// one OfficeFull.
func TestRecognize_StableFull(t *testing.T) {
	head := "晋江市人民政府青阳街道办事处文件"
	variants := []Input{
		{Title: "2020年青阳街道办事处政府信息公开工作年度报告", Head: head},
		{Title: "晋江市青阳街道办事处2021年政府信息公开工作年度报告"},
		{Title: "晋江市人民政府青阳街道办事处2022年政府信息公开工作年度报告"},
		{Title: "2023年度晋江市青阳街道政府信息公开工作年度报告"},
		{Title: "福建省泉州市晋江市青阳街道办事处2024年政府信息公开工作年报"},
	}
	for _, in := range variants {
		t.Run(in.Title, func(t *testing.T) {
			if got := Recognize(in).OfficeFull; got != "晋江市青阳街道办事处" {
				t.Errorf("OfficeFull = %q", got)
			}
		})
	}
}

func TestOrganFromTitle(t *testing.T) {
	tests := map[string]string{
		"沭阳县发展和改革局2023年政府信息公开年度报告":       "沭阳县发展和改革局",
		"2022年上海市政府信息公开工作年度报告":           "上海市",
		"2019年上海市人民政府办公厅政府信息公开工作年度报告":    "上海市人民政府办公厅",
		"2022年度螅镇政府信息公开工作年度报告":           "螅镇",
		"2020年XX县人民政府信息公开工作年度报告":         "XX县人民政府",
		"2023年政府信息公开年度报告-沭阳县发改局":         "",
		"我局2023年政府信息公开工作年度报告":            "",
		"[嵊州市人民政府]2012年政府信息公开工作年报":       "",
		"2025 年上海市人民政府办公厅政府信息公开\n工作年度报告": "上海市人民政府办公厅",
		"某某局关于2020年政府信息公开工作年度报告":         "某某局",
		"政府信息公开工作年度报告":                   "",
		"":                               "",
	}
	for in, want := range tests {
		t.Run(in, func(t *testing.T) {
			if got := organFromTitle(in); got != want {
				t.Errorf("organFromTitle(%q) = %q, want %q", in, got, want)
			}
		})
	}
}

func TestRecognize_Caps(t *testing.T) {
	long := strings.Repeat("青阳街道", 100000)
	got := Recognize(Input{Title: long, Head: long, Body: long, Tail: long, Meta: map[string]string{"发布机构": long}})
	if got.Level == "" || got.Kind == "" {
		t.Errorf("empty result %+v", got)
	}
}

func FuzzRecognize(f *testing.F) {
	for _, s := range []string{
		"青阳街道办事处2020年政府信息公开工作年度报告", "国家税务总局晋江市税务局", "2022年度螅镇政府信息公开工作年度报告",
		"[嵊州市人民政府]2012年政府信息公开工作年报", "平潭综合实验区2016年度政府信息公开工作年度报告", "", "\xff年", "人民政府人民政府",
	} {
		f.Add(s, s, "3505820001")
	}
	f.Fuzz(func(t *testing.T, title, text, code string) {
		r := Recognize(Input{Title: title, Head: text, Body: text, Tail: text, Meta: map[string]string{"SiteIDCode": code, "索引号": code, "发布机构": text}})
		if strings.HasPrefix(strings.Join(r.Evidence, ""), "internal error") {
			t.Fatalf("internal error: %v", r.Evidence)
		}
		if r.Level == "" || r.Kind == "" {
			t.Fatalf("empty level or kind: %+v", r)
		}
	})
}

func BenchmarkRecognize(b *testing.B) {
	text := sampleText(b, "fujian-jinjiang-qingyang-2020.txt")
	in := sampleInput(text)
	in.Title = "青阳街道办事处2020年政府信息公开工作年度报告"
	Recognize(in) // load the division table outside the loop
	b.ResetTimer()
	for b.Loop() {
		Recognize(in)
	}
}

func BenchmarkRecognize_AmbiguousBody(b *testing.B) {
	in := Input{Title: "城关镇人民政府2020年政府信息公开工作年度报告", Body: strings.Repeat("本镇坚持以人民为中心，按照县委县政府部署推进政务公开工作。", 1500)}
	Recognize(in)
	b.ResetTimer()
	for b.Loop() {
		Recognize(in)
	}
}
