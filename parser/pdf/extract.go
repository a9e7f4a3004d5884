package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	lpdf "github.com/ledongthuc/pdf"

	"gongkai/corpus"
	"gongkai/internal/debuglog"
	"gongkai/parser/layout"
)

// Sentinel errors, wrapped in the errors Extract returns.
var (
	// ErrNotPDF means the bytes are not a readable PDF file (no header,
	// truncated, corrupt cross-reference data, or no pages).
	ErrNotPDF = errors.New("not a readable PDF")
	// ErrEncrypted means the file is encrypted and the empty user password
	// does not open it.
	ErrEncrypted = errors.New("PDF is encrypted")
	// ErrNoTextLayer means no page has usable text: a scan, or text in
	// fonts that cannot be decoded. Such files need OCR.
	ErrNoTextLayer = errors.New("PDF has no usable text layer")
)

// MaxPages caps the pages read from one file.
const MaxPages = 2000

// Extract reads a PDF report: text per page with positions, rebuilt into
// lines, paragraphs and table cells. Pages without a usable text layer get
// an error diagnostic and no blocks; if no page has usable text, Extract
// returns an error wrapping ErrNoTextLayer. Malformed input yields an error
// wrapping ErrNotPDF or ErrEncrypted, never a panic.
//
// Pages without a usable text layer (scans, garbled fonts) are read by OCR
// when the engine is installed (package ocr); when it is not, and no page
// has text, the error wraps ocr.ErrNoEngine too.
func Extract(data []byte) (*layout.Document, error) {
	return ExtractContext(context.Background(), data)
}

// ExtractContext is Extract with a context that cancels OCR.
func ExtractContext(ctx context.Context, data []byte) (doc *layout.Document, err error) {
	defer func() {
		if r := recover(); r != nil { // the PDF decoder (ledongthuc/pdf) on hostile bytes
			doc, err = nil, fmt.Errorf("pdf: %w: %w", ErrNotPDF, debuglog.Recovered("read pdf", "", r))
		}
	}()
	r, err := open(data)
	if err != nil {
		return nil, err
	}
	leaves := collectPages(r)
	n := len(leaves)
	if n <= 0 {
		return nil, fmt.Errorf("pdf: %w: the page tree has no pages (broken trailer or cross-reference table?)", ErrNotPDF)
	}
	doc = &layout.Document{Format: "pdf", Pages: n, Title: infoTitle(r)}
	if n >= MaxPages {
		doc.Warn("document", "only the first %d pages were read", MaxPages)
	}
	pages := make([]pageResult, 0, n)
	for i, leaf := range leaves {
		pages = append(pages, extractPage(lpdf.Page{V: leaf}, i+1))
	}
	var ocrErr error
	ocrName, err := ocrPages(ctx, data, pages)
	doc.OCR = ocrName
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("pdf: %w", ctx.Err())
		}
		ocrErr = err
	}
	dropFurniture(pages)
	joinAcrossPages(pages)
	joinSplitRows(pages)
	usable := 0
	for i := range pages {
		p := &pages[i]
		doc.Diagnostics = append(doc.Diagnostics, p.diags...)
		if p.usable {
			usable++
			doc.Blocks = append(doc.Blocks, p.blocks...)
		}
	}
	if usable == 0 {
		if ocrErr != nil {
			return doc, fmt.Errorf("pdf: %w (%d pages): %w", ErrNoTextLayer, n, ocrErr)
		}
		return doc, fmt.Errorf("pdf: %w (%d pages)", ErrNoTextLayer, n)
	}
	return doc, nil
}

// open parses the file: it tolerates junk before the header, a newer
// header version and junk after %%EOF, opens encrypted files with the
// empty user password, and repairs a wrong trailer /Size once when the
// page tree comes out empty.
func open(data []byte) (*lpdf.Reader, error) {
	data, err := normalize(data)
	if err != nil {
		return nil, err
	}
	r, err := newReader(data)
	if err == nil && len(collectPages(r)) == 0 {
		if fixed, ok := repairSize(data); ok {
			if r2, err2 := newReader(fixed); err2 == nil && len(collectPages(r2)) > 0 {
				return r2, nil
			}
		}
	}
	return r, err
}

var (
	sizeRE   = regexp.MustCompile(`/Size\s+\d+`)
	headerRE = regexp.MustCompile(`^%PDF-\d\.\d[\r\n]`)
)

// normalize returns data in the shape the library insists on: a
// "%PDF-1.x" header at offset 0 followed by a newline and "%%EOF" at the
// end. It copies only when a change is needed.
func normalize(data []byte) ([]byte, error) {
	i := bytes.Index(data[:min(len(data), 1024)], []byte("%PDF-"))
	if i < 0 {
		return nil, fmt.Errorf("pdf: %w: no %%PDF- header", ErrNotPDF)
	}
	data = data[i:] // offsets in files with a preamble are usually relative to the header
	j := bytes.LastIndex(data, []byte("%%EOF"))
	if j < 0 {
		return nil, fmt.Errorf("pdf: %w: no %%%%EOF marker (truncated file?)", ErrNotPDF)
	}
	data = data[:j+5]
	if len(data) < 10 || !headerRE.Match(data[:9]) || data[5] != '1' || data[7] > '7' {
		fixed := append([]byte("%PDF-1.7\n"), data[min(9, len(data)):]...)
		if len(data) >= 9 {
			// Keep byte offsets: overwrite the first 9 bytes in place.
			fixed = append([]byte(nil), data...)
			copy(fixed, "%PDF-1.7\n")
		}
		data = fixed
	}
	return data, nil
}

// repairSize rewrites the last trailer's /Size to a large value; the
// library truncates the cross-reference table to /Size, and merged files
// (pdfunite) sometimes carry a /Size that is too small.
func repairSize(data []byte) ([]byte, bool) {
	t := bytes.LastIndex(data, []byte("trailer"))
	if t < 0 {
		return nil, false
	}
	loc := sizeRE.FindIndex(data[t:])
	if loc == nil {
		return nil, false
	}
	repl := []byte("/Size 9999999")
	out := make([]byte, 0, len(data)+len(repl))
	out = append(out, data[:t+loc[0]]...)
	out = append(out, repl...)
	return append(out, data[t+loc[1]:]...), true
}

func newReader(data []byte) (r *lpdf.Reader, err error) {
	// The library tries the empty user password itself.
	r, err = lpdf.NewReader(bytes.NewReader(data), int64(len(data)))
	switch {
	case err == nil:
		return r, nil
	case errors.Is(err, lpdf.ErrInvalidPassword):
		return nil, fmt.Errorf("pdf: %w: the empty user password does not open it", ErrEncrypted)
	case bytes.Contains(data, []byte("/Encrypt")) && strings.Contains(strings.ToLower(err.Error()), "encrypt"):
		return nil, fmt.Errorf("pdf: %w: %v", ErrEncrypted, err)
	}
	return nil, fmt.Errorf("pdf: %w: %v", ErrNotPDF, err)
}

func infoTitle(r *lpdf.Reader) (title string) {
	defer func() {
		if p := recover(); p != nil { // a damaged /Info: no title, logged
			debuglog.Recovered("read pdf /Info title", "", p)
		}
	}()
	return r.Trailer().Key("Info").Key("Title").Text()
}

// pageResult is one page's blocks and what was noticed on it.
type pageResult struct {
	blocks []layout.Block
	diags  []corpus.Diagnostic
	usable bool
	// indented holds the texts of paragraphs whose first line is
	// indented: such a paragraph never continues the previous page's.
	indented map[string]bool
	lines    []pageLine // candidate headers and footers (para blocks by index)
	// first and last are the page's top and bottom tables (the same one
	// when there is one), kept to rejoin a row that a page break split.
	first, last *table
	// needsOCR: the page has no usable text layer (an image, or garbled
	// text) and is read by OCR when the engine is installed.
	needsOCR bool
	// media is the page's MediaBox (what pdftoppm renders for OCR) and
	// turned its /Rotate; OCR's pixel boxes become points through them.
	media  [4]float64
	turned bool
}

// pageLine is a paragraph block near the top or bottom edge of a page.
type pageLine struct {
	block int
	text  string
}

func extractPage(page lpdf.Page, n int) (res pageResult) {
	where := fmt.Sprintf("page %d", n)
	defer func() {
		if p := recover(); p != nil { // the PDF decoder on one page: the other pages are kept
			res = pageResult{diags: []corpus.Diagnostic{{Severity: corpus.SevError, Where: where,
				Message: fmt.Sprintf("page could not be read: %v", debuglog.Recovered("read pdf", where, p))}}}
		}
	}()
	pc, err := readContent(page)
	if err != nil {
		res.diags = append(res.diags, corpus.Diagnostic{Severity: corpus.SevWarning, Where: where,
			Message: fmt.Sprintf("content stream stopped early: %v", err)})
	}
	if blankPage(pc) {
		res.diags = append(res.diags, corpus.Diagnostic{Severity: corpus.SevWarning, Where: where, Message: "blank page"})
		return res
	}
	if reason := textProblem(pc); reason != "" {
		res.diags = append(res.diags, corpus.Diagnostic{Severity: corpus.SevError, Where: where,
			Message: "no usable text layer: " + reason})
		res.needsOCR = true
		res.media, res.turned = mediaBox(page)
		return res
	}
	laid := layoutPage(pc, pageHeight(page), n)
	laid.diags, laid.usable = res.diags, true
	return laid
}

// mediaBox returns the page's MediaBox (A4 if absent or broken) and
// whether the page is shown rotated (/Rotate not a multiple of 360), both
// inherited from the page tree.
func mediaBox(p lpdf.Page) (box [4]float64, turned bool) {
	box = [4]float64{0, 0, 595, 842}
	var mb lpdf.Value
	rot := int64(0)
	for v, i := p.V, 0; !v.IsNull() && i < 32; v, i = v.Key("Parent"), i+1 {
		if mb.Len() != 4 {
			mb = v.Key("MediaBox")
		}
		if r := v.Key("Rotate"); r.Kind() == lpdf.Integer && rot == 0 {
			rot = r.Int64()
		}
	}
	if mb.Len() == 4 {
		b := [4]float64{mb.Index(0).Float64(), mb.Index(1).Float64(), mb.Index(2).Float64(), mb.Index(3).Float64()}
		if b[2] > b[0] && b[3] > b[1] {
			box = b
		}
	}
	return box, rot%360 != 0
}

// pageHeight returns the page's height from its MediaBox (A4 if absent).
func pageHeight(p lpdf.Page) [2]float64 {
	var mb lpdf.Value
	for v, i := p.V, 0; !v.IsNull() && i < 32 && mb.Len() != 4; v, i = v.Key("Parent"), i+1 {
		mb = v.Key("MediaBox")
	}
	if mb.Len() == 4 {
		lo, hi := mb.Index(1).Float64(), mb.Index(3).Float64()
		if hi > lo {
			return [2]float64{lo, hi}
		}
	}
	return [2]float64{0, 842}
}

// layoutPage rebuilds tables and paragraphs from the page's glyphs and
// rules, in reading order (by top edge). It also notes the paragraphs that
// sit in the top or bottom tenth of the page, and the top and bottom
// tables.
func layoutPage(pc pageContent, box [2]float64, page int) pageResult {
	where := fmt.Sprintf("page %d", page)
	gs := mergeVertical(pc.glyphs)
	grids := findGrids(pc.segments)
	inGrid := make([][]glyph, len(grids))
	var free []glyph
	for _, g := range gs {
		k := slices.IndexFunc(grids, func(t *grid) bool { return t.contains(g.center()) })
		if k < 0 {
			free = append(free, g)
			continue
		}
		inGrid[k] = append(inGrid[k], g)
	}
	type placed struct {
		top float64
		b   layout.Block
		tab *table
	}
	var items []placed
	for k, t := range grids {
		if len(inGrid[k]) == 0 {
			continue
		}
		tab := t.fill(inGrid[k])
		tab.page = page
		b := tab.block()
		b.Where = where
		items = append(items, placed{t.ys[0], b, tab})
	}
	indented := map[string]bool{}
	for _, p := range buildParas(buildLines(free)) {
		if p.indented {
			indented[p.text] = true
		}
		kind := layout.Para
		if p.heading {
			kind = layout.Heading
		}
		items = append(items, placed{p.top, layout.Block{Kind: kind, Text: p.text, Where: where, At: glyphsLoc(page, p.glyphs)}, nil})
	}
	slices.SortStableFunc(items, func(a, b placed) int { return cmpDesc(a.top, b.top) })
	res := pageResult{blocks: make([]layout.Block, len(items)), indented: indented}
	margin := (box[1] - box[0]) / 10
	for i, it := range items {
		res.blocks[i] = it.b
		if it.tab != nil {
			if res.first == nil {
				res.first = it.tab
			}
			res.last = it.tab
		}
		if it.b.Kind != layout.Table && (it.top > box[1]-margin || it.top < box[0]+margin) {
			res.lines = append(res.lines, pageLine{i, it.b.Text})
		}
	}
	return res
}

// dropFurniture removes page numbers and running headers/footers: edge
// paragraphs that look like a page number, and edge paragraphs whose text
// repeats on at least half the pages (when there are three or more).
func dropFurniture(pages []pageResult) {
	count := map[string]int{}
	for _, p := range pages {
		seen := map[string]bool{}
		for _, l := range p.lines {
			if !seen[l.text] {
				count[l.text]++
				seen[l.text] = true
			}
		}
	}
	for i := range pages {
		p := &pages[i]
		drop := map[int]bool{}
		for _, l := range p.lines {
			if pageNumRE.MatchString(l.text) || (len(pages) >= 3 && 2*count[l.text] >= len(pages)) {
				drop[l.block] = true
			}
		}
		if len(drop) == 0 {
			continue
		}
		kept := p.blocks[:0]
		for j, b := range p.blocks {
			if !drop[j] {
				kept = append(kept, b)
			}
		}
		p.blocks = kept
	}
}

// joinAcrossPages continues a paragraph that a page break cut: when a
// page's last block is a paragraph not ending in closing punctuation and
// the next usable page starts with a paragraph, the two are joined.
func joinAcrossPages(pages []pageResult) {
	for i := 0; i+1 < len(pages); i++ {
		a, b := &pages[i], &pages[i+1]
		if !a.usable || !b.usable || len(a.blocks) == 0 || len(b.blocks) == 0 {
			continue
		}
		last, first := &a.blocks[len(a.blocks)-1], b.blocks[0]
		if last.Kind != layout.Para || first.Kind != layout.Para || b.indented[first.Text] ||
			strings.ContainsRune("。！？；：.!?;:”）)", lastRune(last.Text)) {
			continue
		}
		last.Text = joinWrapped(last.Text, first.Text)
		b.blocks = b.blocks[1:]
	}
}

// collectPages returns the leaves of the page tree in order, at most
// MaxPages. It replaces Reader.Page, which loops forever on a page tree
// whose Kids refer back to an ancestor: here depth and the number of nodes
// visited are bounded.
func collectPages(r *lpdf.Reader) []lpdf.Value {
	var out []lpdf.Value
	budget := 4*MaxPages + 64
	var walk func(node lpdf.Value, depth int)
	walk = func(node lpdf.Value, depth int) {
		budget--
		if budget < 0 || depth > 32 || len(out) >= MaxPages {
			return
		}
		kids := node.Key("Kids")
		if node.Key("Type").Name() == "Page" || (kids.Kind() != lpdf.Array && node.Key("Contents").Kind() != lpdf.Null) {
			out = append(out, node)
			return
		}
		for i := 0; i < kids.Len() && budget >= 0; i++ {
			walk(kids.Index(i), depth+1)
		}
	}
	walk(r.Trailer().Key("Root").Key("Pages"), 0)
	return out
}
