package pdf

import (
	"context"
	"errors"
	"fmt"
	"image"
	"math"
	"strings"
	"sync"

	"gongkai/corpus"
	"gongkai/parser/layout"
	"gongkai/parser/ocr"
)

// ocrPages reads the pages whose text layer is missing or garbled with OCR
// (package ocr), in batches of ocr.BatchPages page images, at most
// ocr.Parallel batches at once, whatever the length of the document. It returns an error only when
// ctx ends; an engine that is not installed, or a page OCR cannot read,
// leaves the page's diagnostic as it was and says why. It returns the
// engine and the pages it read ("tesseract 5.3.0: pages 1-3, 5"), "" when none.
func ocrPages(ctx context.Context, data []byte, pages []pageResult) (string, error) {
	var want []int
	for i := range pages {
		if pages[i].needsOCR {
			want = append(want, i+1)
		}
	}
	if len(want) == 0 {
		return "", nil
	}
	eng, err := ocr.Find()
	if err != nil {
		p := &pages[want[0]-1]
		p.diags = append(p.diags, corpus.Diagnostic{Severity: corpus.SevError, Where: "document",
			Message: fmt.Sprintf("%d page(s) need OCR: %v", len(want), err)})
		return "", err
	}
	var read []int
	var prev *layout.Block // the last table of the previous OCR'd page
	prevPage := -1
	apply := func(n, dpi int, res *ocr.Result) {
		p := &pages[n-1]
		where := fmt.Sprintf("page %d", n)
		st := res.Stats
		if len(res.Blocks) == 0 {
			return // OCR found no text either: the page keeps its diagnostic
		}
		p.diags = append(p.diags[:0], res.Diagnostics...)
		p.diags = append(p.diags, corpus.Diagnostic{Severity: corpus.SevInfo, Where: where, Message: fmt.Sprintf(
			"read by OCR (%s, %d dpi): %s", eng.Name(), dpi, st.Summary())})
		p.blocks, p.usable = res.Blocks, true
		read = append(read, n)
		// A table row that the page break split: its first part ends the
		// previous page, the rest of its label starts this one.
		if prev != nil && prevPage == n-1 && len(p.blocks) > 0 && p.blocks[0].Kind == layout.Table {
			if ocr.JoinSplitRow(prev, &p.blocks[0]) {
				p.diags = append(p.diags, corpus.Diagnostic{Severity: corpus.SevInfo, Where: where, Message: "table row split by the page break joined"})
			}
		}
		prev, prevPage = nil, n
		if k := len(p.blocks) - 1; k >= 0 && p.blocks[k].Kind == layout.Table {
			prev = &p.blocks[k]
		}
	}
	// Pages are read ocr.BatchPages at a time (one run of the engine per
	// model for the batch); a batch the engine fails on is read again page
	// by page, so that one bad page does not cost the others. Batches are
	// read in parallel, each holding one of the process's ocr.Parallel
	// slots (GOMAXPROCS by default), while the next one is rendered: at
	// most ocr.Parallel()+1 batches of page images are in memory, whatever
	// the length of the scan. The results (text, not images) are applied in
	// page order once all are read, as a table row split by a page break
	// is joined to the page before.
	type pageOut struct {
		dpi   int
		where string
		res   *ocr.Result
		err   error
	}
	var (
		mu    sync.Mutex
		outs  = map[int]pageOut{}
		wg    sync.WaitGroup
		batch []ocr.PageImage
		nums  []int
		dpis  []int
	)
	readBatch := func(batch []ocr.PageImage, nums, dpis []int) {
		got := make([]pageOut, len(batch))
		rs, err := eng.Pages(ctx, batch)
		for i, b := range batch {
			got[i] = pageOut{dpi: dpis[i], where: b.Where}
			switch {
			case err == nil:
				got[i].res = rs[i]
			case ctx.Err() != nil:
				got[i].err = ctx.Err()
			default:
				got[i].res, got[i].err = eng.Page(ctx, b.Img, b.Options)
			}
		}
		mu.Lock()
		defer mu.Unlock()
		for i, n := range nums {
			outs[n] = got[i]
		}
	}
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		release, err := ocr.Slot(ctx)
		if err != nil {
			return err
		}
		b, n, d := batch, nums, dpis
		batch, nums, dpis = nil, nil, nil
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer release()
			readBatch(b, n, d)
		}()
		return nil
	}
	err = ocr.RenderPDF(ctx, data, want, 0, func(n, dpi int, img *image.Gray) error {
		p := &pages[n-1]
		batch = append(batch, ocr.PageImage{Img: img, Options: ocr.Options{DPI: dpi, Where: fmt.Sprintf("page %d", n), Place: pixelsToPoints(n, dpi, p.media, p.turned)}})
		nums, dpis = append(nums, n), append(dpis, dpi)
		if len(batch) < ocr.BatchPages {
			return nil
		}
		return flush()
	})
	if ctx.Err() == nil {
		// Also after a page that would not render: the pages before it.
		if ferr := flush(); err == nil {
			err = ferr
		}
	}
	wg.Wait()
	if ctx.Err() != nil {
		return "", fmt.Errorf("ocr: %w", ctx.Err())
	}
	for _, n := range want {
		o, ok := outs[n]
		switch {
		case !ok:
			// Not rendered: the render error below says why.
		case o.err != nil:
			p := &pages[n-1]
			p.diags = append(p.diags, corpus.Diagnostic{Severity: corpus.SevError, Where: o.where, Message: fmt.Sprintf("OCR failed: %v", o.err)})
		default:
			apply(n, o.dpi, o.res)
		}
	}
	if err != nil && !errors.Is(err, ocr.ErrNoRenderer) && ctx.Err() == nil {
		pages[want[0]-1].diags = append(pages[want[0]-1].diags, corpus.Diagnostic{Severity: corpus.SevError, Where: "document", Message: fmt.Sprintf("OCR: %v", err)})
		err = nil
	}
	if len(read) == 0 {
		return "", err
	}
	return eng.Name() + ": pages " + pageRanges(read), err
}

// pageRanges writes ascending page numbers as ranges: "1-3, 5".
func pageRanges(ps []int) string {
	var parts []string
	for i := 0; i < len(ps); {
		j := i
		for j+1 < len(ps) && ps[j+1] == ps[j]+1 {
			j++
		}
		if j == i {
			parts = append(parts, fmt.Sprint(ps[i]))
		} else {
			parts = append(parts, fmt.Sprintf("%d-%d", ps[i], ps[j]))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

// pixelsToPoints returns the conversion of an OCR'd cell's ink box, in
// pixels of page n rendered at dpi (y down from the top of the MediaBox),
// to its place on the page in user-space points (y up). A rotated page's
// image is turned, so its boxes are left out rather than given wrong.
func pixelsToPoints(n, dpi int, media [4]float64, turned bool) func([4]float64) *corpus.Loc {
	if turned || dpi <= 0 {
		return nil
	}
	k := 72 / float64(dpi)
	return func(px [4]float64) *corpus.Loc {
		b := [4]float64{media[0] + px[0]*k, media[3] - px[3]*k, media[0] + px[2]*k, media[3] - px[1]*k}
		for i := range b {
			b[i] = math.Round(b[i]*100) / 100
		}
		return &corpus.Loc{Page: n, Box: &b}
	}
}
