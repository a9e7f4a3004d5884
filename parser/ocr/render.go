package ocr

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// ErrNoRenderer reports that pdftoppm (poppler-utils), which renders the
// pages of scanned PDFs for OCR, is not installed.
var ErrNoRenderer = errors.New("pdftoppm not installed: apt-get install poppler-utils")

// RenderPDF renders PDF pages for OCR with poppler's pdftoppm, one page
// per run, and calls fn with each page as grey levels (seal red removed)
// before rendering the next: a 100-page scan is never in memory as a
// whole (fn keeps at most a batch of pages, see Pages and BatchPages).
//
// Rendering the page is used instead of extracting its image XObjects:
// scans come as JPEG, JBIG2, CCITT or Flate images, split in strips or
// tiles, masked, scaled and rotated by the page's matrix; pdftoppm handles
// all of them and yields the page as printed, at a chosen resolution.
// The PDF is written once to a private temporary file.
//
// dpi 0 renders each page at the resolution of its largest image (as
// pdfimages -list reports it) kept within [MinDPI, MaxDPI], else at
// DefaultDPI; fn gets the resolution used.
func RenderPDF(ctx context.Context, data []byte, pages []int, dpi int, fn func(page, dpi int, img *image.Gray) error) error {
	bin, err := exec.LookPath("pdftoppm")
	if err != nil {
		return fmt.Errorf("ocr: %w", ErrNoRenderer)
	}
	dir, err := os.MkdirTemp("", "gongkai-pdfocr-*")
	if err != nil {
		return fmt.Errorf("ocr: %w", err)
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(in, data, 0o600); err != nil {
		return fmt.Errorf("ocr: %w", err)
	}
	native := map[int]int{}
	if dpi <= 0 {
		native = imageDPI(ctx, in)
	}
	for _, p := range pages {
		d := dpi
		if d <= 0 {
			d = DefaultDPI
			if n := native[p]; n > 0 {
				d = min(max(n, MinDPI), MaxDPI)
			}
		}
		img, err := renderPage(ctx, bin, in, p, d)
		if err != nil {
			return err
		}
		if err := fn(p, d, img); err != nil {
			return err
		}
	}
	return nil
}

// Rendering resolutions for OCR: scans are read at their own resolution
// within [MinDPI, MaxDPI]; pages whose resolution is unknown at DefaultDPI.
const (
	MinDPI     = 150
	MaxDPI     = 300
	DefaultDPI = 200
)

// imageDPI returns, per page, the resolution of the page's largest image
// as pdfimages (poppler-utils) lists it; empty when pdfimages is missing or
// fails (the pages are then rendered at DefaultDPI).
func imageDPI(ctx context.Context, in string) map[int]int {
	out := map[int]int{}
	bin, err := exec.LookPath("pdfimages")
	if err != nil {
		return out
	}
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	data, err := exec.CommandContext(ctx, bin, "-list", in).Output()
	if err != nil {
		return out
	}
	area := map[int]int{}
	for _, l := range strings.Split(string(data), "\n") {
		f := strings.Fields(l)
		if len(f) < 14 || f[2] != "image" {
			continue
		}
		page, e1 := strconv.Atoi(f[0])
		w, e2 := strconv.Atoi(f[3])
		h, e3 := strconv.Atoi(f[4])
		ppi, e4 := strconv.Atoi(f[12])
		if e1 != nil || e2 != nil || e3 != nil || e4 != nil || w*h <= area[page] {
			continue
		}
		area[page], out[page] = w*h, ppi
	}
	return out
}

func renderPage(ctx context.Context, bin, in string, page, dpi int) (*image.Gray, error) {
	ctx, cancel := context.WithTimeout(ctx, RunTimeout)
	defer cancel()
	n := strconv.Itoa(page)
	cmd := exec.CommandContext(ctx, bin, "-r", strconv.Itoa(dpi), "-f", n, "-l", n, in)
	var stderr bytes.Buffer
	cmd.Stderr = &limited{max: 4 << 10, b: &stderr}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("ocr: render page %d: %w", page, err)
	}
	cmd.WaitDelay = 5 * time.Second
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("ocr: render page %d: %w", page, err)
	}
	img, rerr := ReadPPMGray(stdout)
	werr := cmd.Wait()
	switch {
	case ctx.Err() != nil:
		return nil, fmt.Errorf("ocr: render page %d: %w", page, ctx.Err())
	case werr != nil:
		return nil, fmt.Errorf("ocr: render page %d with pdftoppm: %w: %s", page, werr, strings.TrimSpace(stderr.String()))
	case rerr != nil:
		return nil, fmt.Errorf("ocr: render page %d: %w", page, rerr)
	}
	return img, nil
}
