package zh

import (
	"reflect"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"github.com/go-ego/gse"
)

// TestPrecompiledIdentical loads the dictionary both ways — gse's text
// load and the embedded precompiled form — and requires the same
// dictionary (every token's text, frequency, part of speech, distance and
// sub-word segments, the total frequency, the longest token) and the same
// token streams on generated reports and the real samples.
func TestPrecompiledIdentical(t *testing.T) {
	if !layoutOK {
		t.Fatalf("gse %s's Token/Segment layout differs from the mirrors in precompiled.go: update them", gseVersion)
	}
	pre, err := loadPrecompiled(precompiledDict)
	if err != nil {
		t.Fatalf("%v (after changing userdict.txt or gse, run: go generate ./index/zh)", err)
	}
	text, err := loadFullText(baseDict)
	if err != nil {
		t.Fatal(err)
	}
	a, b := text.seg.Dict, pre.seg.Dict
	ca := (*mirrorCedar)(unsafe.Pointer((*mirrorDict)(unsafe.Pointer(a)).trie))
	cb := (*mirrorCedar)(unsafe.Pointer((*mirrorDict)(unsafe.Pointer(b)).trie))
	if !reflect.DeepEqual(ca, cb) {
		t.Fatal("the tries differ")
	}
	if a.NumTokens() != b.NumTokens() || a.TotalFreq() != b.TotalFreq() || a.MaxTokenLen() != b.MaxTokenLen() {
		t.Fatalf("text load: %d tokens, total %v, longest %d; precompiled: %d, %v, %d",
			a.NumTokens(), a.TotalFreq(), a.MaxTokenLen(), b.NumTokens(), b.TotalFreq(), b.MaxTokenLen())
	}
	idx := func(d *gse.Dictionary, tok *gse.Token) int {
		off := uintptr(unsafe.Pointer(tok)) - uintptr(unsafe.Pointer(&d.Tokens[0]))
		if uintptr(unsafe.Pointer(tok)) < uintptr(unsafe.Pointer(&d.Tokens[0])) || off/unsafe.Sizeof(d.Tokens[0]) >= uintptr(len(d.Tokens)) {
			return -1
		}
		return int(off / unsafe.Sizeof(d.Tokens[0]))
	}
	for i := range a.Tokens {
		x, y := asMirror(&a.Tokens[i]), asMirror(&b.Tokens[i])
		if a.Tokens[i].Text() != b.Tokens[i].Text() || x.freq != y.freq || x.pos != y.pos || x.distance != y.distance || len(x.segments) != len(y.segments) {
			t.Fatalf("token %d: text load %q %v %q %v %d segments; precompiled %q %v %q %v %d", i,
				a.Tokens[i].Text(), x.freq, x.pos, x.distance, len(x.segments), b.Tokens[i].Text(), y.freq, y.pos, y.distance, len(y.segments))
		}
		for k := range x.segments {
			sx, sy := segMirror(x.segments[k]), segMirror(y.segments[k])
			if sx.start != sy.start || sx.end != sy.end || sx.Position != sy.Position ||
				sx.token.Text() != sy.token.Text() || idx(a, sx.token) != idx(b, sy.token) ||
				sx.token.Freq() != sy.token.Freq() || sx.token.Pos() != sy.token.Pos() {
				t.Fatalf("token %d (%q) segment %d differs", i, a.Tokens[i].Text(), k)
			}
		}
		if t.Failed() {
			return
		}
	}
	texts := corpusTexts(t, 30)
	for i, s := range texts {
		for _, sub := range []bool{true, false} {
			if got, want := render(tokenize(pre, []byte(s), sub)), render(tokenize(text, []byte(s), sub)); got != want {
				t.Fatalf("text %d (subwords %v): token streams differ", i, sub)
			}
		}
	}
	t.Logf("%d tokens and %d texts identical", a.NumTokens(), len(texts))
}

// BenchmarkColdStart measures the dictionary load of a process that
// indexes — the precompiled form — against gse's text load in the same
// run, in CPU milliseconds of this process per load (the machine is
// shared: wall time suffers from other load far more than CPU time). The
// target is under 1 s:
//
//	go test ./index/zh -run '^$' -bench ColdStart -benchtime 3x
func BenchmarkColdStart(b *testing.B) {
	for _, c := range []struct {
		name string
		load func() (*segmenter, error)
	}{
		{"precompiled", func() (*segmenter, error) { return loadPrecompiled(precompiledDict) }},
		{"text", func() (*segmenter, error) { return loadFullText(baseDict) }},
	} {
		b.Run(c.name, func(b *testing.B) {
			best := time.Duration(1 << 62)
			for range b.N {
				c0 := cpuTime()
				if _, err := c.load(); err != nil {
					b.Fatal(err)
				}
				best = min(best, cpuTime()-c0)
			}
			b.ReportMetric(float64(best.Microseconds())/1000, "best-cpu-ms")
		})
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
