package zh

import (
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
)

// render prints a token stream as "term@position[start:end]" words.
func render(ts analysis.TokenStream) string {
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = fmt.Sprintf("%s@%d[%d:%d]", t.Term, t.Position, t.Start, t.End)
	}
	return strings.Join(parts, " ")
}
