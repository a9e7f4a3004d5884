// Package pdf extracts the text of PDF reports into the layout form:
// paragraphs, headings and table cells in reading order, page by page.
//
// It reads files with github.com/ledongthuc/pdf (pure Go) for the object
// graph, fonts and streams, but walks each page's content stream itself
// (content.go, text.go) instead of using the library's Page.Content or
// GetPlainText, because of faults measured in that library
// (reference/libraries.md §3):
//
//   - Type0/CID fonts report zero glyph widths, so x positions drift. Here
//     every glyph advances by the descendant CIDFont's /W (or /DW) widths,
//     so glyph ends and the gaps between glyphs are real.
//   - A stray glyph was emitted after every TJ; here none is.
//   - Identity-V fonts were left undecoded; here their ToUnicode map is
//     used and vertical runs are joined top to bottom.
//   - Fonts are resolved per page (and per form XObject), never cached by
//     resource name across pages.
//   - ToUnicode CMaps are parsed into maps by a small tokenizer (cmap.go):
//     the library's linear scan and its PostScript interpreter are avoided.
//
// Layout is rebuilt from positions: glyphs sharing a baseline form lines;
// lines form paragraphs by indentation, margins and spacing; the drawn
// rules (stroked lines and thin rectangles) form table grids, whose cells
// are the grid positions merged where no rule separates them. A table row
// keeps empty cells, so blank values keep their column; a cell spanning
// rows or columns appears once with its spans. A row that a page break
// split (LibreOffice lets rows break) is joined again when the text flow
// shows it (split.go). Page numbers and running headers/footers are
// dropped.
//
// Pages without usable text (scans, undecodable fonts) get an error
// diagnostic instead of garbage; a file with no usable page is an error
// wrapping ErrNoTextLayer.
package pdf
