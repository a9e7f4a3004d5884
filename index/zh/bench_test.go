package zh

import (
	"bytes"
	"sync"
	"testing"
	"time"
)

// BenchmarkTokenize measures the words tokenizer (with sub-words and
// without) on synthetic report text and the samples, with the flat
// dictionary the package uses and with gse's own segmenter on its text
// load (the reference it replaced); MB/s is of input text. The
// dictionaries are loaded before the timer starts.
//
//	go test ./index/zh -run '^$' -bench Tokenize
func BenchmarkTokenize(b *testing.B) {
	texts := corpusTexts(b, 50)
	total := 0
	for _, t := range texts {
		total += len(t)
	}
	segs := []struct {
		name string
		seg  *segmenter
	}{{"flat", &segmenter{flat: precompiled(b)}}, {"gse", &segmenter{seg: refSeg(b)}}}
	for _, sg := range segs {
		for _, sub := range []bool{true, false} {
			name := map[bool]string{true: "words+subwords", false: "words"}[sub]
			b.Run(sg.name+"/"+name, func(b *testing.B) {
				b.SetBytes(int64(total))
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					for _, t := range texts {
						tokenize(sg.seg, []byte(t), sub)
					}
				}
			})
		}
	}
}

// BenchmarkLoadCompact measures building the compact segmenter from a
// vocabulary of 200 synthetic reports plus the samples.
func BenchmarkLoadCompact(b *testing.B) {
	var buf bytes.Buffer
	if err := WriteVocabulary(&buf, indexTerms(b, corpusTexts(b, 200))); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := parseVocabulary(buf.String()); err != nil {
			b.Fatal(err)
		}
	}
}

// TestConcurrent tokenizes from several goroutines while another switches
// between the full and a compact segmenter (run with -race).
func TestConcurrent(t *testing.T) {
	fullSeg := withFull(t)
	var buf bytes.Buffer
	if err := WriteVocabulary(&buf, map[string]int{"政府信息公开": 1, "条例": 1}); err != nil {
		t.Fatal(err)
	}
	compact, err := parseVocabulary(buf.String())
	if err != nil {
		t.Fatal(err)
	}
	texts := corpusTexts(t, 4)
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tz := &Tokenizer{subwords: g%2 == 0}
			for _, text := range texts {
				if err := checkStream([]byte(text), tz.Tokenize([]byte(text))); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	switched := make(chan struct{})
	go func() {
		defer close(switched)
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			if i%2 == 0 {
				active.Store(compact)
			} else {
				active.Store(fullSeg)
			}
			time.Sleep(time.Millisecond)
		}
	}()
	wg.Wait()
	close(stop)
	<-switched
}
