package html

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"golang.org/x/net/html"

	"gongkai/parser/layout"
	"gongkai/parser/textenc"
)

// extractString runs Extract on a UTF-8 page and fails on error.
func extractString(t *testing.T, page string) *layout.Document {
	t.Helper()
	doc, err := Extract([]byte(page))
	if err != nil {
		t.Fatalf("Extract: %v", err)
	}
	return doc
}

// paras returns the text of the non-table blocks.
func paras(d *layout.Document) []string {
	var out []string
	for _, b := range d.Blocks {
		if b.Kind != layout.Table {
			out = append(out, b.Text)
		}
	}
	return out
}

func tables(d *layout.Document) []layout.Block {
	var out []layout.Block
	for _, b := range d.Blocks {
		if b.Kind == layout.Table {
			out = append(out, b)
		}
	}
	return out
}

func TestExtract_NoChromeInBlocks(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.html"))
	if len(files) == 0 {
		t.Fatal("no testdata/*.html")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := Extract(data)
			if err != nil {
				t.Fatal(err)
			}
			text := doc.Text()
			for _, w := range chromeWords {
				if strings.Contains(text, w) {
					t.Errorf("chrome word %q leaked into blocks", w)
				}
			}
			for k, v := range doc.Meta {
				if k == "" || v == "" {
					t.Errorf("empty meta entry %q=%q", k, v)
				}
			}
		})
	}
}

func TestExtract_Fixtures(t *testing.T) {
	tests := []struct {
		file     string
		encoding string
		title    string
		meta     map[string]string
		shapes   [][2]int // grid rows×cols of each table
	}{
		{"gbk-2021-word.html", "gb18030", "沭阳县发展和改革局2023年政府信息公开工作年度报告",
			map[string]string{"索引号": "014314799/2024-00002", "发布机构": "沭阳县发展和改革局", "发文日期": "2024-01-17",
				"有效性": "有效", "SiteIDCode": "3213220037", "发布时间": "2024-01-17 10:30", "来源": "沭阳县发展和改革局"},
			[][2]int{{14, 4}, {28, 10}, {4, 15}}},
		{"utf8-declares-gbk-2019.html", "utf-8", "嵊州市发展和改革局2019年政府信息公开工作年度报告",
			map[string]string{"索引号": "002611230/2020-00015", "组配分类": "政府信息公开年报", "生成日期": "2020-01-20"},
			[][2]int{{18, 5}, {26, 10}, {4, 15}}},
		{"utf16le-bom.html", "utf-16le", "青阳街道办事处2023年政府信息公开工作年度报告",
			map[string]string{"PubDate": "2024-01-09 09:00", "ContentSource": "晋江市青阳街道办事处"},
			[][2]int{{4, 4}}},
		{"ucapcontent.html", "utf-8", "沭阳县发展和改革局2023年政府信息公开年度报告",
			map[string]string{"publishtime": "2024-01-17", "SiteName": "沭阳县人民政府", "ColumnType": "政府信息公开年报"},
			[][2]int{{3, 3}}},
		{"layout-table.html", "utf-8", "平潭县人民政府2011年政府信息公开工作年度报告",
			map[string]string{"发布时间": "2012-03-25", "信息来源": "县政府办"},
			[][2]int{{7, 1002}}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			doc, err := Extract(data)
			if err != nil {
				t.Fatal(err)
			}
			if doc.Format != "html" || doc.Encoding != tt.encoding {
				t.Errorf("format/encoding = %q/%q, want html/%q", doc.Format, doc.Encoding, tt.encoding)
			}
			if doc.Title != tt.title {
				t.Errorf("title = %q, want %q", doc.Title, tt.title)
			}
			for k, v := range tt.meta {
				if doc.Meta[k] != v {
					t.Errorf("Meta[%q] = %q, want %q", k, doc.Meta[k], v)
				}
			}
			tbs := tables(doc)
			if len(tbs) != len(tt.shapes) {
				t.Fatalf("%d tables, want %d", len(tbs), len(tt.shapes))
			}
			for i, tb := range tbs {
				g := tb.Grid()
				if got := [2]int{len(g), len(g[0])}; got != tt.shapes[i] {
					t.Errorf("table %d grid %v, want %v", i+1, got, tt.shapes[i])
				}
			}
		})
	}
}

// TestExtract_Table3Of2021 checks the spans of §2.3 cell by cell where they
// matter: the 勾稽 header, the group cells and the data order.
func TestExtract_Table3Of2021(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "gbk-2021-word.html"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Extract(data)
	if err != nil {
		t.Fatal(err)
	}
	t3 := tables(doc)[1]
	head := t3.Rows[0][0]
	if head.RowSpan != 3 || head.ColSpan != 3 || !strings.HasPrefix(head.Text, "（本列数据的勾稽关系为") {
		t.Errorf("header cell = %+v", head)
	}
	if c := t3.Rows[5][0]; c.Text != "三、本年度办理结果" || c.RowSpan != 22 {
		t.Errorf("group cell = %+v, want 三、本年度办理结果 rowspan 22", c)
	}
	if c := t3.Rows[23][0]; c.Text != "（六）其他处理" || c.RowSpan != 3 {
		t.Errorf("（六） cell = %+v, want rowspan 3", c)
	}
	if got := len(t3.Rows[6]); got != 8 { // label + 7 values, group cell not repeated
		t.Errorf("row 7 has %d cells, want 8", got)
	}
	g := t3.Grid()
	if got := strings.Join(g[3][3:], ","); got != "36,2,0,0,1,0,39" {
		t.Errorf("一、本年新收 values = %s", got)
	}
}

func TestExtract_Cases(t *testing.T) {
	wrap := func(body string) string {
		return "<html><head><title>测试页</title></head><body><div id=\"zoom\">" + body + "</div></body></html>"
	}
	long := "本机关认真贯彻落实政府信息公开条例，全面推进政务公开工作。"
	tests := []struct {
		name  string
		page  string
		paras []string
		cells [][]string // first table, row-major cell texts
	}{
		{"word runs joined", wrap("<p>" + long + "</p><p><span>三</span><span>、本</span><span>年</span>收到<span>20</span><span>23</span>件</p>"),
			[]string{long, "三、本年收到2023件"}, nil},
		{"newline between CJK runs dropped", wrap("<p>" + long + "</p><p>政府信息\n公开 工作</p><p>共 12 件</p>"),
			[]string{long, "政府信息公开工作", "共 12 件"}, nil},
		{"br splits paragraph", wrap("<p>" + long + "<br>第二行<br/><br>第三行</p>"),
			[]string{long, "第二行", "第三行"}, nil},
		{"nbsp and ideographic padding trimmed", wrap("<p>&nbsp;&nbsp;　　" + long + "&nbsp;<o:p></o:p></p><p>&nbsp;</p>"),
			[]string{long}, nil},
		{"hidden skipped", wrap("<p>" + long + "</p><p style=\"DISPLAY: none\">隐藏</p><span hidden>也隐藏</span><p style='mso-hide:all'>Word隐藏</p>"),
			[]string{long}, nil},
		{"cells: nbsp empty, br newline, spacer row dropped", wrap("<p>" + long + "</p><table><tr><td>&nbsp;</td><td>a<br>b</td><td><p>x</p><p>&nbsp;</p><p>y</p></td></tr><![if !supportMisc]><tr height=0><td></td><td></td><td></td></tr><![endif]></table>"),
			[]string{long}, [][]string{{"", "a\nb", "x\ny"}}},
		{"empty cells kept", wrap("<p>" + long + "</p><table><tr><td>行政许可</td><td></td><td>0</td></tr><tr><td></td><td></td><td></td></tr></table>"),
			[]string{long}, [][]string{{"行政许可", "", "0"}, {"", "", ""}}},
		{"layout table descended", wrap("<table><tr><td><p>" + long + "</p><p>" + long + "</p><table><tr><td>a</td><td>1</td></tr></table></td></tr></table>"),
			[]string{long, long}, [][]string{{"a", "1"}}},
		{"scripts and styles skipped", wrap("<script>var x='脚本';</script><style>p{}</style><p>" + long + "</p><noscript>请启用脚本</noscript>"),
			[]string{long}, nil},
		{"chrome lines dropped", wrap("<p>" + long + "</p><p>上一篇：<a href=a>某通知</a></p><p>【打印本页】【关闭窗口】</p><p>字体：大 中 小</p>"),
			[]string{long}, nil},
		{"headings", wrap("<h3>一、总体情况</h3><p>" + long + "</p>"),
			[]string{"一、总体情况", long}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := extractString(t, tt.page)
			if got := paras(doc); strings.Join(got, "|") != strings.Join(tt.paras, "|") {
				t.Errorf("paras:\n got %q\nwant %q", got, tt.paras)
			}
			tbs := tables(doc)
			if tt.cells == nil {
				if len(tbs) != 0 {
					t.Errorf("unexpected table %+v", tbs[0].Rows)
				}
				return
			}
			if len(tbs) != 1 {
				t.Fatalf("%d tables, want 1", len(tbs))
			}
			var got [][]string
			for _, r := range tbs[0].Rows {
				var row []string
				for _, c := range r {
					row = append(row, c.Text)
				}
				got = append(got, row)
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.cells) {
				t.Errorf("cells:\n got %q\nwant %q", got, tt.cells)
			}
		})
	}
}

func TestExtract_Spans(t *testing.T) {
	page := `<html><body><div class="TRS_Editor"><p>本机关认真贯彻落实政府信息公开条例，全面推进政务公开工作。</p><table>
<tr><td rowspan="0">a</td><td colspan="x">b</td><td colspan="3px">c</td><td rowspan=-4 colspan=1e9>d</td></tr>
<tr><td>e</td></tr><tr><td>f</td></tr></table></div></body></html>`
	doc := extractString(t, page)
	tb := tables(doc)[0]
	want := [][2]int{{3, 1}, {1, 1}, {1, 3}, {1, 1}}
	for i, c := range tb.Rows[0] {
		if got := [2]int{c.RowSpan, c.ColSpan}; got != want[i] {
			t.Errorf("cell %q spans %v, want %v", c.Text, got, want[i])
		}
	}
}

func TestExtract_Errors(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"pdf", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), ErrNotHTML},
		{"docx zip", []byte("PK\x03\x04\x14\x00\x06\x00"), ErrNotHTML},
		{"ole doc", []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, ErrNotHTML},
		{"binary", []byte{0x00, 0x01, 0x02, 0xFF, 0xFE, 0x80, 0x81, 0x00, 0x9F, 0x00, 0x03}, ErrNotHTML},
		{"plain text", []byte("政府信息公开工作年度报告\n一、总体情况\n"), ErrNotHTML},
		{"empty", nil, ErrNotHTML},
		{"chrome only", []byte(`<html><body><div class="nav"><a href="/">首页</a></div><div class="footer">网站标识码：3213220037</div></body></html>`), ErrNoContent},
		{"empty body", []byte(`<!DOCTYPE html><html><head><title>报告</title></head><body></body></html>`), ErrNoContent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Extract(tt.data)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestExtract_NoContentKeepsMeta(t *testing.T) {
	doc, err := Extract([]byte(`<html><head><meta name="SiteName" content="某县人民政府"></head><body><p>&nbsp;</p></body></html>`))
	if !errors.Is(err, ErrNoContent) || doc == nil || doc.Meta["SiteName"] != "某县人民政府" {
		t.Fatalf("doc=%v err=%v", doc, err)
	}
}

func TestExtract_DeepNesting(t *testing.T) {
	tests := []struct{ name, open, close string }{
		{"div", "<div>", "</div>"},
		{"span", "<span>", "</span>"},
		{"table", "<table><tr><td>", "</td></tr></table>"},
		{"b unclosed", "<b>", ""},
	}
	const depth = 100_000
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := "<html><body>" + strings.Repeat(tt.open, depth) + "<p>政府信息公开工作年度报告正文内容。</p>" +
				strings.Repeat(tt.close, depth) + "</body></html>"
			start := time.Now()
			doc, err := Extract([]byte(page))
			if err != nil && !errors.Is(err, ErrNoContent) {
				t.Fatalf("Extract: %v", err)
			}
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("took %v", d)
			}
			if err == nil && !strings.Contains(doc.Text(), "年度报告正文") {
				t.Errorf("body text lost: %q", doc.Text())
			}
		})
	}
}

// TestExtract_Linear checks that a 16× larger page costs less than 64×
// the CPU time (linear, with slack for a loaded machine), not 256×.
// Small and big runs are interleaved so both see the same load.
func TestExtract_Linear(t *testing.T) {
	if testing.Short() {
		t.Skip("timing test")
	}
	page := func(n int) []byte {
		var sb strings.Builder
		sb.WriteString("<html><body><div class=content>")
		for i := range n {
			fmt.Fprintf(&sb, "<p>第%d段，<span>政府</span><span>信息</span>公开工作。</p><table><tr><td>%d</td><td rowspan=2>x</td></tr><tr><td>y</td></tr></table>", i, i)
		}
		sb.WriteString("</div></body></html>")
		return []byte(sb.String())
	}
	smallPage, bigPage := page(500), page(8000)
	measure := func(data []byte) time.Duration {
		start := cpuTime()
		if _, err := Extract(data); err != nil {
			t.Fatal(err)
		}
		return cpuTime() - start
	}
	small, big := time.Hour, time.Hour
	for range 3 {
		small = min(small, measure(smallPage))
		big = min(big, measure(bigPage))
	}
	t.Logf("CPU time: 500 blocks %v, 8000 blocks %v", small, big)
	if big > 64*small {
		t.Errorf("500 blocks %v, 8000 blocks %v: not linear", small, big)
	}
}

func TestParseMetaLine(t *testing.T) {
	tests := []struct {
		line string
		want string // "label=value;…", "" when not metadata
	}{
		{"发布时间：2024-01-17 来源：沭阳县发改局", "发布时间=2024-01-17;来源=沭阳县发改局"},
		{"索 引 号：014314799/2024-00002", "索引号=014314799/2024-00002"},
		{"信息来源:县政府办 点击数:208 【字体：大 中 小】", "信息来源=县政府办"},
		{"【发布日期：2020-01-20】", "发布日期=2020-01-20"},
		{"时间：2023年", ""},
		{"作者：张三 时间：2023-01-01", "作者=张三;时间=2023-01-01"},
		{"浏览次数：12", ""},
		{"本报告依据条例编制，来源：统计", ""},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			pairs, ok := parseMetaLine(tt.line)
			var parts []string
			for _, p := range pairs {
				parts = append(parts, p.label+"="+p.value)
			}
			got := strings.Join(parts, ";")
			if !ok {
				got = ""
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCleanTitle(t *testing.T) {
	tests := []struct{ in, site, want string }{
		{"沭阳县发展和改革局2023年政府信息公开年度报告-沭阳县发改局", "", "沭阳县发展和改革局2023年政府信息公开年度报告"},
		{"[嵊州市人民政府]2012年政府信息公开工作年报", "", "2012年政府信息公开工作年报"},
		{"沭阳县人民政府_2021-2022年度报告", "沭阳县人民政府", "2021-2022年度报告"},
		{"首页 | 通知公告 | 关于开展检查的通知", "", "关于开展检查的通知"},
		{"【某市】2020年政府信息公开工作年度报告", "", "2020年政府信息公开工作年度报告"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := cleanTitle(tt.in, tt.site); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestMayHide checks the one-pass pre-filter of hidden against the plain
// definition (contains "none" or "hid", ASCII case ignored) on styles and
// on every short string over the bytes that matter.
func TestMayHide(t *testing.T) {
	want := func(s string) bool {
		l := strings.ToLower(s)
		return strings.Contains(l, "none") || strings.Contains(l, "hid")
	}
	inputs := []string{"", "display:none", "DISPLAY: NONE", "visibility:Hidden", "mso-hide:all",
		"font-size:12pt;font-family:宋体", "non", "hi", "nonE", "xhiD", "NoNe;", "ŉone"}
	alphabet := []byte("nNoOeEhHiIdD@^")
	for _, a := range alphabet {
		for _, b := range alphabet {
			for _, c := range alphabet {
				for _, d := range alphabet {
					inputs = append(inputs, string([]byte{a, b, c, d}))
				}
			}
		}
	}
	for _, s := range inputs {
		if got := mayHide(s); got != want(s) {
			t.Errorf("mayHide(%q) = %v, want %v", s, got, want(s))
		}
	}
}

// TestNameMatch checks the allocation-free token walk against the plain
// definitions on classTokens' tokens: chrome by substring or word, title
// by word, container tier of the first token in a tier.
func TestNameMatch(t *testing.T) {
	classes := []string{"", "MsoNormal", "  news-NAV_2\tmain\v\fx\r\ny  ", "TRS_Editor zoom", "ÜBER über-Footer",
		"a\u00a0b", "nav\u3000bar", "x-Breadcrumb-1", "print_page", "friendLINKS", "Article-Title", "BT",
		"Content", "con zoom", strings.Repeat("Long-Class-Name_", 9) + " breadCRUMB"}
	hasWord := func(tok string, words map[string]bool) bool {
		return slices.ContainsFunc(nameParts(tok), func(p string) bool { return words[p] })
	}
	for _, id := range []string{"", "Zoom", "top-NAV 2", "Ä-nav", "wzbt"} {
		for _, class := range classes {
			n := &html.Node{Type: html.ElementNode, Data: "div"}
			if id != "" {
				n.Attr = append(n.Attr, html.Attribute{Key: "id", Val: id})
			}
			n.Attr = append(n.Attr, html.Attribute{Key: "class", Val: class})
			chrome, title, tier := 0, 0, 0
			for _, tok := range classTokens(n) {
				if slices.ContainsFunc(chromeSubstr, func(s string) bool { return strings.Contains(tok, s) }) || hasWord(tok, chromeWord) {
					chrome = 1
				}
				if hasWord(tok, titleWord) {
					title = 1
				}
				if tier == 0 && containerTier1[tok] {
					tier = 1
				} else if tier == 0 && containerTier2[tok] {
					tier = 2
				}
			}
			for _, c := range []struct {
				test nameTest
				want int
			}{{testChrome, chrome}, {testTitle, title}, {testContainer, tier}} {
				if got := nameMatch(n, c.test); got != c.want {
					t.Errorf("id %q class %q: nameMatch(%d) = %d, want %d", id, class, c.test, got, c.want)
				}
			}
		}
	}
}

func TestIsHan(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if isHan(r) != unicode.Is(unicode.Han, r) {
			t.Fatalf("isHan(%U) = %v", r, isHan(r))
		}
	}
}

// TestMetaLabelMatches checks metaLabelMatches and metaLabelAt against
// metaLabelRE on random lines of labels, their characters, spaces, colons,
// other text and broken bytes.
func TestMetaLabelMatches(t *testing.T) {
	var pieces []string
	for l := range metaLabels {
		pieces = append(pieces, l)
		for _, r := range l {
			pieces = append(pieces, string(r))
		}
	}
	pieces = append(pieces, " ", "\u3000", "\t", "a", "本", "2021年", "【", "\xff")
	seps := []string{"", " ", "\u3000", "\t\n", ":", "：", "：", ":", "\f", "\v", "\xef\xbc", "\xff"}
	rng := rand.New(rand.NewPCG(21, 22))
	matched := 0
	for range 100000 {
		var sb strings.Builder
		for k := 1 + rng.IntN(6); k > 0; k-- {
			sb.WriteString(pieces[rng.IntN(len(pieces))])
			sb.WriteString(seps[rng.IntN(len(seps))])
		}
		line := sb.String()
		locs := metaLabelRE.FindAllStringSubmatchIndex(line, -1)
		if got := metaLabelMatches(line); !slices.EqualFunc(got, locs, slices.Equal[[]int]) {
			t.Fatalf("metaLabelMatches(%q) = %v, want %v", line, got, locs)
		}
		want := len(locs) > 0 && locs[0][0] == 0
		if got := metaLabelAt(line, 0) != nil; got != want {
			t.Fatalf("metaLabelAt(%q, 0) = %v, want %v", line, got, want)
		}
		if want {
			matched++
		}
	}
	if matched < 1000 || matched > 99000 {
		t.Fatalf("%d of 100000 lines matched: the lines do not test both answers", matched)
	}
}

// TestElementsOrder checks page.elements (the list measure makes) against
// the walk it replaced: the children of <body>, depth first, that have
// stats, on the package's pages.
func TestElementsOrder(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.html"))
	pages := []string{string(typicalPage()), `<body><p>a<script>x</script><div hidden><p>b</div><table><tr><td style="display:none">c<td>d</table>`}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, string(data))
	}
	for i, pg := range pages {
		text, _, err := textenc.Decode([]byte(pg))
		if err != nil {
			t.Fatal(err)
		}
		root, _, err := parse(pruneStyles(text))
		if err != nil {
			t.Fatal(err)
		}
		body := scanDocument(root).body
		if body == nil {
			continue
		}
		p := newPage(body)
		var want []*html.Node
		var rec func(*html.Node)
		rec = func(n *html.Node) {
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if _, ok := p.stats[c]; ok {
					want = append(want, c)
					rec(c)
				}
			}
		}
		rec(body)
		got := slices.Collect(p.elements())
		if !slices.Equal(got, want) || len(want) < 3 {
			t.Fatalf("page %d: elements gives %d elements, the walk %d", i, len(got), len(want))
		}
	}
}
