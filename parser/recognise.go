package parser

import (
	"gongkai/corpus"
	"gongkai/parser/layout"
)

// recognise fills the office, region, level and kind.
func recognise(r *corpus.Report, doc *layout.Document, text string) {}

// extractFigures returns the figures stated in the text.
func extractFigures(text string, year int) []corpus.Figure { return []corpus.Figure{} }
