package html

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// pruneStyles returns text without the style attributes that extraction
// cannot act on, and without the attributes that nothing reads (unread),
// so that x/net/html does not tokenize, unescape, copy and store them: in
// a Word-exported page style values are about two thirds of the bytes, and
// the tokenizer copies each attribute value twice and its key twice more. Extraction reads a style only to ask whether it hides the
// element (hidden: mayHide, then display:none …) or gives a table row no
// height (height:0); a value for which both answers are no (inertStyle)
// answers as no style at all does, so the tree Extract walks is the same
// apart from such styles.
//
// The attribute is cut out whole (style="…" and all) when it is a tag's only
// style attribute and white space stands before it; otherwise only its
// value is emptied (style="…" becomes style=""). Either way the
// tokenizer reads the rest of the tag as before: it stands, after the cut,
// where it stood after the white space, and a self-closing "/>" is still
// told from an unquoted value that ends in '/'. A tag's second style
// attribute, which the tokenizer drops, must not come forward. Unread
// attributes are cut out whole under the same condition, and left alone
// otherwise. The attributes of formatting elements (<b>, <font> …) are
// kept: see formatting.
//
// This is hand-written because no library offers it: it follows
// x/net/html's tokenizer (token.go: Next, readTag, readTagAttrKey,
// readTagAttrVal, readRawOrRCDATA, readComment, readMarkupDeclaration)
// byte for byte, so that what it takes for a start tag's attribute value
// is exactly what the tokenizer will take for one. Where following it
// would need more than that — script data with "<!--" in it (escaped
// script), foreign content (<svg>, <math>: CDATA and the parser turning
// raw text off), <plaintext> — it stops rewriting and copies the rest
// unchanged, which is always safe. Unquoted values are never rewritten
// (the tokenizer's self-closing test looks at an unquoted value's end).
// Tree (cell paths, source views) parses the page as it is.
func pruneStyles(text string) string {
	var out strings.Builder
	copied := 0 // text[:copied] is in out
	var attrs []attrSpan
	s := text
	n := len(s)
	i := 0
	for i < n {
		j := strings.IndexByte(s[i:], '<')
		if j < 0 || i+j+1 >= n {
			break
		}
		i += j + 1
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
			// Start tag: "<" and a letter.
			nameStart := i
			i++
			i = tagNameEnd(s, i)
			name := s[nameStart:i]
			attrs = attrs[:0]
			styles := 0
			end, ok := scanAttrs(s, i, func(a attrSpan) {
				if k := s[a.ks:a.ke]; equalASCIIFold(k, "style") {
					attrs = append(attrs, a)
					styles++
				} else if unread(k) {
					a.unread = true
					attrs = append(attrs, a)
				}
			})
			if ok && len(attrs) > 0 && !formatting(name) {
				for _, a := range attrs {
					if a.unread {
						// Cut whole, as a lone style is (below); an
						// unquoted value must not end in '/', which
						// makes "…/>" self-closing.
						if !isTagSpace(s[a.ks-1]) || !a.quoted && (a.ve == a.vs || s[a.ve-1] == '/') {
							continue
						}
						if out.Len() == 0 {
							out.Grow(n / 2)
						}
						out.WriteString(s[copied:a.ks])
						copied = a.ve
						if a.quoted {
							copied++ // past the closing quote
						}
						continue
					}
					if !a.quoted || a.ve == a.vs || !inertStyle(s[a.vs:a.ve]) {
						continue
					}
					if out.Len() == 0 {
						out.Grow(n / 2)
					}
					if styles == 1 && isTagSpace(s[a.ks-1]) {
						out.WriteString(s[copied:a.ks])
						copied = a.ve + 1 // past the closing quote
					} else {
						out.WriteString(s[copied:a.vs])
						copied = a.ve
					}
				}
			}
			if !ok {
				return finish(&out, s, copied)
			}
			i = end
			switch lowerASCII(name) {
			case "svg", "math", "plaintext":
				return finish(&out, s, copied)
			case "script":
				k, ok := rawEnd(s, i, "script")
				if !ok || strings.Contains(s[i:k], "<!--") {
					return finish(&out, s, copied)
				}
				i = k
			case "iframe", "noembed", "noframes", "noscript", "style", "textarea", "title", "xmp":
				k, ok := rawEnd(s, i, lowerASCII(name))
				if !ok {
					return finish(&out, s, copied)
				}
				i = k
			}
		case c == '/':
			// End tag, "</>" or a bogus comment.
			if i+1 >= n {
				return finish(&out, s, copied)
			}
			d := s[i+1]
			switch {
			case d == '>':
				i += 2
			case 'a' <= d && d <= 'z' || 'A' <= d && d <= 'Z':
				i = tagNameEnd(s, i+2)
				end, ok := scanAttrs(s, i, nil)
				if !ok {
					return finish(&out, s, copied)
				}
				i = end
			default:
				k := strings.IndexByte(s[i+1:], '>')
				if k < 0 {
					return finish(&out, s, copied)
				}
				i += 1 + k + 1
			}
		case c == '!':
			if strings.HasPrefix(s[i+1:], "--") {
				k, ok := commentEnd(s, i+3)
				if !ok {
					return finish(&out, s, copied)
				}
				i = k
				break
			}
			// A doctype or a bogus comment: up to the next '>'. (CDATA is
			// only read in foreign content, where this has stopped.)
			k := strings.IndexByte(s[i+1:], '>')
			if k < 0 {
				return finish(&out, s, copied)
			}
			i += 1 + k + 1
		case c == '?':
			k := strings.IndexByte(s[i:], '>')
			if k < 0 {
				return finish(&out, s, copied)
			}
			i += k + 1
		}
		// Anything else after '<' is text; the scan goes on from c.
	}
	return finish(&out, s, copied)
}

// unread reports whether an attribute key (as it stands in the page) is
// one that neither extraction nor x/net/html's tree builder ever reads, and
// that Word pages carry on nearly every element: lang, align, valign and
// width, about 1.5 million attributes and 14 MB of the real-size set's
// 1,400 pages after pruneStyles' style cuts, each of which the tokenizer
// copies several times and stores. pruneStyles cuts them out of elements
// other than formatting ones. TestUnreadAttributesUnread checks that the
// package reads none of them.
func unread(key string) bool {
	switch len(key) {
	case 4:
		return equalASCIIFold(key, "lang")
	case 5:
		return equalASCIIFold(key, "align") || equalASCIIFold(key, "width")
	case 6:
		return equalASCIIFold(key, "valign")
	}
	return false
}

// formatting reports whether a tag named name is a formatting element,
// whose attributes the parser compares (HTML's "Noah's Ark" clause keeps
// at most three identical ones open): made identical by a pruned style,
// one of them would not be reopened and the tree would change. Their
// styles are left alone.
func formatting(name string) bool {
	switch lowerASCII(name) {
	case "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u":
		return true
	}
	return false
}

// finish returns text with the rewrites made so far.
func finish(out *strings.Builder, s string, copied int) string {
	if copied == 0 {
		return s
	}
	out.WriteString(s[copied:])
	return out.String()
}

// isTagSpace is the tokenizer's white space.
func isTagSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f'
}

// tagNameEnd is readTagName: the name runs to white space, '/' or '>'.
func tagNameEnd(s string, i int) int {
	for i < len(s) {
		c := s[i]
		if isTagSpace(c) || c == '/' || c == '>' {
			return i
		}
		i++
	}
	return i
}

// skipSpace is skipWhiteSpace.
func skipSpace(s string, i int) int {
	for i < len(s) && isTagSpace(s[i]) {
		i++
	}
	return i
}

// attrSpan is where an attribute stands in the text: its key s[ks:ke] and
// its value s[vs:ve], between quotes when quoted.
type attrSpan struct {
	ks, ke, vs, ve int
	quoted         bool
	unread         bool // set by pruneStyles: an unread attribute (unread)
}

// scanAttrs is readTag after the name: it reads attributes from i up to
// and past the closing '>', calling attr (when not nil) with each. ok is
// false at the end of the text before the '>' (the tokenizer's error
// there is left to the tokenizer).
func scanAttrs(s string, i int, attr func(attrSpan)) (end int, ok bool) {
	n := len(s)
	i = skipSpace(s, i)
	for {
		if i >= n {
			return i, false
		}
		if s[i] == '>' {
			return i + 1, true
		}
		// readTagAttrKey
		ks := i
		for i < n {
			c := s[i]
			if c == '=' && i == ks {
				i++
				continue
			}
			if c == '=' || isTagSpace(c) || c == '/' || c == '>' {
				break
			}
			i++
		}
		if i >= n {
			return i, false
		}
		a := attrSpan{ks: ks, ke: i}
		// readTagAttrVal
		i = skipSpace(s, i)
		if i >= n {
			return i, false
		}
		a.vs, a.ve = i, i
		switch c := s[i]; {
		case c == '/':
			i++
		case c != '=':
		default:
			i = skipSpace(s, i+1)
			if i >= n {
				return i, false
			}
			switch q := s[i]; q {
			case '>':
			case '\'', '"':
				k := strings.IndexByte(s[i+1:], q)
				if k < 0 {
					return i, false
				}
				a.vs, a.ve, a.quoted = i+1, i+1+k, true
				i += 1 + k + 1
			default:
				a.vs = i
				for i < n && !isTagSpace(s[i]) && s[i] != '>' {
					i++
				}
				if i >= n {
					return i, false
				}
				a.ve = i
			}
		}
		if attr != nil {
			attr(a)
		}
		i = skipSpace(s, i)
	}
}

// rawEnd is readRawOrRCDATA (for script, readScript without its escapes,
// which the caller rules out): the raw text from i ends at the next
// "</"+tag (any case) followed by white space, '/' or '>', returned as the
// index of that '<'.
func rawEnd(s string, i int, tag string) (int, bool) {
	for {
		k := strings.Index(s[i:], "</")
		if k < 0 {
			return 0, false
		}
		at := i + k
		e := at + 2 + len(tag)
		if e < len(s) && equalASCIIFold(s[at+2:e], tag) {
			if c := s[e]; isTagSpace(c) || c == '/' || c == '>' {
				return at, true
			}
		}
		i = at + 2
	}
}

// commentEnd is readComment: the comment whose "<!--" ends before i ends
// after "-->" (two dashes or more), "--!>", or at once on "<!-->" and
// "<!--->".
func commentEnd(s string, i int) (int, bool) {
	dash := 0
	beginning := true
	for i < len(s) {
		c := s[i]
		i++
		switch c {
		case '-':
			dash++
			continue
		case '>':
			if dash >= 2 || beginning {
				return i, true
			}
		case '!':
			if dash >= 2 {
				if i >= len(s) {
					return 0, false
				}
				c = s[i]
				i++
				if c == '>' {
					return i, true
				}
				if c == '-' {
					dash = 1
					beginning = false
					continue
				}
			}
		}
		dash = 0
		beginning = false
	}
	return 0, false
}

// equalASCIIFold reports whether s is lower, ASCII letters of s in either
// case (the tokenizer lowers only ASCII; strings.EqualFold would also take
// "ſtyle").
func equalASCIIFold(s, lower string) bool {
	if len(s) != len(lower) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

// lowerASCII lowers ASCII letters as the tokenizer does for raw tag names.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' {
			return strings.ToLower(s)
		}
	}
	return s
}

// inertStyle reports whether a style value, as it stands in the page,
// makes neither extraction test true: it is the tokenizer's value
// unchanged (no '&' to unescape, no '\r' to convert, no NUL to replace),
// mayHide finds nothing, and lower-cased with white space and invisible
// characters removed (as table.go reads a row's style) it holds no
// "height:0".
func inertStyle(v string) bool {
	if strings.IndexByte(v, '&') >= 0 || strings.IndexByte(v, '\r') >= 0 || strings.IndexByte(v, 0) >= 0 {
		return false
	}
	if mayHide(v) {
		return false
	}
	// "height:0" needs an ASCII '0' and before it, once white space and
	// invisible characters are removed and the rest lowered, "height:".
	// Walking back from each '0' over ASCII only decides it; a non-ASCII
	// byte on the way (an invisible or wide space, a character that
	// lowers into ASCII) leaves it to height0.
	const want = ":thgieh" // "height:" backwards
	for i := 0; ; {
		k := strings.IndexByte(v[i:], '0')
		if k < 0 {
			return true
		}
		j := i + k
		i = j + 1
		m := 0
		for m < len(want) {
			j--
			for j >= 0 && v[j] < utf8.RuneSelf && isSpace(rune(v[j])) {
				j--
			}
			if j < 0 {
				break
			}
			c := v[j]
			if c >= utf8.RuneSelf {
				return !height0(v)
			}
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != want[m] {
				break
			}
			m++
		}
		if m == len(want) {
			return false
		}
	}
}

// height0 reports whether strings.ToLower(squeeze(v)) contains
// "height:0", or v has a character that lowers into ASCII (the Kelvin
// sign), which is not worth following. v has no NUL.
func height0(v string) bool {
	// The last 8 bytes of the squeezed, lowered value.
	var window uint64
	const pattern = uint64('h')<<56 | uint64('e')<<48 | uint64('i')<<40 | uint64('g')<<32 |
		uint64('h')<<24 | uint64('t')<<16 | uint64(':')<<8 | uint64('0')
	for i := 0; i < len(v); {
		c := v[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case isSpace(rune(c)):
				continue
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			}
			window = window<<8 | uint64(c)
			if window == pattern {
				return true
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(v[i:])
		i += size
		if isSpace(r) || isInvisible(r) {
			continue
		}
		if unicode.ToLower(r) < utf8.RuneSelf {
			return true
		}
		window = window<<8 | 0xFF
	}
	return false
}
