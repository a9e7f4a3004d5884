package figures

import (
	"os"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"gongkai/corpus"
)

func FuzzExtract(f *testing.F) {
	seeds := []string{
		"主动公开政府信息2602条(其中机构职能类信息82条)。",
		"全县全年共受理政府信息公开申请749件，其中自然人申请741件；共办理718件，结转下一年31件。",
		"指标名称计量单位2011年度历年累计主动公开信息数条4251516其中：1.网站公开条41815092.政府公报公开条77",
		"统计指标单位统计数主动公开政府信息数条120",
		"没有发生针对本单位有关政府信息公开事务的行政复议案、行政诉讼案和有关的申诉案。",
		"主动公开政府信息一千二百条，1.2万条，上千条，１２３条，1,234条，12，345条",
		"无无无无未收到均为0截至底累计（（（（",
	}
	if b, err := os.ReadFile("testdata/synthetic-legacy.txt"); err == nil {
		seeds = append(seeds, string(b))
	}
	for _, s := range seeds {
		f.Add(s, 2015)
	}
	f.Fuzz(func(t *testing.T, text string, year int) {
		figs := extract(text, year)
		seen := make(map[string]bool)
		for _, fg := range figs {
			if fg.Key == "" || (fg.Scope != corpus.ScopeYear && fg.Scope != corpus.ScopeCumulative) {
				t.Fatalf("bad figure %+v", fg)
			}
			if !utf8.ValidString(fg.Text) || utf8.RuneCountInString(fg.Text) > 4*snippetRunes {
				t.Fatalf("bad text %q", fg.Text)
			}
			k := fg.Key + "|" + fg.Scope
			if seen[k] {
				t.Fatalf("duplicate (key, scope) %s", k)
			}
			seen[k] = true
		}
	})
}

// hostileMegabyte builds 1 MB of text that stresses every path: one line
// without sentence ends, triggers, numbers, negations and table headers.
func hostileMegabyte() string {
	parts := []string{
		"主动公开政府信息1234条", "受理申请", "56件", "未收到", "无", "其中", "累计", "截至", "指标名称计量单位2011年度历年累计",
		"主动公开信息数条4251516", "1.", "一千二百条", "（", "，", "行政复议", "、", "12345678901234567890",
	}
	var b strings.Builder
	for i := 0; b.Len() < 1<<20; i++ {
		b.WriteString(parts[i%len(parts)])
		if i%7 == 0 {
			b.WriteString(parts[(i*3)%len(parts)])
		}
	}
	return b.String()
}

// TestExtract_Bounded checks that hostile text costs linear time: a
// megabyte may take at most a few times 4 × what its first quarter takes,
// each the least CPU time of three rounds on this thread. A ratio measured in the
// same run holds on a loaded machine where a wall-clock budget would not;
// the absolute speed is BenchmarkExtract_Hostile's business.
func TestExtract_Bounded(t *testing.T) {
	inputs := map[string]string{
		"hostile": hostileMegabyte(),
		"digits":  strings.Repeat("1", 1<<20),
		"parens":  strings.Repeat("（", 1<<18),
		"report":  strings.Repeat(syntheticReport(t), (1<<20)/len(syntheticReport(t))),
	}
	// fastest is the least CPU time of three rounds of reps runs, per run.
	fastest := func(in string, reps int) time.Duration {
		best := time.Duration(1<<63 - 1)
		for range 3 {
			start := threadCPU(t)
			for range reps {
				Extract(in, 2015)
			}
			best = min(best, (threadCPU(t)-start)/time.Duration(reps))
		}
		return best
	}
	for name, in := range inputs {
		t.Run(name, func(t *testing.T) {
			part := in[:prefixLen(in, len(in)/4)]
			small, whole := fastest(part, 4), fastest(in, 1)
			ratio := float64(whole) / (float64(small) * float64(len(in)) / float64(len(part)))
			t.Logf("%d bytes in %v; %d bytes in %v; %.2f× linear", len(part), small, len(in), whole, ratio)
			if whole > 20*time.Millisecond && ratio > 3 {
				t.Errorf("%d bytes took %v, %.1f× the linear extrapolation of %d bytes (%v)", len(in), whole, ratio, len(part), small)
			}
		})
	}
}

// threadCPU is the CPU time this goroutine's thread has used: unlike the
// wall clock, it does not count the time other processes hold the cores.
func threadCPU(t *testing.T) time.Duration {
	runtime.LockOSThread()
	t.Cleanup(runtime.UnlockOSThread)
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_THREAD, &ru); err != nil {
		t.Fatalf("getrusage: %v", err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// prefixLen is n moved back to the start of a UTF-8 character.
func prefixLen(s string, n int) int {
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return n
}

// BenchmarkExtract_Hostile is the speed of a megabyte of hostile text (the
// budget is 50 ms on a quiet machine).
func BenchmarkExtract_Hostile(b *testing.B) {
	in := hostileMegabyte()
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		Extract(in, 2015)
	}
}

func syntheticReport(t testing.TB) string {
	b, err := os.ReadFile("testdata/synthetic-legacy.txt")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// BenchmarkExtract runs on a typical 15 KB report text (the synthetic
// report padded with narrative).
func BenchmarkExtract(b *testing.B) {
	pad := "各单位认真落实政府信息公开工作要求，进一步完善工作机制，拓展公开渠道，规范操作流程。"
	text := syntheticReport(b)
	for len(text) < 15<<10 {
		text = pad + text
	}
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Extract(text, 2015)
	}
}

// BenchmarkExtract_Sample runs on the real 2016 report (15 KB) when present.
func BenchmarkExtract_Sample(b *testing.B) {
	text := readSample(b, "fujian-pingtan-2016.txt")
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Extract(text, 2016)
	}
}

func TestExtract_SyntheticReport(t *testing.T) {
	got := make(map[string]string)
	for _, f := range Extract(syntheticReport(t), 2015) {
		got[f.Key+" "+f.Scope] = corpus.FormatValue(f.Value) + f.Unit
	}
	// 政府公报公开条8686 splits as 8|686 or 86|86: ambiguous, so absent.
	want := map[string]string{
		"active.total year":                      "1286条",
		"active.total cumulative":                "9876条",
		"active.normative year":                  "12件",
		"apply.new_received.total year":          "2件",
		"apply.new_received.natural_person year": "1件",
		"apply.result_total.total year":          "2件",
		"apply.granted.total year":               "1件",
		"apply.partial.total year":               "1件",
		"apply.denied.total year":                "0件",
		"apply.carry_forward.total year":         "0件",
		"fees.amount year":                       "0元",
		"review.total year":                      "0件",
		"suit.total year":                        "0件",
		"complaints.total year":                  "0件",
		"legacy.active.by_web year":              "1200条",
		"legacy.active.by_web cumulative":        "9000条",
		"review.total cumulative":                "0件",
		"suit.total cumulative":                  "0件",
		"apply.new_received.total cumulative":    "10条",
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s = %q, want %q", k, got[k], w)
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("unexpected figure %s = %s", k, got[k])
		}
	}
}

func BenchmarkExtract_Megabyte(b *testing.B) {
	for _, name := range []string{"hostile", "report"} {
		in := hostileMegabyte()
		if name == "report" {
			r := syntheticReport(b)
			in = strings.Repeat(r, (1<<20)/len(r))
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			for i := 0; i < b.N; i++ {
				Extract(in, 2015)
			}
		})
	}
}
