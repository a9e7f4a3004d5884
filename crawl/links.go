package crawl

import (
	"fmt"
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/PuerkitoBio/goquery"

	"gongkai/parser/textenc"
)

// link is a link found on a page.
type link struct {
	URL   string
	Title string // the title attribute when it holds more, else the text
	Date  string // YYYY-MM-DD printed next to it on a listing ("" if none)
	// Method and Body are set for a page of a POST pagination form.
	Method, Body string
}

func (l link) request() request { return request{Method: l.Method, URL: l.URL, Body: l.Body} }

// pageLinks are the links of a page that the crawl follows.
type pageLinks struct {
	Reports     []link // titled as annual reports
	Pages       []link // pagination of the listing
	Attachments []link // PDF, DOC, DOCX, WPS, ZIP files
	Title       string // the page's <title>
	// Same are requests that give this very page (the POST of its own
	// pagination form with the current page number): not asked again.
	Same []request
	// Scripts counts the page's <script> elements; Markers names the
	// template markers found (ms-repeat, v-for, {{…}}): a list built by
	// script after load.
	Scripts int
	Markers []string
	// Images are the <img> of the page's body on its own host (not those
	// of its header, navigation or footer): fetched with a report page.
	Images []link
}

// scripted says whether a page without report links may get them from
// its scripts, so that a browser would see what the static HTML lacks.
func (p pageLinks) scripted() bool {
	return len(p.Reports) == 0 && (len(p.Markers) > 0 || p.Scripts > 0)
}

// attachmentExts are the file types fetched as report attachments.
var attachmentExts = map[string]bool{".pdf": true, ".doc": true, ".docx": true, ".wps": true, ".zip": true}

// nextWords are link texts that lead to another page of a listing.
var nextWords = map[string]bool{"下一页": true, "下页": true, "后页": true, "后一页": true, ">": true, "›": true, "»": true,
	">>": true, "尾页": true, "末页": true, "最后一页": true}

// pageParams are query parameters that number a listing's pages.
var pageParams = []string{"page", "pageNo", "pageno", "pageNum", "pagenum", "pageIndex", "pageindex", "curPage", "curpage",
	"currentPage", "currentpage", "p", "pn", "page_no", "pageNumber"}

var (
	indexPageRe = regexp.MustCompile(`^(index|list|default|list_\d+|index_\d+_\d+)(_\d+)?\.(s?html?|jsp|aspx?|php)$`)
	createRe    = regexp.MustCompile(`createPageHTML\s*\(([^()]*)\)`)
	varRe       = regexp.MustCompile(`([A-Za-z_$][\w$]*)\s*=\s*(\d+)\b`)
	numberRe    = regexp.MustCompile(`^\d{1,3}$`)
)

// maxLinks caps the links taken from one page (hostile pages).
const maxLinks = 5000

// extractLinks reads the links of an HTML page fetched from base.
func extractLinks(body []byte, base *url.URL) (pageLinks, error) {
	text, _, err := textenc.Decode(body)
	if err != nil {
		return pageLinks{}, fmt.Errorf("decode %s: %w", base, err)
	}
	return parseLinks(text, base)
}

// parseLinks reads the links of an HTML page already decoded (a DOM the
// browser rendered).
func parseLinks(text string, base *url.URL) (pageLinks, error) {
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(text))
	if err != nil {
		return pageLinks{}, fmt.Errorf("read HTML of %s: %w", base, err)
	}
	if href, ok := doc.Find("base[href]").First().Attr("href"); ok {
		if b, err := base.Parse(strings.TrimSpace(href)); err == nil {
			base = b
		}
	}
	var out pageLinks
	out.Title = clean(doc.Find("title").First().Text())
	seen := map[string]bool{}
	doc.Find("a[href]").EachWithBreak(func(i int, a *goquery.Selection) bool {
		classify(&out, a, base, seen)
		return i < maxLinks
	})
	doc.Find("script").Each(func(_ int, s *goquery.Selection) {
		out.Scripts++
		for _, u := range scriptPages(s.Text(), base) {
			if !seen[u] {
				seen[u] = true
				out.Pages = append(out.Pages, link{URL: u})
			}
		}
	})
	jsLinks(&out, doc, base, seen)
	out.Images = bodyImages(doc, base)
	postForms(&out, doc, base, text)
	for _, m := range templateMarkers {
		if strings.Contains(text, m) {
			out.Markers = append(out.Markers, m)
		}
	}
	return out, nil
}

// templateMarkers are the attributes and placeholders of client-side
// templates (avalon, vue, angular, alpine, knockout, art-template).
var templateMarkers = []string{"ms-repeat", "ms-for", "ms-controller", "v-for", "v-bind", "ng-repeat", "x-for", "data-bind", "{{", "<%="}

var (
	jsURLRe  = regexp.MustCompile(`['"]([^'"\s<>()]*[./][^'"\s<>()]*)['"]`)
	jsCallRe = regexp.MustCompile(`[A-Za-z_$][\w$.]*\s*\(\s*['"]?(\d{1,4})['"]?\s*(?:,[^()]*)?\)`)
	totalRe  = regexp.MustCompile(`共\s*(\d{1,4})\s*页|/\s*(\d{1,4})\s*页|页次[:：]?\s*\d+\s*/\s*(\d{1,4})`)
)

// jsLinks reads pagination links written as scripts:
// href="javascript:goPage('index_2.html')", onclick="location.href='…'".
// A quoted path in them is a page of the listing when it looks like one
// (or the link says 下一页 or a page number).
func jsLinks(out *pageLinks, doc *goquery.Document, base *url.URL, seen map[string]bool) {
	doc.Find("a[href^='javascript'], a[href^='JavaScript'], [onclick]").Each(func(_ int, a *goquery.Selection) {
		code := a.AttrOr("onclick", "") + " " + a.AttrOr("href", "")
		text := compact(a.Text())
		for _, m := range jsURLRe.FindAllStringSubmatch(code, 4) {
			u, err := base.Parse(m[1])
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || strings.HasSuffix(u.Path, ".js") {
				continue
			}
			u.Fragment = ""
			abs := u.String()
			if seen[abs] || abs == base.String() {
				continue
			}
			if isPagination(u, base, text) || (u.Host == base.Host && (nextWords[text] || numberRe.MatchString(text))) {
				seen[abs] = true
				out.Pages = append(out.Pages, link{URL: abs})
			}
		}
	})
}

// isPageParam says whether a form field or query parameter numbers pages
// (pageNo, page.pageIndex, curPage …; not pageSize).
func isPageParam(name string) bool {
	n := strings.ToLower(name)
	if i := strings.LastIndexAny(n, ".["); i >= 0 {
		n = strings.Trim(n[i+1:], "]")
	}
	n = strings.ReplaceAll(n, "_", "")
	switch n {
	case "page", "pageno", "pagenum", "pageindex", "curpage", "currentpage", "currpage", "p", "pn", "pagenumber", "pagecurrent", "nowpage", "cpage", "pagecur":
		return true
	}
	return false
}

// postForms reads POST pagination: a form posting a page-number field,
// and the page numbers its script links ask for (javascript:goPage(3),
// onclick="toPage(2)") or the 共N页 it prints. Every other page becomes a
// POST of the form with that number; the form with the current number is
// this page itself.
func postForms(out *pageLinks, doc *goquery.Document, base *url.URL, text string) {
	doc.Find("form").Each(func(_ int, f *goquery.Selection) {
		if !strings.EqualFold(strings.TrimSpace(f.AttrOr("method", "get")), "post") {
			return
		}
		action, err := base.Parse(strings.TrimSpace(f.AttrOr("action", "")))
		if err != nil || action.Host != base.Host {
			return
		}
		action.Fragment = ""
		fields := url.Values{}
		field, cur := "", 1
		f.Find("input[name], select[name], textarea[name]").Each(func(_ int, in *goquery.Selection) {
			switch strings.ToLower(in.AttrOr("type", "")) {
			case "submit", "button", "image", "reset", "file":
				return
			}
			name, val := in.AttrOr("name", ""), in.AttrOr("value", "")
			if goquery.NodeName(in) == "select" {
				val = in.Find("option[selected]").First().AttrOr("value", in.Find("option").First().AttrOr("value", ""))
			}
			fields.Add(name, val)
			if field == "" && isPageParam(name) {
				field = name
				if n, err := strconv.Atoi(strings.TrimSpace(val)); err == nil && n > 0 {
					cur = n
				}
			}
		})
		if field == "" {
			return
		}
		pages := map[int]bool{}
		doc.Find("a[href^='javascript'], a[href^='JavaScript'], [onclick]").Each(func(_ int, a *goquery.Selection) {
			code := a.AttrOr("onclick", "") + " " + a.AttrOr("href", "")
			for _, m := range jsCallRe.FindAllStringSubmatch(code, 4) {
				if n, err := strconv.Atoi(m[1]); err == nil && n > 0 {
					pages[n] = true
				}
			}
			if nextWords[compact(a.Text())] && !strings.Contains(compact(a.Text()), "尾") {
				pages[cur+1] = true
			}
		})
		for _, m := range totalRe.FindAllStringSubmatch(text, 2) {
			for _, g := range m[1:] {
				if n, err := strconv.Atoi(g); err == nil && n > 0 {
					for i := 1; i <= min(n, 500); i++ {
						pages[i] = true
					}
				}
			}
		}
		at := func(n int) link {
			v := url.Values{}
			for k, vs := range fields {
				v[k] = append([]string(nil), vs...)
			}
			v.Set(field, strconv.Itoa(n))
			return link{URL: action.String(), Method: "POST", Body: v.Encode()}
		}
		out.Same = append(out.Same, at(cur).request())
		for n := range pages {
			if n != cur && n <= 1000 {
				out.Pages = append(out.Pages, at(n))
			}
		}
	})
}

// classify files one <a> under reports, pages or attachments.
func classify(out *pageLinks, a *goquery.Selection, base *url.URL, seen map[string]bool) {
	href := strings.TrimSpace(a.AttrOr("href", ""))
	low := strings.ToLower(href)
	if href == "" || strings.HasPrefix(href, "#") || strings.HasPrefix(low, "javascript:") || strings.HasPrefix(low, "mailto:") {
		return
	}
	u, err := base.Parse(href)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return
	}
	u.Fragment = ""
	abs := u.String()
	if seen[abs] || abs == base.String() {
		return
	}
	text := clean(a.Text())
	title := text
	if t := clean(a.AttrOr("title", "")); len(t) > len(text) || strings.HasSuffix(text, "...") || strings.HasSuffix(text, "…") {
		if t != "" {
			title = t
		}
	}
	l := link{URL: abs, Title: title}
	report, attachment := IsReportTitle(title), isAttachment(u, title)
	switch {
	case report || attachment:
		// A file titled as the report is both: a report on a listing, an
		// attachment on a report page.
		if report {
			l.Date = dateNear(a, text)
			out.Reports = append(out.Reports, l)
		}
		if attachment {
			out.Attachments = append(out.Attachments, l)
		}
	case isPagination(u, base, compact(text)):
		out.Pages = append(out.Pages, l)
	default:
		return
	}
	seen[abs] = true
}

// isAttachment: a link to a file type fetched as an attachment, by the
// URL's path, a query value (download.jsp?filename=….pdf) or the link text
// ("附件：2023年年报.pdf"). Interpretations are left out.
func isAttachment(u *url.URL, title string) bool {
	if strings.Contains(title, "解读") || strings.Contains(title, "图解") {
		return false
	}
	if attachmentExts[strings.ToLower(path.Ext(u.Path))] {
		return true
	}
	for _, vs := range u.Query() {
		for _, v := range vs {
			if attachmentExts[strings.ToLower(path.Ext(v))] {
				return true
			}
		}
	}
	return strings.Contains(title, "附件") && attachmentExts[strings.ToLower(path.Ext(title))]
}

// isPagination: a 下一页-style link, an index_N page in the listing's
// directory, the listing's own path with a page parameter, or a bare page
// number in the same directory.
func isPagination(u, base *url.URL, text string) bool {
	if u.Host != base.Host {
		return false
	}
	if nextWords[text] {
		return true
	}
	sameDir := path.Dir(u.Path) == path.Dir(base.Path) || u.Path == base.Path
	if sameDir && indexPageRe.MatchString(path.Base(u.Path)) {
		return true
	}
	if u.Path == base.Path || sameDir {
		q := u.Query()
		for _, p := range pageParams {
			if q.Has(p) {
				return true
			}
		}
	}
	return sameDir && numberRe.MatchString(text)
}

// dateNear finds the date printed next to a listing link: in the nearest
// enclosing item (li, tr, dd, p, div) that is small enough to be one entry.
func dateNear(a *goquery.Selection, text string) string {
	if d := findDate(a.AttrOr("data-date", "")); d != "" {
		return d
	}
	if d := findDate(strings.Join(a.Siblings().Map(func(_ int, s *goquery.Selection) string { return s.Text() }), " ")); d != "" {
		return d
	}
	p := a.Parent()
	for i := 0; i < 3 && p.Length() > 0; i++ {
		t := strings.Replace(p.Text(), a.Text(), "", 1)
		if len(t) > 400 {
			return ""
		}
		if d := findDate(t); d != "" {
			return d
		}
		p = p.Parent()
	}
	return ""
}

// scriptPages reads TRS-style pagination scripts:
// createPageHTML(5, 0, "index", "html") writes links to index.html,
// index_1.html … index_4.html; newer templates put a div id first and a
// record count last (createPageHTML('page_div', 5, 1, 'index', 'shtml', 80));
// variables (createPageHTML(countPage, currentPage, …)) are looked up in
// the script.
func scriptPages(script string, base *url.URL) []string {
	var out []string
	for _, m := range createRe.FindAllStringSubmatch(script, 8) {
		count, prefix, suffix, ok := createArgs(m[1], script)
		if !ok {
			continue
		}
		count = min(count, 1000)
		for i := range count {
			name := prefix + "." + suffix
			if i > 0 {
				name = prefix + "_" + strconv.Itoa(i) + "." + suffix
			}
			if u, err := base.Parse(name); err == nil {
				out = append(out, u.String())
			}
		}
	}
	return out
}

// createArgs reads the page count, name prefix and suffix from the
// arguments of a createPageHTML call.
func createArgs(args, script string) (count int, prefix, suffix string, ok bool) {
	vars := map[string]int{}
	for _, m := range varRe.FindAllStringSubmatch(script, 64) {
		n, _ := strconv.Atoi(m[2])
		vars[m[1]] = n
	}
	var nums []int
	var strs []string
	for _, a := range strings.Split(args, ",") {
		a = strings.TrimSpace(a)
		switch {
		case a == "":
		case a[0] == '"' || a[0] == '\'':
			strs = append(strs, strings.Trim(a, `"'`))
		default:
			if n, err := strconv.Atoi(a); err == nil {
				nums = append(nums, n)
			} else if n, found := vars[a]; found {
				nums = append(nums, n)
			} else {
				return 0, "", "", false // a function definition or an unknown variable
			}
		}
	}
	if len(nums) == 0 || len(strs) < 2 || nums[0] <= 0 {
		return 0, "", "", false
	}
	prefix, suffix = strs[len(strs)-2], strs[len(strs)-1]
	if prefix == "" || suffix == "" || strings.ContainsAny(prefix+suffix, "/\\?#:") {
		return 0, "", "", false
	}
	return nums[0], prefix, suffix, true
}

// Images of a report page: scans of the report, or its tables as pictures.
var (
	imageExts = map[string]bool{".jpg": true, ".jpeg": true, ".png": true, ".gif": true, ".bmp": true, ".webp": true, ".tif": true, ".tiff": true}
	// chromeWords in a class, id or file name mark the page's chrome:
	// headers, menus, logos, share buttons, QR codes, the 公安备案 and 党政
	// 机关 badges, 找错 and 无障碍 buttons.
	chromeWords = []string{"head", "foot", "nav", "menu", "logo", "banner", "share", "copyright", "ewm", "qrcode", "gongan", "beian",
		"jiucuo", "wza", "dzjg", "icon", "blank", "spacer", "loading"}
)

// maxImages caps the images taken from one report page.
const maxImages = 50

// bodyImages lists the images in the body of a page, on its own host.
func bodyImages(doc *goquery.Document, base *url.URL) []link {
	var out []link
	seen := map[string]bool{}
	doc.Find("body img").EachWithBreak(func(_ int, img *goquery.Selection) bool {
		src := ""
		for _, a := range []string{"data-original", "data-src", "src"} {
			if v := strings.TrimSpace(img.AttrOr(a, "")); v != "" && !strings.HasPrefix(strings.ToLower(v), "data:") {
				src = v
				break
			}
		}
		u, err := base.Parse(src)
		if src == "" || err != nil || u.Host != base.Host || !imageExts[strings.ToLower(path.Ext(u.Path))] {
			return true
		}
		if containsAny(strings.ToLower(path.Base(u.Path)), chromeWords) {
			return true
		}
		chrome := false
		img.ParentsFiltered("*").EachWithBreak(func(_ int, p *goquery.Selection) bool {
			switch goquery.NodeName(p) {
			case "header", "footer", "nav":
				chrome = true
			default:
				chrome = containsAny(strings.ToLower(p.AttrOr("class", "")+" "+p.AttrOr("id", "")), chromeWords)
			}
			return !chrome
		})
		u.Fragment = ""
		if chrome || seen[u.String()] {
			return true
		}
		seen[u.String()] = true
		out = append(out, link{URL: u.String(), Title: clean(img.AttrOr("alt", ""))})
		return len(out) < maxImages
	})
	return out
}
