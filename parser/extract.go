package parser

import (
	"context"
	"fmt"

	"gongkai/parser/doc"
	"gongkai/parser/docx"
	"gongkai/parser/html"
	"gongkai/parser/layout"
	"gongkai/parser/pdf"
)

// The extractors of the structured formats.
var (
	pdfFormat  = Format{Name: "pdf", Extract: pdf.ExtractContext} // OCR of scanned pages stops with ctx
	docxFormat = Format{Name: "docx", Extract: noContext(docx.Extract)}
	htmlFormat = Format{Name: "html", Extract: noContext(html.Extract)}
)

// noContext adapts an extractor that runs no external program (and is
// bounded by its input limits) to Format.Extract.
func noContext(extract func([]byte) (*layout.Document, error)) func(context.Context, []byte) (*layout.Document, error) {
	return func(_ context.Context, data []byte) (*layout.Document, error) { return extract(data) }
}

// oleFormat tells Word 97-2003 and WPS files from other OLE compound files.
// Both are read through LibreOffice (package doc): the caller's context
// cancels the conversion (which also has its own timeout).
func oleFormat(data []byte) (Format, error) {
	switch kind := doc.Sniff(data); kind {
	case "doc", "wps":
		return Format{Name: kind, Extract: doc.Extract}, nil
	case "xls":
		return Format{}, fmt.Errorf("%w: an Excel workbook (.xls)", ErrUnsupported)
	case "ppt":
		return Format{}, fmt.Errorf("%w: a PowerPoint file (.ppt)", ErrUnsupported)
	default:
		return Format{}, fmt.Errorf("%w: an OLE compound file that is not a Word or WPS document", ErrUnsupported)
	}
}
