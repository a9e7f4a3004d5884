package corpus

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// Alias says that two office names are one office (an override of the
// automatic matching): an --aliases file line "A = B".
type Alias struct{ A, B string }

// maxAliases caps an aliases file.
const maxAliases = 100_000

// ParseAliases reads alias lines "A = B". Blank lines and lines starting
// with # are skipped; any other line without "=" is an error naming its line.
func ParseAliases(r io.Reader) ([]Alias, error) {
	var out []Alias
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		a, b, ok := ParseAlias(line)
		if !ok {
			return nil, fmt.Errorf("aliases line %d: %q is not \"A = B\"", n, line)
		}
		if len(out) >= maxAliases {
			return nil, fmt.Errorf("aliases: more than %d lines", maxAliases)
		}
		out = append(out, Alias{a, b})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read aliases: %w", err)
	}
	return out, nil
}

// ParseAlias splits "A = B" (also the full-width ＝) into its two names.
func ParseAlias(s string) (a, b string, ok bool) {
	s = strings.ReplaceAll(s, "＝", "=")
	a, b, ok = strings.Cut(s, "=")
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	return a, b, ok && a != "" && b != ""
}

// Match says how two names were found to be one office.
type Match struct {
	Name  string `json:"name"`
	Other string `json:"other"`
	How   string `json:"how"` // "same office_full", "same region code 350582001 and name 青阳街道办事处", "override: A = B"
}

// Office is one office across the names and years it reports under.
type Office struct {
	Name       string   `json:"name"`  // the canonical name: the office_full of its latest report
	Names      []string `json:"names"` // every office_full and title name it reports under
	RegionCode string   `json:"region_code"`
	Region     string   `json:"region"` // "福建省 泉州市 晋江市 青阳街道"
	Level      string   `json:"level"`
	Matches    []Match  `json:"matches,omitempty"`
	variants   []*variant
}

// variant is one (office_full, region_code) pair of the catalog.
type variant struct {
	full, code                   string
	province, city, county, town string
	level                        string
	titles                       map[string]bool
	reports, lastYear            int
	norm, core                   string
	office                       *Office
	parent                       *variant // union-find
	matchesTo                    []Match
}

func (v *variant) root() *variant {
	for v.parent != nil && v.parent != v {
		if v.parent.parent != nil && v.parent.parent != v.parent {
			v.parent = v.parent.parent
		}
		v = v.parent
	}
	return v
}

// Offices is the catalog's offices, matched into identities.
type Offices struct {
	list      []*Office
	byKey     map[string]*variant
	variants  []*variant
	AliasNote []string // aliases that named no office of the catalog
}

func variantKey(full, code string) string { return full + "|" + code }

// OfficeKey is the identity key of the office a report is filed under: the
// name it is matched by (its office_full, else its title's office) and
// its region code. An Office is the set of keys it reports under (Keys);
// the search index stores each report's key, so that an office filter
// means the same office in the catalog and in the index.
func OfficeKey(r *Report) string {
	return variantKey(reportName(r.OfficeFull, r.Office), r.Region.Code)
}

// Keys are the identity keys (OfficeKey) of the office's reports.
func (o *Office) Keys() []string {
	out := make([]string, len(o.variants))
	for i, v := range o.variants {
		out[i] = variantKey(v.full, v.code)
	}
	return out
}

// reportName is the name a report is matched by: its office_full, else the
// office its title names.
func reportName(full, office string) string {
	if strings.TrimSpace(full) != "" {
		return full
	}
	return office
}

// officeRow is one (office_full, title name, region code) of the catalog's
// primary reports, with what the matching needs.
type officeRow struct {
	full, title, code            string
	province, city, county, town string
	level                        string
	lastYear, reports            int
}

// matchOffices matches the catalog's office rows into identities.
func matchOffices(rows []officeRow, aliases []Alias) *Offices {
	offs := &Offices{byKey: map[string]*variant{}}
	for _, r := range rows {
		name := reportName(r.full, r.title)
		if strings.TrimSpace(name) == "" {
			continue
		}
		key := variantKey(name, r.code)
		v := offs.byKey[key]
		if v == nil {
			v = &variant{full: name, code: r.code, province: r.province, city: r.city, county: r.county, town: r.town, level: r.level, titles: map[string]bool{}}
			v.norm = normName(name)
			v.core = v.coreOf(name)
			offs.byKey[key] = v
			offs.variants = append(offs.variants, v)
		}
		if r.title != "" {
			v.titles[r.title] = true
		}
		v.reports += r.reports
		v.lastYear = max(v.lastYear, r.lastYear)
	}
	sort.Slice(offs.variants, func(i, j int) bool {
		a, b := offs.variants[i], offs.variants[j]
		if a.full != b.full {
			return a.full < b.full
		}
		return a.code < b.code
	})
	offs.match(aliases)
	offs.build()
	return offs
}

// normName folds widths and drops spaces, so that "晋江市 青阳街道办事处" and
// "晋江市青阳街道办事处" are one name.
func normName(s string) string {
	s = width.Fold.String(s)
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' {
			return -1
		}
		return r
	}, s)
}

// coreOf strips the names of the variant's parent divisions from the start
// of a name and folds 人民政府 into 政府: the part of a name that the
// presence or absence of a parent prefix does not change.
func (v *variant) coreOf(name string) string {
	n := normName(name)
	for changed := true; changed; {
		changed = false
		for _, p := range []string{v.province, v.city, v.county} {
			p = normName(p)
			if p != "" && strings.HasPrefix(n, p) && len(n) > len(p) {
				n = n[len(p):]
				changed = true
			}
		}
	}
	return strings.ReplaceAll(n, "人民政府", "政府")
}

// codesAgree reports whether two region codes name the same place as far as
// both go: equal, or one a prefix of the other with both at least county
// level (6 digits). Empty codes agree with nothing here.
func codesAgree(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	if a == b {
		return true
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	return len(a) >= 6 && strings.HasPrefix(b, a)
}

func (offs *Offices) union(a, b *variant, how string) {
	ra, rb := a.root(), b.root()
	if ra == rb {
		return
	}
	rb.parent = ra
	ra.matchesTo = append(ra.matchesTo, rb.matchesTo...)
	rb.matchesTo = nil
	ra.matchesTo = append(ra.matchesTo, Match{Name: a.full, Other: b.full, How: how})
}

// match joins the variants that are one office.
func (offs *Offices) match(aliases []Alias) {
	vs := offs.variants
	byNorm := map[string][]*variant{}
	byCore := map[string][]*variant{}
	for _, v := range vs {
		byNorm[v.norm] = append(byNorm[v.norm], v)
		byCore[v.core] = append(byCore[v.core], v)
	}
	for _, v := range vs {
		for _, w := range byNorm[v.norm] {
			if w != v && (w.code == v.code || w.code == "" || v.code == "" || codesAgree(w.code, v.code)) {
				offs.union(v, w, "same office_full")
			}
		}
	}
	for _, v := range vs {
		for _, w := range byCore[v.core] {
			if w == v || v.root() == w.root() || !codesAgree(v.code, w.code) {
				continue
			}
			short := v.full
			if len(w.full) < len(short) {
				short = w.full
			}
			how := fmt.Sprintf("same region code %s and name %s", v.code, short)
			if v.code != w.code {
				how = fmt.Sprintf("region codes %s and %s agree, and name %s", v.code, w.code, short)
			}
			offs.union(v, w, how)
		}
	}
	for _, a := range aliases {
		left, right := offs.named(a.A), offs.named(a.B)
		if len(left) == 0 || len(right) == 0 {
			offs.AliasNote = append(offs.AliasNote, fmt.Sprintf("alias %s = %s names no office of the archive", a.A, a.B))
			continue
		}
		for _, v := range left {
			for _, w := range right {
				offs.union(v, w, fmt.Sprintf("override: %s = %s", a.A, a.B))
			}
		}
	}
}

// named lists the variants whose office_full or title name is name.
func (offs *Offices) named(name string) []*variant {
	n := normName(name)
	var out []*variant
	for _, v := range offs.variants {
		if v.norm == n || v.hasTitle(n) {
			out = append(out, v)
		}
	}
	return out
}

func (v *variant) hasTitle(norm string) bool {
	for t := range v.titles {
		if normName(t) == norm {
			return true
		}
	}
	return false
}

// build makes one Office per set of matched variants.
func (offs *Offices) build() {
	groups := map[*variant][]*variant{}
	var roots []*variant
	for _, v := range offs.variants {
		r := v.root()
		if _, ok := groups[r]; !ok {
			roots = append(roots, r)
		}
		groups[r] = append(groups[r], v)
	}
	for _, r := range roots {
		vs := groups[r]
		best, deepest := vs[0], vs[0]
		names := map[string]bool{}
		for _, v := range vs {
			if v.lastYear > best.lastYear || (v.lastYear == best.lastYear && v.reports > best.reports) {
				best = v
			}
			if len(v.code) > len(deepest.code) {
				deepest = v
			}
			names[v.full] = true
			for t := range v.titles {
				names[t] = true
			}
		}
		o := &Office{Name: best.full, RegionCode: deepest.code, Level: best.level, Matches: r.matchesTo, variants: vs}
		var parts []string
		for _, p := range []string{deepest.province, deepest.city, deepest.county, deepest.town} {
			if p != "" {
				parts = append(parts, p)
			}
		}
		o.Region = strings.Join(parts, " ")
		for n := range names {
			o.Names = append(o.Names, n)
		}
		sort.Strings(o.Names)
		for _, v := range vs {
			v.office = o
		}
		offs.list = append(offs.list, o)
	}
	sort.Slice(offs.list, func(i, j int) bool {
		if offs.list[i].Name != offs.list[j].Name {
			return offs.list[i].Name < offs.list[j].Name
		}
		return offs.list[i].RegionCode < offs.list[j].RegionCode
	})
}

// All lists the offices, by name.
func (offs *Offices) All() []*Office { return offs.list }

// Of returns the office of a report with this office_full (or, when that is
// empty, title name) and region code; nil when the catalog has no such
// primary report.
func (offs *Offices) Of(full, office, code string) *Office {
	if v := offs.byKey[variantKey(reportName(full, office), code)]; v != nil {
		return v.office
	}
	return nil
}

// maxListed caps the offices an ambiguity error lists.
const maxListed = 10

// Resolve finds the office a user's name means: an office_full or title
// name it reports under, else a name equal once parent division prefixes
// are set aside, else the one office whose names contain it. Several
// offices matching is an error that lists them.
func (offs *Offices) Resolve(name string) (*Office, error) {
	n := normName(name)
	if n == "" {
		return nil, fmt.Errorf("no office name given: %w", ErrBadInput)
	}
	tries := []func(v *variant) bool{
		func(v *variant) bool { return v.norm == n },
		func(v *variant) bool { return v.hasTitle(n) },
		func(v *variant) bool { return v.core == v.coreOf(n) },
		func(v *variant) bool {
			if strings.Contains(v.norm, n) {
				return true
			}
			for t := range v.titles {
				if strings.Contains(normName(t), n) {
					return true
				}
			}
			return false
		},
	}
	for _, match := range tries {
		found := offs.where(match)
		switch {
		case len(found) == 1:
			return found[0], nil
		case len(found) > 1:
			return nil, ambiguous(name, found)
		}
	}
	return nil, fmt.Errorf("office %q: %w", name, ErrNotFound)
}

func (offs *Offices) where(match func(v *variant) bool) []*Office {
	var out []*Office
	seen := map[*Office]bool{}
	for _, v := range offs.variants {
		if match(v) && !seen[v.office] {
			seen[v.office] = true
			out = append(out, v.office)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

func ambiguous(name string, found []*Office) error {
	var b strings.Builder
	for i, o := range found {
		if i == maxListed {
			fmt.Fprintf(&b, "\n  … and %d more", len(found)-maxListed)
			break
		}
		fmt.Fprintf(&b, "\n  %s (%s %s)", o.Name, o.RegionCode, o.Region)
	}
	return fmt.Errorf("office %q: %w: %d offices match (name one by its full name):%s", name, ErrAmbiguous, len(found), b.String())
}
