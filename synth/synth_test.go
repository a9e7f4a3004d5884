package synth

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"gongkai/corpus"
	"gongkai/parser/textenc"
)

func TestGenerate_Deterministic(t *testing.T) {
	opt := Options{Seed: 42, BadArithmeticShare: 0.1}
	a, b := Generate(opt, 60), Generate(opt, 60)
	if c := Generate(opt, 10); c[9].Truth.Title != a[9].Truth.Title {
		t.Fatalf("report 9 depends on n: %q vs %q", c[9].Truth.Title, a[9].Truth.Title)
	}
	for i, s := range GenerateRange(opt, 50, 60) {
		if s.ID != a[50+i].ID || s.Seed != a[50+i].Seed || !bytes.Equal(RenderText(s), RenderText(a[50+i])) {
			t.Fatalf("GenerateRange(50, 60)[%d] is not Generate(60)[%d]", i, 50+i)
		}
	}
	renders := map[string]func(Spec) []byte{
		"html": RenderHTML, "text": RenderText, "markdown": RenderMarkdown,
		"docx": func(s Spec) []byte { d, _ := RenderDOCX(s); return d },
	}
	for name, f := range renders {
		t.Run(name, func(t *testing.T) {
			for i := range a {
				if !bytes.Equal(f(a[i]), f(b[i])) {
					t.Fatalf("%s of report %d differs between two runs", name, i)
				}
			}
		})
	}
	if other := Generate(Options{Seed: 43}, 1); other[0].Truth.Title == a[0].Truth.Title && other[0].Seed == a[0].Seed {
		t.Error("different seeds gave the same report")
	}
}

func TestGenerate_Coverage(t *testing.T) {
	specs := Generate(Options{Seed: 7, BadArithmeticShare: 0.1}, 3000)
	seen := map[string]int{}
	for _, s := range specs {
		tr := s.Truth
		seen["level:"+tr.Level]++
		seen["kind:"+tr.Kind]++
		seen["template:"+tr.Template]++
		seen["province:"+tr.Region.Province]++
		if tr.Year >= 2021 && tr.Template == corpus.Template2019 {
			seen["straggler"]++
		}
		if s.BrokenRule != "" {
			seen["broken:"+s.BrokenRule]++
		}
		if tr.Published[:4] != itoa(tr.Year+1) || tr.Published[5:7] > "03" {
			t.Errorf("%s: published %s outside Jan–Mar of %d", s.ID, tr.Published, tr.Year+1)
		}
		if !strings.Contains(tr.Title, itoa(tr.Year)) || !strings.Contains(tr.Title, tr.Office) {
			t.Errorf("%s: title %q lacks year or office %q", s.ID, tr.Title, tr.Office)
		}
	}
	for _, want := range []string{"level:province", "level:city", "level:county", "level:township", "kind:government",
		"kind:general_office", "kind:department", "kind:subdistrict", "kind:zone", "template:2019", "template:2021",
		"template:legacy", "straggler", "broken:C1", "broken:C2", "broken:C3", "broken:C4"} {
		if seen[want] == 0 {
			t.Errorf("3000 reports contain no %s", want)
		}
	}
	if len(regions) < 20 {
		t.Errorf("only %d counties", len(regions))
	}
}

func itoa(n int) string { return corpus.FormatValue(float64(n)) }

func TestTruth_Identities(t *testing.T) {
	for _, s := range Generate(Options{Seed: 11, BadArithmeticShare: 0.25}, 3000) {
		got := failedRules(&s.Truth)
		switch {
		case s.Truth.Template == corpus.TemplateLegacy:
			if len(s.Truth.Tables.Apply) != 0 || s.BrokenRule != "" {
				t.Errorf("%s: legacy report with template tables or broken rule", s.ID)
			}
			if len(s.Truth.Figures) == 0 {
				t.Errorf("%s: legacy report states no figures", s.ID)
			}
		case s.BrokenRule == "":
			if len(got) != 0 || len(s.Truth.Checks) != 0 {
				t.Errorf("%s: unbroken report fails %v (checks %v)", s.ID, got, s.Truth.Checks)
			}
		default:
			if len(got) != 1 || !got[s.BrokenRule] {
				t.Errorf("%s: broke %s but fails %v", s.ID, s.BrokenRule, got)
			}
			if len(s.Truth.Checks) != 1 || s.Truth.Checks[0].ID != s.BrokenRule || s.Truth.Checks[0].Status != corpus.CheckFail || len(s.Truth.Checks[0].Cells) == 0 {
				t.Errorf("%s: checks %+v do not name %s", s.ID, s.Truth.Checks, s.BrokenRule)
			}
		}
		for _, f := range s.Truth.Figures {
			if !strings.Contains(s.Intro+sectionsText(&s), f.Text) {
				t.Errorf("%s: figure text %q not in the report", s.ID, f.Text)
			}
		}
	}
}

func sectionsText(s *Spec) string {
	var b strings.Builder
	for _, sec := range s.Body {
		b.WriteString(sec.Text)
	}
	return b.String()
}

func TestRenderHTML_GBKAndChrome(t *testing.T) {
	for _, s := range Generate(Options{Seed: 5}, 40) {
		page := RenderHTML(s)
		text, enc, err := textenc.Decode(page)
		if err != nil || enc != textenc.GB18030 {
			t.Fatalf("%s: decode: %v (%s)", s.ID, err, enc)
		}
		plain := tagRe.ReplaceAllString(text, "")
		for _, want := range []string{"charset=gb2312", "当前位置", "索引号", "发布机构", "发布日期", "网站标识码", "ICP备",
			"浏览次数", "上一篇", "下一篇", "联系电话", "<o:p></o:p>", "mso-", s.Truth.Published, s.Signer, s.SignDate, s.Truth.Title} {
			if !strings.Contains(text, want) && !strings.Contains(plain, want) {
				t.Errorf("%s: page lacks %q", s.ID, want)
			}
		}
		if s.Truth.Template != corpus.TemplateLegacy {
			rs := "rowspan=20"
			if s.Truth.Template == corpus.Template2021 {
				rs = "rowspan=22"
			}
			for _, want := range []string{rs, "colspan=3 rowspan=3", "colspan=7", "rowspan=8", "colspan=10"} {
				if !strings.Contains(text, want) {
					t.Errorf("%s: table 三/四 lacks %s", s.ID, want)
				}
			}
		}
	}
}

var (
	tdRe  = regexp.MustCompile(`(?s)<td[^>]*>(.*?)</td>`)
	tagRe = regexp.MustCompile(`<[^>]*>`)
)

// cellTokens extracts the table cells of a rendition in reading order.
func cellTokens(t *testing.T, format string, data []byte) []string {
	var out []string
	switch format {
	case "html":
		text, _, err := textenc.Decode(data)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range tdRe.FindAllStringSubmatch(text, -1) {
			out = append(out, strings.TrimSpace(strings.ReplaceAll(tagRe.ReplaceAllString(m[1], ""), "&nbsp;", "")))
		}
	case "text":
		for _, l := range strings.Split(string(data), "\n") {
			if strings.HasPrefix(l, "\t") {
				out = append(out, strings.TrimSpace(l))
			}
		}
	case "markdown":
		for _, l := range strings.Split(string(data), "\n") {
			if strings.HasPrefix(l, "|") {
				for _, c := range strings.Split(strings.Trim(l, "|"), " |") {
					out = append(out, strings.TrimSpace(c))
				}
			}
		}
	case "docx":
		out = docxCells(t, data)
	}
	return out
}

func docxCells(t *testing.T, data []byte) []string {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("docx zip: %v", err)
	}
	f, err := zr.Open("word/document.xml")
	if err != nil {
		t.Fatalf("docx: %v", err)
	}
	defer f.Close()
	dec := xml.NewDecoder(f)
	var out []string
	var cell *strings.Builder
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatalf("document.xml: %v", err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			if e.Name.Local == "tc" {
				cell = &strings.Builder{}
			}
		case xml.EndElement:
			if e.Name.Local == "tc" && cell != nil {
				out = append(out, cell.String())
				cell = nil
			}
		case xml.CharData:
			if cell != nil {
				cell.Write(e)
			}
		}
	}
}

func TestRenditions_ContainTruthValues(t *testing.T) {
	specs := Generate(Options{Seed: 9, BadArithmeticShare: 0.2}, 80)
	for _, format := range []string{"html", "text", "markdown", "docx"} {
		t.Run(format, func(t *testing.T) {
			for _, s := range specs {
				var data []byte
				switch format {
				case "html":
					data = RenderHTML(s)
				case "text":
					data = RenderText(s)
				case "markdown":
					data = RenderMarkdown(s)
				case "docx":
					var err error
					if data, err = RenderDOCX(s); err != nil {
						t.Fatal(err)
					}
				}
				tokens := cellTokens(t, format, data)
				i := 0
				for _, c := range s.Truth.Cells {
					if c.Raw == "" { // blanks: only their place matters, checked by the parsers' goldens
						continue
					}
					for i < len(tokens) && tokens[i] != c.Raw {
						i++
					}
					if i == len(tokens) {
						t.Fatalf("%s %s: value %s=%q not found in reading order", s.ID, format, c.Key, c.Raw)
					}
					i++
				}
				if s.Truth.Template != corpus.TemplateLegacy && len(s.Truth.Cells) == 0 {
					t.Fatalf("%s: no cells", s.ID)
				}
			}
		})
	}
}

func TestRenderDOCX_Opens(t *testing.T) {
	specs := Generate(Options{Seed: 3}, 30)
	for _, s := range specs {
		d, err := RenderDOCX(s)
		if err != nil {
			t.Fatal(err)
		}
		zr, err := zip.NewReader(bytes.NewReader(d), int64(len(d)))
		if err != nil {
			t.Fatalf("%s: %v", s.ID, err)
		}
		names := map[string]bool{}
		for _, f := range zr.File {
			names[f.Name] = true
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			dec := xml.NewDecoder(rc)
			for {
				if _, err := dec.Token(); err != nil {
					if !errors.Is(err, io.EOF) {
						t.Fatalf("%s %s: %v", s.ID, f.Name, err)
					}
					break
				}
			}
			rc.Close()
		}
		for _, want := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "docProps/core.xml"} {
			if !names[want] {
				t.Errorf("%s: docx lacks %s", s.ID, want)
			}
		}
		if s.Truth.Template != corpus.TemplateLegacy && !bytes.Contains(d, []byte("PK")) {
			t.Error("not a zip")
		}
	}
	if testing.Short() {
		t.Skip("-short: LibreOffice conversion skipped")
	}
	if _, err := exec.LookPath("soffice"); err != nil {
		t.Skip("soffice not installed: conversion not tested")
	}
	d, _ := RenderDOCX(specs[0])
	for _, format := range []string{"pdf", "doc"} {
		out, err := Convert(context.Background(), d, format)
		if err != nil {
			t.Fatalf("convert %s: %v", format, err)
		}
		if format == "pdf" && !bytes.HasPrefix(out, []byte("%PDF")) {
			t.Errorf("pdf output starts %q", out[:8])
		}
		if format == "doc" && !bytes.HasPrefix(out, []byte{0xD0, 0xCF, 0x11, 0xE0}) {
			t.Errorf("doc output is not an OLE file: %x", out[:8])
		}
	}
}

func TestConvert_BadFormat(t *testing.T) {
	if _, err := Convert(context.Background(), nil, "odt"); err == nil {
		t.Fatal("odt accepted")
	}
}

func TestRenderBroken(t *testing.T) {
	tests := []struct {
		kind, ext string
		check     func([]byte) bool
	}{
		{BrokenEmpty, ".html", func(d []byte) bool { return len(d) == 0 }},
		{BrokenNewsPage, ".html", func(d []byte) bool {
			return bytes.Contains(d, []byte("当前位置")) && !bytes.Contains(d, []byte("年度报告"))
		}},
		{BrokenImage, ".png", func(d []byte) bool { return bytes.HasPrefix(d, []byte("\x89PNG")) }},
		{BrokenTruncatedPDF, ".pdf", func(d []byte) bool { return bytes.HasPrefix(d, []byte("%PDF")) && !bytes.Contains(d, []byte("%%EOF")) }},
		{BrokenWrongExtension, ".pdf", func(d []byte) bool { return bytes.HasPrefix(d, []byte("PK")) }},
		{BrokenBinaryGarbage, ".doc", func(d []byte) bool { return len(d) >= 2048 }},
		{BrokenUTF16Text, ".txt", func(d []byte) bool { return bytes.HasPrefix(d, []byte{0xFF, 0xFE}) }},
		{BrokenGBKText, ".txt", func(d []byte) bool { _, enc, err := textenc.Decode(d); return err == nil && enc == textenc.GB18030 }},
	}
	for _, tc := range tests {
		t.Run(tc.kind, func(t *testing.T) {
			name, data := RenderBroken(tc.kind, 77)
			name2, data2 := RenderBroken(tc.kind, 77)
			if name != name2 || !bytes.Equal(data, data2) {
				t.Fatal("not deterministic")
			}
			if !strings.HasSuffix(name, tc.ext) || !tc.check(data) {
				t.Fatalf("%s: %d bytes do not look like %s", name, len(data), tc.kind)
			}
			if _, _, s := brokenFile(tc.kind, 77); s != nil {
				text, _, err := textenc.Decode(data)
				if tc.kind != BrokenWrongExtension && (err != nil || !strings.Contains(text, s.Truth.Title)) {
					t.Fatalf("report text lacks its title: %v", err)
				}
			}
		})
	}
}

func TestWriteArchive(t *testing.T) {
	dir := t.TempDir()
	m, err := WriteArchive(context.Background(), dir, Options{Seed: 1, BrokenShare: 0.1, BadArithmeticShare: 0.05}, 120, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Files) != 120 {
		t.Fatalf("%d files", len(m.Files))
	}
	formats := map[string]int{}
	for _, e := range m.Files {
		formats[e.Format]++
		if e.SHA256 == "" || e.File == "" {
			t.Fatalf("entry %+v incomplete", e)
		}
		if e.Broken == "" && (e.Truth == nil || e.Truth.ID != e.SHA256[:12] || e.Truth.Source.Path != e.File) {
			t.Fatalf("entry %s: truth missing or unlinked", e.File)
		}
	}
	for _, f := range []string{"html", "text", "markdown", "docx", "broken"} {
		if formats[f] == 0 {
			t.Errorf("no %s files in %v", f, formats)
		}
	}
	m2, err := WriteArchive(context.Background(), t.TempDir(), Options{Seed: 1, BrokenShare: 0.1, BadArithmeticShare: 0.05}, 120, 0)
	if err != nil {
		t.Fatal(err)
	}
	for i := range m.Files {
		if m.Files[i].SHA256 != m2.Files[i].SHA256 {
			t.Fatalf("file %s differs between runs", m.Files[i].File)
		}
	}
}

func FuzzGenerate(f *testing.F) {
	f.Add(uint64(1), uint16(0))
	f.Add(uint64(2024), uint16(513))
	f.Fuzz(func(t *testing.T, seed uint64, idx uint16) {
		s := generateOne(Options{Seed: seed, BadArithmeticShare: 0.3}, int(idx))
		got := failedRules(&s.Truth)
		if (s.BrokenRule == "" && len(got) != 0) || (s.BrokenRule != "" && (len(got) != 1 || !got[s.BrokenRule])) {
			t.Fatalf("broken %q, fails %v", s.BrokenRule, got)
		}
		_ = RenderHTML(s)
		_ = RenderText(s)
		_ = RenderMarkdown(s)
		if _, err := RenderDOCX(s); err != nil {
			t.Fatal(err)
		}
	})
}

func FuzzRenderBroken(f *testing.F) {
	for _, k := range BrokenKinds() {
		f.Add(k, uint64(3))
	}
	f.Fuzz(func(t *testing.T, kind string, seed uint64) {
		name, _ := RenderBroken(kind, seed)
		if name == "" {
			t.Fatal("no name")
		}
	})
}

func BenchmarkGenerateRenderHTML(b *testing.B) {
	opt := Options{Seed: 1}
	for i := 0; b.Loop(); i++ {
		s := generateOne(opt, i)
		_ = RenderHTML(s)
	}
}

func BenchmarkRenderText(b *testing.B) {
	specs := Generate(Options{Seed: 1}, 256)
	for i := 0; b.Loop(); i++ {
		_ = RenderText(specs[i%len(specs)])
	}
}

func BenchmarkGenerate(b *testing.B) {
	for i := 0; b.Loop(); i++ {
		_ = generateOne(Options{Seed: 1}, i)
	}
}

func BenchmarkRenderDOCX(b *testing.B) {
	specs := Generate(Options{Seed: 1}, 256)
	for i := 0; b.Loop(); i++ {
		_, _ = RenderDOCX(specs[i%len(specs)])
	}
}
