package html

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"gongkai/parser/textenc"
)

// styleMatters is what extraction asks of a style value, asked the way it
// asks it (hidden, and table.go's row height), independently of
// inertStyle.
func styleMatters(v string) bool {
	return hidden(&html.Node{Type: html.ElementNode, Attr: []html.Attribute{{Key: "style", Val: v}}}) ||
		strings.Contains(strings.ToLower(squeeze(v)), "height:0")
}

// liveAttrs are the attributes of n without the style attributes that do
// not matter (styleMatters), which extraction reads as it reads no style,
// and, unless n is a formatting element (whose attributes the tree builder
// compares), without the attributes nothing reads (unread).
func liveAttrs(n *html.Node) []html.Attribute {
	var live []html.Attribute
	for _, a := range n.Attr {
		switch {
		case a.Namespace != "":
		case a.Key == "style" && !styleMatters(a.Val):
			continue
		case unread(a.Key) && !(n.Type == html.ElementNode && n.Namespace == "" && formatting(n.Data)):
			continue
		}
		live = append(live, a)
	}
	return live
}

// checkSameTree fails unless the tree x/net/html builds from pruned is the
// one it builds from text, except for style attributes that did not
// matter, emptied or cut out.
func checkSameTree(t *testing.T, text, pruned string) {
	t.Helper()
	a, errA := html.Parse(strings.NewReader(text))
	b, errB := html.Parse(strings.NewReader(pruned))
	if (errA == nil) != (errB == nil) {
		t.Fatalf("parse errors differ: %v / %v", errA, errB)
	}
	if errA != nil {
		return
	}
	var walk func(x, y *html.Node, path string)
	walk = func(x, y *html.Node, path string) {
		ax, ay := liveAttrs(x), liveAttrs(y)
		if x.Type != y.Type || x.Data != y.Data || x.DataAtom != y.DataAtom || x.Namespace != y.Namespace || len(ax) != len(ay) {
			t.Fatalf("%s: node %v %q %v differs from %v %q %v\ntext:   %q\npruned: %q", path, x.Type, x.Data, x.Attr, y.Type, y.Data, y.Attr, text, pruned)
		}
		for i := range ax {
			if ax[i] != ay[i] {
				t.Fatalf("%s: attribute %v differs from %v\ntext:   %q\npruned: %q", path, ax[i], ay[i], text, pruned)
			}
		}
		cx, cy := x.FirstChild, y.FirstChild
		for i := 0; cx != nil || cy != nil; i++ {
			if cx == nil || cy == nil {
				t.Fatalf("%s: child counts differ\ntext:   %q\npruned: %q", path, text, pruned)
			}
			walk(cx, cy, path+"/"+x.Data)
			cx, cy = cx.NextSibling, cy.NextSibling
		}
	}
	walk(a, b, "")
}

var pruneCases = []struct {
	in, want string
}{
	{`<p style='font-size:16pt'>x</p>`, `<p >x</p>`},
	{`<p STYLE="font-size:16pt;line-height:28.0pt">x</p>`, `<p >x</p>`},
	{`<p style='display:none'>x</p>`, ``},
	{`<p style='DISPLAY: NONE'>x</p>`, ``},
	{`<p style='visibility:hidden'>x</p>`, ``},
	{`<p style='mso-hide:all'>x</p>`, ``},
	{`<p style='border-top:none'>x</p>`, ``}, // mayHide: kept, extraction asks further
	{`<tr style='height:0'>`, ``},
	{`<tr style='HEIGHT : 0pt'>`, ``},
	{"<tr style='height:\u200b0'>", ``},
	{"<tr style='height:\u00a00'>", ``},
	{"<tr style='\u212aheight:0'>", ``}, // the Kelvin sign lowers to k
	{`<tr style='height:10.0pt;margin:0cm'>`, `<tr >`},
	{`<tr style='line-height:0'>`, ``},
	{"<tr style='he ight\t:\n0'>", ``},
	{`<tr style='heigHT:0'>`, ``},
	{"<tr style='height:\u30000'>", ``},
	{"<tr style='\u0130height:0'>", ``},
	{"<tr style='he\u00adight:0'>", ``},
	{`<tr style='heigt:0;ht:0;:0;0'>`, `<tr >`},
	{`<tr style='eight:0;height;0'>`, `<tr >`},
	{"<tr style='宋height:10.0pt'>", `<tr >`},
	{`<p style='display:&#110;one'>x</p>`, ``}, // entities are the tokenizer's to decode
	{"<p style='a\rb'>x</p>", ``},
	{"<p style='a\x00b'>x</p>", ``},
	{`<p style=font-size:16pt>x</p>`, ``}, // unquoted: never rewritten
	{`<p class=a style='x:1' style='y:2'>x</p>`, `<p class=a style='' style=''>x</p>`},
	{`<p data-style='x:1' styles='y:2'>x</p>`, ``},
	{"<p \u017ftyle='x:1'>x</p>", ``},
	{`<!-- <p style='x:1'> --><p style='y:2'>`, `<!-- <p style='x:1'> --><p >`},
	{`<!--> <p style='x:1'>`, `<!--> <p >`},
	{`<!---> <p style='x:1'>`, `<!---> <p >`},
	{`<!-- a --!> <p style='x:1'>`, `<!-- a --!> <p >`},
	{`<!-- a --!-> <p style='x:1'> -->`, ``},
	{`<!-- <p style='x:1'>`, ``},
	{`<!DOCTYPE html><p style='x:1'>`, `<!DOCTYPE html><p >`},
	{`<!bogus <p style='x:1'>`, ``},
	{`<?xml <p style='x:1'>?> <p style='y:2'>`, `<?xml <p style='x:1'>?> <p >`},
	{`</ <p style='x:1'>`, ``},
	{`</> <p style='x:1'>`, `</> <p >`},
	{`</p style='x:1'><p style='y:2'>`, `</p style='x:1'><p >`},
	{`<script>var s = "<p style='x:1'>";</script><p style='y:2'>`, `<script>var s = "<p style='x:1'>";</script><p >`},
	{`<script><!-- document.write("<script></script>") --></script><p style='y:2'>`, ``},
	{`<SCRIPT>a</scriptx><p style='x:1'></SCRIPT ><p style='y:2'>`, `<SCRIPT>a</scriptx><p style='x:1'></SCRIPT ><p >`},
	{`<title><p style='x:1'></title><p style='y:2'>`, `<title><p style='x:1'></title><p >`},
	{`<textarea><p style='x:1'></textarea>`, ``},
	{`<style>p{}</style ><p style='y:2'>`, `<style>p{}</style ><p >`},
	{`<xmp><p style='x:1'></xmp/><p style='y:2'>`, `<xmp><p style='x:1'></xmp/><p >`},
	{`<noscript><p style='x:1'></noscript>`, ``},
	{`<iframe><p style='x:1'>`, ``},
	{`<plaintext><p style='x:1'>`, ``},
	{`<svg><title><p style='x:1'></title></svg>`, ``},
	{`<math><p style='x:1'>`, ``},
	{`<p/style='x:1'>a`, `<p/style=''>a`},
	{`<br style='x:1'/>`, `<br />`},
	{`<p a=b/ style='x:1'>`, `<p a=b/ >`},
	{`<p a='b'style='x:1'>`, `<p a='b'style=''>`},
	{`<p =style='x:1'>`, ``},
	{`<p style = 'x:1' >`, `<p  >`},
	{`<p style='x:1`, ``},
	{`<p style=`, ``},
	{`<p a="<p style='x:1'>" style='y:2'>`, `<p a="<p style='x:1'>" >`},
	{`a < b <3 <p style='x:1'>`, `a < b <3 <p >`},
	{`<`, ``},
	{`<p`, ``},
	{`<p style='x:1' style='display:none'>a</p>`, `<p style='' style='display:none'>a</p>`},
	// Formatting elements keep their styles: the parser compares their
	// attributes (the Noah's Ark clause), so four <b> that differ only in
	// style would become identical and one would not be reopened.
	{`<p><b style='x:1'><b style='x:2'><b style='x:3'><b style='x:4'></p><p>text`, ``},
	{`<p><FONT style='x:1'><font style='x:2'><font style='x:3'><font style='x:4'></p><p>text`, ``},
	{`<span lang=EN-US style='x:1'/>`, `<span  />`},
	{`<span lang=EN-US style='x:1'>`, `<span  >`},
	// Unread attributes: cut whole after white space, unless an unquoted
	// value ends in '/'; kept on formatting elements.
	{`<td width=204 valign=top style='width:153.0pt'><p class=MsoNormal align=center>`, `<td   ><p class=MsoNormal >`},
	{`<td WIDTH="204" Valign='top' lang=''>`, `<td   >`},
	{`<br lang=a/>`, ``},
	{`<br lang=a/ >`, ``},
	{`<br lang=a />`, `<br  />`},
	{`<br lang="a"/>`, `<br />`},
	{`<p lang= >`, ``},
	{`<p lang>x`, ``},
	{`<p a=b lang=c align=d>`, `<p a=b  >`},
	{`<p a='b'lang=c>`, ``},
	{`<p/lang=c>`, ``},
	{`<p a= lang=c>`, ``},
	{`<p lang="c"=d>`, `<p =d>`},
	{`<p lang="c"/ class=x>`, `<p / class=x>`},
	{`<p lang=a lang=b/>`, `<p  lang=b/>`},
	{`<b lang=a><b lang=a><b lang=a><b lang=b></p><p>text`, ``},
	{`<A width=1 href=x>`, ``},
	{`<body lang=ZH-CN><body lang=EN-US align=left>`, `<body ><body  >`},
	{`<p xml:lang=a data-width=1 widths=2>`, ``},
	{"<span\tstyle='x:1'\n>", "<span\t\n>"},
	{`<body style='x:1'><body style='y:2'>`, `<body ><body >`},
	{`<p style='x:1'><table><tr style='height:0'><td style='border:solid 1.0pt'>1</td></tr></table>`, `<p ><table><tr style='height:0'><td >1</td></tr></table>`},
}

func TestPruneStyles(t *testing.T) {
	for _, c := range pruneCases {
		got := pruneStyles(c.in)
		want := c.want
		if want == "" {
			want = c.in
		}
		if got != want {
			t.Errorf("pruneStyles(%q)\n = %q\nwant %q", c.in, got, want)
		}
		checkSameTree(t, c.in, got)
	}
}

// TestPruneStyles_Pages checks the tree on the package's pages and that a
// Word page loses most of its bytes.
func TestPruneStyles_Pages(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.html"))
	if len(files) == 0 {
		t.Fatal("no testdata pages")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text, _, err := textenc.Decode(data)
		if err != nil {
			t.Fatal(err)
		}
		pruned := pruneStyles(text)
		checkSameTree(t, text, pruned)
		if strings.Contains(f, "word") && len(pruned) > len(text)*3/4 {
			t.Errorf("%s: %d of %d bytes left", f, len(pruned), len(text))
		}
	}
	page := string(typicalPage())
	checkSameTree(t, page, pruneStyles(page))
}

// FuzzPruneStyles checks that any text parses to the same tree pruned.
func FuzzPruneStyles(f *testing.F) {
	for _, c := range pruneCases {
		f.Add(c.in)
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "*.html"))
	for _, file := range files {
		if data, err := os.ReadFile(file); err == nil && len(data) <= 16<<10 {
			f.Add(string(data))
		}
	}
	f.Fuzz(func(t *testing.T, text string) {
		checkSameTree(t, text, pruneStyles(text))
	})
}

// FuzzInertStyle checks inertStyle against what extraction asks of a
// style value (styleMatters).
func FuzzInertStyle(f *testing.F) {
	for _, v := range []string{"height:0", "HEIGHT : 0", "line-height:28.0pt;margin:0cm", "display:none", "he\u00adight:0",
		"\u212aheight:0", "font-family:仿宋_GB2312;height:\u30000", "mso-hide:all", "border:none", "x&#110;"} {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, v string) {
		if inertStyle(v) && styleMatters(v) {
			t.Fatalf("inertStyle(%q) but it matters", v)
		}
	})
}

// TestUnreadAttributesUnread checks that no code of the package names an
// attribute pruneStyles cuts out (unread): extraction reading one would
// find it missing on most elements.
func TestUnreadAttributesUnread(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no Go files: %v", err)
	}
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || f == "prune.go" {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				if v, err := strconv.Unquote(lit.Value); err == nil && unread(v) {
					t.Errorf("%s: the package reads attribute %q, which pruneStyles cuts out (unread)", fset.Position(lit.Pos()), v)
				}
			}
			return true
		})
	}
}
