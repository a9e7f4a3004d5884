package parser

import (
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// cnOrdinal writes 1…99 as a section ordinal (一, 十一, 二十三).
func cnOrdinal(n int) string {
	d := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n < 10:
		return d[n]
	case n < 20:
		return "十" + d[n%10]
	default:
		return d[n/10] + "十" + d[n%10]
	}
}

func dropSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// keepsText reports where the sections of text lose or add characters:
// the sections, each numbered one preceded by its ordinal ("一、"), must
// give back the whole text, white space aside.
func keepsText(t *testing.T, name, text string) {
	t.Helper()
	secs := sectionsOf(text)
	var sb strings.Builder
	for i, s := range secs {
		if s.No == 0 && i != 0 {
			t.Errorf("%s: section 0 at position %d", name, i)
		}
		if s.No > 0 {
			sb.WriteString(cnOrdinal(s.No) + "、")
		}
		sb.WriteString(s.Title)
		if s.No == 0 {
			sb.Reset() // section 0's title is ours, not the report's
		}
		sb.WriteString(s.Text)
	}
	got, want := dropSpace(sb.String()), dropSpace(text)
	if got != want {
		i := 0
		for i < min(len(got), len(want)) && got[i] == want[i] {
			i++
		}
		t.Errorf("%s: sections keep %d of %d bytes of text; first difference at byte %d: text %q, sections %q",
			name, len(got), len(want), i, clip(want[i:], 60), clip(got[i:], 60))
	}
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// TestSectionsKeepText: every character of a report's text is in some
// section (issue 12) — the text before 一 in section 0 (前言), signature and
// annexes in the last section — on every real sample and every generated
// rendition.
func TestSectionsKeepText(t *testing.T) {
	var files []string
	synth, _ := filepath.Glob(filepath.Join("..", "testdata", "synth", "*.*"))
	files = append(files, synth...)
	if d := samplesDirOrEmpty(); d != "" {
		s, _ := filepath.Glob(filepath.Join(d, "*-*.*"))
		files = append(files, s...)
	} else {
		t.Log("samples not found (set GONGKAI_SAMPLES): generated renditions only")
	}
	n := 0
	for _, f := range files {
		if strings.HasSuffix(f, ".json") || strings.HasSuffix(f, ".doc") {
			continue // .doc: the same text as .docx, through LibreOffice (seconds each)
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		format, err := Detect(data, f)
		if err != nil {
			continue // the broken fixtures
		}
		d, err := format.Extract(context.Background(), data)
		if err != nil {
			if !strings.Contains(f, "broken") {
				t.Errorf("%s: %v", f, err)
			}
			continue
		}
		keepsText(t, filepath.Base(f), d.Text())
		n++
	}
	if n < 40 {
		t.Errorf("only %d documents checked", n)
	}
	keepsText(t, "no headings", "某某局2015年信息公开情况\n全年公开信息12条。\n某某局\n2016年1月5日")
	keepsText(t, "preface and signature", "标题\n根据《条例》，特公布本报告。地址：某街道某路1号。\n一、总体情况\n正文\n二、其他需要报告的事项\n无。\n某某局\n2021年1月9日\n附件：统计表")
	secs := sectionsOf("根据《条例》编制。联系地址：青阳街道某路1号。\n一、总体情况\n正文")
	if len(secs) != 2 || secs[0].No != 0 || secs[0].Title != "前言" || !strings.Contains(secs[0].Text, "青阳街道") {
		t.Errorf("section 0 = %+v", secs)
	}
}

// TestOrdinals compares ordinals with the regexp it stands for on random
// texts of numerals, "、", other characters and broken bytes.
func TestOrdinals(t *testing.T) {
	pieces := []string{"一", "二", "三", "十", "、", "、", "四", "年", "a", " ", "\n", "百", "\xe3\x80", "\xff", "一、", "十二、"}
	rng := rand.New(rand.NewPCG(31, 32))
	found := 0
	for range 50000 {
		var sb strings.Builder
		for k := rng.IntN(12); k > 0; k-- {
			sb.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := sb.String()
		got, want := ordinals(s), reOrdinal.FindAllStringIndex(s, -1)
		if !slices.EqualFunc(got, want, slices.Equal[[]int]) {
			t.Fatalf("ordinals(%q) = %v, want %v", s, got, want)
		}
		found += len(want)
	}
	if found < 10000 {
		t.Fatalf("only %d matches in the random texts", found)
	}
}
