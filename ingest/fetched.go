package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"

	"gongkai/corpus"
	"gongkai/ingest/walk"
)

// Fetched is a document downloaded from the web (by package crawl), with
// where it came from.
type Fetched struct {
	// Origin is the provenance: Kind "url", Path the URL as linked, and the
	// crawl fields (Referrer, ListingTitle, ListingDate, HTTPStatus,
	// HTTPHeaders, FetchedAt). Member is set here for zip attachments.
	Origin corpus.Origin
	Data   []byte
	// Err is set when the download failed (too large, redirect loop, HTTP
	// 404 …): it is recorded as a failure at stage "fetch" with Reason.
	Err    error
	Reason string
	// Wrapper marks a report page that links its report as attachments.
	// When the page's own text is not a report (a parse failure as
	// not-a-report, or a report without any cell or figure: only a title
	// over an attachment link), the page is archived (document and source
	// rows) with neither report nor failure; Summary counts it as imported.
	Wrapper bool
	// Companion marks an image in the body of a report page, fetched with
	// it (Origin.Referrer names the page): it is archived as one of the
	// report's sources (document and source rows); when its parse finds no
	// report it leaves neither report nor failure.
	Companion bool
	// Images are the pictures of a report page's body fetched with it, by
	// URL (crawl.Document.Images): the page's parse reads a table pasted as
	// a picture from them, else from the archive.
	Images map[string][]byte
}

// ImportFetched imports downloaded documents as Import imports files: each
// is hashed, stored as a blob, parsed and committed in batches with its URL
// provenance; byte-identical documents are parsed once and only gain a
// source row. A zip attachment is unpacked (with walk's limits) and each
// member imported with Origin.Member set. It returns when docs is closed
// and everything received is committed, or on a catalog error (the caller
// then stops its producer and drains docs).
func ImportFetched(ctx context.Context, st *corpus.Store, docs <-chan Fetched, opt Options) (Summary, error) {
	opt.defaults()
	sum, err := pipeline(ctx, st, opt, 0, func(ctx context.Context, claims *claimSet, send func(result) bool) {
		for {
			var d Fetched
			var ok bool
			select {
			case d, ok = <-docs:
				if !ok {
					return
				}
			case <-ctx.Done():
				return
			}
			for _, r := range workFetched(ctx, st, d, opt, claims) {
				if !send(r) {
					return
				}
			}
		}
	})
	if err != nil && !errors.Is(err, context.Canceled) {
		return sum, fmt.Errorf("import fetched: %w", err)
	}
	return sum, err
}

// workFetched imports one downloaded document (several for a zip).
func workFetched(ctx context.Context, st *corpus.Store, d Fetched, opt Options, claims *claimSet) []result {
	if d.Origin.Kind == "" {
		d.Origin.Kind = "url"
	}
	if d.Err != nil {
		reason := d.Reason
		if reason == "" {
			reason = "fetch-error"
		}
		return []result{failed(corpus.Entry{Origin: d.Origin}, "fetch", reason, d.Err)}
	}
	if isZip(d.Data) {
		return unzipFetched(ctx, st, d, opt, claims)
	}
	return []result{importOne(ctx, st, d.Origin, d.Data, d.Wrapper, d.Companion, opt.RetryFailed, claims, d.Images)}
}

// importOne is work() for bytes in hand: the blob is stored after the
// parse, so a wrapper page kept without a report still has its blob.
func importOne(ctx context.Context, st *corpus.Store, o corpus.Origin, data []byte, wrapper, companion, retry bool, claims *claimSet, images map[string][]byte) result {
	sha := corpus.Hash(data)
	e := corpus.Entry{SHA256: sha, Size: int64(len(data)), Origin: o}
	known, err := st.Known(ctx, sha)
	if err != nil {
		return failed(corpus.Entry{Origin: o}, "read", "catalog", err)
	}
	if known == "report" || (known == "failure" && !retry) || !claims.claim(sha) {
		return duplicate(st, e, data, known)
	}
	// The blob first, as in work: the writer syncs the batch's blobs before
	// committing the rows that name them.
	if err := st.WriteBlob(sha, data); err != nil {
		return failed(corpus.Entry{Origin: o}, "read", "store", err)
	}
	r := parse(e, data, displayName(walk.Item{Path: o.Path, Member: o.Member}), known == "failure", imagesFor(st, o, images))
	if (wrapper && isWrapper(r)) || (companion && (r.entry.Failure != nil || isWrapper(r))) {
		r = result{entry: e} // archived as a document of its own, no report, no failure
	}
	return r
}

// isWrapper: the parse of a page that links attachments found no report
// of its own (not a report, or a title over no table, cell or figure).
func isWrapper(r result) bool {
	if r.entry.Failure != nil {
		return r.out.failed == "not-a-report" || r.out.failed == "empty"
	}
	rep := r.entry.Report
	return rep != nil && len(rep.Cells) == 0 && len(rep.Figures) == 0
}

// isZip: a zip archive that is not a Word document.
func isZip(data []byte) bool {
	return bytes.HasPrefix(data, []byte("PK\x03\x04")) && !bytes.Contains(data, []byte("word/document.xml"))
}

// unzipFetched imports the members of a zip attachment. The archive is
// written to a temporary file for walk, which applies its limits (bombs,
// traversal, nesting).
func unzipFetched(ctx context.Context, st *corpus.Store, d Fetched, opt Options, claims *claimSet) []result {
	tmp, err := os.CreateTemp("", "gongkai-fetched-*.zip")
	if err != nil {
		return []result{failed(corpus.Entry{Origin: d.Origin}, "read", "store", fmt.Errorf("unpack %s: %w", d.Origin.Path, err))}
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(d.Data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return []result{failed(corpus.Entry{Origin: d.Origin}, "read", "store", fmt.Errorf("unpack %s: %w", d.Origin.Path, err))}
	}
	var out []result
	err = walk.Walk(ctx, []string{tmp.Name()}, opt.Walk, func(it walk.Item) error {
		o := d.Origin
		o.Member = it.Member
		if it.Err != nil {
			out = append(out, failed(corpus.Entry{Origin: o}, "read", walk.Reason(it.Err), it.Err))
			return nil
		}
		data, err := it.Read()
		if err != nil {
			out = append(out, failed(corpus.Entry{Origin: o}, "read", walk.Reason(err), err))
			return nil
		}
		out = append(out, importOne(ctx, st, o, data, false, false, opt.RetryFailed, claims, nil))
		return nil
	})
	if err != nil && !errors.Is(err, context.Canceled) {
		out = append(out, failed(corpus.Entry{Origin: d.Origin}, "read", walk.Reason(err), fmt.Errorf("unpack %s: %w", d.Origin.Path, err)))
	}
	return out
}

// HasURL says whether the catalog holds anything fetched from url: a
// source row or a failure (crawl.Options.Imported).
func HasURL(ctx context.Context, st *corpus.Store, url string) (bool, error) {
	return st.HasURL(ctx, url)
}
