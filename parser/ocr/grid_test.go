package ocr

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"testing"
)

// drawTable draws a ruled table on a white page: rows×cols cells of
// cell×cell pixels at (x0, y0), rules 2 px thick, with the rule between
// (0,0) and (0,1) and the one between (1,2) and (2,2) left out (two
// merged cells), plus a few specks.
func drawTable(w, h, x0, y0, rows, cols, cell int) *image.Gray {
	g := image.NewGray(image.Rect(0, 0, w, h))
	for i := range g.Pix {
		g.Pix[i] = 255
	}
	ink := func(x, y int) { g.SetGray(x, y, color.Gray{20}) }
	for r := 0; r <= rows; r++ {
		for c := range cols {
			if r == 2 && c == 2 {
				continue // merged down: (1,2)+(2,2)
			}
			for x := x0 + c*cell; x <= x0+(c+1)*cell; x++ {
				for t := range 2 {
					ink(x, y0+r*cell+t)
				}
			}
		}
	}
	for c := 0; c <= cols; c++ {
		for r := range rows {
			if c == 1 && r == 0 {
				continue // merged across: (0,0)+(0,1)
			}
			for y := y0 + r*cell; y <= y0+(r+1)*cell; y++ {
				for t := range 2 {
					ink(x0+c*cell+t, y)
				}
			}
		}
	}
	for i := range 30 {
		ink(13+i*37%w, 7+i*53%h)
	}
	return g
}

func TestGridWithMergedCells(t *testing.T) {
	const dpi = 200
	g := drawTable(1600, 1200, 100, 150, 4, 5, 120)
	bm := binarise(g, otsu(g))
	if a := skewAngle(bm); a != 0 {
		t.Errorf("skew of a level table = %.2f°, want 0", a)
	}
	tol := 4
	hs, vs := findRules(bm, 70, 2, tol)
	grids := findGrids(hs, vs, tol)
	if len(grids) != 1 {
		t.Fatalf("found %d tables, want 1", len(grids))
	}
	gr := grids[0]
	if len(gr.xs) != 6 || len(gr.ys) != 5 {
		t.Fatalf("grid %d×%d boundaries, want 6×5: xs %v ys %v", len(gr.xs), len(gr.ys), gr.xs, gr.ys)
	}
	rows := gr.regions()
	var got []string
	for r, row := range rows {
		for _, reg := range row {
			got = append(got, fmt.Sprintf("%d,%d:%dx%d", r, reg.c0, reg.r1-reg.r0+1, reg.c1-reg.c0+1))
		}
	}
	want := "[0,0:1x2 0,2:1x1 0,3:1x1 0,4:1x1 1,0:1x1 1,1:1x1 1,2:2x1 1,3:1x1 1,4:1x1 2,0:1x1 2,1:1x1 2,3:1x1 2,4:1x1 3,0:1x1 3,1:1x1 3,2:1x1 3,3:1x1 3,4:1x1]"
	if s := fmt.Sprint(got); s != want {
		t.Errorf("cells\n got %s\nwant %s", s, want)
	}
}

func TestDeskew(t *testing.T) {
	g := drawTable(1600, 1200, 200, 250, 4, 5, 120)
	turned := rotate(g, 1.2)
	a := skewAngle(binarise(turned, otsu(turned)))
	if a < 1.05 || a > 1.35 {
		t.Errorf("measured skew %.2f°, want 1.2° ± 0.15°", a)
	}
}

func TestSealRedRemoved(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 3, 1))
	img.Set(0, 0, color.RGBA{220, 30, 40, 255}) // seal red
	img.Set(1, 0, color.RGBA{20, 20, 20, 255})  // black text
	img.Set(2, 0, color.RGBA{90, 10, 10, 255})  // text under the seal: dark
	g := Gray(img)
	if g.Pix[0] != 255 || g.Pix[1] > 40 || g.Pix[2] > 60 {
		t.Errorf("grey levels %v: want the red white and the dark pixels dark", g.Pix)
	}
}

func TestReadPPMGray(t *testing.T) {
	data := append([]byte("P6\n2 1\n255\n"), 220, 30, 40, 0, 0, 0)
	g, err := ReadPPMGray(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if g.Bounds().Dx() != 2 || g.Pix[0] != 255 || g.Pix[1] != 0 {
		t.Errorf("got %v", g.Pix)
	}
	if _, err := ReadPPMGray(bytes.NewReader([]byte("P6\n2 1\n255\n\x00"))); err == nil {
		t.Error("a truncated PPM was accepted")
	}
}

func TestParseTSV(t *testing.T) {
	tsv := "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n" +
		"1\t1\t0\t0\t0\t0\t0\t0\t100\t50\t-1\t\n" +
		"5\t1\t1\t1\t1\t1\t10\t5\t20\t30\t96.5\t12\n" +
		"5\t2\t1\t1\t1\t1\t10\t5\t20\t30\t41\t本年\n"
	ws, err := parseTSV([]byte(tsv))
	if err != nil || len(ws) != 2 || ws[0].Text != "12" || ws[0].Conf != 96.5 || ws[1].page != 2 || ws[0].Box != image.Rect(10, 5, 30, 35) {
		t.Errorf("parseTSV = %+v, %v", ws, err)
	}
}

// TestGridOpenEnds: a table cut by the page break (its last row has no
// closing rule) and drawn without its outer side rules still has all its
// rows and columns: the rules that run on past the last boundary close it.
func TestGridOpenEnds(t *testing.T) {
	const cell = 100
	g := image.NewGray(image.Rect(0, 0, 900, 800))
	for i := range g.Pix {
		g.Pix[i] = 255
	}
	ink := func(x, y int) { g.SetGray(x, y, color.Gray{20}) }
	x0, y0, rows, cols := 100, 100, 4, 6
	// Horizontal rules on rows 0..rows-1 only (no rule under the last
	// row), running the table's whole width.
	for r := range rows {
		for x := x0; x <= x0+cols*cell; x++ {
			ink(x, y0+r*cell)
			ink(x, y0+r*cell+1)
		}
	}
	// Inner vertical rules only (no left or right border), down to the
	// end of the last row.
	for c := 1; c < cols; c++ {
		for y := y0; y <= y0+rows*cell; y++ {
			ink(x0+c*cell, y)
			ink(x0+c*cell+1, y)
		}
	}
	bm := binarise(g, otsu(g))
	tol := 4
	hs, vs := findRules(bm, 70, 2, tol)
	grids := findGrids(hs, vs, tol)
	if len(grids) != 1 {
		t.Fatalf("found %d tables, want 1", len(grids))
	}
	gr := grids[0]
	if len(gr.xs) != cols+1 || len(gr.ys) != rows+1 {
		t.Fatalf("grid %d×%d boundaries, want %d×%d: xs %v ys %v", len(gr.xs), len(gr.ys), cols+1, rows+1, gr.xs, gr.ys)
	}
	if d := gr.ys[rows] - (y0 + rows*cell); d < -tol || d > tol {
		t.Errorf("last row boundary at %d, want %d", gr.ys[rows], y0+rows*cell)
	}
	if d := gr.xs[0] - x0; d < -tol || d > tol {
		t.Errorf("first column boundary at %d, want %d", gr.xs[0], x0)
	}
	for r, row := range gr.regions() {
		if len(row) != cols {
			t.Errorf("row %d has %d cells, want %d", r, len(row), cols)
		}
	}
	// A closed table gains nothing.
	closed := drawTable(1600, 1200, 100, 150, 4, 5, 120)
	bm = binarise(closed, otsu(closed))
	hs, vs = findRules(bm, 70, 2, tol)
	if gs := findGrids(hs, vs, tol); len(gs) != 1 || len(gs[0].xs) != 6 || len(gs[0].ys) != 5 {
		t.Errorf("closed table: %d grids", len(gs))
	}
}

// TestGlyphColumns: three digit-high marks apart count three; dots and
// specks do not count; a mark whose thin stroke is light grey counts once.
func TestGlyphColumns(t *testing.T) {
	g := image.NewGray(image.Rect(0, 0, 200, 60))
	for i := range g.Pix {
		g.Pix[i] = 255
	}
	fill := func(x0, y0, x1, y1 int, v uint8) {
		for y := y0; y < y1; y++ {
			for x := x0; x < x1; x++ {
				g.SetGray(x, y, color.Gray{v})
			}
		}
	}
	fill(10, 10, 25, 50, 0)   // a digit
	fill(30, 10, 45, 50, 0)   // a digit
	fill(50, 45, 53, 50, 0)   // a decimal point
	fill(58, 10, 62, 50, 0)   // the left stroke of a digit …
	fill(62, 10, 66, 13, 170) // … its thin grey top, lighter than the ink threshold
	fill(66, 10, 73, 50, 0)   // … and its right part
	if n := len(glyphRuns(g, image.Rect(5, 5, 80, 55), 200)); n != 3 {
		t.Errorf("%d marks, want 3", n)
	}
}
