package crawl

import (
	"context"
	"net"
	"net/url"
	"path"
	"sort"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/publicsuffix"

	"gongkai/parser/textenc"
)

// KindNav is a page read while looking for a site's column.
const KindNav = "nav"

// Column is the annual-report column found for a site.
type Column struct {
	Site    string   // the start page
	URL     string   // the column's listing page ("" when none was found)
	Via     []string // the link texts followed from the start page
	Reports int      // report links on it when chosen (0 for a script-built list)
	Render  bool     // its list is built by script: it needs a browser
	Stored  bool     // taken from the crawl state, not discovered again
	Pages   int      // pages read to find it
	// Platforms are hosts of other names the site links as its
	// disclosure platform (政府信息公开平台), followed like its own.
	Platforms []string
}

// Words of navigation links. A link naming the column itself (年报, 年度
// 报告) leads to a candidate; one naming the way there (政务公开, 政府信息
// 公开, 法定主动公开内容, 公开目录) is followed first. Neighbouring columns
// (指南, 制度, 依申请公开, 解读) and other annual reports (法治政府建设,
// 统计, 预决算) are not.
var (
	columnNames = []string{"年报", "年度报告"}
	pathNames   = []string{"政务公开", "信息公开", "主动公开", "公开目录", "公开平台", "政府公开", "公开专栏"}
	notNav      = []string{"指南", "制度", "申请", "规定", "解读", "意见", "回应", "办法", "规章", "动态", "法治", "统计", "决算", "预算",
		"审计", "目录编制", "监督", "保障", "新闻", "要闻"}
	// URL path segments of columns (年度报告 ndbg, 公开年报 gknb …) and of
	// the way there (政务公开 zwgk, 信息公开 xxgk, 公开目录 gkml …).
	columnSegs = map[string]bool{"ndbg": true, "gknb": true, "xxgknb": true, "zfxxgknb": true, "zwgknb": true, "ndnb": true,
		"gzndbg": true, "xxgkndbg": true, "nb": true, "ndgzbg": true}
	pathSegs = map[string]bool{"zwgk": true, "xxgk": true, "zfxxgk": true, "gkml": true, "fdzdgknr": true, "zfxxgkpt": true,
		"xxgkpt": true, "zdgk": true, "govinfo": true, "openness": true, "gk": true, "zwgkzl": true}
)

// navScore rates a navigation link: 4 names the column, 3 has a column's
// path segment, 2 names the way there, 1 has such a path segment, 0 is not
// followed. Links with a year are reports (or other years' things), not
// navigation.
func navScore(text string, u *url.URL) int {
	t := compact(text)
	if t != "" && len([]rune(t)) <= 20 && !yearRe.MatchString(t) && !containsAny(t, excludedTitleWords) && !containsAny(t, notNav) {
		if containsAny(t, columnNames) {
			return 4
		}
		if containsAny(t, pathNames) {
			return 2
		}
	}
	if t != "" && (containsAny(t, notNav) || containsAny(t, excludedTitleWords) || yearRe.MatchString(t)) {
		return 0
	}
	best := 0
	for _, seg := range strings.Split(strings.ToLower(u.Path), "/") {
		seg = strings.TrimSuffix(seg, path.Ext(seg))
		switch {
		case columnSegs[seg]:
			return 3
		case pathSegs[seg]:
			best = 1
		}
	}
	return best
}

// platformLink: the link names the site's disclosure platform.
func platformLink(text string) bool {
	t := compact(text)
	return strings.Contains(t, "公开") && (strings.Contains(t, "平台") || strings.Contains(t, "公开网"))
}

// titleNamesColumn: a page title naming an annual-report column (and no
// year: a report's own page names its year).
func titleNamesColumn(title string) bool {
	t := compact(title)
	return containsAny(t, columnNames) && !yearRe.MatchString(t) && !containsAny(t, excludedTitleWords) && !containsAny(t, notNav)
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// regDomain is the registrable domain of a host (port aside): the name
// under its public suffix (publicsuffix, so that www.xx.gov.cn and
// xxgk.xx.gov.cn are one site and xx.gov.cn and yy.gov.cn are not); an IP
// address is its own domain.
func regDomain(host string) string {
	name := strings.ToLower(host)
	if h, _, err := net.SplitHostPort(name); err == nil {
		name = h
	}
	name = strings.Trim(name, "[]")
	if net.ParseIP(name) != nil {
		return name
	}
	if d, err := publicsuffix.EffectiveTLDPlusOne(name); err == nil {
		return d
	}
	return name
}

// navItem is a page to read while looking for the column.
type navItem struct {
	url          string
	depth, score int
	via          []string
}

// discover looks for a site's annual-report column from s.URL: best-first
// over navigation links (names of the column first, then of the way
// there), at most Options.DiscoverDepth hops and DiscoverPages pages, on
// the site's registrable domain and the platform hosts it links. A page
// reached by the column's name (or titled so) that lists report links is
// the column; one whose list is built by script is a candidate for the
// browser. Every request goes through the crawl's manners.
func (c *crawler) discover(ctx context.Context, s Seed, site *SiteResult, b *budget) (Column, error) {
	col := Column{Site: s.URL}
	start, err := checkURL(s.URL)
	if err != nil {
		return col, err
	}
	c.allowDomain(start.Host)
	frontier := []navItem{{url: start.String()}}
	seen := map[string]bool{start.String(): true}
	var best *Column
	bestScore := -1
	for len(frontier) > 0 && col.Pages < c.opt.DiscoverPages && ctx.Err() == nil {
		sort.SliceStable(frontier, func(i, j int) bool {
			if frontier[i].score != frontier[j].score {
				return frontier[i].score > frontier[j].score
			}
			return frontier[i].depth < frontier[j].depth
		})
		it := frontier[0]
		frontier = frontier[1:]
		col.Pages++
		t := task{url: it.url, kind: KindNav, referrer: s.URL, depth: it.depth}
		resp, err := c.get(ctx, site, t.request(), conditional{}, b)
		if err != nil {
			if err := c.failed(ctx, s, site, t, Record{}, err); err != nil {
				return col, err
			}
			continue
		}
		c.f.logf("%d %s (looking for the column)", resp.Status, it.url)
		if !isHTML(resp.Header, resp.Body) {
			continue
		}
		text, _, err := textenc.Decode(resp.Body)
		if err != nil {
			continue
		}
		base, _ := url.Parse(resp.URL)
		links, err := parseLinks(text, base)
		if err != nil {
			continue
		}
		score := it.score
		if titleNamesColumn(links.Title) {
			score = max(score, 4)
		}
		if score >= 3 && (len(links.Reports) > 0 || links.scripted()) {
			cand := Column{URL: it.url, Via: it.via, Reports: len(links.Reports), Render: len(links.Reports) == 0}
			rank := score*100000 + min(len(links.Reports), 9999)*10 + (9 - min(it.depth, 9))
			if rank > bestScore {
				best, bestScore = &cand, rank
			}
			c.keep(it.url, resp)
			break // the column, reached by its name
		}
		if it.depth >= c.opt.DiscoverDepth {
			continue
		}
		doc, err := goquery.NewDocumentFromReader(strings.NewReader(text))
		if err != nil {
			continue
		}
		if href, ok := doc.Find("base[href]").First().Attr("href"); ok {
			if b2, err := base.Parse(strings.TrimSpace(href)); err == nil {
				base = b2
			}
		}
		doc.Find("a[href]").Each(func(_ int, a *goquery.Selection) {
			href := strings.TrimSpace(a.AttrOr("href", ""))
			if strings.HasPrefix(strings.ToLower(href), "javascript:") || strings.HasPrefix(href, "#") {
				return
			}
			u, err := base.Parse(href)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
				return
			}
			u.Fragment = ""
			name := clean(a.Text())
			if name == "" {
				name = clean(a.AttrOr("title", ""))
			}
			sc := navScore(name, u)
			if sc == 0 || seen[u.String()] {
				return
			}
			if !c.allowed(u.Host) {
				if !platformLink(name) {
					return
				}
				c.allowHost(u.Host) // the site's own link to its disclosure platform
				col.Platforms = append(col.Platforms, u.Host)
			}
			seen[u.String()] = true
			via := append(append([]string(nil), it.via...), name)
			frontier = append(frontier, navItem{url: u.String(), depth: it.depth + 1, score: sc, via: via})
		})
	}
	if best != nil {
		col.URL, col.Via, col.Reports, col.Render = best.URL, best.Via, best.Reports, best.Render
	}
	return col, ctx.Err()
}
