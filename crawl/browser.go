package crawl

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// ErrNoBrowser is returned when a page needs a browser and no Chromium was
// found (or Options.Chromium is "-").
var ErrNoBrowser = errors.New("no Chromium found (install chromium, or set $GONGKAI_CHROMIUM)")

// FindChromium returns the path of a Chromium (or Chrome) binary:
// $GONGKAI_CHROMIUM, else chromium, chromium-browser, google-chrome or
// google-chrome-stable in PATH.
func FindChromium() (string, error) {
	if p := os.Getenv("GONGKAI_CHROMIUM"); p != "" {
		return exec.LookPath(p)
	}
	for _, n := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(n); err == nil {
			return p, nil
		}
	}
	return "", ErrNoBrowser
}

// Limits of a page in the browser.
const (
	settleMax     = 20 * time.Second // waiting for a page to stop changing
	settlePoll    = 250 * time.Millisecond
	maxDocLoads   = 6  // loads of one URL in a tab: a challenge that reloads itself for ever stops here
	maxClickPages = 50 // pages reached by clicking 下一页
)

// browser is a headless Chromium started on first use and shared by the
// crawl, one tab at a time. Every request the pages make goes through the
// crawl's own rules (interception with the Fetch domain): the host list
// (scripts aside, which may come from a CDN), robots.txt, the seed's page
// budget and the host's rate limit; images, fonts, style sheets and media
// are not loaded at all.
type browser struct {
	f    *fetcher
	path string

	once    sync.Once
	err     error
	bctx    context.Context
	cancel  []context.CancelFunc
	profile string
	tabs    chan struct{}
	loads   atomic.Int64 // pages loaded, for the summary
}

func newBrowser(f *fetcher, path string) *browser {
	return &browser{f: f, path: path, tabs: make(chan struct{}, 1)}
}

// start launches Chromium with the flags this kind of machine needs and
// a fresh profile.
func (br *browser) start() error {
	br.once.Do(func() {
		if br.path == "" || br.path == "-" {
			br.err = ErrNoBrowser
			return
		}
		profile, err := os.MkdirTemp("", "gongkai-crawl-chromium-")
		if err != nil {
			br.err = fmt.Errorf("browser profile: %w", err)
			return
		}
		br.profile = profile
		opts := []chromedp.ExecAllocatorOption{
			chromedp.ExecPath(br.path),
			chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
			chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
			chromedp.Flag("disable-sync", true), chromedp.Flag("disable-quic", true),
			chromedp.Flag("blink-settings", "imagesEnabled=false"),
			chromedp.UserDataDir(profile), chromedp.UserAgent(br.f.opt.UserAgent), chromedp.WindowSize(1280, 1024),
		}
		actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
		bctx, cancelB := chromedp.NewContext(actx)
		br.cancel = []context.CancelFunc{cancelB, cancelA}
		if err := chromedp.Run(bctx); err != nil {
			br.err = fmt.Errorf("start chromium %s: %w", br.path, err)
			return
		}
		br.bctx = bctx
	})
	return br.err
}

// close stops Chromium and removes its profile.
func (br *browser) close() {
	for _, c := range br.cancel {
		c()
	}
	if br.profile != "" {
		os.RemoveAll(br.profile) // best effort: Chromium may still be writing
	}
}

// capture is a script request (XHR or fetch) a page made, with its answer.
type capture struct {
	req    request
	status int
	mime   string
	body   []byte
}

// tab is one page in the browser with what it saw on the network.
type tab struct {
	br     *browser
	ctx    context.Context
	budget *budget

	mu       sync.Mutex
	inflight map[network.RequestID]bool
	xhr      map[network.RequestID]*capture
	order    []network.RequestID
	docLoads map[string]int // navigations by method, host, path and body
	docCode  int            // status of the last document response
	refused  []string       // requests refused, with why
	loop     bool           // too many navigations
}

// open starts a tab; the caller must call the returned cancel.
func (br *browser) open(ctx context.Context, b *budget) (*tab, context.CancelFunc, error) {
	if err := br.start(); err != nil {
		return nil, nil, err
	}
	select {
	case br.tabs <- struct{}{}:
	case <-ctx.Done():
		return nil, nil, ctx.Err()
	}
	tctx, cancelT := chromedp.NewContext(br.bctx)
	tctx, cancelTO := context.WithTimeout(tctx, 2*time.Minute)
	stop := context.AfterFunc(ctx, cancelTO) // the crawl's cancellation reaches the tab
	t := &tab{br: br, ctx: tctx, budget: b, inflight: map[network.RequestID]bool{}, docLoads: map[string]int{}, xhr: map[network.RequestID]*capture{}}
	chromedp.ListenTarget(tctx, t.listen)
	cancel := func() {
		stop()
		cancelTO()
		cancelT()
		<-br.tabs
	}
	if err := chromedp.Run(tctx, network.Enable(), fetch.Enable()); err != nil {
		cancel()
		return nil, nil, fmt.Errorf("browser tab: %w", err)
	}
	return t, cancel, nil
}

func (t *tab) listen(ev any) {
	switch e := ev.(type) {
	case *fetch.EventRequestPaused:
		go t.decide(e)
	case *network.EventRequestWillBeSent:
		t.mu.Lock()
		t.inflight[e.RequestID] = true
		if e.Type == network.ResourceTypeXHR || e.Type == network.ResourceTypeFetch {
			rq := request{Method: e.Request.Method, URL: e.Request.URL}
			for _, p := range e.Request.PostDataEntries {
				if b, err := base64.StdEncoding.DecodeString(p.Bytes); err == nil {
					rq.Body += string(b)
				}
			}
			for k, v := range e.Request.Headers {
				if strings.EqualFold(k, "Content-Type") {
					rq.ContentType, _ = v.(string)
				}
			}
			if t.xhr[e.RequestID] == nil {
				t.order = append(t.order, e.RequestID)
			}
			t.xhr[e.RequestID] = &capture{req: rq}
		}
		t.mu.Unlock()
	case *network.EventResponseReceived:
		t.mu.Lock()
		if c := t.xhr[e.RequestID]; c != nil {
			c.status, c.mime = int(e.Response.Status), e.Response.MimeType
		}
		if e.Type == network.ResourceTypeDocument {
			t.docCode = int(e.Response.Status)
		}
		t.mu.Unlock()
	case *network.EventLoadingFinished:
		t.mu.Lock()
		delete(t.inflight, e.RequestID)
		t.mu.Unlock()
	case *network.EventLoadingFailed:
		t.mu.Lock()
		delete(t.inflight, e.RequestID)
		t.mu.Unlock()
	}
}

// decide lets a paused request go on, or refuses it: off-host, forbidden
// by robots.txt, over the budget, a resource a crawl does not need, or a
// navigation loop. Allowed requests wait for the host's rate limit.
func (t *tab) decide(e *fetch.EventRequestPaused) {
	ctx := cdp.WithExecutor(t.ctx, chromedp.FromContext(t.ctx).Target)
	refuse := func(why string) {
		t.mu.Lock()
		t.refused = append(t.refused, why+" "+e.Request.URL)
		t.mu.Unlock()
		fetch.FailRequest(e.RequestID, network.ErrorReasonBlockedByClient).Do(ctx)
	}
	switch e.ResourceType {
	case network.ResourceTypeImage, network.ResourceTypeFont, network.ResourceTypeStylesheet, network.ResourceTypeMedia,
		network.ResourceTypeManifest, network.ResourceTypePing, network.ResourceTypeCSPViolationReport, network.ResourceTypePrefetch,
		network.ResourceTypeTextTrack, network.ResourceTypeWebSocket, network.ResourceTypeEventSource, network.ResourceTypeSignedExchange:
		fetch.FailRequest(e.RequestID, network.ErrorReasonBlockedByClient).Do(ctx)
		return
	}
	u, err := url.Parse(e.Request.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		fetch.ContinueRequest(e.RequestID).Do(ctx)
		return
	}
	if u.Path == "/favicon.ico" {
		fetch.FailRequest(e.RequestID, network.ErrorReasonBlockedByClient).Do(ctx)
		return
	}
	f := t.br.f
	// Scripts may come from another host (a CDN serving the template
	// library): the list cannot be built without them. Everything else
	// stays on the crawl's hosts.
	if !f.hosts(u.Host) && e.ResourceType != network.ResourceTypeScript {
		refuse("off-host")
		return
	}
	if u.Path != "/robots.txt" {
		if err := f.checkRobots(t.ctx, u, t.budget); err != nil {
			refuse(Reason(err))
			return
		}
	}
	if e.ResourceType == network.ResourceTypeDocument {
		key := e.Request.Method + " " + u.Host + u.Path
		for _, p := range e.Request.PostDataEntries {
			key += " " + p.Bytes
		}
		t.mu.Lock()
		t.docLoads[key]++
		loop := t.docLoads[key] > maxDocLoads
		t.loop = t.loop || loop
		t.mu.Unlock()
		if loop {
			refuse("reload-loop")
			return
		}
	}
	if !t.budget.take() {
		refuse("budget")
		return
	}
	if err := f.limiter(u.Host).Wait(t.ctx); err != nil {
		refuse("cancelled")
		return
	}
	f.requests.Add(1)
	f.logf("browser %s %s", e.Request.Method, e.Request.URL)
	fetch.ContinueRequest(e.RequestID).Do(ctx)
}

// navigate loads a URL; a navigation refused by decide is not an error
// of its own (the caller looks at t.loop and the DOM).
func (t *tab) navigate(raw string) error {
	t.br.loads.Add(1)
	err := chromedp.Run(t.ctx, chromedp.Navigate(raw))
	if err != nil && !strings.Contains(err.Error(), "ERR_BLOCKED_BY_CLIENT") {
		return fmt.Errorf("browser: load %s: %w", raw, err)
	}
	return nil
}

// settle waits until the DOM stops changing with no request in flight,
// and returns it.
func (t *tab) settle() (string, error) {
	var prev string
	stable := 0
	deadline := time.Now().Add(settleMax)
	for time.Now().Before(deadline) {
		select {
		case <-time.After(settlePoll):
		case <-t.ctx.Done():
			return prev, t.ctx.Err()
		}
		var dom string
		if err := chromedp.Run(t.ctx, chromedp.Evaluate(`document.documentElement ? document.documentElement.outerHTML : ""`, &dom)); err != nil {
			if t.ctx.Err() != nil {
				return prev, t.ctx.Err()
			}
			stable = 0 // a navigation under way
			continue
		}
		t.mu.Lock()
		busy := len(t.inflight) > 0
		t.mu.Unlock()
		if dom == prev && !busy {
			if stable++; stable >= 2 {
				return dom, nil
			}
		} else {
			stable = 0
		}
		prev = dom
	}
	return prev, nil
}

// stillChallenged says why the tab still shows a challenge ("" if not).
func (t *tab) stillChallenged(dom string) string {
	t.mu.Lock()
	loop, code := t.loop, t.docCode
	t.mu.Unlock()
	if loop {
		return fmt.Sprintf("the challenge reloaded itself more than %d times in the browser without passing", maxDocLoads)
	}
	p := pageShape([]byte(dom))
	for _, w := range captchaWords {
		if strings.Contains(p.text, w) {
			return "the browser was shown a CAPTCHA (not attempted)"
		}
	}
	if challengeStatus[code] && p.textLen() < 80 {
		return fmt.Sprintf("the browser still gets status %d and a page without text", code)
	}
	return ""
}

// captures returns the script requests answered with a body, reading the
// bodies from the browser.
func (t *tab) captures() []capture {
	t.mu.Lock()
	var ids []network.RequestID
	for _, id := range t.order {
		if c := t.xhr[id]; c != nil && c.status == http.StatusOK && c.body == nil {
			ids = append(ids, id)
		}
	}
	t.mu.Unlock()
	ctx := cdp.WithExecutor(t.ctx, chromedp.FromContext(t.ctx).Target)
	var out []capture
	for _, id := range ids {
		body, err := network.GetResponseBody(id).Do(ctx)
		if err != nil {
			continue
		}
		t.mu.Lock()
		c := t.xhr[id]
		c.body = body
		out = append(out, *c)
		t.mu.Unlock()
	}
	return out
}

// cookies copies the tab's cookies for raw into the fetcher's jar.
func (t *tab) cookies(raw string) (int, error) {
	ctx := cdp.WithExecutor(t.ctx, chromedp.FromContext(t.ctx).Target)
	cs, err := network.GetCookies().WithURLs([]string{raw}).Do(ctx)
	if err != nil {
		return 0, fmt.Errorf("browser cookies: %w", err)
	}
	u, err := url.Parse(raw)
	if err != nil {
		return 0, err
	}
	var hc []*http.Cookie
	for _, c := range cs {
		hc = append(hc, &http.Cookie{Name: c.Name, Value: c.Value, Path: c.Path, Secure: c.Secure, HttpOnly: c.HTTPOnly})
	}
	t.br.f.jar.SetCookies(u, hc)
	return len(hc), nil
}

// pass loads a challenged URL in the browser, as any visitor's browser
// would, lets its script run (set a cookie, reload) and keeps the cookies
// it earned for the crawl's own requests. It never touches a CAPTCHA: a
// page asking for one is an error.
func (br *browser) pass(ctx context.Context, raw string, b *budget) error {
	t, cancel, err := br.open(ctx, b)
	if err != nil {
		return err
	}
	defer cancel()
	if err := t.navigate(raw); err != nil {
		return err
	}
	dom, err := t.settle()
	if err != nil {
		return err
	}
	if why := t.stillChallenged(dom); why != "" {
		return errors.New(why)
	}
	n, err := t.cookies(raw)
	if err != nil {
		return err
	}
	br.f.logf("browser passed the challenge of %s (%d cookies)", raw, n)
	return nil
}

// rendered is a listing as the browser showed it.
type rendered struct {
	Pages []string  // the DOM after load, then after each click on 下一页
	XHR   []capture // script requests answered 200, with their bodies
}

// render loads a listing, lets its scripts build it, and clicks through
// its pagination (up to clicks pages) unless more returns false after the
// first page (a JSON endpoint was found: the pages are asked for
// directly).
func (br *browser) render(ctx context.Context, raw string, b *budget, more func(*rendered) bool) (*rendered, error) {
	t, cancel, err := br.open(ctx, b)
	if err != nil {
		return nil, err
	}
	defer cancel()
	if err := t.navigate(raw); err != nil {
		return nil, err
	}
	dom, err := t.settle()
	if err != nil {
		return nil, err
	}
	if why := t.stillChallenged(dom); why != "" {
		return nil, &BlockedError{URL: raw, Status: t.docCode, Reason: why}
	}
	r := &rendered{Pages: []string{dom}, XHR: t.captures()}
	if more != nil && !more(r) {
		return r, nil
	}
	for i := 1; i < maxClickPages && ctx.Err() == nil; i++ {
		var clicked bool
		if err := chromedp.Run(t.ctx, chromedp.Evaluate(clickNextJS, &clicked)); err != nil || !clicked {
			break
		}
		next, err := t.settle()
		if err != nil {
			return r, err
		}
		if next == dom {
			break
		}
		dom = next
		r.Pages = append(r.Pages, dom)
	}
	r.XHR = t.captures()
	return r, nil
}

// clickNextJS clicks the listing's 下一页 (links and buttons first, then
// any element saying so) unless it is disabled; it says whether it did.
const clickNextJS = `(function () {
  var words = ["下一页", "下页", "后页", "下一页>", "下一页»", "下一页>>", ">", "›", "»", ">>"];
  var sets = ["a, button, input[type=button], input[type=submit]", "span, li, div, em, i"];
  for (var s = 0; s < sets.length; s++) {
    var els = document.querySelectorAll(sets[s]);
    for (var i = 0; i < els.length; i++) {
      var e = els[i];
      var t = ((e.innerText || e.value || "") + "").replace(/\s+/g, "");
      if (words.indexOf(t) < 0) continue;
      var p = e.parentElement;
      if (e.disabled || /disabled|unable|disable|no-?more/i.test(e.className + " " + (p ? p.className : ""))) return false;
      e.click();
      return true;
    }
  }
  return false;
})()`
