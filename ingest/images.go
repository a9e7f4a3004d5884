package ingest

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"gongkai/corpus"
	"gongkai/parser"
)

// webImages is the ImageLoader of a page fetched from the web. A picture
// is resolved against the page's URLs (as linked, and after redirects) and
// served from the images the crawler fetched with the page (fetched, by
// URL), else from the archive, which keeps every image fetched with a page
// as a source of its own (so `reparse` reads the same pictures). Inline
// data: URIs are served as such. Nothing is read from disk or the network.
func webImages(st *corpus.Store, fetched map[string][]byte, pageURLs ...string) parser.ImageLoader {
	return func(ctx context.Context, _ string, src string) ([]byte, error) {
		if strings.HasPrefix(src, "data:") {
			return parser.LocalImages(ctx, "", src)
		}
		var tried []string
		for _, p := range pageURLs {
			base, err := url.Parse(p)
			if p == "" || err != nil || base.Scheme == "" {
				continue
			}
			u, err := base.Parse(src)
			if err != nil {
				continue
			}
			u.Fragment = ""
			abs := u.String()
			if b, ok := fetched[abs]; ok {
				return b, nil
			}
			if st != nil {
				sha, err := st.URLBlob(ctx, abs)
				if err == nil {
					return st.Blob(sha)
				}
			}
			tried = append(tried, abs)
		}
		if len(tried) == 0 {
			return nil, fmt.Errorf("%w: %q has no URL to resolve against", parser.ErrNoImage, src)
		}
		return nil, fmt.Errorf("%w: %s was not fetched with the page", parser.ErrNoImage, strings.Join(tried, ", "))
	}
}

// imagesFor is the ImageLoader for a document of origin o: the archive's
// images for a page fetched from the web, the files beside it for a file
// imported from disk (none for a zip member).
func imagesFor(st *corpus.Store, o corpus.Origin, fetched map[string][]byte) parser.ImageLoader {
	switch o.Kind {
	case "url":
		return webImages(st, fetched, o.Path, o.HTTPHeaders["X-Final-Url"])
	case "file":
		return parser.LocalImages
	}
	return nil
}
