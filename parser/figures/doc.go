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
// unit. Each (key, scope) pair is reported once. Work is linear in the text
// size: every look-back is bounded and no backtracking regular expression
// runs over the whole text.
package figures
