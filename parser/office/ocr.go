package office

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/agnivade/levenshtein"

	"gongkai/division"
)

// OCR misreads a character of a scanned title's large print now and then
// (洪泽区 as 潜泽区, or as 法和译区), while the body, in smaller print,
// names the same government correctly ("本报告由淮安市洪泽区人民政府办公室
// …编制", "洪泽区人民政府坚持…"). In OCR'd text only, repairTitleOrgan
// puts the division the body names in place of a title's division that is
// not in the table, when the evidence is unique; otherwise the title is
// left as read (and the office stays unknown, as without the repair).

// divisionSuffixes end the names of divisions a misread slot may stand for.
var divisionSuffixes = []string{"区", "县", "市", "旗", "镇", "乡"}

// maxGovMentions bounds the "…人民政府" mentions of the body looked at.
const maxGovMentions = 64

// repairTitleOrgan returns the title's organ text with a misread division
// replaced, and whether it was. The slot is the Han text between the
// title's listed divisions (if any) and 人民政府/政府: 2 to 5 runes, ending
// like a division, and not a division itself. Its replacement is a
// division the body names before 人民政府, within the title's last listed
// division, ending in the same character, and either the only such one
// (its length within one rune of the slot's) or the only one within one
// edit of the slot.
func repairTitleOrgan(organText, body string, ev *evidence) (string, bool) {
	o := peel(organText)
	if o.national || o.prefix != "" {
		return organText, false
	}
	var slot, words string
	for _, w := range []string{"人民政府", "政府"} {
		if i := strings.Index(o.rest, w); i > 0 {
			slot, words = o.rest[:i], o.rest[i:]
			break
		}
	}
	n := utf8.RuneCountInString(slot)
	if n < 2 || n > 5 || !allHan(slot) || !hasSuffixAny(slot, divisionSuffixes) {
		return organText, false
	}
	if name, _ := division.Prefix(slot); name != "" {
		return organText, false // a listed division the chain did not take: not a misreading
	}
	var parents []division.Division
	if u := o.last(); u != nil {
		if u.unlisted || len(u.cands) == 0 {
			return organText, false
		}
		parents = u.cands
	}
	suffix := lastRune(slot)
	var named []division.Division
	seen := map[string]bool{}
	for _, d := range bodyGovernments(body) {
		if seen[d.Code] || lastRune(d.Name) != suffix {
			continue
		}
		if parents != nil && len(within([]division.Division{d}, parents)) == 0 {
			continue
		}
		seen[d.Code] = true
		named = append(named, d)
	}
	var pick []division.Division
	for _, d := range named {
		if levenshtein.ComputeDistance(slot, d.Name) <= 1 {
			pick = append(pick, d)
		}
	}
	if len(pick) == 0 && len(named) == 1 {
		if m := utf8.RuneCountInString(named[0].Name); m >= n-1 && m <= n+1 {
			pick = named
		}
	}
	if len(pick) != 1 {
		if len(named) > 0 {
			ev.add(fmt.Sprintf("OCR'd title's %q: not one division the body names fits (%d named)", slot, len(named)))
		}
		return organText, false
	}
	ev.add(fmt.Sprintf("OCR'd title's %q read as %s, the division the body names", slot, pick[0].Name))
	return o.head + pick[0].Name + words, true
}

// bodyGovernments returns the deepest division of each "<divisions>人民政府"
// the body names, where the chain resolves to one division.
func bodyGovernments(body string) []division.Division {
	var out []division.Division
	const gov = "人民政府"
	for i, k := 0, 0; k < maxGovMentions; k++ {
		j := strings.Index(body[i:], gov)
		if j < 0 {
			break
		}
		at := i + j
		i = at + len(gov)
		pre := hanBefore(body[:at], 12)
		for off := 0; off < len(pre); {
			o := peel(pre[off:] + gov)
			if u := o.last(); u != nil && o.head == pre[off:] && len(u.cands) == 1 && !u.unlisted && u.zone == nil {
				out = append(out, u.cands[0])
				break
			}
			_, size := utf8.DecodeRuneInString(pre[off:])
			off += size
		}
	}
	return out
}

// hanBefore returns the run of at most n Han runes that ends s.
func hanBefore(s string, n int) string {
	i := len(s)
	for k := 0; k < n && i > 0; k++ {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		if !unicode.Is(unicode.Han, r) {
			break
		}
		i -= size
	}
	return s[i:]
}

func allHan(s string) bool {
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return s != ""
}

func hasSuffixAny(s string, suffixes []string) bool {
	for _, x := range suffixes {
		if strings.HasSuffix(s, x) {
			return true
		}
	}
	return false
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}
