// Package walk enumerates the files of a batch import: plain files,
// directories (recursively) and .zip archives (nested), safely.
//
// It feeds `gongkai import PATH...`. Archivists import historical
// collections: tens of thousands of files, zips made on Chinese Windows
// machines with GBK member names, and sometimes hostile archives. Walk turns
// every path into a stream of [Item]s; an entry that cannot be walked is an
// Item with Err set (the importer records it with [Reason] and goes on), so a
// single bad file never stops an import.
//
// # Order
//
// Paths are visited in the order given; the contents of a directory in
// byte-sorted name order; the members of an archive in byte-sorted order of
// their decoded names. The same input always yields the same sequence.
//
// # Directories
//
// Hidden entries (names starting with "."), and OS junk (Thumbs.db,
// desktop.ini, ehthumbs.db, __MACOSX, .DS_Store) are skipped inside
// directories and archives; a path named explicitly is always walked.
// Symbolic links to files are read; symbolic links to directories are not
// followed below a given path (no loops), but a path given explicitly is
// resolved. A dangling link, an unreadable directory or a non-regular file
// (FIFO, device, socket; never opened, so nothing blocks) is an Item with Err.
//
// # Archives
//
// A file is an archive when its content starts with a zip signature
// (PK\x03\x04 or PK\x05\x06), whatever its extension, and it is not a
// zip-based document: an archive holding [Content_Types].xml (OOXML .docx,
// .xlsx, .pptx, XPS), word/document.xml, xl/workbook.xml,
// ppt/presentation.xml, mimetype (OpenDocument, EPUB) or OFD.xml (Chinese
// OFD) is an Item of its own and is not descended into. An empty archive
// yields no Items.
//
// Member names are decoded to UTF-8: the Info-ZIP Unicode Path extra field
// wins when its checksum matches; a name flagged UTF-8 (bit 11) is UTF-8; an
// unflagged name that is not valid UTF-8 is GB18030 (a superset of GBK). An
// unflagged name that is valid UTF-8 is kept as UTF-8 (macOS Archive Utility
// writes such names) unless it decodes to runes no Chinese collection
// plausibly holds (U+0080–U+07FF, private use) while its GB18030 reading is
// clean, in which case it is taken as GBK. Backslashes are path separators.
// Nested members are joined with "!/": "年报/2019.zip!/青阳/report.html".
//
// Hostile archives are refused member by member with an Item whose Err wraps
// one of the sentinel errors: names that escape (".." components, absolute
// paths, drive letters, NUL bytes; any ".." is refused, even one that
// stays inside) wrap [ErrTraversal]; encrypted members
// [ErrEncrypted]; compression other than store and deflate [ErrUnsupported];
// members declaring more than Options.MaxFileSize [ErrTooLarge]; members over
// 1 MiB whose declared compression ratio exceeds Options.MaxZipRatio
// [ErrZipBomb]; archives nested deeper than Options.MaxZipDepth
// [ErrTooDeep]. Declared sizes are never trusted alone: every read goes
// through a limit, and archive/zip refuses to produce more bytes than a
// member declares, which surfaces as [ErrZipBomb] ("expands beyond its
// declared size").
// Each outermost archive has budgets shared by all nesting levels:
// Options.MaxZipMembers members and Options.MaxZipTotal declared uncompressed
// bytes (every member counted, refused ones included, since that is what the
// archive claims to expand to). The member that crosses a budget gets an Item
// wrapping [ErrZipBomb] and the rest of that archive is skipped.
//
// # Memory
//
// Nothing is read before Item.Read is called, except a 4-byte signature
// sniff per file and member, the central directory of each archive, and the
// bytes of nested archives. A member of an archive on disk is decompressed
// from the file when Read is called; the file is kept open while the archive
// is walked and reopened for a Read that comes later (Items may be handed to
// worker goroutines; Read is safe for concurrent use). A nested archive is
// read into memory (bounded by MaxFileSize and the archive's remaining
// MaxZipTotal) and its members are walked from those bytes; Walk drops its
// reference when it has walked them, but the Read funcs of that archive's
// Items keep the bytes alive until the Items themselves are dropped, so a
// consumer holding k such Items holds at most k nested archives.
package walk
