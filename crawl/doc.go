// Package crawl downloads 政府信息公开工作年度报告 from government websites.
//
// A crawl starts from a site's annual-report column (a 政府信息公开年报
// listing page). It follows the column's pagination (static links, the
// index_1.html … index_N.html pages of the common CMSes, ?page=N style
// parameters, links titled 下一页/下页/> and TRS createPageHTML(…) scripts),
// recognises report links by their titles (IsReportTitle), downloads the
// report pages and the attachments they link (PDF, DOC, DOCX, WPS, ZIP),
// and hands each one to a sink with its provenance: URL, referrer, listing
// title and date, fetch time, HTTP status and headers. The command wires
// the sink to ingest.ImportFetched, which parses and catalogs them.
//
// # Sites as they are
//
// A seed marked Discover is any page of a site: discover.go finds its
// column by following navigation links (政务公开 → 政府信息公开 → 年报) on the
// site's registrable domain and its linked disclosure platform. A listing
// whose list is built by script is read in headless Chromium (browser.go,
// chromedp; every request of the page goes through the rules below), and
// the JSON endpoint seen in the browser's network log is used directly for
// later pages and crawls (jsonlist.go). POST pagination forms and
// javascript: page links are read from the static HTML (links.go).
// Challenge pages (challenge.go) are retried once in the browser and
// otherwise recorded as blocked; they are never handed to the sink as
// documents.
//
// # Manners
//
// robots.txt is honoured (github.com/temoto/robotstxt, Crawl-delay too);
// every host has its own token bucket (golang.org/x/time/rate, Options.Rate
// requests per second, burst 1) through which every request passes, robots.txt,
// retries and redirect hops included; the User-Agent names the program and a
// contact; 5xx, 429 and network timeouts are retried with exponential
// backoff (Retry-After honoured, capped); redirects are followed by hand, hop
// by hop, each hop checked against the host list and robots.txt, with loop
// detection; a response larger than Options.MaxSize is refused (by
// Content-Length, or by aborting the body read); pages and depth are capped
// per seed; other hosts are left alone unless Options.FollowHosts allows them.
//
// # State
//
// The crawl state lives in its own SQLite file next to the catalog
// (ARCHIVE/crawl.db, see State), not in the catalog: per URL the ETag,
// Last-Modified, sha256, size, status, last fetch and last error, plus the
// bodies of HTML pages so that a 304 on a listing or report page still
// yields its links. A re-crawl sends If-None-Match/If-Modified-Since; a 304,
// or a 200 whose body hashes to the stored sha256, costs no import. A
// document is only asked for conditionally when Options.Imported confirms
// the archive holds it, so an import interrupted after the fetch is redone.
//
// # Why not colly
//
// github.com/gocolly/colly/v2 (v2.3.0, December 2025) is maintained and has
// robots.txt (the same temoto parser), per-domain delays, MaxDepth and
// MaxBodySize. It does not do what an archive needs most: conditional GET
// against a stored ETag/Last-Modified (its CacheDir replays responses
// forever), per-hop control of redirects, provenance of each response,
// retries with backoff (left to callbacks), and it decides charsets itself.
// It would bring eleven modules (antchfx xpath/htmlquery/xmlquery, appengine,
// chardet, …) to save the few hundred lines of net/http here. So the crawler
// is net/http + goquery (already a dependency) + temoto/robotstxt +
// x/time/rate, and pages are decoded by parser/textenc like every other
// document.
package crawl
