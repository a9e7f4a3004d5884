package template

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
	if newRow < 0 && st.ocr {
		// A label misread by OCR: the two rows' whole labels, with edits.
		for i := 0; ; {
			m, ok := st.fuzzyLabel(applyHead[0], i, len(st.compact))
			if !ok {
				break
			}
			if _, ok := st.fuzzyLabel(applyHead[1], m.end, min(m.end+600, len(st.compact))); ok {
				newRow = m.start
				break
			}
			i = m.end
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
		cf := st.index("结转下年", newRow)
		if cf < 0 && st.ocr {
			if m, ok := st.fuzzyLabel(applyTail[1], newRow, n); ok {
				cf = m.start // "结转直年度继续认理"
			}
		}
		if cf >= 0 {
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
