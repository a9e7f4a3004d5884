// Package docx extracts the text and tables of an Office Open XML word
// processing document (.docx, as written by Microsoft Word, WPS Office and
// LibreOffice) into a layout.Document.
//
// Only the main document part, the style definitions (to recognise
// headings) and the core properties (for the title) are read, with
// archive/zip and a streaming encoding/xml decoder. Tables keep their
// merged cells: a horizontal merge (w:gridSpan) becomes ColSpan, a vertical
// merge (w:vMerge restart … continue) becomes RowSpan on the restart cell and
// the continuation cells are not emitted. Content controls (w:sdt), text
// boxes and fields are read through; deleted revisions, field codes and the
// fallback copy of alternate content are skipped.
//
// Hostile input is bounded: the number of zip entries, the uncompressed
// size of each part read and of all parts together, and the XML nesting
// depth are capped, and a panic inside the package is returned as an error.
package docx
