package crawl

import (
	"bytes"
	"encoding/json"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// endpoint is a listing's JSON endpoint, as seen in the browser's network
// log: the request of one page and the parameter that numbers the pages.
type endpoint struct {
	Method, URL, Body, ContentType string
	Param                          string // the page parameter
	In                             string // where it is: query, form or json
	Page                           int    // its value in the request seen
}

// at is the request for page n.
func (e endpoint) at(n int) request {
	rq := request{Method: e.Method, URL: e.URL, Body: e.Body, ContentType: e.ContentType}
	switch e.In {
	case "query":
		if u, err := url.Parse(e.URL); err == nil {
			q := u.Query()
			q.Set(e.Param, strconv.Itoa(n))
			u.RawQuery = q.Encode()
			rq.URL = u.String()
		}
	case "form":
		if v, err := url.ParseQuery(e.Body); err == nil {
			v.Set(e.Param, strconv.Itoa(n))
			rq.Body = v.Encode()
		}
	case "json":
		var m map[string]any
		d := json.NewDecoder(strings.NewReader(e.Body))
		d.UseNumber()
		if d.Decode(&m) == nil {
			if _, quoted := m[e.Param].(string); quoted {
				m[e.Param] = strconv.Itoa(n)
			} else {
				m[e.Param] = n
			}
			if b, err := json.Marshal(m); err == nil {
				rq.Body = string(b)
			}
		}
	}
	return rq
}

// pagedEndpoint finds the page parameter of a request: in its query, its
// form body or the top level of its JSON body.
func pagedEndpoint(rq request) (endpoint, bool) {
	e := endpoint{Method: rq.Method, URL: rq.URL, Body: rq.Body, ContentType: rq.ContentType}
	if e.Method == "" {
		e.Method = "GET"
	}
	num := func(v string) (int, bool) {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		return n, err == nil && n >= 0 && n < 100000
	}
	if u, err := url.Parse(rq.URL); err == nil {
		for _, k := range sortedKeys(u.Query()) {
			if n, ok := num(u.Query().Get(k)); ok && isPageParam(k) {
				e.Param, e.In, e.Page = k, "query", n
				return e, true
			}
		}
	}
	body := strings.TrimSpace(rq.Body)
	if strings.HasPrefix(body, "{") {
		var m map[string]any
		d := json.NewDecoder(strings.NewReader(body))
		d.UseNumber()
		if d.Decode(&m) == nil {
			keys := make([]string, 0, len(m))
			for k := range m {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				var s string
				switch v := m[k].(type) {
				case json.Number:
					s = v.String()
				case string:
					s = v
				}
				if n, ok := num(s); ok && isPageParam(k) {
					e.Param, e.In, e.Page = k, "json", n
					return e, true
				}
			}
		}
	} else if body != "" {
		if v, err := url.ParseQuery(body); err == nil {
			for _, k := range sortedKeys(v) {
				if n, ok := num(v.Get(k)); ok && isPageParam(k) {
					e.Param, e.In, e.Page = k, "form", n
					return e, true
				}
			}
		}
	}
	return e, false
}

func sortedKeys(v url.Values) []string {
	keys := make([]string, 0, len(v))
	for k := range v {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Field names, best first, of a JSON listing entry's title, link and date.
var (
	titleKeys = []string{"title", "doctitle", "name", "subject", "bt", "wjbt", "titlename", "maintitle", "text"}
	urlKeys   = []string{"url", "link", "href", "docurl", "docpuburl", "linkurl", "pageurl", "fileurl", "path", "detailurl", "puburl", "weburl"}
	dateKeys  = []string{"date", "pubdate", "publishdate", "docreltime", "releasedate", "fbrq", "time", "createtime", "pubtime", "publishtime"}
)

// jsonReports reads the report entries of a JSON listing: objects in an
// array (at any depth) with a string that is a report title and one that
// is a link; relative links resolve against base (the listing page).
func jsonReports(data []byte, base *url.URL) []link {
	d := json.NewDecoder(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil
	}
	var out []link
	seen := map[string]bool{}
	var walk func(v any, depth int)
	walk = func(v any, depth int) {
		if depth > 8 {
			return
		}
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				if m, ok := e.(map[string]any); ok {
					if l, ok := jsonEntry(m, base); ok {
						if !seen[l.URL] {
							seen[l.URL] = true
							out = append(out, l)
						}
						continue
					}
				}
				walk(e, depth+1)
			}
		case map[string]any:
			for _, e := range x {
				walk(e, depth+1)
			}
		}
	}
	walk(v, 0)
	return out
}

// jsonEntry reads one listing entry.
func jsonEntry(m map[string]any, base *url.URL) (link, bool) {
	str := map[string]string{} // lower-case key → string value
	for k, v := range m {
		if s, ok := v.(string); ok {
			str[strings.ToLower(k)] = strings.TrimSpace(s)
		}
	}
	pick := func(keys []string, ok func(string) bool) string {
		for _, k := range keys {
			if v := str[k]; v != "" && ok(v) {
				return v
			}
		}
		for _, k := range sortedStrKeys(str) {
			if v := str[k]; ok(v) {
				return v
			}
		}
		return ""
	}
	title := pick(titleKeys, func(s string) bool { return IsReportTitle(stripTags(s)) })
	if title == "" {
		return link{}, false
	}
	href := pick(urlKeys, looksLikeLink)
	if href == "" {
		return link{}, false
	}
	u, err := base.Parse(href)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return link{}, false
	}
	u.Fragment = ""
	l := link{URL: u.String(), Title: clean(stripTags(title))}
	for _, k := range dateKeys {
		if d := findDate(str[k]); d != "" {
			l.Date = d
			break
		}
	}
	return l, true
}

func sortedStrKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// looksLikeLink: an absolute URL, a path, or a file name of a page or
// document.
func looksLikeLink(s string) bool {
	if strings.ContainsAny(s, " \t\n<>") {
		return false
	}
	low := strings.ToLower(s)
	if strings.HasPrefix(low, "http://") || strings.HasPrefix(low, "https://") || strings.HasPrefix(s, "/") || strings.HasPrefix(s, "./") || strings.HasPrefix(s, "../") {
		return true
	}
	for _, ext := range []string{".html", ".htm", ".shtml", ".jsp", ".pdf", ".doc", ".docx", ".wps"} {
		if strings.HasSuffix(low, ext) {
			return true
		}
	}
	return false
}

// stripTags removes the markup some endpoints put in titles (<em>…</em>).
func stripTags(s string) string {
	if !strings.Contains(s, "<") {
		return s
	}
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>':
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return b.String()
}
