package doc

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"unicode/utf16"

	"github.com/richardlehane/mscfb"

	"gongkai/internal/debuglog"
)

// oleSignature starts every OLE compound file.
var oleSignature = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// Caps on what Inspect reads of an OLE file.
const (
	maxOLEEntries = 4096     // directory entries walked
	maxSummary    = 64 << 10 // bytes of DocumentSummaryInformation searched
)

// Info describes an OLE compound file as far as Inspect can tell.
type Info struct {
	Kind      string   // "doc", "wps", "xls", "ppt" or "ole"
	Encrypted bool     // password-protected (Word FIB flag, or an encrypted OOXML package)
	Streams   []string // stream and storage names in directory order
}

// IsOLE reports whether data starts with the OLE compound file signature
// (D0 CF 11 E0 A1 B1 1A E1).
func IsOLE(data []byte) bool {
	return bytes.HasPrefix(data, oleSignature)
}

// Sniff returns the kind of an OLE file: "doc" (Word 97-2003), "wps" (a
// Word-format file written by Kingsoft WPS), "xls", "ppt", or "ole" for an
// OLE file of another or unreadable kind. It returns "" when data is not
// an OLE file.
func Sniff(data []byte) string {
	if !IsOLE(data) {
		return ""
	}
	info, err := Inspect(data)
	if err != nil {
		return "ole"
	}
	return info.Kind
}

// Inspect reads the OLE directory of data. It fails when data is not an
// OLE file or its directory cannot be read; it never panics.
func Inspect(data []byte) (info Info, err error) {
	defer func() {
		if r := recover(); r != nil { // the OLE decoder (mscfb) on hostile bytes
			info, err = Info{}, debuglog.Recovered("read OLE directory", "", r)
		}
	}()
	if !IsOLE(data) {
		return Info{}, errors.New("not an OLE compound file")
	}
	rd, err := mscfb.New(bytes.NewReader(data))
	if err != nil {
		return Info{}, fmt.Errorf("read OLE directory: %w", err)
	}
	info.Kind = "ole"
	var summary []byte
	var fib []byte
	for n := 0; n < maxOLEEntries; n++ {
		entry, err := rd.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return Info{}, fmt.Errorf("read OLE directory: %w", err)
		}
		info.Streams = append(info.Streams, entry.Name)
		switch entry.Name {
		case "WordDocument":
			fib = readUpTo(entry, 12)
		case "DocumentSummaryInformation": // mscfb drops the \x05 prefix
			summary = readUpTo(entry, maxSummary)
		}
	}
	info.classify(fib, summary)
	return info, nil
}

// readUpTo reads at most n bytes of r; a short or failed read yields what
// was read.
func readUpTo(r io.Reader, n int) []byte {
	b, _ := io.ReadAll(io.LimitReader(r, int64(n)))
	return b
}

// classify sets Kind and Encrypted from the stream names, the start of the
// WordDocument stream (its FIB) and the document summary properties.
func (info *Info) classify(fib, summary []byte) {
	has := map[string]bool{}
	for _, s := range info.Streams {
		has[s] = true
	}
	switch {
	case has["WordDocument"]:
		info.Kind = "doc"
		if has["WpsCustomData"] || containsAny(summary, "KSOProductBuildVer") {
			info.Kind = "wps"
		}
		// FibBase: wIdent 0xA5EC, then at offset 10 a flag word whose bit 8
		// is fEncrypted.
		if len(fib) >= 12 && fib[0] == 0xEC && fib[1] == 0xA5 && fib[11]&0x01 != 0 {
			info.Encrypted = true
		}
	case has["Workbook"] || has["Book"]:
		info.Kind = "xls"
	case has["PowerPoint Document"]:
		info.Kind = "ppt"
	}
	if has["EncryptedPackage"] || has["EncryptionInfo"] {
		info.Encrypted = true
	}
}

// containsAny reports whether b contains s as ANSI or as UTF-16LE text.
func containsAny(b []byte, s string) bool {
	if bytes.Contains(b, []byte(s)) {
		return true
	}
	u := utf16.Encode([]rune(s))
	wide := make([]byte, 0, 2*len(u))
	for _, c := range u {
		wide = append(wide, byte(c), byte(c>>8))
	}
	return bytes.Contains(b, wide)
}
