package docx

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"image"
	_ "image/gif" // image formats a .docx may embed
	_ "image/jpeg"
	_ "image/png"
	"path"
	"regexp"
	"strings"
	"unicode"

	_ "golang.org/x/image/bmp"
	_ "golang.org/x/image/tiff"

	"gongkai/corpus"
	"gongkai/parser/layout"
	"gongkai/parser/ocr"
)

// A document "made of page images" (a scan pasted into Word) has almost no
// text of its own: fewer than imageDocText letters outside its images.
const imageDocText = 200

// maxImagePixels caps the size of one embedded image read by OCR.
const maxImagePixels = 60 << 20

var embedRE = regexp.MustCompile(`r:(?:embed|id)="([^"]+)"`)

// ocrImages reads the images of a document that is made of page images,
// in the order the body shows them, with OCR (package ocr), and appends
// their blocks. It does nothing for a document with text of its own. When
// the OCR engine is missing it returns an error wrapping ocr.ErrNoEngine.
func (a *archive) ocrImages(ctx context.Context, doc *layout.Document, main string, body []byte) error {
	letters := 0
	for i := range doc.Blocks {
		for _, r := range doc.Blocks[i].Text {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				letters++
			}
		}
		for _, row := range doc.Blocks[i].Rows {
			for _, c := range row {
				letters += len([]rune(strings.TrimSpace(c.Text)))
			}
		}
	}
	if letters >= imageDocText {
		return nil
	}
	images := a.bodyImages(main, body)
	if len(images) == 0 {
		return nil
	}
	eng, err := ocr.Find()
	if err != nil {
		return fmt.Errorf("docx: the document is %d image(s) and almost no text: %w", len(images), err)
	}
	read := 0
	for k, name := range images {
		where := fmt.Sprintf("image %d", k+1)
		raw, err := a.read(name, a.lim.part)
		if err != nil {
			doc.Warn(where, "image %s not read: %v", name, err)
			continue
		}
		if cfg, _, err := image.DecodeConfig(bytes.NewReader(raw)); err != nil || cfg.Width*cfg.Height > maxImagePixels {
			doc.Warn(where, "image %s not read by OCR: not a decodable image or over %d pixels", name, maxImagePixels)
			continue
		}
		img, _, err := image.Decode(bytes.NewReader(raw))
		if err != nil {
			doc.Warn(where, "image %s not decodable: %v", name, err)
			continue
		}
		g := ocr.Gray(img)
		img, raw = nil, nil
		res, err := eng.Page(ctx, g, ocr.Options{Where: where})
		if err != nil {
			if ctx.Err() != nil {
				return fmt.Errorf("docx: %w", ctx.Err())
			}
			doc.Warn(where, "OCR failed on %s: %v", name, err)
			continue
		}
		read++
		st := res.Stats
		doc.Diagnostics = append(doc.Diagnostics, res.Diagnostics...)
		doc.Diagnostics = append(doc.Diagnostics, corpus.Diagnostic{Severity: corpus.SevInfo, Where: where, Message: "read by OCR (" + eng.Name() + "): " + st.Summary()})
		if n := len(doc.Blocks); n > 0 && len(res.Blocks) > 0 && doc.Blocks[n-1].Kind == layout.Table {
			ocr.JoinSplitRow(&doc.Blocks[n-1], &res.Blocks[0])
		}
		doc.Blocks = append(doc.Blocks, res.Blocks...)
	}
	if read > 0 {
		doc.OCR = fmt.Sprintf("%s: %d of %d image(s)", eng.Name(), read, len(images))
	}
	return nil
}

// bodyImages lists the image parts the main part references, in order.
func (a *archive) bodyImages(main string, body []byte) []string {
	relsName := path.Join(path.Dir(main), "_rels", path.Base(main)+".rels")
	if a.files[relsName] == nil {
		return nil
	}
	raw, err := a.read(relsName, a.lim.small)
	if err != nil {
		return nil
	}
	var rels struct {
		Rel []struct {
			ID         string `xml:"Id,attr"`
			Type       string `xml:"Type,attr"`
			Target     string `xml:"Target,attr"`
			TargetMode string `xml:"TargetMode,attr"`
		} `xml:"Relationship"`
	}
	if xml.Unmarshal(raw, &rels) != nil {
		return nil
	}
	target := map[string]string{}
	for _, r := range rels.Rel {
		if strings.HasSuffix(r.Type, "/image") && r.TargetMode != "External" {
			target[r.ID] = cleanName(path.Join(path.Dir(main), r.Target))
		}
	}
	var out []string
	seen := map[string]bool{}
	for _, m := range embedRE.FindAllSubmatch(body, -1) {
		if t, ok := target[string(m[1])]; ok && !seen[t] && a.files[t] != nil {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}
