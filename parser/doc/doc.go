// Package doc extracts Word 97-2003 (.doc) and Kingsoft WPS Writer (.wps)
// documents into a layout.Document.
//
// No maintained pure-Go reader of the Word binary format recovers tables
// with merged cells, so the text is not read from the binary here: the
// file is converted to .docx by LibreOffice (soffice --headless
// --convert-to docx, a private profile per call, a timeout that kills the
// whole process group) and read with package docx, which keeps rowspans
// and colspans. The OLE compound-file container is inspected in Go first
// (github.com/richardlehane/mscfb) to tell a Word document from a
// spreadsheet, a presentation, an encrypted file or an unknown OLE file
// before any process is started.
//
// Kingsoft WPS Writer 2000 and later saves .wps files in the Word 97
// binary format (an OLE file with a WordDocument stream; LibreOffice's
// Word 97 filter lists the "wps" extension). WPS marks them with a
// KSOProductBuildVer custom property or a WpsCustomData stream, which Sniff
// uses to answer "wps". Older DOS-era WPS files, Microsoft Works .wps files
// and other non-Word data are refused with ErrUnsupported.
package doc
