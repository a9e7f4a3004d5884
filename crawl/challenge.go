package crawl

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"

	"golang.org/x/net/html"
)

// ErrBlocked marks a page that answered with an anti-bot challenge instead
// of its content.
var ErrBlocked = errors.New("blocked by an anti-bot challenge")

// BlockedError is a challenge page: the URL, the status it came with and
// why it was taken for a challenge.
type BlockedError struct {
	URL    string
	Status int
	Reason string
}

func (e *BlockedError) Error() string {
	return fmt.Sprintf("challenge page (HTTP %d): %s", e.Status, e.Reason)
}

// Unwrap makes errors.Is(err, ErrBlocked) true.
func (e *BlockedError) Unwrap() error { return ErrBlocked }

// challengeStatus are the statuses challenge pages come with: 412 (瑞数
// and similar WAFs), 202 (some cloud WAFs answer the first visit with an
// accepted-but-not-served script page), 521 (加速乐: a script computes the
// __jsl_clearance cookie and reloads).
var challengeStatus = map[int]bool{http.StatusPreconditionFailed: true, http.StatusAccepted: true, 521: true}

// maxChallengeBody is the largest body looked at as a challenge page; real
// challenge pages are a few kilobytes of (obfuscated) script.
const maxChallengeBody = 256 << 10

// challengeCookies are cookie names (or prefixes) that anti-bot services
// set with their challenge pages: 加速乐/知道创宇 (__jsluid, __jsl_clearance),
// 瑞数 (FSSBBIl1UgzbN7N…, the "80S/80T" and "443S/443T" pairs), 阿里云 WAF
// (acw_sc__v2), 云锁 (yunsuo_session_verify, security_session_verify,
// srcurl), 安全狗 (safedog-flow-item), Cloudflare (__cf_bm, cf_clearance).
var challengeCookies = []string{"__jsluid", "__jsl_clearance", "FSSBBIl1UgzbN7N", "acw_sc__v2", "yunsuo_session_verify",
	"security_session_verify", "srcurl", "safedog-flow-item", "cf_clearance", "__cf_bm"}

// captchaWords are what CAPTCHA pages say; such a page is never attempted.
var captchaWords = []string{"验证码", "captcha", "CAPTCHA", "滑动验证", "滑块", "人机验证", "geetest", "拖动"}

var refreshURLRe = regexp.MustCompile(`(?i)^\s*\d*\s*(?:[;,]\s*(?:url\s*=\s*)?['"]?([^'"]*)['"]?)?\s*$`)

// challenge says why a response is an anti-bot challenge rather than the
// page ("" when it is not one): a challenge status with a short body that
// is all script, a challenge cookie set with a page that has no text of its
// own, or a page that only refreshes itself.
func challenge(u *url.URL, status int, h http.Header, body []byte) string {
	if len(body) > maxChallengeBody {
		return ""
	}
	p := pageShape(body)
	cookie := challengeCookie(h)
	captcha := ""
	for _, w := range captchaWords {
		if strings.Contains(p.text, w) {
			captcha = "; it asks for a CAPTCHA (not attempted)"
			break
		}
	}
	switch {
	case challengeStatus[status] && p.scripts > 0 && p.textLen() < 80:
		why := fmt.Sprintf("status %d with a script-only page (%d bytes, %d scripts)", status, len(body), p.scripts)
		if cookie != "" {
			why += ", cookie " + cookie
		}
		return why + captcha
	case challengeStatus[status] && cookie != "":
		return fmt.Sprintf("status %d setting the challenge cookie %s", status, cookie) + captcha
	case challengeStatus[status] && captcha != "":
		return fmt.Sprintf("status %d", status) + captcha
	case cookie != "" && p.scripts > 0 && p.textLen() < 80:
		return fmt.Sprintf("script-only page (%d bytes) setting the challenge cookie %s", len(body), cookie) + captcha
	case p.refresh && p.textLen() < 80 && refreshesToSelf(u, p.refreshTo):
		return "a page that only refreshes itself (meta refresh loop)"
	}
	return ""
}

// challengeCookie names the first challenge cookie set by h ("" if none).
func challengeCookie(h http.Header) string {
	for _, c := range h.Values("Set-Cookie") {
		name, _, _ := strings.Cut(c, "=")
		name = strings.TrimSpace(name)
		for _, k := range challengeCookies {
			if strings.HasPrefix(name, k) {
				return name
			}
		}
	}
	return ""
}

// refreshesToSelf: a meta refresh with no URL, or to the page itself
// (query aside: challenge pages add a token).
func refreshesToSelf(u *url.URL, to string) bool {
	if strings.TrimSpace(to) == "" {
		return true
	}
	t, err := u.Parse(strings.TrimSpace(to))
	if err != nil {
		return false
	}
	return t.Host == u.Host && t.Path == u.Path
}

// shape is what a challenge check needs to know of a page.
type shape struct {
	scripts   int
	text      string // visible text, white space removed
	refresh   bool
	refreshTo string
}

func (s shape) textLen() int { return len([]rune(s.text)) }

// pageShape tokenises an HTML body (not decoding it: the checks need only
// ASCII and a rough length) and counts scripts, visible text and a meta
// refresh.
func pageShape(body []byte) shape {
	var s shape
	var b strings.Builder
	z := html.NewTokenizer(strings.NewReader(string(body)))
	skip := 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			s.text = compact(b.String())
			return s
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			switch string(name) {
			case "script":
				s.scripts++
				if tt == html.StartTagToken {
					skip++
				}
			case "style", "noscript", "title":
				if tt == html.StartTagToken {
					skip++
				}
			case "meta":
				var equiv, content string
				for hasAttr {
					var k, v []byte
					k, v, hasAttr = z.TagAttr()
					switch strings.ToLower(string(k)) {
					case "http-equiv":
						equiv = strings.ToLower(string(v))
					case "content":
						content = string(v)
					}
				}
				if equiv == "refresh" {
					if m := refreshURLRe.FindStringSubmatch(content); m != nil {
						s.refresh, s.refreshTo = true, m[1]
					}
				}
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "script", "style", "noscript", "title":
				if skip > 0 {
					skip--
				}
			}
		case html.TextToken:
			if skip == 0 && b.Len() < 4096 {
				b.Write(z.Text())
			}
		}
	}
}
