package pdf

import (
	"fmt"
	"unicode"
)

// textProblem says why a page's text layer is not usable, or "" if it is.
// A page is unusable when it draws images but no text (a scan), or when
// too many of its characters are replacement, private-use or control
// characters (fonts without a usable ToUnicode map).
//
// A page with neither text nor images is blank, which is not a problem of
// the text layer: see blankPage.
func textProblem(pc pageContent) string {
	total, bad := 0, 0
	for _, g := range pc.glyphs {
		for _, r := range g.text {
			if unicode.IsSpace(r) {
				continue
			}
			total++
			if r == '\uFFFD' || unicode.Is(unicode.Co, r) || unicode.IsControl(r) {
				bad++
			}
		}
	}
	switch {
	case total == 0 && pc.images > 0:
		return fmt.Sprintf("the page is an image (%d image(s), no text): needs OCR", pc.images)
	case bad*10 > total:
		return fmt.Sprintf("garbled text: %d of %d characters are undecodable (U+FFFD, private-use or control characters; a font without a ToUnicode map?)", bad, total)
	}
	return ""
}

// blankPage reports whether the page draws no text and no image.
func blankPage(pc pageContent) bool { return len(pc.glyphs) == 0 && pc.images == 0 }
