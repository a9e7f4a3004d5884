// Package sphinx is the distributed index.Backend: Sphinx 2.2.11 (what
// Debian ships) or Manticore Search, spoken to in SphinxQL over the MySQL
// protocol, with only the features both have (RT indexes, REPLACE/DELETE,
// MATCH with phrases and operators, attribute filters, GROUP BY, and
// distributed indexes with remote agents).
//
// A cluster is a list of searchd nodes, given as
// sphinx://host:9306[,host:9306…] (the SphinxQL listeners). Every node
// holds an RT index with its share of the reports: a report lives on node
// id mod n, where id is its 12-hex-digit report id read as a number. Every
// node also has a distributed index over its own RT index and, as
// persistent agents, those of the other nodes (reached through their API
// listener, the SphinxQL port + APIPortOffset); queries go to the
// distributed index of the first node that answers. Both exist in two
// generations (IndexRT, IndexDist + _a, _b); IndexState says which one
// searches read, and a rebuild fills the other one and then switches
// (Build, generation.go). Config writes the searchd configuration of a
// node.
//
// Text is never segmented by the engine. The fields are the tokens that
// the bleve backend indexes (the same index/zh analyzers), joined by
// spaces, so that both backends find the same reports:
//
//   - body: gse words at consecutive positions (phrases of words);
//   - body_sub: the dictionary sub-words bleve puts at their parent's
//     position (Sphinx cannot put two words at one position);
//   - body_bi: CJK bigrams at bleve's positions (exact phrases);
//   - title/title_sub, office/office_sub: the same for those fields;
//   - chars: each Han character of the body once (one-character queries);
//   - kw: keyword fields as tokens (_k<field><hash of the value>), the
//     prefixes of the division code (_r<digits>) and of the region names
//     (_n<field>x<prefix>), and _doc on every report.
//
// A token that the engine's charset_table would not keep whole (anything
// but a–z, 0–9 and the CJK ideograph blocks, or too long) is sent as "_"
// plus a hash of it, on both the indexing and the query side. Numeric
// fields are bigint attributes holding the value × 100 (figures have at
// most two decimals) with a sentinel for "missing"; keyword fields are
// also string attributes (facets by GROUP BY, sorting, stored values).
//
// Each node also holds one metadata row (id MetaID) recording the
// versions the index was built with: the gse segmentation (zh.Version),
// the document (index.Document's fingerprint) and this package's schema,
// and the node list.
// Open refuses an index built with other versions (ErrVersionMismatch).
//
// Searches are index/query Requests, the same the bleve backend runs,
// compiled straight into SphinxQL (query.go); the package imports no bleve
// code of its own (index/zh still builds its analyzers on bleve's analysis
// package). Renditions collapse as on bleve (renditions.go).
// Snippets are cut by index.Snippets from the report text that
// Options.Text supplies (the catalog), not by CALL SNIPPETS: Sphinx RT
// does not store field text, and the stored text here is segmented.
package sphinx
