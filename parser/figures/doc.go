// Package figures recovers the figures a government information disclosure
// annual report states in its text: "主动公开政府信息425条", "共受理政府信息公开
// 申请749件", "未收到行政复议申请", and the rows of the flattened legacy
// statistics tables (2008–2018, "主动公开信息数条4251516").
//
// Figures use the report key space of design.md where the meaning matches
// (active.total, apply.new_received.total, review.total …), so that a 2016
// figure and a 2023 table value can be compared; rows of the legacy tables
// that have no modern equivalent get "legacy." keys (see LegacyKeys).
//
// Extraction is precise rather than greedy: a number becomes a figure only
// when a known trigger ("主动公开", "受理…申请", "行政复议" …) stands before it in
// the same clause, the words between them are known filler, and it carries a
// unit. A negation gives a zero only for the key whose own count it negates
// (未收到…申请 → apply.new_received.total 0), never when it names an outcome
// (未发生…被行政复议纠错或行政诉讼败诉情形 says nothing of the number of
// reviews), a complaint about the thing (依申请公开的投诉) or a cause
// (因依申请公开…). Text kept hard-wrapped from a printed page is unwrapped
// first (see unwrap.go). Each (key, scope) pair is reported once. Work is
// linear in the text size: every look-back is bounded and no backtracking
// regular expression runs over the whole text.
package figures
