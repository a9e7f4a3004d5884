package parser

import (
	"fmt"

	"gongkai/parser/pdf"

	"gongkai/parser/layout"
)

// The extractors of the binary formats. (Wired to their packages below.)
var (
	pdfFormat  = Format{Name: "pdf", Extract: pdf.Extract}
	docxFormat = Format{Name: "docx", Extract: notYet("docx")}
	htmlFormat = Format{Name: "html", Extract: notYet("html")}
)

func oleFormat(data []byte) (Format, error) { return Format{Name: "doc", Extract: notYet("doc")}, nil }

func notYet(name string) func([]byte) (*layout.Document, error) {
	return func([]byte) (*layout.Document, error) { return nil, fmt.Errorf("%w: %s", ErrUnsupported, name) }
}
