package parser

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"

	"gongkai/parser/layout"
	"gongkai/parser/text"
)

// Format is one supported input format.
type Format struct {
	Name    string
	Extract func(ctx context.Context, data []byte) (*layout.Document, error) // ctx cancels external programs (LibreOffice)
}

func textFormat(markdown bool) Format {
	name := "text"
	if markdown {
		name = "markdown"
	}
	return Format{Name: name, Extract: func(_ context.Context, d []byte) (*layout.Document, error) { return text.Extract(d, markdown) }}
}

// Detect chooses the format from the content; the file name's extension
// only breaks the tie between plain text and Markdown.
func Detect(data []byte, name string) (Format, error) {
	head := data[:min(len(data), 4096)]
	switch {
	case bytes.Contains(head[:min(len(head), 1024)], []byte("%PDF-")):
		return pdfFormat, nil
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		if bytes.Contains(data, []byte("word/document.xml")) {
			return docxFormat, nil
		}
		return Format{}, fmt.Errorf("%w: a zip archive that is not a Word document (import unpacks archives)", ErrUnsupported)
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}):
		return oleFormat(data)
	case bytes.HasPrefix(data, []byte("\x89PNG")), bytes.HasPrefix(data, []byte("\xFF\xD8\xFF")), bytes.HasPrefix(data, []byte("GIF8")), bytes.HasPrefix(data, []byte("BM")) && len(data) > 14 && bytes.Equal(data[6:10], []byte{0, 0, 0, 0}):
		return Format{}, fmt.Errorf("%w: an image (a scanned report needs OCR)", ErrUnsupported)
	case bytes.HasPrefix(data, []byte("{\\rtf")):
		return Format{}, fmt.Errorf("%w: RTF", ErrUnsupported)
	}
	if t := bytes.TrimSpace(head); len(t) > 0 && (t[0] == '{' || t[0] == '[') && json.Valid(bytes.TrimSpace(data)) {
		return Format{}, fmt.Errorf("%w: JSON data", ErrUnsupported)
	}
	if looksHTML(head) {
		return htmlFormat, nil
	}
	ext := strings.ToLower(filepath.Ext(name))
	if ext == ".md" || ext == ".markdown" {
		return textFormat(true), nil
	}
	return textFormat(false), nil
}

// looksHTML sniffs markup in the first bytes (in any of the encodings
// textenc reads: the tags are ASCII in UTF-8 and GBK; UTF-16 is checked
// with its zero bytes removed).
func looksHTML(head []byte) bool {
	h := bytes.ToLower(bytes.ReplaceAll(head, []byte{0}, nil))
	for _, tag := range []string{"<!doctype html", "<html", "<head", "<body", "<meta ", "<div", "<table", "<p>", "<p ", "<title"} {
		if bytes.Contains(h, []byte(tag)) {
			return true
		}
	}
	return false
}
