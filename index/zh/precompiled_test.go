package zh

import (
	"fmt"
	"reflect"
	"runtime"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/go-ego/gse"
)

// gseRef is gse's own text load of the full dictionary, the reference the
// flat dictionary must reproduce; loaded once per test binary.
var gseRef = sync.OnceValues(func() (*gse.Segmenter, error) { return loadGseText(baseDict) })

func refSeg(tb testing.TB) *gse.Segmenter {
	tb.Helper()
	seg, err := gseRef()
	if err != nil {
		tb.Fatal(err)
	}
	return seg
}

// refIndex maps gse's dictionary tokens to their index.
var refIndex = sync.OnceValue(func() map[*gse.Token]int32 {
	seg, err := gseRef()
	if err != nil {
		return nil
	}
	m := make(map[*gse.Token]int32, len(seg.Dict.Tokens))
	for i := range seg.Dict.Tokens {
		m[&seg.Dict.Tokens[i]] = int32(i)
	}
	return m
})

// refTok is a gse token's index, or pseudoTok for a token outside the
// dictionary (gse's pseudo words).
func refTok(t *gse.Token) int32 {
	if i, ok := refIndex()[t]; ok {
		return i
	}
	return pseudoTok
}

// precompiled returns the embedded dictionary, failing when it is stale.
func precompiled(tb testing.TB) *flatDict {
	tb.Helper()
	s, err := loadPrecompiled(precompiledDict)
	if err != nil {
		tb.Fatalf("%v (after changing userdict.txt or gse, run: go generate ./index/zh)", err)
	}
	return s.flat
}

// sameAsGse compares the flat segmentation of text with gse's Segment,
// segment by segment (byte spans and tokens), and the token streams the
// two give with and without sub-words.
func sameAsGse(ref *gse.Segmenter, d *flatDict, text []byte) error {
	want := ref.Segment(text)
	got := d.segment(text, nil)
	if len(got) != len(want) {
		return fmt.Errorf("%q: %d segments, gse %d: %v / %s", text, len(got), len(want), got, gse.ToString(want))
	}
	for i := range want {
		w := want[i]
		if got[i].start != w.Start() || got[i].end != w.End() || got[i].tok != refTok(w.Token()) {
			return fmt.Errorf("%q: segment %d is %+v, gse [%d:%d] token %d %q", text, i, got[i], w.Start(), w.End(), refTok(w.Token()), w.Token().Text())
		}
	}
	for _, sub := range []bool{true, false} {
		a := render(tokenize(&segmenter{flat: d}, text, sub))
		b := render(tokenize(&segmenter{seg: ref}, text, sub))
		if a != b {
			return fmt.Errorf("%q (subwords %v): token stream\n  flat %s\n  gse  %s", text, sub, a, b)
		}
	}
	return nil
}

// TestPrecompiledIdentical: the embedded dictionary decodes to exactly
// the flat dictionary built from gse's text load, every token's sub-words
// are gse's, and segmenting the generated reports and the real samples
// gives gse's segments and token streams.
func TestPrecompiledIdentical(t *testing.T) {
	pre := precompiled(t)
	ref := refSeg(t)
	built, err := buildFlat(ref.Dict)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(pre, built) {
		t.Fatal("the precompiled dictionary differs from the one built from the text load (run: go generate ./index/zh)")
	}
	if pre.numTokens() != ref.Dict.NumTokens() || pre.totalFreq != ref.Dict.TotalFreq() || pre.maxTokenLen != ref.Dict.MaxTokenLen() {
		t.Fatalf("flat: %d tokens, total %v, longest %d; gse: %d, %v, %d", pre.numTokens(), pre.totalFreq, pre.maxTokenLen,
			ref.Dict.NumTokens(), ref.Dict.TotalFreq(), ref.Dict.MaxTokenLen())
	}
	for i := range ref.Dict.Tokens {
		tok := &ref.Dict.Tokens[i]
		if pre.freq[i] != tok.Freq() || pre.posNames[pre.pos[i]] != tok.Pos() {
			t.Fatalf("token %d %q: freq %v pos %q, gse %v %q", i, tok.Text(), pre.freq[i], pre.posNames[pre.pos[i]], tok.Freq(), tok.Pos())
		}
		if got, ok := pre.find([]byte(tok.Text())); !ok || got != int32(i) {
			t.Fatalf("token %d %q: found as %d %v", i, tok.Text(), got, ok)
		}
		from, to := pre.subwords(int32(i))
		segs := tok.Segments()
		if to-from != len(segs) {
			t.Fatalf("token %d %q: %d sub-words, gse %d", i, tok.Text(), to-from, len(segs))
		}
		for k, sg := range segs {
			if int(pre.segFrom[from+k]) != sg.Start() || int(pre.segTo[from+k]) != sg.End() || pre.segTok[from+k] != refTok(sg.Token()) {
				t.Fatalf("token %d %q: sub-word %d differs", i, tok.Text(), k)
			}
		}
	}
	texts := corpusTexts(t, 300)
	for _, s := range texts {
		if err := sameAsGse(ref, pre, []byte(s)); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("%d tokens, %d trie nodes, %.1f MB of arrays; %d texts identical", pre.numTokens(), pre.numNodes, float64(pre.heapBytes())/1e6, len(texts))
}

// BenchmarkColdStart measures the dictionary load of a process that
// indexes — the precompiled flat dictionary — against gse's text load
// (what the package held before: the old precompiled form decoded to the
// same gse structures) in the same run: CPU milliseconds of this process
// per load (best of b.N; the machine is shared, and wall time suffers
// from other load far more than CPU time), the live heap the loaded
// dictionary adds (HeapAlloc after a collection, before and after the
// load) and the CPU of one full collection while it is live, which is
// what the collector pays for it on every cycle of an import. The target
// is a load under 1 s:
//
//	go test ./index/zh -run '^$' -bench ColdStart -benchtime 3x
func BenchmarkColdStart(b *testing.B) {
	for _, c := range []struct {
		name string
		load func() (any, error)
	}{
		{"precompiled-flat", func() (any, error) { return loadPrecompiled(precompiledDict) }},
		{"gse-text", func() (any, error) { return loadGseText(baseDict) }},
	} {
		b.Run(c.name, func(b *testing.B) {
			best, gc := time.Duration(1<<62), time.Duration(1<<62)
			var live float64
			for range b.N {
				var m0, m1 runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&m0)
				c0 := cpuTime()
				d, err := c.load()
				if err != nil {
					b.Fatal(err)
				}
				best = min(best, cpuTime()-c0)
				runtime.GC()
				runtime.ReadMemStats(&m1)
				live = float64(int64(m1.HeapAlloc)-int64(m0.HeapAlloc)) / (1 << 20)
				c0 = cpuTime()
				runtime.GC()
				gc = min(gc, cpuTime()-c0)
				runtime.KeepAlive(d)
			}
			b.ReportMetric(float64(best.Microseconds())/1000, "best-cpu-ms")
			b.ReportMetric(live, "live-MiB")
			b.ReportMetric(float64(gc.Microseconds())/1000, "gc-cpu-ms")
		})
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
