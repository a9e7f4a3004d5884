package corpus

import (
	"fmt"
	"time"
)

// CheckTimely is the id of the check "published on time".
const CheckTimely = "C9"

// Deadline is the last day a report for year may be published, under the
// regulation in force when it was due (reference ogi-format.md §1):
//
//   - 2007 regulation (国务院令第492号, in force 2008-05-01 until
//     2019-05-14), art. 31: every organ by 3月31日 of the next year — the
//     reports for 2008 … 2018;
//   - 2019 regulation (国务院令第711号, in force 2019-05-15), art. 49:
//     departments of governments at county level and above (县级以上人民政府部门)
//     by 1月31日; county-level-and-above local governments (their report,
//     published by their 主管部门, often their general office) by 3月31日.
//     The article names no deadline for township governments, subdistrict
//     offices, zones and other organs: the later one, 3月31日, is applied
//     to them (so a report is never called late on a guess).
//
// ok is false when no regulation applied (years before 2008, or unknown).
func Deadline(year int, level, kind string) (day time.Time, rule string, ok bool) {
	if year < 2008 {
		return time.Time{}, "", false
	}
	mar31 := time.Date(year+1, 3, 31, 0, 0, 0, 0, time.UTC)
	jan31 := time.Date(year+1, 1, 31, 0, 0, 0, 0, time.UTC)
	if year <= 2018 {
		return mar31, "2007 regulation art. 31: every organ by 3月31日", true
	}
	switch {
	case kind == "department" && level != "township":
		return jan31, "2019 regulation art. 49: 县级以上人民政府部门 by 1月31日", true
	case (kind == "government" || kind == "general_office") && level != "township" && level != "unknown":
		return mar31, "2019 regulation art. 49: 县级以上地方人民政府 by 3月31日", true
	}
	return mar31, "2019 regulation art. 49 names no deadline for this organ (" + level + " " + kind + "); the later one, 3月31日, is applied", true
}

// Timeliness computes C9 "published on time" for a report: its publication
// date is the report's own (published, unless that is only its signature
// date), else the crawl's listing date, else unknown — and then the check
// is not assessable, unless the date the report bears at its end (signed)
// is already past the deadline (it cannot have been published before it
// was signed).
func Timeliness(r *Report, listingDate string) Check {
	c := Check{ID: CheckTimely, Status: CheckNotAssessable, Cells: []string{}}
	if r.Year == 0 {
		c.Detail = "reporting year unknown"
		return c
	}
	due, rule, ok := Deadline(r.Year, r.Level, r.Kind)
	if !ok {
		c.Detail = fmt.Sprintf("no reporting deadline in force for %d (the regulation applies from 2008)", r.Year)
		return c
	}
	date, from := r.Published, "the report"
	signed := r.Signed
	switch r.PublishedFrom {
	case PublishedFromListing:
		from = "the crawl's listing"
	case PublishedFromSigned:
		// The signature date stands in for an unknown publication date: it
		// can show a report late, never on time.
		if signed == "" {
			signed = r.Published
		}
		date = ""
	}
	if _, err := time.Parse(time.DateOnly, date); err != nil {
		date, from = listingDate, "the crawl's listing"
	}
	pub, err := time.Parse(time.DateOnly, date)
	if err != nil {
		if sd, err := time.Parse(time.DateOnly, signed); err == nil && sd.After(due) {
			c.Status = CheckFail
			c.Detail = fmt.Sprintf("publication date unknown, but the report is signed %s, %d days after the deadline %s (%s)",
				signed, days(sd.Sub(due)), due.Format(time.DateOnly), rule)
			return c
		}
		c.Detail = fmt.Sprintf("publication date unknown (deadline %s, %s)", due.Format(time.DateOnly), rule)
		return c
	}
	if pub.After(due) {
		c.Status = CheckFail
		c.Detail = fmt.Sprintf("published %s (from %s), %d days after the deadline %s (%s)", date, from, days(pub.Sub(due)), due.Format(time.DateOnly), rule)
		return c
	}
	c.Status = CheckPass
	c.Detail = fmt.Sprintf("published %s (from %s), by the deadline %s (%s)", date, from, due.Format(time.DateOnly), rule)
	return c
}

func days(d time.Duration) int { return int(d.Hours() / 24) }

// setTimeliness puts C9 among a report's checks (replacing an earlier one).
func setTimeliness(r *Report, listingDate string) {
	c := Timeliness(r, listingDate)
	for i := range r.Checks {
		if r.Checks[i].ID == CheckTimely {
			r.Checks[i] = c
			return
		}
	}
	r.Checks = append(r.Checks, c)
}

// tableCheck reports whether a check is about the tables (C1–C8), as
// opposed to C9, which is about when the report was published.
func tableCheck(id string) bool { return id != CheckTimely }
