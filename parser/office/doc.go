// Package office recognises the organ that published a 政府信息公开工作年度报告:
// its name as the title gives it, a stable region-qualified name, its place
// in the administrative hierarchy (via package division), its level of
// government and its kind.
//
// Sources, strongest first: the title; the letterhead and intro lines
// (Head); the signature block (Tail); the page metadata (发布机构, SiteName);
// the body text, only to choose among same-named divisions. SiteIDCode and
// the 统一社会信用代码 in 索引号 are weak signals: they break ties and fill
// the region when nothing else names it.
//
// Decisions worth knowing:
//   - A title that names a bare division ("2022年上海市政府信息公开…",
//     "2022年度螅镇…", "平潭综合实验区2016年度…") names its government: the
//     Office is completed with 人民政府 (街道: 办事处; zones: 管委会).
//   - Common abbreviations of departments are expanded (上海市科委 →
//     上海市科学技术委员会), so Office is the organ's full name.
//   - OfficeFull is the name of the parent division of the organ's own
//     division followed by the own division and the organ word
//     (晋江市青阳街道办事处, 淮安市洪泽区人民政府, 江苏省淮安市人民政府,
//     上海市科学技术委员会): the same whatever the title omits or adds.
//   - Zones that are not formal divisions come from a small alias table
//     (zones.go). 平潭综合实验区 maps to 平潭县 (350128); its 管委会 is a
//     zone at city level (it is administered by the province), while its
//     departments are at the level of the division it maps to (county).
//     Statistical zones in the division table (兰州新区 620171, 晋江市经济
//     开发区) take the level of the division that encloses them.
package office
