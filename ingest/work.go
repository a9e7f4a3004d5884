package ingest

import (
	"context"
	"fmt"

	"gongkai/corpus"
	"gongkai/ingest/walk"
	"gongkai/parser"
)

// work reads, hashes, stores and parses one file.
func work(ctx context.Context, st *corpus.Store, j job, retry bool, claims *claimSet) result {
	if j.again {
		return reparse(ctx, st, j.sha)
	}
	it := j.item
	origin := corpus.Origin{Kind: "file", Path: it.Path, Member: it.Member}
	if it.Member != "" {
		origin.Kind = "zip"
	}
	name := displayName(it)
	if it.Err != nil {
		return failed(corpus.Entry{Origin: origin}, "read", walk.Reason(it.Err), it.Err)
	}
	data, err := it.Read()
	if err != nil {
		return failed(corpus.Entry{Origin: origin}, "read", walk.Reason(err), err)
	}
	sha := corpus.Hash(data)
	e := corpus.Entry{SHA256: sha, Size: int64(len(data)), Origin: origin}
	known, err := st.Known(ctx, sha)
	if err != nil {
		return failed(corpus.Entry{Origin: origin}, "read", "catalog", err)
	}
	if known == "report" || (known == "failure" && !retry) || !claims.claim(sha) {
		// Byte-identical to a document already imported (or being imported
		// by another worker): record where this copy came from, parse nothing.
		return duplicate(st, e, data, known)
	}
	// Made durable by the writer before the commit (syncBatch).
	if err := st.WriteBlob(sha, data); err != nil {
		return failed(corpus.Entry{Origin: origin}, "read", "store", err)
	}
	return parse(e, data, name, known == "failure", imagesFor(st, origin, nil))
}

// reparse parses a stored document again from its blob.
func reparse(ctx context.Context, st *corpus.Store, sha string) result {
	origin, err := st.FirstOrigin(ctx, sha)
	if err != nil {
		return failed(corpus.Entry{SHA256: sha, Origin: corpus.Origin{Kind: "file", Path: sha}}, "read", "catalog", err)
	}
	e := corpus.Entry{SHA256: sha, Origin: origin}
	data, err := st.Blob(sha)
	if err != nil {
		return failed(e, "read", "missing-blob", err)
	}
	e.Size = int64(len(data))
	return parse(e, data, displayName(walk.Item{Path: origin.Path, Member: origin.Member}), true, imagesFor(st, origin, nil))
}

// parse parses one document; images loads the pictures of an HTML page
// (nil: none are read).
func parse(e corpus.Entry, data []byte, name string, again bool, images parser.ImageLoader) result {
	// Not the import's context: a parse cancelled halfway would be recorded
	// as this file's failure, and a re-run skips recorded failures. A
	// LibreOffice conversion ends by its own timeout instead.
	rep, err := parser.ParseWith(context.Background(), data, name, parser.Options{Images: images})
	if err != nil {
		r := failed(e, "parse", parser.Reason(err), err)
		r.out.reparsed = again
		return r
	}
	rep.Source.Path = name
	parser.UseListingDate(rep, e.Origin.ListingDate)
	e.Report, e.Format, e.Encoding = rep, rep.Source.Format, rep.Source.Encoding
	return result{entry: e, out: outcome{reparsed: again, failedChecks: rep.Failed()}}
}

func failed(e corpus.Entry, stage, reason string, err error) result {
	e.Failure = &corpus.Failure{SHA256: e.SHA256, Path: e.Origin.Path, Member: e.Origin.Member, Stage: stage, Reason: reason,
		Error: err.Error(), ParserVersion: parser.Version}
	return result{entry: e, out: outcome{failed: reason}}
}

// displayName names a file in messages: the path, and the member inside
// its archive.
func displayName(it walk.Item) string {
	if it.Member == "" {
		return it.Path
	}
	return fmt.Sprintf("%s!/%s", it.Path, it.Member)
}
