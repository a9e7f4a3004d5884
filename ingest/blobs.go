package ingest

import (
	"fmt"

	"gongkai/corpus"
)

// Blobs and the catalog: workers write blobs with corpus.Store.WriteBlob
// (no fsync per file) and the writer makes a batch's blobs durable with one
// SyncBlobs before committing the rows that name them, so the catalog never
// names a blob that is not on disk, after a kill or a power failure alike.

// syncBatch makes the blobs of a batch durable before its commit.
func syncBatch(st *corpus.Store, batch []corpus.Entry) error {
	shas := make([]string, 0, len(batch))
	for i := range batch {
		if batch[i].SHA256 != "" {
			shas = append(shas, batch[i].SHA256)
		}
	}
	if err := st.SyncBlobs(shas); err != nil {
		return fmt.Errorf("commit %d entries: %w", len(batch), err)
	}
	return nil
}

// duplicate is the result for a document met again: known to the catalog,
// or claimed by another worker of this run. In the second case that worker
// may not have stored the blob yet while this entry's document row is
// committed first (in an earlier batch, or before a kill), so the blob is
// written here too: the catalog never names a missing blob.
func duplicate(st *corpus.Store, e corpus.Entry, data []byte, known string) result {
	if known == "" {
		if err := st.WriteBlob(e.SHA256, data); err != nil {
			e.SHA256 = "" // no document row without its blob
			return failed(e, "read", "store", err)
		}
	}
	return result{entry: e, out: outcome{duplicate: true}}
}
