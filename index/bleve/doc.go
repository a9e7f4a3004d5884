// Package bleveindex is the embedded default index.Backend: bleve (scorch)
// indexes stored in the archive's index/ directory, derived from the
// catalog and rebuilt from it whenever the stored versions differ from the
// code's (design.md decisions 5, 6, 8, 9).
//
// Body text is indexed twice: "body" with the Chinese word analyzer (stored,
// with term vectors: phrases, precision, snippets) and "body_bi" with the
// CJK bigram analyzer (not stored: recall for any substring of two or more
// characters). A query term is widened to both fields, the word field
// boosted; there is no fuzzy matching. Key figures of the tables are
// numeric fields named by their value keys with "." written as "_"
// (apply_denied_total), identifiers and places are keyword fields.
// FIELDS.md lists every field.
//
// With Options.ShardBy "year" the index is split into one bleve index per
// reporting year behind a bleve.IndexAlias; searches use BM25 with global
// statistics, so a sharded index ranks exactly like a single one.
package bleveindex
