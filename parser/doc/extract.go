package doc

import (
	"bytes"
	"context"
	"fmt"

	"gongkai/parser/docx"
	"gongkai/parser/layout"
)

// Extract reads a .doc or .wps file with a zero Converter; see
// Converter.Extract.
func Extract(ctx context.Context, data []byte) (*layout.Document, error) {
	var c Converter
	return c.Extract(ctx, data)
}

// Extract reads a Word 97-2003 or Kingsoft WPS document. The Format of the
// result is Sniff's answer ("doc" or "wps") and Encoding is "utf-16le", the
// Word binary format's text encoding. Files misnamed .doc are handled by
// content: a .docx is read directly ("docx"), RTF is converted ("rtf").
//
// Errors wrap ErrNoConverter when LibreOffice is missing, ErrEncrypted for
// a password-protected file, ErrUnsupported for anything else that is not
// a Word document or that LibreOffice cannot convert, and ErrTimeout when
// the conversion overran. The OLE decoder's panics are recovered in
// Inspect; the rest is this package's own code.
func (c *Converter) Extract(ctx context.Context, data []byte) (doc *layout.Document, err error) {
	kind, err := classify(data)
	if err != nil {
		return nil, err
	}
	if kind == "docx" {
		doc, err := docx.Extract(data)
		if err != nil {
			return nil, err
		}
		doc.Warn("file", "content is a .docx, not a Word 97-2003 document")
		return doc, nil
	}
	out, err := c.ToDOCX(ctx, data, kind)
	if err != nil {
		return nil, err
	}
	doc, err = docx.Extract(out)
	if err != nil {
		return nil, fmt.Errorf("read %s converted by LibreOffice: %w", kind, err)
	}
	doc.Format, doc.Encoding = kind, "utf-16le"
	return doc, nil
}

// classify returns what data is to Extract: "doc", "wps", "rtf" or "docx",
// or an error for what it refuses.
func classify(data []byte) (string, error) {
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return "docx", nil
	case bytes.HasPrefix(data, []byte(`{\rtf`)):
		return "rtf", nil
	case !IsOLE(data):
		return "", fmt.Errorf("not an OLE compound file (HTML or MHT saved as .doc, an old DOS-era WPS file, or other data): %w", ErrUnsupported)
	}
	info, err := Inspect(data)
	if err != nil {
		return "", fmt.Errorf("%w: %w", ErrUnsupported, err)
	}
	if info.Encrypted {
		return "", fmt.Errorf("OLE %s file: %w", info.Kind, ErrEncrypted)
	}
	switch info.Kind {
	case "doc", "wps":
		return info.Kind, nil
	case "ole":
		return "", fmt.Errorf("OLE file without a WordDocument stream (a Microsoft Works .wps?), streams %q: %w", info.Streams, ErrUnsupported)
	default:
		return "", fmt.Errorf("OLE file is %s, not a Word document: %w", info.Kind, ErrUnsupported)
	}
}
