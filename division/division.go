package division

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
)

//go:embed data/divisions.tsv.gz
var dataGz []byte

// Level is the tier of a division in the hierarchy.
type Level uint8

// Levels, from the top.
const (
	Unknown  Level = iota
	Province       // 省, 自治区, 直辖市
	City           // 地级市, 自治州, 地区, 盟 (and the municipality's own city entry)
	County         // 县, 县级市, 市辖区, 旗, 自治县 …
	Town           // 镇, 乡, 街道, 苏木 …
)

// String returns the level's English name: province, city, county, town.
func (l Level) String() string {
	switch l {
	case Province:
		return "province"
	case City:
		return "city"
	case County:
		return "county"
	case Town:
		return "town"
	}
	return "unknown"
}

// Division is one administrative division. Parent is the code of the
// enclosing division ("" for provinces).
type Division struct {
	Code   string
	Name   string
	Level  Level
	Parent string
}

// Formal reports whether d is a formal administrative division rather than
// a statistical unit such as a 经济技术开发区 or a 农场 that the statistical
// code list gives a code of its own.
func (d Division) Formal() bool {
	switch d.Level {
	case County:
		return len(d.Code) != 6 || d.Code[4] != '7' && d.Code[4:6] != "80"
	case Town:
		return len(d.Code) != 9 || d.Code[6] < '4'
	}
	return d.Level != Unknown
}

// table is the loaded data. Names point into one string holding the whole
// decompressed file, and same-name and sibling lists are chains of indexes
// (heads in a map, links in a slice), so loading makes few allocations.
type table struct {
	divs      []Division       // sorted by code
	byName    map[string]int32 // name -> first index with that name
	nextName  []int32          // index -> next index with the same name, -1 at the end
	firstKid  map[string]int32 // parent code -> first child index
	nextSib   []int32          // index -> next sibling index, -1 at the end
	source    string           // the data's header comment
	shortOnce sync.Once
	byShort   map[string][]int32 // ShortName (≥ 2 runes, differing from the name) -> indexes; built on first use
}

var (
	loadOnce sync.Once
	tab      *table
	loadErr  error
)

func data() *table {
	loadOnce.Do(func() {
		tab, loadErr = load(dataGz)
		if loadErr != nil {
			// The embedded file is part of the build; failing to read it
			// is a build defect, not a runtime condition.
			panic(fmt.Sprintf("division: load embedded data: %v", loadErr))
		}
	})
	return tab
}

func load(gz []byte) (*table, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("open gzip: %w", err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("read gzip: %w", err)
	}
	text := string(raw)
	n := strings.Count(text, "\n")
	t := &table{
		divs:     make([]Division, 0, n),
		byName:   make(map[string]int32, n*3/4),
		nextName: make([]int32, 0, n),
		firstKid: make(map[string]int32, n/10),
		nextSib:  make([]int32, 0, n),
	}
	lastKid := make(map[string]int32, n/10)
	for start, line := 0, 1; start < len(text); line++ {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text) - start
		}
		rec := text[start : start+end]
		start += end + 1
		if strings.HasPrefix(rec, "#") {
			if t.source == "" {
				t.source = strings.TrimSpace(strings.TrimPrefix(rec, "#"))
			}
			continue
		}
		if err := t.add(rec, lastKid); err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
	}
	return t, nil
}

func (t *table) add(rec string, lastKid map[string]int32) error {
	code, rest, ok1 := strings.Cut(rec, "\t")
	name, parent, ok2 := strings.Cut(rest, "\t")
	if !ok1 || !ok2 || code == "" || name == "" {
		return fmt.Errorf("malformed record %q", rec)
	}
	lv := levelOf(code)
	if lv == Unknown {
		return fmt.Errorf("bad code %q", code)
	}
	i := int32(len(t.divs))
	if i > 0 && t.divs[i-1].Code >= code {
		return fmt.Errorf("code %q out of order", code)
	}
	t.divs = append(t.divs, Division{Code: code, Name: name, Level: lv, Parent: parent})
	t.nextName = append(t.nextName, -1)
	t.nextSib = append(t.nextSib, -1)
	// Same-name chain in code order: new entries go to the chain's end,
	// found through the chain (names are rarely shared by more than a few).
	if h, ok := t.byName[name]; ok {
		for t.nextName[h] >= 0 {
			h = t.nextName[h]
		}
		t.nextName[h] = i
	} else {
		t.byName[name] = i
	}
	if parent != "" {
		if last, ok := lastKid[parent]; ok {
			t.nextSib[last] = i
		} else {
			t.firstKid[parent] = i
		}
		lastKid[parent] = i
	}
	return nil
}

func (t *table) shorts() map[string][]int32 {
	t.shortOnce.Do(func() {
		t.byShort = make(map[string][]int32, len(t.divs)/2)
		for i, d := range t.divs {
			if s := ShortName(d.Name); s != d.Name && runeCount(s) >= 2 {
				t.byShort[s] = append(t.byShort[s], int32(i))
			}
		}
	})
	return t.byShort
}

func (t *table) index(code string) (int32, bool) {
	i := sort.Search(len(t.divs), func(i int) bool { return t.divs[i].Code >= code })
	if i < len(t.divs) && t.divs[i].Code == code {
		return int32(i), true
	}
	return 0, false
}

func (t *table) named(name string) []int32 {
	h, ok := t.byName[name]
	if !ok {
		return nil
	}
	var out []int32
	for ; h >= 0 && len(out) < len(t.divs); h = t.nextName[h] {
		out = append(out, h)
	}
	return out
}

func (t *table) kids(code string) []int32 {
	h, ok := t.firstKid[code]
	if !ok {
		return nil
	}
	var out []int32
	for ; h >= 0 && len(out) < len(t.divs); h = t.nextSib[h] {
		out = append(out, h)
	}
	return out
}

func levelOf(code string) Level {
	switch len(code) {
	case 2:
		return Province
	case 4:
		return City
	case 6:
		return County
	case 9:
		return Town
	}
	return Unknown
}

// Source describes the embedded data: package, version and generator.
func Source() string { return data().source }

// Len returns the number of divisions in the table.
func Len() int { return len(data().divs) }

// Get returns the division with the given code. It accepts the table's own
// codes (2, 4, 6 or 9 digits) and also 6-digit GB/T 2260 forms of provinces
// and cities ("350000", "350500") and 12-digit statistical codes that end in
// zeros ("350582001000").
func Get(code string) (Division, bool) {
	t := data()
	if i, ok := t.index(code); ok {
		return t.divs[i], true
	}
	for _, n := range []int{9, 6, 4, 2} {
		if len(code) > n && strings.Trim(code[n:], "0") == "" {
			if i, ok := t.index(code[:n]); ok {
				return t.divs[i], true
			}
		}
	}
	return Division{}, false
}

// Children returns the divisions directly under code, in code order.
func Children(code string) []Division {
	t := data()
	d, ok := Get(code)
	if !ok {
		return nil
	}
	return t.list(t.kids(d.Code))
}

// Path returns the chain from the province down to the division with the
// given code, inclusive; nil when the code is unknown.
func Path(code string) []Division {
	d, ok := Get(code)
	if !ok {
		return nil
	}
	path := []Division{d}
	for i := 0; d.Parent != "" && i < 5; i++ {
		p, ok := Get(d.Parent)
		if !ok {
			break
		}
		path = append(path, p)
		d = p
	}
	for i, j := 0, len(path)-1; i < j; i, j = i+1, j-1 {
		path[i], path[j] = path[j], path[i]
	}
	return path
}

// Within reports whether the division code lies inside (or is) ancestor.
func Within(code, ancestor string) bool {
	t := data()
	d, ok := Get(code)
	a, ok2 := Get(ancestor)
	if !ok || !ok2 {
		return false
	}
	for range 5 {
		if d.Code == a.Code {
			return true
		}
		if d.Level <= a.Level || d.Parent == "" {
			return false
		}
		i, ok := t.index(d.Parent)
		if !ok {
			return false
		}
		d = t.divs[i]
	}
	return false
}

// Find returns the divisions whose official name is exactly name
// ("青阳街道", "晋江市"), in code order.
func Find(name string) []Division {
	t := data()
	return t.list(t.named(name))
}

// FindShort returns the divisions whose ShortName is name ("晋江" →
// 晋江市, "青阳" → 青阳街道, 青阳镇 …), in code order. Short names of fewer
// than two characters are not indexed.
func FindShort(name string) []Division {
	t := data()
	return t.list(t.shorts()[name])
}

func (t *table) list(idx []int32) []Division {
	if len(idx) == 0 {
		return nil
	}
	out := make([]Division, len(idx))
	for k, i := range idx {
		out[k] = t.divs[i]
	}
	return out
}

func runeCount(s string) int { return len([]rune(s)) }
