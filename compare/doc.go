// Package compare reads an archive's catalog to compare offices across
// years and with each other, rank them, show which years each office has a
// report for, and list the reports whose checks fail, with the cross-year
// checks C6 and C7 (reference §2.5) computed on demand.
//
// Counts and comparisons use one report per office and year: the primary
// rendition of each report (reports.primary_rendition = 1); when an office
// has several primary reports for one year (reports that differ), the one
// whose checks pass counts, else the newest parse, and the output says so.
//
// Offices are matched across years by identity (see Offices): the same
// canonical office_full, or the same region code and the same name once the
// parent divisions' names and the 人民政府/政府 variants are set aside, or an
// alias given by the user. Every match records how it was made.
//
// Metrics are value keys (apply.granted.total, apply.denied.total,
// review.total, suit.total, active.a20_1.normative.valid …) and the rates
// rate.granted, rate.partial, rate.denied, rate.unable (over
// apply.result_total.total) and rate.review_corrected (review.corrected over
// the decided reviews, review.total − review.pending). A report without the
// table value falls back to a figure its text states for the year, marked
// "from text".
//
// Values are read from the catalog's cells table (the derived rows added up
// here as the parser adds them), and the record's JSON only for the figures
// of reports whose tables lack a value: a ranking reads a few cells per
// report instead of parsing every record.
package compare
