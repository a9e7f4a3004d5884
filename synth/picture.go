package synth

import (
	"context"
	"fmt"
	"strings"

	"gongkai/corpus"
)

// TablePictureReport returns the first generated report (seed 10, year
// 2022) that has table 三, with its HTML page showing table 三 as the
// picture src, rendered at dpi (RenderHTMLTableImage: LibreOffice and
// pdftoppm are needed). It is the fixture of the tests that read a table
// pasted as a picture, from disk and through the crawler.
func TablePictureReport(ctx context.Context, src string, dpi int) (s Spec, page, pic []byte, err error) {
	for _, g := range Generate(Options{Seed: 10, Years: []int{2022}}, 4) {
		if g.Truth.Tables.Apply != nil {
			page, pic, err = RenderHTMLTableImage(ctx, g, src, dpi)
			return g, page, pic, err
		}
	}
	return Spec{}, nil, nil, fmt.Errorf("table picture: no generated report with table 三")
}

// ScoreCells compares the cells read from a report with the true cells
// whose key starts with keyPrefix: n true cells, right the cells read with
// the true state and value, uncertain those flagged uncertain (whatever
// was read), and wrong the others, described ("apply.granted.total: "12"
// (number), want "13"").
func ScoreCells(got, want []corpus.Cell, keyPrefix string) (n, right, uncertain int, wrong []string) {
	byKey := map[string]corpus.Cell{}
	for _, c := range got {
		byKey[c.Key] = c
	}
	for _, w := range want {
		if !strings.HasPrefix(w.Key, keyPrefix) {
			continue
		}
		n++
		g, ok := byKey[w.Key]
		switch {
		case ok && g.Uncertain:
			uncertain++
		case ok && g.State == w.State && (w.Value == nil) == (g.Value == nil) && (w.Value == nil || *w.Value == *g.Value):
			right++
		default:
			wrong = append(wrong, fmt.Sprintf("%s: %q (%s), want %q", w.Key, g.Raw, g.State, w.Raw))
		}
	}
	return n, right, uncertain, wrong
}
