package bleveindex

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
)

// mappedData is a segment whose file is memory-mapped (zap's Segment).
type mappedData interface{ Data() []byte }

// dropMapped takes the pages of shard s's segment files out of the
// process's resident memory. A lookup of an id or a rendition key touches
// pages of every segment (its _id and rendition dictionaries, the stored
// fields of what it finds), reading the vocabulary touches every body
// dictionary, and those pages stay resident until the segment is
// unmapped: with the archive, they grew a large import's peak. The files
// stay in the page cache, so a page touched again is mapped again without
// reading the disk. Closing and reopening the shards did the same, at the
// cost of reloading every segment; this is one madvise per segment and
// can be done after every batch.
func dropMapped(s bleve.Index) {
	r, err := shardReader(s)
	if err != nil {
		return
	}
	defer r.Close()
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return
	}
	for _, ss := range snap.Segments() {
		if m, ok := ss.Segment().(mappedData); ok {
			dropPages(m.Data())
		}
	}
}
