package html

import (
	"fmt"
	"strings"

	"golang.org/x/net/html"
)

// maxDepth is the nesting depth beyond which the fallback rewrite drops
// start tags. x/net/html refuses documents nested deeper than 512 elements;
// the rewrite keeps well under that, allowing for implied elements.
const maxDepth = 256

// parse parses text as HTML. A document the parser rejects (x/net/html
// fails on nesting deeper than 512 elements) is rewritten with tags past
// maxDepth dropped and parsed again; flattened reports that rewrite.
func parse(text string) (root *html.Node, flattened bool, err error) {
	root, err = html.Parse(strings.NewReader(text))
	if err == nil {
		return root, false, nil
	}
	root, err2 := html.Parse(strings.NewReader(flatten(text, maxDepth)))
	if err2 != nil {
		return nil, false, fmt.Errorf("parse html: %w (after flattening: %v)", err, err2)
	}
	return root, true, nil
}

// voidElements never have content or an end tag.
var voidElements = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true,
	"img": true, "input": true, "link": true, "meta": true, "param": true,
	"source": true, "track": true, "wbr": true,
}

// autoClosed are elements that a start tag of the same kind closes.
var autoClosed = map[string]bool{
	"p": true, "li": true, "td": true, "th": true, "tr": true, "dt": true,
	"dd": true, "option": true,
}

// flatten re-serialises text token by token, dropping start tags that
// would open an element deeper than limit (their text is kept) and end
// tags that close nothing open. Depth is tracked with a simplified model of
// HTML nesting, so it over-counts rather than under-counts. It runs in time
// linear in len(text) times limit at worst.
func flatten(text string, limit int) string {
	z := html.NewTokenizer(strings.NewReader(text))
	var out strings.Builder
	out.Grow(len(text))
	var stack []string
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return out.String()
		}
		switch tt {
		case html.StartTagToken:
			name, _ := z.TagName()
			tag := string(name)
			if voidElements[tag] {
				break
			}
			if autoClosed[tag] && len(stack) > 0 && stack[len(stack)-1] == tag {
				stack = stack[:len(stack)-1]
			}
			if len(stack) >= limit {
				continue
			}
			stack = append(stack, tag)
		case html.EndTagToken:
			name, _ := z.TagName()
			i := lastIndex(stack, string(name))
			if i < 0 {
				continue
			}
			stack = stack[:i]
		}
		out.Write(z.Raw())
	}
}

func lastIndex(stack []string, s string) int {
	for i := len(stack) - 1; i >= 0; i-- {
		if stack[i] == s {
			return i
		}
	}
	return -1
}
