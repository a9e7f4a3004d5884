// Package parser turns the bytes of an annual report (HTML, PDF, DOCX, DOC,
// WPS, plain text, Markdown) into a corpus.Report: format and encoding
// detected from content, text extracted per format (one subpackage each)
// into the layout form, the national-template tables aligned by their row
// labels (package template), the office, region, year and dates
// recognised, and the tables' own accounting rules checked.
//
// Parse never fails because a report is odd: oddities are diagnostics and
// failed checks. It fails only when the file cannot be read as a report at
// all (not a supported format, encrypted, no text layer, not a report).
//
// # The pipeline, step by step, with the files that hold each step
//
//  1. Parse (parser.go): the boundary of one file; runs the steps below and
//     turns a panic in any of them into an error naming the stage.
//  2. Detect (detect.go): the format from the content, the extension only
//     telling text from Markdown.
//  3. Extract (extract.go, extract_images.go): one extractor per format in
//     its own package — parser/html, parser/pdf, parser/docx, parser/doc
//     (LibreOffice), parser/text, with parser/textenc for encodings and
//     parser/ocr for page images — each producing the layout form
//     (parser/layout: blocks, and tables with spans). Pictures in an HTML
//     page without table 三 are read by OCR here (extract_images.go).
//  4. FromLayout (fromlayout.go): builds the record from the layout form by
//     running steps 5 to 7 in order, then sorts the record's diagnostics
//     by the place they name (diagnostics.go).
//  5. Template alignment (package parser/template): the document linearised
//     into a token stream (stream.go, normalize.go), tables 二, 三 and 四
//     located by their anchors (locate.go, find.go, labels.go), their rows
//     aligned by label (align_rows.go, align_tables.go), values fitted to
//     the template's columns and run-together digits split (fit.go,
//     split.go), and the values put into the record (put.go).
//  6. Recognition: title and dates (recognise_title_dates.go), sections
//     (recognise_sections.go), office, region and level
//     (recognise_office.go, with parser/office), figures stated in the
//     text (recognise_figures.go, with parser/figures).
//  7. Checks: the tables' accounting rules C1–C5 and C8 (checks.go), and
//     what a reader of OCR'd values must know (checks_ocr.go).
//  8. Classify (classify.go), called by Parse: the record is accepted as an
//     annual report, or refused as not-a-report with what was missing.
//
// Reason (parser.go) turns Parse's errors into the failure ledger's codes.
package parser
