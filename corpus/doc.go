// Package corpus is the archive: the report record (the JSON contract,
// report.go, keys.go), the blobs, and the SQLite catalog derived from
// them. It is the only package that knows the catalog's schema or writes
// SQL.
//
// The contract:
//
//   - Writes: Commit (commit.go) writes a batch of reports or failures and
//     their sources in one transaction, after their blobs; PutBlob and
//     WriteBlob store files. Migrations (schema.go) are append-only.
//   - Reads: typed queries only (catalog.go, query.go, export_query.go):
//     Report, Reports, CellValues, FiguresOf, FailedChecks, EachReport,
//     Since/End (what was committed after a mark), Stats, Summarise,
//     Failures, Sources, HasURL, Export. No *sql.DB leaves the package;
//     tests that must look at the file itself use corpustest.
//   - One filter: Filter selects reports the same way for every caller —
//     search (index.RequestFor), compare, rank, coverage, check, export and
//     the server's query parameters. Store.Resolve turns its office name
//     into the identity keys of one office.
//   - Office identity (office.go): the offices of the primary reports,
//     matched across renamings, title variants and region prefixes
//     (Offices), cached per catalog Generation; OfficeKey is a report's
//     key, which the search index stores too.
//   - Export (export_columns.go: the columns; export_query.go: reading the
//     catalog; export_write.go: CSV and JSONL writers) streams values or
//     one row per report in the documented columns (EXPORT.md).
package corpus
