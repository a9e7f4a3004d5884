package synth

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"unicode/utf16"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// Broken file kinds accepted by RenderBroken.
const (
	BrokenEmpty          = "empty"           // a zero-byte .html
	BrokenNewsPage       = "news-page"       // an HTML page that is not a report
	BrokenImage          = "image"           // a small PNG
	BrokenTruncatedPDF   = "truncated-pdf"   // a PDF cut in the middle
	BrokenWrongExtension = "wrong-extension" // a DOCX report named .pdf
	BrokenBinaryGarbage  = "binary-garbage"  // random bytes named .doc
	BrokenUTF16Text      = "utf16-text"      // a text report in UTF-16LE with BOM
	BrokenGBKText        = "gbk-text"        // a text report in GBK, no declaration
)

// BrokenKinds lists every kind RenderBroken accepts.
func BrokenKinds() []string {
	return []string{BrokenEmpty, BrokenNewsPage, BrokenImage, BrokenTruncatedPDF, BrokenWrongExtension,
		BrokenBinaryGarbage, BrokenUTF16Text, BrokenGBKText}
}

// RenderBroken makes a deliberately broken or unusual file of a kind (see
// BrokenKinds), deterministic in seed. The last three kinds are real reports
// in an unusual container or encoding; brokenFile returns their Spec.
// An unknown kind yields random bytes named .bin.
func RenderBroken(kind string, seed uint64) (name string, data []byte) {
	name, data, _ = brokenFile(kind, seed)
	return name, data
}

// brokenFile is RenderBroken plus the Spec of the report inside, if any.
func brokenFile(kind string, seed uint64) (string, []byte, *Spec) {
	r := rand.New(rand.NewPCG(seed, 0xB40CE))
	base := fmt.Sprintf("broken-%s-%08x", kind, uint32(seed))
	report := func() *Spec {
		s := generateOne(Options{Seed: seed}, int(seed%1000))
		return &s
	}
	switch kind {
	case BrokenEmpty:
		return base + ".html", []byte{}, nil
	case BrokenNewsPage:
		return base + ".html", newsPage(r), nil
	case BrokenImage:
		return base + ".png", smallPNG(r), nil
	case BrokenTruncatedPDF:
		pdf := minimalPDF()
		return base + ".pdf", pdf[:len(pdf)/2+r.IntN(len(pdf)/4)], nil
	case BrokenWrongExtension:
		s := report()
		d, err := RenderDOCX(*s)
		if err != nil {
			return base + ".pdf", nil, nil
		}
		return base + ".pdf", d, s
	case BrokenUTF16Text:
		s := report()
		u := utf16.Encode([]rune(string(RenderText(*s))))
		out := make([]byte, 2, 2+2*len(u))
		out[0], out[1] = 0xFF, 0xFE
		for _, c := range u {
			out = append(out, byte(c), byte(c>>8))
		}
		return base + ".txt", out, s
	case BrokenGBKText:
		s := report()
		out, err := encoding.ReplaceUnsupported(simplifiedchinese.GBK.NewEncoder()).Bytes(RenderText(*s))
		if err != nil {
			return base + ".txt", nil, nil
		}
		return base + ".txt", out, s
	}
	junk := make([]byte, 2048+r.IntN(4096))
	for i := range junk {
		junk[i] = byte(r.Uint32())
	}
	ext := ".bin"
	if kind == BrokenBinaryGarbage {
		ext = ".doc"
	}
	return base + ext, junk, nil
}

// newsPage is a government news article page: site chrome, no report.
func newsPage(r *rand.Rand) []byte {
	c := &regions[r.IntN(len(regions))]
	site := countyQualifier(c) + "人民政府"
	topic := pick(r, []string{"召开政务公开工作推进会", "开展政府开放日活动", "举办政务公开业务培训班", "部署年度重点工作任务"})
	var b bytes.Buffer
	fmt.Fprintf(&b, `<!DOCTYPE html><html><head><meta charset="utf-8"><title>%s%s_%s</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/xwzx/">新闻中心</a></div>
<div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/xwzx/">新闻中心</a> &gt; 工作动态</div>
<h1>%s%s</h1><div class="info">发布时间：%d-%02d-%02d 来源：%s办公室 浏览次数：%d</div>
<div class="content"><p>近日，%s%s。会议总结了前一阶段工作，对下一步工作作出安排。</p><p>会议要求，各部门要提高认识，压实责任，确保各项任务按时完成。</p></div>
<div class="footer">网站标识码：%s%04d</div></body></html>`,
		site, topic, site, site, topic, 2015+r.IntN(10), 1+r.IntN(12), 1+r.IntN(28), site, r.IntN(5000), site, topic, c.Code, r.IntN(10000))
	return b.Bytes()
}

// smallPNG encodes a small noisy image.
func smallPNG(r *rand.Rand) []byte {
	img := image.NewGray(image.Rect(0, 0, 32, 24))
	for i := range img.Pix {
		img.Pix[i] = uint8(r.IntN(256))
	}
	img.Set(0, 0, color.Gray{Y: 255})
	var b bytes.Buffer
	_ = png.Encode(&b, img) // writing to a bytes.Buffer cannot fail
	return b.Bytes()
}

// minimalPDF is a small valid one-page PDF.
func minimalPDF() []byte {
	content := "BT /F1 18 Tf 72 760 Td (Annual report 2024 - draft) Tj ET"
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}
