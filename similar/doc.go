// Package similar finds copied text (内容雷同) between annual reports: passages
// of two or more sentences that a report shares with its own office's
// earlier reports, or with another office's report of the same year.
//
// How (the classic near-duplicate pipeline, written here because no
// maintained Go library does sentence-level MinHash with passage
// assembly — the MinHash/LSH parts are ~100 lines):
//
//  1. Each report's text is split into sentences and each sentence is
//     normalised (NFKC, punctuation and spaces dropped, digit runs → 0).
//  2. Each distinct normalised sentence gets a MinHash signature of its
//     character 3-grams (K = 64 values of 16 bits).
//  3. LSH banding (16 bands × 4 rows) puts sentences whose signatures agree
//     on a whole band in one bucket; only sentences that share a bucket are
//     compared, so the cost grows with the archive, not with its square.
//  4. Template text is learned, not listed: a bucket whose sentences come
//     from many distinct offices spread over several regions (by default
//     ≥ max(10, 1% of the offices) offices in ≥ 3 counties) is template
//     text — the statutory opening, headings, table labels — and its
//     sentences never count as copied. A template copied across one
//     county's townships stays within one region and still counts.
//  5. Sentence pairs whose estimated Jaccard similarity is ≥ 0.5 match;
//     matches between two reports (same office, earlier year; or another
//     office, same year) are chained into passages: consecutive sentences
//     of the copying report whose matches lie close together in the
//     source (reordered paragraphs are found paragraph by paragraph).
//
// The package reads documents through a Source (called twice: once to
// fingerprint, once to quote what was found) and holds only fixed-size
// fingerprints in between, never the archive's text.
package similar
