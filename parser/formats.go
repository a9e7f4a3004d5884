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
	pdfFormat  = Format{Name: "pdf", Extract: pdf.Extract}
	docxFormat = Format{Name: "docx", Extract: docx.Extract}
	htmlFormat = Format{Name: "html", Extract: html.Extract}
)

// oleFormat tells Word 97-2003 and WPS files from other OLE compound files.
// Both are read through LibreOffice (package doc), which needs no context
// from the caller: the converter has its own timeout.
func oleFormat(data []byte) (Format, error) {
	switch kind := doc.Sniff(data); kind {
	case "doc", "wps":
		return Format{Name: kind, Extract: func(d []byte) (*layout.Document, error) { return doc.Extract(context.Background(), d) }}, nil
	case "xls":
		return Format{}, fmt.Errorf("%w: an Excel workbook (.xls)", ErrUnsupported)
	case "ppt":
		return Format{}, fmt.Errorf("%w: a PowerPoint file (.ppt)", ErrUnsupported)
	default:
		return Format{}, fmt.Errorf("%w: an OLE compound file that is not a Word or WPS document", ErrUnsupported)
	}
}
