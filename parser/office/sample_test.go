package office

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// samplesDir returns $GONGKAI_SAMPLES or ../shared/samples beside the
// module root, skipping the test when it is absent.
func samplesDir(t testing.TB) string {
	t.Helper()
	if d := os.Getenv("GONGKAI_SAMPLES"); d != "" {
		return d
	}
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("samples: no go.mod found above the test directory")
		}
		dir = parent
	}
	d := filepath.Join(dir, "..", "shared", "samples")
	if _, err := os.Stat(d); err != nil {
		t.Skipf("samples not found at %s (set GONGKAI_SAMPLES)", d)
	}
	return d
}

// sampleText reads a sample as text (PDFs through pdftotext).
func sampleText(t testing.TB, name string) string {
	t.Helper()
	path := filepath.Join(samplesDir(t), name)
	if strings.HasSuffix(name, ".pdf") {
		if _, err := exec.LookPath("pdftotext"); err != nil {
			t.Skip("pdftotext (poppler-utils) not installed")
		}
		out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext %s: %v", name, err)
		}
		return string(out)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("sample %s: %v", name, err)
	}
	return string(data)
}

// sampleInput builds an Input the way an extractor would: metadata from
// the archive's "label: value" header, the title from 标题 or from the
// first lines up to the one that ends the title (…报告), Head and Tail
// from the text's first 40 and last 15 lines.
func sampleInput(text string) Input {
	in := Input{Meta: map[string]string{}}
	if head, body, ok := strings.Cut(text, "==================== 正文 ===================="); ok {
		for _, l := range strings.Split(head, "\n") {
			if k, v, ok := strings.Cut(l, ": "); ok {
				in.Meta[strings.TrimSpace(k)] = strings.TrimSpace(v)
			}
		}
		text = body
	}
	lines := strings.Split(text, "\n")
	in.Head = strings.Join(lines[:min(40, len(lines))], "\n")
	in.Tail = strings.Join(lines[max(0, len(lines)-15):], "\n")
	in.Body = text
	in.Title = in.Meta["标题"]
	if in.Title == "" {
		var title []string
		for _, l := range lines[:min(12, len(lines))] {
			c := compact(l)
			if c == "" || c == "正文" || strings.HasSuffix(c, "文件") {
				continue
			}
			title = append(title, c)
			if strings.Contains(c, "报告") {
				break
			}
		}
		in.Title = strings.Join(title, "")
	}
	return in
}

func TestRecognize_Samples(t *testing.T) {
	tests := []struct {
		file, office, full, region, code, level, kind string
	}{
		{"fujian-jinjiang-qingyang-2020.txt", "青阳街道办事处", "晋江市青阳街道办事处", "福建省/泉州市/晋江市/青阳街道", "350582001", LevelTownship, KindSubdistrict},
		{"jiangsu-huaian-hongze-2023.pdf", "洪泽区人民政府", "淮安市洪泽区人民政府", "江苏省/淮安市/洪泽区/", "320813", LevelCounty, KindGovernment},
		{"jiangsu-huaian-hongze-2024.pdf", "淮安市洪泽区人民政府", "淮安市洪泽区人民政府", "江苏省/淮安市/洪泽区/", "320813", LevelCounty, KindGovernment},
		{"jiangsu-huaian-city-2024.pdf", "淮安市人民政府", "江苏省淮安市人民政府", "江苏省/淮安市//", "3208", LevelCity, KindGovernment},
		{"shanghai-stcsm-kewei-2024.md", "上海市科学技术委员会", "上海市科学技术委员会", "上海市///", "31", LevelProvince, KindDepartment},
		{"shanghai-municipal-office-2025.md", "上海市人民政府办公厅", "上海市人民政府办公厅", "上海市///", "31", LevelProvince, KindGeneralOffice},
		{"fujian-pingtan-county-2011.txt", "平潭县人民政府", "福州市平潭县人民政府", "福建省/福州市/平潭县/", "350128", LevelCounty, KindGovernment},
		{"fujian-pingtan-dishuiju-2013.txt", "平潭综合实验区地方税务局", "福建省平潭综合实验区地方税务局", "福建省/福州市/平潭县/", "350128", LevelCounty, KindDepartment},
		{"fujian-pingtan-2016.txt", "平潭综合实验区管委会", "福建省平潭综合实验区管委会", "福建省/福州市/平潭县/", "350128", LevelCity, KindZone},
		{"fujian-pingtan-2018.txt", "平潭综合实验区管委会", "福建省平潭综合实验区管委会", "福建省/福州市/平潭县/", "350128", LevelCity, KindZone},
		{"fujian-pingtan-2020.txt", "平潭综合实验区管委会", "福建省平潭综合实验区管委会", "福建省/福州市/平潭县/", "350128", LevelCity, KindZone},
		{"fujian-pingtan-2023.txt", "平潭综合实验区管委会", "福建省平潭综合实验区管委会", "福建省/福州市/平潭县/", "350128", LevelCity, KindZone},
		{"fujian-pingtan-2025.txt", "平潭综合实验区管委会", "福建省平潭综合实验区管委会", "福建省/福州市/平潭县/", "350128", LevelCity, KindZone},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			in := sampleInput(sampleText(t, tt.file))
			got := Recognize(in)
			check(t, got, tt.office, tt.full, tt.region, tt.code, tt.level, tt.kind)
		})
	}
}

func check(t *testing.T, got Result, office, full, region, code, level, kind string) {
	t.Helper()
	r := got.Region
	gotRegion := strings.Join([]string{r.Province, r.City, r.County, r.Town}, "/")
	if got.Office != office || got.OfficeFull != full || gotRegion != region || r.Code != code || got.Level != level || got.Kind != kind {
		t.Errorf("got  %q %q %q %s %s %s\nwant %q %q %q %s %s %s\nevidence: %q",
			got.Office, got.OfficeFull, gotRegion, r.Code, got.Level, got.Kind,
			office, full, region, code, level, kind, got.Evidence)
	}
	if len(got.Evidence) == 0 {
		t.Error("no evidence recorded")
	}
}
