package corpus

import (
	"strings"
	"testing"
)

func TestTimeliness(t *testing.T) {
	cases := []struct {
		name    string
		r       Report
		listing string
		status  string
		detail  string
	}{
		{"2007 regulation, by 3/31", Report{Year: 2015, Level: "county", Kind: "department", Published: "2016-03-31"}, "", CheckPass, "2007 regulation"},
		{"2007 regulation, late", Report{Year: 2015, Level: "county", Kind: "department", Published: "2016-04-01"}, "", CheckFail, "1 days after the deadline 2016-03-31"},
		{"2018 report under the 2007 regulation", Report{Year: 2018, Level: "city", Kind: "department", Published: "2019-03-01"}, "", CheckPass, "2007 regulation"},
		{"2019 department, by 1/31", Report{Year: 2020, Level: "county", Kind: "department", Published: "2021-01-31"}, "", CheckPass, "1月31日"},
		{"2019 department, February", Report{Year: 2020, Level: "province", Kind: "department", Published: "2021-02-10"}, "", CheckFail, "10 days after the deadline 2021-01-31"},
		{"national ministry", Report{Year: 2023, Level: "national", Kind: "department", Published: "2024-02-01"}, "", CheckFail, "县级以上人民政府部门"},
		{"county government, by 3/31", Report{Year: 2022, Level: "county", Kind: "government", Published: "2023-03-20"}, "", CheckPass, "县级以上地方人民政府"},
		{"township: the later deadline", Report{Year: 2022, Level: "township", Kind: "government", Published: "2023-03-20"}, "", CheckPass, "names no deadline"},
		{"township late", Report{Year: 2022, Level: "township", Kind: "subdistrict", Published: "2023-05-02"}, "", CheckFail, "32 days after"},
		{"listing date", Report{Year: 2022, Level: "county", Kind: "department"}, "2023-02-03", CheckFail, "from the crawl's listing"},
		{"report's date before listing", Report{Year: 2022, Level: "county", Kind: "department", Published: "2023-01-10"}, "2023-02-03", CheckPass, "from the report"},
		{"published from the signature, on time: unknown", Report{Year: 2022, Level: "county", Kind: "department", Published: "2023-01-15", PublishedFrom: PublishedFromSigned}, "", CheckNotAssessable, "unknown"},
		{"published from the signature, late", Report{Year: 2022, Level: "county", Kind: "department", Published: "2023-02-15", PublishedFrom: PublishedFromSigned}, "", CheckFail, "signed 2023-02-15"},
		{"published from the signature, listing date known", Report{Year: 2022, Level: "county", Kind: "department", Published: "2023-01-15", PublishedFrom: PublishedFromSigned}, "2023-01-20", CheckPass, "from the crawl's listing"},
		{"published from the listing", Report{Year: 2022, Level: "county", Kind: "department", Published: "2023-03-01", PublishedFrom: PublishedFromListing}, "", CheckFail, "from the crawl's listing"},
		{"no date", Report{Year: 2022, Level: "county", Kind: "department"}, "", CheckNotAssessable, "publication date unknown"},
		{"signed after the deadline", Report{Year: 2022, Level: "county", Kind: "department", Signed: "2023-02-15"}, "", CheckFail, "signed 2023-02-15"},
		{"signed before the deadline", Report{Year: 2022, Level: "county", Kind: "department", Signed: "2023-01-15"}, "", CheckNotAssessable, "unknown"},
		{"before the regulation", Report{Year: 2006, Published: "2007-05-01"}, "", CheckNotAssessable, "from 2008"},
		{"no year", Report{Published: "2023-01-01"}, "", CheckNotAssessable, "year unknown"},
		{"bad date", Report{Year: 2022, Level: "county", Kind: "department", Published: "2023年"}, "", CheckNotAssessable, "unknown"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Timeliness(&c.r, c.listing)
			if got.ID != "C9" || got.Status != c.status || !strings.Contains(got.Detail, c.detail) {
				t.Fatalf("got %s %s %q, want %s containing %q", got.ID, got.Status, got.Detail, c.status, c.detail)
			}
		})
	}
}

// TestTimeliness_Failed: a late report is not a report whose tables fail.
func TestTimeliness_Failed(t *testing.T) {
	r := &Report{Year: 2020, Level: "county", Kind: "department", Published: "2021-06-01"}
	setTimeliness(r, "")
	setTimeliness(r, "")
	if len(r.Checks) != 1 || r.Timely() != CheckFail || r.Failed() {
		t.Fatalf("checks %+v, Timely %q, Failed %v", r.Checks, r.Timely(), r.Failed())
	}
}
