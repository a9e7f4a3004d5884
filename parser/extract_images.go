package parser

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"image"
	_ "image/gif" // formats of pictures in report pages
	_ "image/jpeg"
	_ "image/png"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	_ "golang.org/x/image/bmp"
	_ "golang.org/x/image/webp"

	"gongkai/corpus"
	"gongkai/parser/layout"
	"gongkai/parser/ocr"
)

// ImageLoader returns the bytes of a picture a page shows: src as the
// page's <img> writes it, base the page's own name (a file path, or the
// URL it was fetched from). The crawler supplies one that serves the
// images it fetched with the page; LocalImages serves files beside a page
// imported from disk.
type ImageLoader func(ctx context.Context, base, src string) ([]byte, error)

// ErrNoImage reports a picture the loader does not have.
var ErrNoImage = errors.New("image not available")

// maxImageBytes caps one picture read for OCR.
const maxImageBytes = 32 << 20

// LocalImages serves inline data: URIs, and relative paths resolved
// beside the page file base (a web page saved with its "_files" folder).
// Absolute paths, remote URLs and paths leaving the page's folder are not
// served.
func LocalImages(_ context.Context, base, src string) ([]byte, error) {
	if strings.HasPrefix(src, "data:") {
		return dataURI(src)
	}
	u, err := url.Parse(src)
	if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(u.Path, "/") || base == "" {
		return nil, fmt.Errorf("%w: %q is not a path beside the page", ErrNoImage, src)
	}
	p, err := url.PathUnescape(u.Path)
	if err != nil {
		return nil, fmt.Errorf("%w: %q: %v", ErrNoImage, src, err)
	}
	rel := filepath.Clean(filepath.FromSlash(p))
	if rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return nil, fmt.Errorf("%w: %q leaves the page's folder", ErrNoImage, src)
	}
	full := filepath.Join(filepath.Dir(base), rel)
	st, err := os.Stat(full)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNoImage, err)
	}
	if st.Size() > maxImageBytes {
		return nil, fmt.Errorf("%w: %s is over %d bytes", ErrNoImage, full, maxImageBytes)
	}
	return os.ReadFile(full)
}

func dataURI(src string) ([]byte, error) {
	meta, payload, ok := strings.Cut(strings.TrimPrefix(src, "data:"), ",")
	if !ok || !strings.HasPrefix(meta, "image/") {
		return nil, fmt.Errorf("%w: a data: URI that is not an image", ErrNoImage)
	}
	if !strings.HasSuffix(meta, ";base64") {
		s, err := url.PathUnescape(payload)
		return []byte(s), err
	}
	if len(payload) > maxImageBytes*4/3 {
		return nil, fmt.Errorf("%w: data: URI over %d bytes", ErrNoImage, maxImageBytes)
	}
	return base64.StdEncoding.DecodeString(payload)
}

// ocrPageImages reads the pictures of an HTML page that has no template
// table by OCR, inserting their blocks where the pictures stand. It
// reports whether any picture was read.
func ocrPageImages(ctx context.Context, doc *layout.Document, base string, load ImageLoader) bool {
	if len(doc.Images) == 0 || load == nil {
		return false
	}
	eng, err := ocr.Find()
	if err != nil {
		doc.Warn("document", "%d picture(s) in the page were not read: %v", len(doc.Images), err)
		return false
	}
	var out []layout.Block
	next, read := 0, 0
	for k, im := range doc.Images {
		for next < im.Block && next < len(doc.Blocks) {
			out = append(out, doc.Blocks[next])
			next++
		}
		where := fmt.Sprintf("image %d", k+1)
		blocks, err := ocrImage(ctx, eng, doc, load, base, im, where)
		if err != nil {
			doc.Warn(where, "picture %s not read: %v", shortSrc(im.Src), err)
			continue
		}
		read++
		if n := len(out); n > 0 && len(blocks) > 0 && out[n-1].Kind == layout.Table {
			ocr.JoinSplitRow(&out[n-1], &blocks[0])
		}
		out = append(out, blocks...)
	}
	out = append(out, doc.Blocks[next:]...)
	if read == 0 {
		return false
	}
	doc.Blocks = out
	doc.OCR = fmt.Sprintf("%s: %d of %d picture(s)", eng.Name(), read, len(doc.Images))
	return true
}

func ocrImage(ctx context.Context, eng *ocr.Engine, doc *layout.Document, load ImageLoader, base string, im layout.Image, where string) ([]layout.Block, error) {
	raw, err := load(ctx, base, im.Src)
	if err != nil {
		return nil, err
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("not a decodable image: %w", err)
	}
	if cfg.Width*cfg.Height > 60<<20 || cfg.Width < 50 || cfg.Height < 20 {
		return nil, fmt.Errorf("%dx%d pixels: not a picture of text", cfg.Width, cfg.Height)
	}
	img, _, err := image.Decode(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("not a decodable image: %w", err)
	}
	res, err := eng.Page(ctx, ocr.Gray(img), ocr.Options{DPI: screenDPI(cfg.Width), Where: where})
	if err != nil {
		return nil, err
	}
	doc.Diagnostics = append(doc.Diagnostics, res.Diagnostics...)
	doc.Diagnostics = append(doc.Diagnostics, corpus.Diagnostic{Severity: corpus.SevInfo, Where: where,
		Message: fmt.Sprintf("picture %s read by OCR (%s): %s", shortSrc(im.Src), eng.Name(), res.Stats.Summary())})
	return res.Blocks, nil
}

// screenDPI guesses the resolution of a picture in a web page: pictures of
// tables are pasted at screen size (a table 700–1000 px wide at about
// 96–150 dpi); a page-sized scan is estimated from the width as A4.
func screenDPI(width int) int {
	if width >= 1600 {
		return 0 // a page scan: estimated by package ocr
	}
	return 150
}

func shortSrc(s string) string {
	if strings.HasPrefix(s, "data:") {
		return "(inline data)"
	}
	if len(s) > 80 {
		return s[:80] + "…"
	}
	return s
}
