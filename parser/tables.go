package parser

import (
	"fmt"
	"strings"
)

// regions are the compact-string spans of the three template tables.
type regions struct {
	t2, t3, t4 [2]int // [start, end); start < 0 when the table is absent
}

var (
	t3Header   = []string{"勾稽关系", "申请人情况"}
	t4Header   = []string{"行政复议", "结果维持"}
	fiveAnchor = []string{"五、存在", "五、政府信息公开工作存在", "五、主要问题", "五、本机关存在", "存在的主要问题", "五、政府信息公开存在"}
)

// locate finds the tables by their anchors (reference §1–2): table 二 from
// the first "第二十条第", table 三 from the "本年新收" row that is followed by
// "上年结转", table 四 from the first "行政复议"/"结果维持" after the
// carry-forward row, up to section 五.
func (st *stream) locate() regions {
	rg := regions{t2: [2]int{-1, -1}, t3: [2]int{-1, -1}, t4: [2]int{-1, -1}}
	n := len(st.compact)
	newRow := -1
	for i := st.index("本年新收", 0); i >= 0; i = st.index("本年新收", i+1) {
		if j := st.index("上年结转", i); j >= 0 && j-i < 600 {
			newRow = i
			break
		}
	}
	t2 := st.index("第二十条第", 0)
	if newRow >= 0 {
		start := newRow
		from := max(t2, 0)
		if h := st.indexAny(t3Header, from, newRow); h >= 0 {
			start = h
		}
		end := n
		if cf := st.index("结转下年", newRow); cf >= 0 {
			if h := st.indexAny(t4Header, cf, n); h >= 0 {
				end = h
			}
		}
		rg.t3 = [2]int{start, end}
		if end < n {
			stop := st.indexAny(fiveAnchor, end, n)
			if stop < 0 {
				stop = n
			}
			rg.t4 = [2]int{end, stop}
		}
	}
	if t2 >= 0 && (rg.t3[0] < 0 || t2 < rg.t3[0]) {
		end := rg.t3[0]
		if end < 0 {
			end = st.indexAny([]string{"三、收到和处理", "收到和处理政府信息公开申请"}, t2, n)
			if end < 0 {
				end = n
			}
		}
		rg.t2 = [2]int{t2, end}
	}
	return rg
}

// rowResult is one aligned row: its values and whether they are doubtful.
type rowResult struct {
	key       string
	vals      []value
	uncertain bool
	where     string
	note      string
	found     bool
	alts      [][]value // the readings left when digits ran together
	raw       string    // the values as printed, for uncertain rows
}

// alignRows finds rows in order in [from, to) and reads n(i) values after
// each. A row whose label is missing takes its values by position from the
// row before it when that row holds exactly the values of both.
func (st *stream) alignRows(labels []rowLabel, counts []int, from, to int, ok func(int, []value) bool, splittable bool) []rowResult {
	matches := make([]match, len(labels))
	found := make([]bool, len(labels))
	cur := from
	for i, l := range labels {
		if m, f := st.findLabel(l, cur, to); f {
			matches[i], found[i] = m, true
			cur = m.end
		}
	}
	out := make([]rowResult, len(labels))
	for i := range labels {
		out[i].key = labels[i].key
	}
	for i := 0; i < len(labels); i++ {
		if !found[i] {
			continue
		}
		// Rows up to the next found label share this region.
		j := i + 1
		for j < len(labels) && !found[j] {
			j++
		}
		end := to
		if j < len(labels) {
			end = matches[j].start
		}
		items, dropped := collect(st.between(st.endAt(matches[i].end), st.toAt(end)), splittable)
		where := ""
		if len(items) > 0 {
			where = items[0].where
		}
		need := 0
		for k := i; k < j; k++ {
			need += counts[k]
		}
		group := fit(items, need, nil)
		if j == i+1 && ok != nil {
			okI := func(v []value) bool { return ok(i, v) }
			if st.merged {
				group = fitMerged(items, need, okI)
			} else {
				group = fit(items, need, okI)
			}
		}
		raws := make([]string, 0, len(items))
		for _, it := range items {
			raws = append(raws, it.v.raw)
		}
		off := 0
		for k := i; k < j; k++ {
			out[k].raw = strings.Join(raws, " ")
			r := &out[k]
			r.found = true
			r.where = where
			r.vals = group.cands[0][off : off+counts[k]]
			if len(group.cands) > 1 {
				r.uncertain = true
				r.vals = append([]value(nil), r.vals...)
			}
			r.note = group.note
			if k > i {
				r.note = fmt.Sprintf("row label not found; values taken by position after the row before it. %s", group.note)
			}
			if len(dropped) > 0 && k == i {
				r.note = fmt.Sprintf("%s ignored text %q", r.note, dropped)
			}
			off += counts[k]
		}
		if j == i+1 && len(group.cands) > 1 {
			out[i].alts = group.cands
		}
		i = j - 1
	}
	return out
}
