package walk

import (
	"archive/zip"
	"cmp"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// junkNames are OS by-products skipped in directories and archives
// (compared case-insensitively; Windows names are case-insensitive).
var junkNames = map[string]bool{
	"thumbs.db":   true,
	"ehthumbs.db": true,
	"desktop.ini": true,
	"__macosx":    true,
	".ds_store":   true,
}

// isJunk reports whether a single path element is hidden or OS junk.
func isJunk(name string) bool {
	return strings.HasPrefix(name, ".") || junkNames[strings.ToLower(name)]
}

// flagUTF8 is general purpose bit 11 (language encoding flag, EFS).
const flagUTF8 = 0x800

// flagEncrypted is general purpose bit 0.
const flagEncrypted = 0x1

// extraUnicodePath is the Info-ZIP Unicode Path extra field.
const extraUnicodePath = 0x7075

// decodeName returns a member's name as UTF-8 (see the package doc).
func decodeName(f *zip.File) string {
	raw := f.Name
	if u, ok := unicodePath(f.Extra, raw); ok {
		return u
	}
	if utf8.ValidString(raw) && (f.Flags&flagUTF8 != 0 || !looksGBK(raw)) {
		return raw
	}
	return gb18030(raw)
}

// unicodePath reads the Info-ZIP Unicode Path extra field (0x7075:
// version 1, CRC-32 of the header name, UTF-8 name), used only when its
// CRC matches the header name so a stale field is ignored.
func unicodePath(extra []byte, raw string) (string, bool) {
	for len(extra) >= 4 {
		tag := binary.LittleEndian.Uint16(extra)
		size := int(binary.LittleEndian.Uint16(extra[2:]))
		extra = extra[4:]
		if size > len(extra) {
			return "", false
		}
		body := extra[:size]
		extra = extra[size:]
		if tag != extraUnicodePath || len(body) < 6 || body[0] != 1 {
			continue
		}
		if binary.LittleEndian.Uint32(body[1:]) != crc32.ChecksumIEEE([]byte(raw)) {
			continue
		}
		if name := string(body[5:]); utf8.ValidString(name) && name != "" {
			return name, true
		}
	}
	return "", false
}

// looksGBK reports whether an unflagged name that is valid UTF-8 reads
// better as GBK: its UTF-8 reading holds runes a Chinese collection does
// not plausibly hold (U+0080–U+07FF: Latin supplements, Greek, Cyrillic,
// Arabic…; private use) while its GB18030 reading is clean.
func looksGBK(raw string) bool {
	odd := false
	for _, r := range raw {
		if (r >= 0x80 && r < 0x800) || (r >= 0xE000 && r <= 0xF8FF) {
			odd = true
			break
		}
	}
	return odd && !strings.ContainsRune(gb18030(raw), utf8.RuneError)
}

// gb18030 decodes bytes as GB18030; invalid sequences become U+FFFD, so
// the result is always valid UTF-8.
func gb18030(raw string) string {
	s, err := simplifiedchinese.GB18030.NewDecoder().String(raw)
	if err != nil || !utf8.ValidString(s) {
		return strings.ToValidUTF8(raw, "\uFFFD")
	}
	return s
}

// cleanName validates a decoded member name and returns it with "/"
// separators and without empty or "." elements; dir reports a directory
// entry. A name that escapes the archive is an error wrapping ErrTraversal.
func cleanName(name string) (clean string, dir bool, err error) {
	if strings.ContainsRune(name, 0) {
		return "", false, fmt.Errorf("member %q: NUL in name: %w", name, ErrTraversal)
	}
	s := strings.ReplaceAll(name, `\`, "/")
	if strings.HasPrefix(s, "/") {
		return "", false, fmt.Errorf("member %q: absolute path: %w", name, ErrTraversal)
	}
	if len(s) >= 2 && s[1] == ':' && isLetter(s[0]) {
		return "", false, fmt.Errorf("member %q: drive letter: %w", name, ErrTraversal)
	}
	parts := strings.Split(s, "/")
	kept := parts[:0]
	for _, p := range parts {
		switch p {
		case "..":
			return "", false, fmt.Errorf("member %q: \"..\" element: %w", name, ErrTraversal)
		case "", ".":
			continue
		}
		kept = append(kept, p)
	}
	return strings.Join(kept, "/"), strings.HasSuffix(s, "/"), nil
}

func isLetter(c byte) bool {
	return ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')
}

// junkPath reports whether any element of a clean member path is hidden or
// OS junk.
func junkPath(clean string) bool {
	for p := range strings.SplitSeq(clean, "/") {
		if isJunk(p) {
			return true
		}
	}
	return false
}

// memberEntry is a zip member with its decoded, validated name.
type memberEntry struct {
	f    *zip.File
	name string // clean UTF-8 name; the raw decoded name when err is set
	err  error  // ErrTraversal
}

// members returns the members to walk in sorted order: directories, hidden
// and junk members dropped, refused names kept with err set.
func members(zr *zip.Reader) []memberEntry {
	out := make([]memberEntry, 0, len(zr.File))
	for _, f := range zr.File {
		decoded := decodeName(f)
		clean, dir, err := cleanName(decoded)
		switch {
		case err != nil:
			out = append(out, memberEntry{f: f, name: strings.ToValidUTF8(decoded, "\uFFFD"), err: err})
		case dir || clean == "" || f.Mode().IsDir() || junkPath(clean):
			continue
		default:
			out = append(out, memberEntry{f: f, name: clean})
		}
	}
	sortMembers(out)
	return out
}

// sortMembers orders members by name, stably (duplicate names keep their
// central directory order).
func sortMembers(ms []memberEntry) {
	slices.SortStableFunc(ms, func(a, b memberEntry) int { return cmp.Compare(a.name, b.name) })
}
