package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"

	"gongkai/corpus"
	"gongkai/index"
	"gongkai/index/sphinx"
)

// The search backend is chosen once, by --index: "bleve" (the embedded
// default, in ARCHIVE/index) or sphinx://host:9306[,host:9306…] (a Sphinx
// 2.2 or Manticore cluster, index/sphinx).

// indexFlag registers --index (default $GONGKAI_INDEX, else bleve).
func indexFlag(fs *flag.FlagSet) *string {
	def := os.Getenv("GONGKAI_INDEX")
	if def == "" {
		def = "bleve"
	}
	return fs.String("index", def, "search backend: bleve (embedded, ARCHIVE/index) or sphinx://host:9306[,host:9306…] (default $GONGKAI_INDEX, else bleve)")
}

// isSphinx tells whether spec names a Sphinx/Manticore cluster; any other
// value than bleve is a usage error.
func isSphinx(spec string) (bool, error) {
	switch {
	case spec == "" || spec == "bleve":
		return false, nil
	case strings.HasPrefix(spec, "sphinx://"):
		_, err := sphinx.ParseURL(spec)
		return true, err
	}
	return false, fmt.Errorf("--index %q: want bleve or sphinx://host:9306[,host:9306…]", spec)
}

// openSphinx connects to the cluster of spec with snippets read from the
// archive's catalog st.
func openSphinx(ctx context.Context, spec string, st *corpus.Store) (*sphinx.Index, error) {
	x, err := sphinx.Open(ctx, spec, sphinx.Options{Text: sphinx.CatalogText(st)})
	if err != nil {
		return nil, fmt.Errorf("%w\n(searchd configuration: gongkai index --print-config --index %s)", err, spec)
	}
	return x, nil
}

// openSearchBackend opens the chosen backend for searching; done releases
// it (and the catalog a cluster reads snippets from).
func openSearchBackend(ctx context.Context, spec, archive string) (index.Backend, func(), error) {
	remote, err := isSphinx(spec)
	if err != nil {
		return nil, nil, err
	}
	if !remote {
		x, err := openIndex(archive)
		if err != nil {
			return nil, nil, err
		}
		return x, func() { x.Close() }, nil
	}
	st, err := corpus.Open(archive)
	if err != nil {
		return nil, nil, err
	}
	x, err := openSphinx(ctx, spec, st)
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	return x, func() { x.Close(); st.Close() }, nil
}
