package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"gongkai/compare"
	"gongkai/compare/comparetest"
)

// cmpArchive builds the compare fixture archive (comparetest) in a temporary
// directory and returns its path.
func cmpArchive(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "archive")
	st, err := comparetest.Build(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	return dir
}

type runFunc func(ctx context.Context, args []string, stdout, stderr io.Writer) error

func runCmd(t *testing.T, f runFunc, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := f(context.Background(), args, &out, &errOut)
	if err != nil && !errors.Is(err, errUsage) {
		t.Logf("stderr: %s", errOut.String())
	}
	return out.String() + errOut.String(), err
}

func readCSV(t *testing.T, s string) [][]string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(s)).ReadAll()
	if err != nil {
		t.Fatalf("CSV: %v\n%s", err, s)
	}
	return recs
}

func TestCompare_OfficeYearsCSV(t *testing.T) {
	dir := cmpArchive(t)
	out, err := runCmd(t, runCompare, "--archive", dir, "--office", "青阳街道办事处", "--metrics", "new_received,denied,rate.granted", "--csv")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range readCSV(t, out)[1:] {
		got[r[4]+"@"+r[3]] = r[5] + "|" + r[6]
	}
	want := map[string]string{
		"apply.new_received.total@2019": "5|", "apply.new_received.total@2020": "3|-2", "apply.new_received.total@2021": "3|0",
		"apply.new_received.total@2022": "|", "apply.new_received.total@2023": "8|",
		"apply.denied.total@2023": "2|", "rate.granted@2020": "0.75|0",
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s = %q, want %q", k, got[k], w)
		}
	}
	if len(got) != 15 {
		t.Errorf("%d values, want 3 metrics × 5 years", len(got))
	}
}

func TestCompare_OfficeYearsText(t *testing.T) {
	dir := cmpArchive(t)
	out, err := runCmd(t, runCompare, "--archive", dir, "晋江市人民政府", "--metrics", "new_received,granted")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"晋江市政府 (350582 福建省 泉州市 晋江市), 2018–2019",
		"apply.new_received.total   50*  60 (+10)  ▇█",
		"matched: 晋江市人民政府 = 晋江市政府 (same region code 350582 and name 晋江市政府)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestCompare_SideBySideJSON(t *testing.T) {
	dir := cmpArchive(t)
	out, err := runCmd(t, runCompare, "--archive", dir, "--year", "2023", "--office", "青阳街道办事处", "--office", "晋江市罗山街道办事处", "--metrics", "denied,review", "--json")
	if err != nil {
		t.Fatal(err)
	}
	var tb compare.Table
	if err := json.Unmarshal([]byte(out), &tb); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if tb.Kind != compare.KindSideBySide || len(tb.Rows) != 2 || len(tb.Columns) != 2 {
		t.Fatalf("table %+v", tb)
	}
	got := [2][2]float64{{*tb.Rows[0].Cells[0].Value, *tb.Rows[0].Cells[1].Value}, {*tb.Rows[1].Cells[0].Value, *tb.Rows[1].Cells[1].Value}}
	if got != [2][2]float64{{2, 6}, {3, 2}} {
		t.Errorf("denied, review = %v, want [[2 6] [3 2]]", got)
	}
}

func TestCompare_Rank(t *testing.T) {
	dir := cmpArchive(t)
	out, err := runCmd(t, runCompare, "--archive", dir, "--rank", "apply.denied.total", "--year", "2023", "--region", "泉州市", "--level", "township", "--limit", "2")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(out, "\n")
	if lines[0] != "apply.denied.total, 2023: 3 offices" {
		t.Errorf("title %q", lines[0])
	}
	for i, want := range []string{"1. 晋江市罗山街道办事处", "2. 石狮市湖滨街道办事处"} {
		if !strings.HasPrefix(lines[2+i], want) {
			t.Errorf("line %d = %q, want it to start %q", 2+i, lines[2+i], want)
		}
	}
	if !strings.Contains(lines[2], " 6  ") || !strings.Contains(lines[3], " 4  ") || strings.Contains(out, "3. ") {
		t.Errorf("ranking:\n%s", out)
	}
}

func TestCoverage_CSV(t *testing.T) {
	dir := cmpArchive(t)
	out, err := runCmd(t, runCoverage, "--archive", dir, "--region", "晋江市", "--alias", "晋江经济开发区管委会 = 晋江经济开发区管理委员会", "--csv")
	if err != nil {
		t.Fatal(err)
	}
	recs := readCSV(t, out)
	if strings.Join(recs[0], ",") != "office,region_code,region,level,2018,2019,2020,2021,2022,2023" {
		t.Fatalf("head %v", recs[0])
	}
	want := map[string]string{
		"晋江市政府":        "1,1,0,0,0,0",
		"晋江经济开发区管理委员会": "0,0,0,1,1,0",
		"晋江市青阳街道办事处":   "0,1,1,1,0,1",
		"晋江市罗山街道办事处":   "0,0,0,2,1,1",
	}
	if len(recs) != 1+len(want) {
		t.Fatalf("%d rows, want %d", len(recs)-1, len(want))
	}
	for _, r := range recs[1:] {
		if got := strings.Join(r[4:], ","); got != want[r[0]] {
			t.Errorf("%s: %s, want %s", r[0], got, want[r[0]])
		}
	}
}

func TestCoverage_Text(t *testing.T) {
	dir := cmpArchive(t)
	out, err := runCmd(t, runCoverage, "--archive", dir, "--office", "青阳街道办事处", "--year", "2019..2023")
	if err != nil {
		t.Fatal(err)
	}
	// 2020 and 2021 bear publication dates after their deadlines (▲).
	want := "office                region    2019 2020 2021 2022 2023  gaps / absent\n" +
		"晋江市青阳街道办事处  350582001    ■    ▲    ▲    ·    ■  2022\n"
	if !strings.HasPrefix(out, want) || !strings.Contains(out, "1 offices, 4 reports, 1 gaps, 0 absent after the last report, 2 published late") {
		t.Errorf("got\n%s\nwant it to start\n%s", out, want)
	}
}

func TestCheck_CLI(t *testing.T) {
	dir := cmpArchive(t)
	out, err := runCmd(t, runCheck, "--archive", dir, "--id", "c6", "--json")
	if err != nil {
		t.Fatal(err)
	}
	var fs []compare.Finding
	if err := json.Unmarshal([]byte(out), &fs); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(fs) != 2 || fs[0].Office != "晋江市罗山街道办事处" || fs[0].Year != 2023 || fs[1].Office != "晋江市青阳街道办事处" || fs[1].PrevYear != 2020 {
		t.Errorf("findings %+v", fs)
	}
	out, err = runCmd(t, runCheck, "--archive", dir, "--year", "2022", "--region", "晋江市")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"C1 fail  晋江市罗山街道办事处  2022  report " + comparetest.ID("luoshan-2022.txt") + " (template 2021)",
		"apply.new_received.total = 6, apply.carried_over.total = 2, apply.result_total.total = 5, apply.carry_forward.total = 1",
		"C7 warn  晋江市罗山街道办事处  2021→2022",
		"1 failed checks in 1 reports, 1 cross-year warnings",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	out, err = runCmd(t, runCheck, "--archive", dir, "--level", "city", "--json")
	if err != nil || strings.TrimSpace(out) != "[]" {
		t.Errorf("no findings: %q, %v; want []", out, err)
	}
}

func TestCompare_UsageErrors(t *testing.T) {
	dir := cmpArchive(t)
	for _, c := range []struct {
		name string
		f    runFunc
		args []string
	}{
		{"compare without office", runCompare, nil},
		{"rank without year", runCompare, []string{"--rank", "denied"}},
		{"offices without year", runCompare, []string{"--office", "青阳街道办事处", "--office", "罗山街道办事处"}},
		{"unknown metric", runCompare, []string{"--office", "青阳街道办事处", "--metrics", "rate.nope"}},
		{"ambiguous office", runCompare, []string{"--office", "街道办事处"}},
		{"unknown office", runCompare, []string{"--office", "鼓浪屿"}},
		{"bad alias", runCompare, []string{"--office", "青阳街道办事处", "--alias", "no equals sign"}},
		{"missing aliases file", runCompare, []string{"--office", "青阳街道办事处", "--aliases", filepath.Join(dir, "nope.txt")}},
		{"coverage bad level", runCoverage, []string{"--level", "village"}},
		{"coverage bad year", runCoverage, []string{"--year", "20x1"}},
		{"check bad id", runCheck, []string{"--id", "C10"}},
		{"check bad timely", runCheck, []string{"--timely", "soon"}},
		{"check reversed years", runCheck, []string{"--year", "2023..2019"}},
		{"check positional", runCheck, []string{"extra"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			out, err := runCmd(t, c.f, append([]string{"--archive", dir}, c.args...)...)
			if !errors.Is(err, errUsage) {
				t.Errorf("err = %v, want a usage error\n%s", err, out)
			}
		})
	}
}
