package ocr

import (
	"context"
	"fmt"
	"image"
	"math"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"gongkai/corpus"
	"gongkai/parser/layout"
)

// MinConfidence is the confidence (0–100, the engine's scale) below which
// a table value is not trusted: the cell is marked uncertain and its value
// withheld, the reading kept for the diagnostic. Chosen on the generated
// scans (README, OCR accuracy): right readings of digits score 90+.
const MinConfidence = 80

// unsureText is the general model's confidence below which its reading of
// a cell is not evidence either way; sureDigits the digit model's
// confidence at which its reading stands alone.
const (
	unsureText = 60
	sureDigits = 90
	// agreeConfidence: when the general and the digit model read the same
	// number and both are at least this confident, the number stands.
	agreeConfidence = 65
)

// trimNumber removes spaces and the dots, commas and dashes a speck next
// to a number is read as ("0.", "-3-" → "-3"); a leading minus stays.
func trimNumber(s string) string {
	s = strings.ReplaceAll(s, " ", "")
	s = strings.TrimRight(s, ".,-[]()|'\"`:;")
	return strings.TrimLeft(s, ".,[]()|'\"`:;")
}

// Options describe the image given to Page.
type Options struct {
	// DPI is the image's resolution; 0 estimates it from the width as an A4
	// portrait page. Sizes (rule length, noise) scale with it.
	DPI int
	// Where names the page in blocks and diagnostics ("page 3").
	Where string
	// Place, when set, turns the ink box of a table cell — in pixels of
	// the image given to Page, [x0, y0, x1, y1] with y down — into the
	// cell's place in the original (layout.Cell.At); a PDF page's caller
	// converts to the page's points.
	Place func(box [4]float64) *corpus.Loc
}

// Stats sums up what Page found.
type Stats struct {
	Tables, Cells, Values, Uncertain, Paragraphs int
	Skew                                         float64 // degrees corrected
	TextConf                                     float64 // mean confidence of the text outside tables
}

// Summary describes the stats for a diagnostic.
func (s Stats) Summary() string {
	return fmt.Sprintf("%d table(s), %d cells, %d values, %d uncertain; text confidence %.0f%%; skew %.2f°",
		s.Tables, s.Cells, s.Values, s.Uncertain, s.TextConf, s.Skew)
}

// Result is one page read by OCR.
type Result struct {
	Blocks      []layout.Block
	Diagnostics []corpus.Diagnostic
	Stats       Stats
}

// Page recognises one page image: seals removed by colour (done by Gray
// or ReadPPMGray), the page deskewed, ruled tables found and each of their
// cells recognised on its own (digits with a digit-only model pass), and
// the text outside the tables recognised in reading order. The result is
// the same layout form the text extractors produce, so template alignment
// and checks apply unchanged.
func (e *Engine) Page(ctx context.Context, g *image.Gray, opt Options) (*Result, error) {
	rs, err := e.Pages(ctx, []PageImage{{Img: g, Options: opt}})
	if err != nil {
		return nil, err
	}
	return rs[0], nil
}

// PageImage is one page given to Pages.
type PageImage struct {
	Img *image.Gray
	Options
}

// BatchPages is how many pages a caller should give Pages at a time: the
// page images are held until the batch is read (a few tens of MB at
// 300 dpi), whatever the length of the document.
const BatchPages = 4

// Pages recognises several pages, each as Page does, with one run of the
// engine per model for the whole batch (the cells' text, their digits, the
// text outside the tables) instead of three runs per page. Starting the
// engine and loading its models costs about 0.3 s of CPU per run, a large
// share of a page of table cells; measured in BenchmarkOCR.
func (e *Engine) Pages(ctx context.Context, pages []PageImage) ([]*Result, error) {
	works := make([]*pageWork, len(pages))
	for i, p := range pages {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("ocr: %w", err)
		}
		works[i] = preparePage(p.Img, p.Options)
	}
	var tables []*tableWork
	var texts []*image.Gray
	var textOf []*pageWork
	for _, w := range works {
		tables = append(tables, w.tables...)
		if w.textImg != nil {
			texts = append(texts, w.textImg)
			textOf = append(textOf, w)
		}
	}
	// The cells' text, then digits of the cells that read as numbers,
	// then single words for those the line reading missed.
	groups := make([][]*image.Gray, len(tables))
	for i, t := range tables {
		groups[i] = t.imgs
	}
	words, err := e.recogniseGroups(ctx, groups, textSetting)
	if err != nil {
		return nil, err
	}
	for i, t := range tables {
		t.readText(words[i])
		groups[i] = t.numImgs
	}
	digits, err := e.recogniseGroups(ctx, groups, digitSetting)
	if err != nil {
		return nil, err
	}
	for i, t := range tables {
		t.digits = digits[i]
		groups[i] = t.needWord()
	}
	again, err := e.recogniseGroups(ctx, groups, wordDigitSetting)
	if err != nil {
		return nil, err
	}
	for i, t := range tables {
		t.useWords(again[i])
	}
	// The digit samples are pooled over the batch: its pages are one
	// document, printed in one font (shapes are compared at one size).
	ds := digitSamples{}
	for _, t := range tables {
		t.sample(ds)
	}
	for _, t := range tables {
		t.samples = ds
	}
	for i, t := range tables {
		groups[i] = t.disputed()
	}
	third, err := e.recogniseGroups(ctx, groups, plainSetting)
	if err != nil {
		return nil, err
	}
	for i, t := range tables {
		t.useThird(third[i])
		t.finish()
	}
	pageWords, err := e.recognise(ctx, texts, pageSetting)
	if err != nil {
		return nil, err
	}
	for i, w := range textOf {
		paras, conf := paragraphs(pageWords[i])
		w.res.Stats.TextConf = conf
		w.res.Stats.Paragraphs = len(paras)
		for _, p := range paras {
			p.block.Where = w.opt.Where
			w.items = append(w.items, placed{p.top, p.block})
		}
	}
	out := make([]*Result, len(works))
	for i, w := range works {
		for _, t := range w.tables {
			t.out.Where = w.opt.Where
			w.res.Stats.Tables++
			w.res.Stats.Cells += t.st.Cells
			w.res.Stats.Values += t.st.Values
			w.res.Stats.Uncertain += t.st.Uncertain
			w.items = append(w.items, placed{t.top, t.out})
		}
		slices.SortStableFunc(w.items, func(a, b placed) int { return a.top - b.top })
		for _, it := range w.items {
			w.res.Blocks = append(w.res.Blocks, it.block)
		}
		out[i] = w.res
	}
	return out, nil
}

// recogniseGroups runs the engine once over the images of every group and
// returns each group's words.
func (e *Engine) recogniseGroups(ctx context.Context, groups [][]*image.Gray, s setting) ([][][]Word, error) {
	var all []*image.Gray
	for _, g := range groups {
		all = append(all, g...)
	}
	words, err := e.recognise(ctx, all, s)
	if err != nil {
		return nil, err
	}
	out := make([][][]Word, len(groups))
	k := 0
	for i, g := range groups {
		out[i] = words[k : k+len(g)]
		k += len(g)
	}
	return out, nil
}

type placed struct {
	top   int
	block layout.Block
}

// pageWork is a page between its image analysis and its recognition.
type pageWork struct {
	opt     Options
	res     *Result
	tables  []*tableWork
	textImg *image.Gray // the page with its tables painted white; nil: no text outside them
	items   []placed
}

// preparePage analyses a page image: blank check, deskew, ruled grids and
// the crops of their cells, and the page outside the tables.
func preparePage(g *image.Gray, opt Options) *pageWork {
	w := &pageWork{opt: opt, res: &Result{}}
	dpi := opt.DPI
	if dpi <= 0 {
		dpi = max(72, int(float64(g.Bounds().Dx())/8.27+0.5))
	}
	bm := binarise(g, otsu(g))
	if ink := inkShare(bm); ink < 0.0005 {
		w.res.Diagnostics = append(w.res.Diagnostics, corpus.Diagnostic{Severity: corpus.SevWarning, Where: opt.Where, Message: "blank page (OCR found no ink)"})
		return w
	}
	// unskew maps a box of the (deskewed) image back to the image given:
	// the bounding box of its corners turned back by the angle corrected.
	unskew := func(r image.Rectangle) [4]float64 {
		return [4]float64{float64(r.Min.X), float64(r.Min.Y), float64(r.Max.X), float64(r.Max.Y)}
	}
	if a := skewAngle(bm); math.Abs(a) >= 0.05 {
		g = rotate(g, -a)
		bm = binarise(g, otsu(g))
		w.res.Stats.Skew = a
		// rotate: dst = R(-a)·(src − c) + c, so src = R(a)·(dst − c) + c.
		rad := a * math.Pi / 180
		c, s := math.Cos(rad), math.Sin(rad)
		cx, cy := float64(g.Bounds().Dx())/2, float64(g.Bounds().Dy())/2
		unskew = func(r image.Rectangle) [4]float64 {
			b := [4]float64{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
			for _, p := range [][2]float64{{float64(r.Min.X), float64(r.Min.Y)}, {float64(r.Max.X), float64(r.Min.Y)}, {float64(r.Min.X), float64(r.Max.Y)}, {float64(r.Max.X), float64(r.Max.Y)}} {
				dx, dy := p[0]-cx, p[1]-cy
				x, y := c*dx-s*dy+cx, s*dx+c*dy+cy
				b[0], b[1], b[2], b[3] = math.Min(b[0], x), math.Min(b[1], y), math.Max(b[2], x), math.Max(b[3], y)
			}
			return b
		}
	}
	place := func(r image.Rectangle) *corpus.Loc {
		if opt.Place == nil {
			return nil
		}
		return opt.Place(unskew(r))
	}
	px := func(inch float64) int { return max(1, int(inch*float64(dpi)+0.5)) }
	tol := max(2, px(0.02))
	hs, vs := findRules(bm, px(0.35), max(1, px(0.01)), tol)
	grids := findGrids(hs, vs, tol)
	scale := 1.0
	if dpi < 250 {
		scale = 300 / float64(dpi)
	}
	for _, gr := range grids {
		w.tables = append(w.tables, cropTable(g, bm, gr, tol, dpi, scale, place))
	}
	w.textImg = outsideTables(g, grids, tol, dpi)
	return w
}

func inkShare(bm *bitmap) float64 {
	n := 0
	for _, v := range bm.pix {
		n += int(v)
	}
	return float64(n) / float64(max(1, len(bm.pix)))
}

// inkBox returns the bounding box of the solid ink inside r (pixels with at
// least three ink neighbours, so that speckle noise and the ends of rules
// do not count) and how many such pixels there are.
func inkBox(bm *bitmap, r image.Rectangle) (image.Rectangle, int) {
	r = r.Intersect(image.Rect(1, 1, bm.w-1, bm.h-1))
	box := image.Rectangle{}
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			i := y*bm.w + x
			if bm.pix[i] == 0 {
				continue
			}
			nb := int(bm.pix[i-1]) + int(bm.pix[i+1]) + int(bm.pix[i-bm.w]) + int(bm.pix[i+bm.w]) +
				int(bm.pix[i-bm.w-1]) + int(bm.pix[i-bm.w+1]) + int(bm.pix[i+bm.w-1]) + int(bm.pix[i+bm.w+1])
			if nb < 3 {
				continue
			}
			n++
			box = box.Union(image.Rect(x, y, x+1, y+1))
		}
	}
	return box, n
}

type tableStats struct{ Cells, Values, Uncertain int }

var (
	// numericLike: what the general model reads for a number ("0", "12",
	// "1,024.5", "-3", with o/O/l/I for 0/1 and "—" for a dash).
	numericLike = regexp.MustCompile(`^[-+—–－]?[0-9oOlI|,，.．]*[0-9][0-9oOlI|,，.．]*$|^[-—–－/]$`)
	digitsOnly  = regexp.MustCompile(`^-?[0-9][0-9,]*(\.[0-9]+)?$`)
	lookalike   = strings.NewReplacer("o", "0", "O", "0", "l", "1", "I", "1", "|", "1", "，", ",", "．", ".", "。", ".", "、", ",", "—", "-", "–", "-", "－", "-")
)

// A table's cells are each cropped inside their rules (scaled to about
// 300 dpi) and read with the general Chinese model; cells that read as a
// number are read again with the English model restricted to digits as a
// single line, which is far more reliable for numbers than either
// whole-page OCR or the Chinese model. A number is trusted only when both
// readings agree and the digit pass is confident; otherwise the cell is
// uncertain and its reading kept. tableWork carries one table through
// these passes (cropTable, readText, needWord, useWords, finish), so that
// Pages can run each pass once for many tables.
type tableWork struct {
	top  int
	out  layout.Block
	st   tableStats
	refs []cellRef
	imgs []*image.Gray
	// glyphs: how many full-height marks stand side by side in each
	// cell (glyphRuns), to tell a reading that lost a digit; marks: their
	// shapes (nil when there are too many to be a number).
	glyphs []int
	marks  [][]shape
	// samples: the digit shapes of the table's batch of pages (shapes.go).
	samples digitSamples
	// after the text pass
	first     []string
	firstConf []float64
	numRefs   []int
	numImgs   []*image.Gray
	unread    []pending
	// after the digit passes
	digits [][]Word
	again  []int
	// the third reading of the cells whose two readings disagree
	disputes []int // indexes into digits
	thirdOK  map[int]bool
	thirdTxt map[int]string  // the third reading of disputed cells
	thirdCf  map[int]float64 // and its confidence
}

type cellRef struct{ r, i int }

// pending is a cell neither model could read with confidence, where it is
// not yet known whether a value or a label was printed.
type pending struct {
	r, i    int
	reading string
	first   string // the general model's reading alone
}

// cropTable crops the inked cells of a grid for recognition.
func cropTable(g *image.Gray, bm *bitmap, gr *grid, tol, dpi int, scale float64, place func(image.Rectangle) *corpus.Loc) *tableWork {
	t := &tableWork{top: gr.ys[0]}
	rows := gr.regions()
	th := otsu(g)
	light := uint8(int(th) + (255-int(th))/2)
	pad := max(4, dpi/20)
	inset := tol + max(2, dpi/60)
	t.out = layout.Block{Kind: layout.Table, Rows: make([][]layout.Cell, len(rows))}
	for r, row := range rows {
		t.out.Rows[r] = make([]layout.Cell, len(row))
		for i, reg := range row {
			t.out.Rows[r][i] = layout.Cell{RowSpan: reg.r1 - reg.r0 + 1, ColSpan: reg.c1 - reg.c0 + 1, OCR: true}
			t.st.Cells++
			inner := reg.rect.Inset(inset)
			if inner.Empty() {
				continue
			}
			box, drop := cellInk(bm, inner, dpi)
			if box.Empty() {
				continue // blank, or only specks
			}
			t.refs = append(t.refs, cellRef{r, i})
			runs := glyphRuns(g, box, light)
			t.glyphs = append(t.glyphs, len(runs))
			var marks []shape
			if len(runs) <= 16 {
				for _, r := range runs {
					marks = append(marks, shapeOf(g, r, light))
				}
			}
			t.marks = append(t.marks, marks)
			t.out.Rows[r][i].At = place(box)
			inner = inner.Intersect(image.Rect(0, 0, bm.w, bm.h))
			if len(drop) > 0 {
				// Whiten the specks on a copy of the cell only.
				cell := crop(g, inner, 0, 1)
				whiten(cell, image.Point{}, inner.Dx(), drop)
				t.imgs = append(t.imgs, paper(crop(cell, box.Sub(inner.Min).Inset(-2), pad, scale), th))
				continue
			}
			t.imgs = append(t.imgs, paper(crop(g, box.Inset(-2), pad, scale), th))
		}
	}
	return t
}

// readText takes the general model's words for each cell and picks the
// cells to read again as digits.
func (t *tableWork) readText(words [][]Word) {
	t.first = make([]string, len(t.refs))
	t.firstConf = make([]float64, len(t.refs))
	for k, ws := range words {
		txt, _ := joinWords(ws)
		t.first[k] = txt
		c := &t.out.Rows[t.refs[k].r][t.refs[k].i]
		c.Text = txt
		c.Conf = meanConf(ws) / 100
		t.firstConf[k] = meanConf(ws)
		if strings.TrimSpace(txt) == "" {
			// Ink the general model could not read: not a blank. A lone
			// "1" at 150 dpi is often such ink: the digit pass reads it
			// (finish takes its number only when it is sure and the marks
			// printed are as many as its digits); what it cannot read
			// stays pending, as before.
			t.numRefs = append(t.numRefs, k)
			t.numImgs = append(t.numImgs, t.imgs[k])
			continue
		}
		// A number as the general model reads it, or something it could
		// not read with confidence (a "1" read as 工 at 0%): read as digits.
		// So is a reading with no word in it ("]", "'|", "}"): the marks
		// a short digit ("1") is misread as.
		// And a short reading with a digit and no Chinese ("D3" for "53"),
		// or a lone character ("了" for "7").
		if numericLike.MatchString(strings.ReplaceAll(txt, " ", "")) || t.firstConf[k] < unsureText || !hasWord(txt) ||
			!hasHan(txt) && strings.ContainsAny(txt, "0123456789") || utf8.RuneCountInString(strings.TrimSpace(txt)) == 1 {
			t.numRefs = append(t.numRefs, k)
			t.numImgs = append(t.numImgs, t.imgs[k])
		}
	}
}

// needWord returns the cells the single-line digit pass could not read
// (nothing, or not a number), to be read once more as a single word.
func (t *tableWork) needWord() []*image.Gray {
	var imgs []*image.Gray
	for j, ws := range t.digits {
		if txt, _ := joinWords(ws); !digitsOnly.MatchString(trimNumber(txt)) {
			t.again = append(t.again, j)
			imgs = append(imgs, t.numImgs[j])
		}
	}
	return imgs
}

// useWords keeps the single-word readings that are numbers.
func (t *tableWork) useWords(words [][]Word) {
	for a, j := range t.again {
		if txt, _ := joinWords(words[a]); digitsOnly.MatchString(trimNumber(txt)) {
			t.digits[j] = words[a]
		}
	}
}

// accepted reports whether the digit reading txt of cell j (index into
// digits; k its cell) stands on the first two readings: both models read
// the same number confidently, or the general model could not read it and
// the digit model is sure.
func (t *tableWork) accepted(j int, txt, gen string, conf float64) bool {
	k := t.numRefs[j]
	if !digitsOnly.MatchString(txt) {
		return false
	}
	if txt == gen && (conf >= MinConfidence || conf >= agreeConfidence && t.firstConf[k] >= agreeConfidence) {
		return true
	}
	if strings.TrimSpace(t.first[k]) == "" && t.glyphs[k] != digitCount(txt) {
		return false // nothing read by the general model: the marks must agree
	}
	return !numericLike.MatchString(gen) && t.firstConf[k] < unsureText && conf >= sureDigits
}

// readings returns cell j's digit reading, its confidence, and the general
// model's reading as a number.
func (t *tableWork) readings(j int) (txt, gen string, conf float64) {
	k := t.numRefs[j]
	txt, _ = joinWords(t.digits[j])
	txt = trimNumber(txt)
	gen = trimNumber(lookalike.Replace(t.first[k]))
	if r := []rune(strings.TrimSpace(t.first[k])); len(r) == 1 && strings.ContainsRune("[]{}!", r[0]) {
		gen = "1" // a lone "1" read as a bracket: a reading to agree with, or not
	}
	return txt, gen, minConf(t.digits[j])
}

// sample adds the marks of the cells both models read as the same number
// to the page's digit samples.
func (t *tableWork) sample(ds digitSamples) {
	for j := range t.digits {
		txt, gen, conf := t.readings(j)
		k := t.numRefs[j]
		if txt == gen && t.accepted(j, txt, gen, conf) {
			ds.add(txt, t.marks[k])
		}
	}
}

// shapeOK reports whether the page's digit samples settle cell j's digit
// reading (shapes.go).
func (t *tableWork) shapeOK(j int, txt, gen string) bool {
	k := t.numRefs[j]
	return t.samples != nil && t.glyphs[k] == len(txt) && t.samples.confirms(txt, gen, t.marks[k])
}

// outvoted reports whether the general model's rival reading of cell j is
// overruled: the digit model is sure, the third reading is the same number
// with some confidence, the marks printed are as many as its digits, and
// the page's digit samples refute the rival (shapes.go).
func (t *tableWork) outvoted(j int, txt, gen string, conf float64) bool {
	k := t.numRefs[j]
	return t.samples != nil && conf >= sureDigits && t.thirdTxt[j] == txt && t.thirdCf[j] >= agreeConfidence &&
		t.glyphs[k] == len(txt) && t.samples.refutes(gen, txt, t.marks[k])
}

// closedDigits reports whether cell j's general reading differs from the
// digit reading only where the general model read a 6 as 0 or a 5 as 3,
// its usual confusions in the serif digits of the samples' tables ("66"
// as "60", "3985758" as "3983738", "195" as "193"), with the digit model
// sure, the third reading the digit model's number with some confidence,
// and as many marks printed as digits. Two readings of three then agree
// and the third is one the general model is known to give.
func (t *tableWork) closedDigits(j int, txt, gen string, conf float64) bool {
	k := t.numRefs[j]
	if conf < sureDigits || t.thirdTxt[j] != txt || t.thirdCf[j] < closedThird || t.glyphs[k] != digitCount(txt) || len(txt) != len(gen) || txt == gen {
		return false
	}
	for i := range len(txt) {
		a, b := gen[i], txt[i]
		if a != b && !(a == '0' && b == '6' || a == '3' && b == '5') {
			return false
		}
	}
	return true
}

// closedThird is the confidence the third reading needs to side with the
// digit model against a general reading closedDigits explains.
const closedThird = 50

// thirdScale is the size of the third reading's image against the
// others' (scaled to about 300 dpi): the English model is surest of digits
// somewhat smaller than that (a lone "1" at 75 % confidence full size, 85 %
// at this size, measured on the rasterised samples).
const thirdScale = 0.7

// disputed returns the cells whose digit reading is a number that the
// first two readings do not settle (the general model read another number
// or a lone character, "了" for "7", or one of them is not confident), and
// whose printed marks are not more than its digits, to be read a third
// time: by the English model without a character list (free to say it
// sees a letter), on a smaller image.
func (t *tableWork) disputed() []*image.Gray {
	var imgs []*image.Gray
	for j := range t.digits {
		txt, gen, conf := t.readings(j)
		k := t.numRefs[j]
		if gen == "-" || gen == "/" || !digitsOnly.MatchString(txt) || looksLabel(t.first[k]) ||
			t.glyphs[k] > digitCount(txt) || t.accepted(j, txt, gen, conf) || t.shapeOK(j, txt, gen) {
			continue
		}
		t.disputes = append(t.disputes, j)
		img := t.numImgs[j]
		imgs = append(imgs, crop(img, img.Bounds(), 0, thirdScale))
	}
	return imgs
}

// useThird keeps the disputed cells that the third reading settles: it
// reads the digit model's number with confidence (two models out of three:
// the general model, outvoted, reads some printed digits as others, "6" as
// "0", in fonts it was not trained on), or all three readings are the same
// number and the third is confident enough for a value (MinConfidence).
func (t *tableWork) useThird(words [][]Word) {
	t.thirdOK, t.thirdTxt, t.thirdCf = map[int]bool{}, map[int]string{}, map[int]float64{}
	for a, j := range t.disputes {
		txt, gen, _ := t.readings(j)
		third, _ := joinWords(words[a])
		conf := minConf(words[a])
		t.thirdTxt[j], t.thirdCf[j] = trimNumber(third), conf
		if trimNumber(third) == txt && (conf >= sureDigits || txt == gen && conf >= MinConfidence) {
			t.thirdOK[j] = true
		}
	}
}

// finish decides each cell from its readings.
func (t *tableWork) finish() {
	out, st := &t.out, &t.st
	unread := t.unread
	for j := range t.digits {
		k := t.numRefs[j]
		c := &out.Rows[t.refs[k].r][t.refs[k].i]
		txt, gen, conf := t.readings(j)
		st.Values++
		c.Conf = conf / 100
		genNumeric := numericLike.MatchString(gen)
		switch {
		case gen == "-" || gen == "/":
			c.Text = gen // a dash: the digit pass cannot read it
		case strings.TrimSpace(t.first[k]) == "" && lone(t.digits[j], "-") && conf >= MinConfidence && t.glyphs[k] == 1:
			// A lone dash the general model reads nothing in (a "-" cell
			// of table 二): the digit model, sure of a single "-", says so.
			c.Text = "-"
		case genNumeric && digitsOnly.MatchString(txt) && t.glyphs[k] > digitCount(txt):
			// More marks are printed than digits read ("550" read as
			// "50" by both models): a digit was lost.
			c.Uncertain = true
			c.Text = fmt.Sprintf("%s|%s|%d marks", txt, t.first[k], t.glyphs[k])
			st.Uncertain++
		case t.accepted(j, txt, gen, conf):
			// Both models read the same number confidently, or the general
			// model could not read it at all and the digit model is sure.
			c.Text = txt
		case digitsOnly.MatchString(txt) && t.glyphs[k] <= digitCount(txt) && (t.thirdOK[j] || t.shapeOK(j, txt, gen) || t.outvoted(j, txt, gen, conf) || t.closedDigits(j, txt, gen, conf)):
			// The third reading, or the shapes of the page's digits, side
			// with the digit model.
			c.Text = txt
		case !genNumeric:
			st.Values--
			unread = append(unread, pending{t.refs[k].r, t.refs[k].i, fmt.Sprintf("%s|%s", txt, t.first[k]), t.first[k]})
		default:
			c.Uncertain = true
			c.Text = txt
			if !digitsOnly.MatchString(txt) || txt != gen {
				c.Text = fmt.Sprintf("%s|%s", txt, t.first[k])
			}
			st.Uncertain++
		}
	}
	// An unreadable cell in a row of numbers stands for a value that is
	// not known (uncertain); in a row of labels (a header) it keeps what
	// the general model read, so that it does not take a value's place.
	// So does a cell the general model read as words, even poorly: the
	// row's label ("1.属于国家秘密" read at low confidence), not a value.
	for _, p := range unread {
		nums, texts := 0, 0
		for i, c := range out.Rows[p.r] {
			tx := strings.TrimSpace(c.Text)
			switch {
			case i == p.i || tx == "":
			case c.Uncertain || digitsOnly.MatchString(tx) || tx == "-" || tx == "/":
				nums++
			default:
				texts++
			}
		}
		c := &out.Rows[p.r][p.i]
		if nums > texts && !looksLabel(p.first) {
			c.Uncertain, c.Text = true, p.reading
			if c.Text == "" {
				c.Text = "?"
			}
			st.Values++
			st.Uncertain++
		}
	}
}

// lone reports whether the words are the one mark s and nothing else.
func lone(ws []Word, s string) bool {
	txt, _ := joinWords(ws)
	return strings.TrimSpace(txt) == s
}

func digitCount(s string) int {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n++
		}
	}
	return n
}

// hasWord reports whether s holds a letter other than those a digit is
// misread as (o, O, l, I): a Chinese character or a Latin word.
func hasWord(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool {
		return unicode.IsLetter(r) && !strings.ContainsRune("oOlI", r)
	}) >= 0
}

func hasHan(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0
}

// looksLabel reports whether the general model's reading of a cell is
// words: at least two Chinese characters.
func looksLabel(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			n++
		}
	}
	return n >= 2
}

// paper whitens everything lighter than the page's ink threshold: JPEG
// ringing and grey background around the glyphs, which lower the
// engine's confidence; the glyphs keep their grey edges.
func paper(g *image.Gray, th uint8) *image.Gray {
	for i, v := range g.Pix {
		if v > th {
			g.Pix[i] = 255
		}
	}
	return g
}

func meanConf(ws []Word) float64 {
	if len(ws) == 0 {
		return 0
	}
	s := 0.0
	for _, w := range ws {
		s += w.Conf
	}
	return s / float64(len(ws))
}

func minConf(ws []Word) float64 {
	if len(ws) == 0 {
		return 0
	}
	m := 100.0
	for _, w := range ws {
		m = min(m, w.Conf)
	}
	return m
}

// joinWords joins the words of one image into text: lines by "\n", words
// by a space only between two Latin letters or digits (the engine
// separates Chinese characters by spaces that were never printed).
func joinWords(ws []Word) (string, int) {
	var sb strings.Builder
	lines := 0
	for i, w := range ws {
		if i > 0 {
			p := ws[i-1]
			switch {
			case p.Block != w.Block || p.Par != w.Par || p.Line != w.Line:
				sb.WriteByte('\n')
				lines++
			case latinEnd(p.Text) && latinStart(w.Text):
				sb.WriteByte(' ')
			}
		}
		sb.WriteString(w.Text)
	}
	return sb.String(), lines + 1
}

func latinEnd(s string) bool {
	r := []rune(s)
	return len(r) > 0 && r[len(r)-1] < 0x2E80 && (unicode.IsLetter(r[len(r)-1]) || unicode.IsDigit(r[len(r)-1]))
}

func latinStart(s string) bool {
	for _, r := range s {
		return r < 0x2E80 && (unicode.IsLetter(r) || unicode.IsDigit(r))
	}
	return false
}

type para struct {
	top   int
	block layout.Block
}

// outsideTables returns a copy of the page with its tables painted white
// and its lone specks removed (despeckle), nil when nothing is left to
// read.
func outsideTables(g *image.Gray, grids []*grid, tol, dpi int) *image.Gray {
	page := image.NewGray(g.Bounds())
	copy(page.Pix, g.Pix)
	for _, gr := range grids {
		r := gr.bounds().Inset(-2 * tol).Intersect(page.Bounds())
		for y := r.Min.Y; y < r.Max.Y; y++ {
			row := page.Pix[y*page.Stride+r.Min.X : y*page.Stride+r.Max.X]
			for i := range row {
				row[i] = 255
			}
		}
	}
	bm := binarise(page, otsu(page))
	if inkShare(bm) < 0.0003 {
		return nil
	}
	despeckle(page, bm, dpi)
	return page
}

// paragraphs groups the words of the page outside its tables into
// paragraphs, as the engine's page layout analysis groups them, and
// returns them with the words' mean confidence.
func paragraphs(ws []Word) ([]para, float64) {
	// A line that starts right of the middle of the text column (the
	// signature, the date under it) is a paragraph of its own, whatever
	// the engine's paragraph grouping says.
	left, right := math.MaxInt, 0
	for _, w := range ws {
		left, right = min(left, w.Box.Min.X), max(right, w.Box.Max.X)
	}
	sameLine := func(a, b Word) bool { return a.Block == b.Block && a.Par == b.Par && a.Line == b.Line }
	lineStart := func(k int) bool { return k == 0 || !sameLine(ws[k-1], ws[k]) }
	aside := func(k int) bool { // the line of word k starts right of the middle
		for k > 0 && !lineStart(k) {
			k--
		}
		return ws[k].Box.Min.X > left+(right-left)*2/5
	}
	var out []para
	for i := 0; i < len(ws); {
		j := i + 1
		for j < len(ws) && ws[j].Block == ws[i].Block && ws[j].Par == ws[i].Par &&
			!(lineStart(j) && (aside(j) || aside(j-1))) {
			j++
		}
		txt, _ := joinWords(ws[i:j])
		txt = strings.ReplaceAll(txt, "\n", "")
		top := ws[i].Box.Min.Y
		for _, w := range ws[i:j] {
			top = min(top, w.Box.Min.Y)
		}
		if strings.TrimSpace(txt) != "" {
			out = append(out, para{top: top, block: layout.Block{Kind: layout.Para, Text: txt}})
		}
		i = j
	}
	return out, meanConf(ws)
}
