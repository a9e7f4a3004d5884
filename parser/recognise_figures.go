package parser

import (
	"gongkai/corpus"
	"gongkai/parser/figures"
)

// extractFigures returns the figures stated in the text.
func extractFigures(text string, year int) []corpus.Figure {
	figs := figures.Extract(text, year)
	if figs == nil {
		return []corpus.Figure{}
	}
	return figs
}
