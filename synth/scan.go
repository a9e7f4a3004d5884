package synth

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/image/draw"
	"golang.org/x/image/math/f64"
)

// ErrNoPdftoppm is returned by the scan renderers when poppler's pdftoppm
// is not installed (apt-get install poppler-utils).
var ErrNoPdftoppm = errors.New("pdftoppm not found in PATH: apt-get install poppler-utils")

// Scan describes how a page is "scanned": rasterised at DPI, turned by
// Rotate degrees, sprinkled with speckle noise (Noise: the share of the
// page's area covered by dark specks), stamped with a red round seal over
// the signature, and stored as JPEG at Quality.
type Scan struct {
	DPI     int
	Rotate  float64
	Noise   float64
	Seal    bool
	Quality int // JPEG quality; 0 means 92
	Seed    uint64
}

// Name is a short label of the scan settings ("300dpi", "150dpi-rot1-noise-seal-q60").
func (s Scan) Name() string {
	n := strconv.Itoa(s.DPI) + "dpi"
	if s.Rotate != 0 {
		n += fmt.Sprintf("-rot%g", s.Rotate)
	}
	if s.Noise > 0 {
		n += "-noise"
	}
	if s.Seal {
		n += "-seal"
	}
	if s.Quality > 0 {
		n += fmt.Sprintf("-q%d", s.Quality)
	}
	return n
}

// ScanPages rasterises a PDF with pdftoppm, one page at a time, applies
// the scan's degradations and returns each page as JPEG bytes.
func ScanPages(ctx context.Context, pdf []byte, s Scan) ([][]byte, error) {
	bin, err := exec.LookPath("pdftoppm")
	if err != nil {
		return nil, ErrNoPdftoppm
	}
	dir, err := os.MkdirTemp("", "synth-scan-*")
	if err != nil {
		return nil, fmt.Errorf("scan: %w", err)
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		return nil, fmt.Errorf("scan: %w", err)
	}
	n, err := pageCount(ctx, in)
	if err != nil {
		return nil, err
	}
	r := rand.New(rand.NewPCG(s.Seed, 0x5ca9))
	var out [][]byte
	for p := 1; p <= n; p++ {
		pn := strconv.Itoa(p)
		cmd := exec.CommandContext(ctx, bin, "-r", strconv.Itoa(s.DPI), "-f", pn, "-l", pn, "-png", in)
		data, err := cmd.Output()
		if err != nil {
			return nil, fmt.Errorf("scan: pdftoppm page %d: %w", p, err)
		}
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("scan: page %d: %w", p, err)
		}
		rgba := degrade(img, s, r, p == n)
		var buf bytes.Buffer
		q := s.Quality
		if q == 0 {
			q = 92
		}
		if err := jpeg.Encode(&buf, rgba, &jpeg.Options{Quality: q}); err != nil {
			return nil, fmt.Errorf("scan: page %d: %w", p, err)
		}
		out = append(out, buf.Bytes())
	}
	return out, nil
}

// ScanPDF returns an image-only PDF of the scanned pages of a PDF.
func ScanPDF(ctx context.Context, pdf []byte, s Scan) ([]byte, error) {
	pages, err := ScanPages(ctx, pdf, s)
	if err != nil {
		return nil, err
	}
	return ImagePDF(pages, s.DPI)
}

func pageCount(ctx context.Context, in string) (int, error) {
	out, err := exec.CommandContext(ctx, "pdfinfo", in).Output()
	if err != nil {
		return 0, fmt.Errorf("scan: pdfinfo: %w", err)
	}
	for _, l := range bytes.Split(out, []byte("\n")) {
		if f := bytes.Fields(l); len(f) == 2 && string(f[0]) == "Pages:" {
			return strconv.Atoi(string(f[1]))
		}
	}
	return 0, fmt.Errorf("scan: pdfinfo gave no page count")
}

// degrade applies rotation, speckles and the seal (on the last page).
func degrade(img image.Image, s Scan, r *rand.Rand, last bool) *image.RGBA {
	b := img.Bounds()
	page := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(page, page.Bounds(), image.White, image.Point{}, draw.Src)
	if s.Rotate != 0 {
		rad := s.Rotate * math.Pi / 180
		c, sn := math.Cos(rad), math.Sin(rad)
		cx, cy := float64(b.Dx())/2, float64(b.Dy())/2
		m := f64.Aff3{c, -sn, cx - c*cx + sn*cy, sn, c, cy - sn*cx - c*cy}
		draw.BiLinear.Transform(page, m, img, b, draw.Over, nil)
	} else {
		draw.Draw(page, page.Bounds(), img, b.Min, draw.Src)
	}
	if s.Seal && last {
		stampSeal(page, s.DPI)
	}
	if s.Noise > 0 {
		// Specks of 1–2 pixels, dark grey, over the whole page.
		n := int(s.Noise * float64(b.Dx()*b.Dy()) / 2)
		for range n {
			x, y := r.IntN(b.Dx()-2), r.IntN(b.Dy()-2)
			sz := 1 + r.IntN(2)
			v := uint8(20 + r.IntN(80))
			for dy := range sz {
				for dx := range sz {
					page.SetRGBA(x+dx, y+dy, color.RGBA{v, v, v, 255})
				}
			}
		}
	}
	return page
}

// stampSeal draws a red round seal (a ring, an inner ring, a five-pointed
// star and a band of strokes standing for the seal's text) over the
// signature: centred on the right part of the last printed line.
func stampSeal(page *image.RGBA, dpi int) {
	b := page.Bounds()
	bottom := b.Dy() / 2
	for y := b.Dy() - 1; y > 0; y-- {
		dark := 0
		for x := 0; x < b.Dx(); x += 2 {
			if c := page.RGBAAt(x, y); c.R < 128 {
				dark++
			}
		}
		if dark > 3 {
			bottom = y
			break
		}
	}
	cx, cy := float64(b.Dx())*0.68, float64(bottom)-0.3*float64(dpi)
	rad := 0.8 * float64(dpi)
	red := func(x, y int) {
		if !image.Pt(x, y).In(b) {
			return
		}
		c := page.RGBAAt(x, y)
		// Multiply blend: black text under the seal stays dark.
		page.SetRGBA(x, y, color.RGBA{c.R, uint8(int(c.G) * 40 / 255), uint8(int(c.B) * 40 / 255), 255})
	}
	w := 0.045 * float64(dpi)
	for y := int(cy - rad - w); y <= int(cy+rad+w); y++ {
		for x := int(cx - rad - w); x <= int(cx+rad+w); x++ {
			d := math.Hypot(float64(x)-cx, float64(y)-cy)
			switch {
			case d <= rad && d >= rad-w:
				red(x, y)
			case d <= rad*0.8 && d >= rad*0.8-w/3 && float64(y) < cy+rad*0.2:
				red(x, y)
			}
			// Text band: short radial strokes along the upper arc.
			if d > rad*0.62 && d < rad*0.78 && float64(y) < cy {
				a := math.Atan2(float64(y)-cy, float64(x)-cx)
				if int((a+math.Pi)*40/math.Pi)%3 == 0 {
					red(x, y)
				}
			}
		}
	}
	// The star.
	sr := rad * 0.28
	var pts [10][2]float64
	for i := range 10 {
		a := -math.Pi/2 + float64(i)*math.Pi/5
		rr := sr
		if i%2 == 1 {
			rr = sr * 0.4
		}
		pts[i] = [2]float64{cx + rr*math.Cos(a), cy + rr*math.Sin(a)}
	}
	for y := int(cy - sr); y <= int(cy+sr); y++ {
		for x := int(cx - sr); x <= int(cx+sr); x++ {
			if inPolygon(float64(x), float64(y), pts[:]) {
				red(x, y)
			}
		}
	}
}

func inPolygon(x, y float64, pts [][2]float64) bool {
	in := false
	for i, j := 0, len(pts)-1; i < len(pts); j, i = i, i+1 {
		if (pts[i][1] > y) != (pts[j][1] > y) && x < (pts[j][0]-pts[i][0])*(y-pts[i][1])/(pts[j][1]-pts[i][1])+pts[i][0] {
			in = !in
		}
	}
	return in
}

// ImagePDF wraps JPEG page images into a PDF with no text layer, each page
// sized so that the image is printed at dpi. Written by hand: a PDF of
// DCTDecode image XObjects is a few objects and a cross-reference table,
// and no Go PDF writer in the module list does it smaller.
func ImagePDF(pages [][]byte, dpi int) ([]byte, error) {
	var buf bytes.Buffer
	var offsets []int
	obj := func(body string, stream []byte) {
		offsets = append(offsets, buf.Len())
		fmt.Fprintf(&buf, "%d 0 obj\n%s", len(offsets), body)
		if stream != nil {
			buf.WriteString("\nstream\n")
			buf.Write(stream)
			buf.WriteString("\nendstream")
		}
		buf.WriteString("\nendobj\n")
	}
	buf.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	n := len(pages)
	// Objects: 1 catalog, 2 pages, then per page: page, contents, image.
	kids := ""
	for i := range n {
		kids += fmt.Sprintf("%d 0 R ", 3+3*i)
	}
	obj("<< /Type /Catalog /Pages 2 0 R >>", nil)
	obj(fmt.Sprintf("<< /Type /Pages /Count %d /Kids [%s] >>", n, kids), nil)
	for i, jp := range pages {
		cfg, err := jpeg.DecodeConfig(bytes.NewReader(jp))
		if err != nil {
			return nil, fmt.Errorf("image PDF: page %d: %w", i+1, err)
		}
		w, h := float64(cfg.Width)*72/float64(dpi), float64(cfg.Height)*72/float64(dpi)
		page, contents, img := 3+3*i, 4+3*i, 5+3*i
		obj(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>", w, h, img, contents), nil)
		cs := fmt.Sprintf("q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q", w, h)
		obj(fmt.Sprintf("<< /Length %d >>", len(cs)), []byte(cs))
		_ = page
		space := "/DeviceRGB"
		if cfg.ColorModel == color.GrayModel {
			space = "/DeviceGray"
		}
		obj(fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s /BitsPerComponent 8 /Filter /DCTDecode /Length %d >>", cfg.Width, cfg.Height, space, len(jp)), jp)
	}
	xref := buf.Len()
	fmt.Fprintf(&buf, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, o := range offsets {
		fmt.Fprintf(&buf, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&buf, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, xref)
	return buf.Bytes(), nil
}

// ImageDOCX wraps JPEG page images into a .docx made only of pictures, one
// per page, each printed at dpi: a scan pasted into Word.
func ImageDOCX(pages [][]byte, dpi int) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	put := func(name, body string) error {
		w, err := zw.Create(name)
		if err != nil {
			return err
		}
		_, err = io.WriteString(w, body)
		return err
	}
	var body, rels strings.Builder
	for i, jp := range pages {
		cfg, err := jpeg.DecodeConfig(bytes.NewReader(jp))
		if err != nil {
			return nil, fmt.Errorf("image docx: page %d: %w", i+1, err)
		}
		w, err := zw.Create(fmt.Sprintf("word/media/image%d.jpeg", i+1))
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(jp); err != nil {
			return nil, err
		}
		// EMU: 914400 per inch.
		cx, cy := cfg.Width*914400/dpi, cfg.Height*914400/dpi
		fmt.Fprintf(&rels, `<Relationship Id="rIdImg%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image%d.jpeg"/>`, i+1, i+1)
		fmt.Fprintf(&body, `<w:p><w:r><w:drawing><wp:inline><wp:extent cx="%d" cy="%d"/><wp:docPr id="%d" name="Picture %d"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="%d" name="image%d.jpeg"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="rIdImg%d"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="%d" cy="%d"/></a:xfrm><a:prstGeom prst="rect"/></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`,
			cx, cy, i+1, i+1, i+1, i+1, i+1, cx, cy)
	}
	parts := [][2]string{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="jpeg" ContentType="image/jpeg"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		{"word/_rels/document.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` + rels.String() + `</Relationships>`},
		{"word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:body>` + body.String() + `<w:sectPr/></w:body></w:document>`},
	}
	for _, p := range parts {
		if err := put(p[0], p[1]); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// RenderHTMLTableImage renders the report's HTML page with table 三 shown
// as a picture, <img src="src">, as offices paste it, and returns the page
// and the PNG. The picture is the table printed by LibreOffice alone on a
// tall page and rasterised at dpi (a screen-sized image at 96–150).
func RenderHTMLTableImage(ctx context.Context, s Spec, src string, dpi int) (page, pic []byte, err error) {
	m := buildModel(&s)
	var t3 *mtable
	for _, blk := range m.blocks {
		if blk.kind != kTable {
			continue
		}
		for _, row := range blk.tab.rows {
			for _, c := range row {
				if strings.Contains(c.text, "本年新收") {
					t3 = blk.tab
				}
			}
		}
	}
	if t3 == nil {
		return nil, nil, fmt.Errorf("html table image: report %s has no table 三", s.ID)
	}
	var doc strings.Builder
	doc.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	doc.WriteString(`<w:document xmlns:w="` + wNS + `"><w:body>`)
	writeDocxTable(&doc, t3)
	// The tallest page Word allows (22 in), narrow margins: the table on one page.
	doc.WriteString(`<w:sectPr><w:pgSz w:w="11906" w:h="31680"/><w:pgMar w:top="360" w:right="720" w:bottom="360" w:left="720" w:header="0" w:footer="0" w:gutter="0"/></w:sectPr></w:body></w:document>`)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range [][2]string{{docxParts[0].name, docxParts[0].body}, {docxParts[1].name, docxParts[1].body}, {"word/document.xml", doc.String()}, {docxParts[2].name, docxParts[2].body}, {"docProps/core.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"/>`}, {docxParts[3].name, docxParts[3].body}} {
		w, err := zw.Create(p[0])
		if err != nil {
			return nil, nil, err
		}
		if _, err := io.WriteString(w, p[1]); err != nil {
			return nil, nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, nil, err
	}
	pdf, err := Convert(ctx, buf.Bytes(), "pdf")
	if err != nil {
		return nil, nil, fmt.Errorf("html table image: %w", err)
	}
	pages, err := ScanPages(ctx, pdf, Scan{DPI: dpi, Quality: 95})
	if err != nil {
		return nil, nil, fmt.Errorf("html table image: %w", err)
	}
	// Stack the pages (one, unless the table outgrew the tall page) and
	// trim the white margins.
	var imgs []image.Image
	w, h := 0, 0
	for _, p := range pages {
		im, err := jpeg.Decode(bytes.NewReader(p))
		if err != nil {
			return nil, nil, err
		}
		imgs = append(imgs, im)
		w, h = max(w, im.Bounds().Dx()), h+im.Bounds().Dy()
	}
	all := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(all, all.Bounds(), image.White, image.Point{}, draw.Src)
	y := 0
	for _, im := range imgs {
		draw.Draw(all, image.Rect(0, y, w, y+im.Bounds().Dy()), im, im.Bounds().Min, draw.Src)
		y += im.Bounds().Dy()
	}
	var out bytes.Buffer
	if err := png.Encode(&out, all.SubImage(inkBounds(all, 8))); err != nil {
		return nil, nil, err
	}
	m.pictures = map[*mtable]string{t3: src}
	return renderHTML(s, m), out.Bytes(), nil
}

// inkBounds is the bounding box of the non-white pixels, with a margin.
func inkBounds(img *image.RGBA, margin int) image.Rectangle {
	b := img.Bounds()
	box := image.Rectangle{}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if c := img.RGBAAt(x, y); c.R < 200 || c.G < 200 || c.B < 200 {
				box = box.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	if box.Empty() {
		return b
	}
	return box.Inset(-margin).Intersect(b)
}
