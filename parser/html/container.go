package html

import (
	"golang.org/x/net/html"
)

// Known content containers of government CMSes, by id or class token
// (lower-cased). Tier 1 names are specific to article bodies; tier 2 names
// are generic and also used for wrappers, so they rank lower.
var (
	containerTier1 = map[string]bool{
		"zoom": true, "trs_editor": true, "custom_unionstyle": true, "ucapcontent": true,
		"ucap-content": true, "news_content": true, "newscontent": true, "pages_content": true,
		"wzcon": true, "article_content": true, "article-content": true, "articlecontent": true,
		"art_con": true, "artcon": true, "xxgk_content": true, "detail_content": true,
		"detail-content": true, "content_text": true, "contenttext": true, "text_content": true,
		"zwgk_content": true, "info_content": true, "infocontent": true, "fontzoom": true,
		"bt_content": true, "con_text": true, "view_content": true, "main_content": true,
	}
	containerTier2 = map[string]bool{
		"content": true, "article": true, "con": true, "detail": true, "view": true,
		"main": true, "text": true, "txt": true, "conn": true, "nr": true, "zw": true,
		"body": true, "context": true, "contents": true, "wenzhang": true,
	}
)

// Thresholds for accepting a known container: it must hold some body text,
// little of it in links, and a fair share of the page's body text.
const (
	minContainerHan   = 20
	maxContainerLinks = 0.5
	minContainerShare = 0.3
	innerShare        = 0.85 // a nested container is preferred if it keeps this share
	descentShare      = 0.7  // density descent follows a child holding this share
)

// findContainer returns the element holding the report body and a
// description of how it was chosen.
func (p *page) findContainer(q *docNodes) (*html.Node, string) {
	var tier [3][]*html.Node
	tier[0] = append(tier[0], q.ucap...)
	for n := range p.elements() {
		if t := nameMatch(n, testContainer); t != 0 {
			tier[t] = append(tier[t], n)
		}
		if n.Data == "article" || n.Data == "main" {
			tier[2] = append(tier[2], n)
		}
	}
	for i, cands := range tier {
		if best := p.bestCandidate(cands); best != nil {
			best = p.innermost(best, append(append([]*html.Node{}, tier[1]...), tier[2]...))
			return best, "known " + describe(best) + tierName[i]
		}
	}
	n := p.descend(p.body)
	return n, "by text density " + describe(n)
}

var tierName = [3]string{" (CMS tag)", " (specific name)", " (generic name)"}

// elements iterates over the visible elements under <body> in document
// order (those measured), from the list measure made.
func (p *page) elements() func(func(*html.Node) bool) {
	return func(yield func(*html.Node) bool) {
		for _, n := range p.order {
			if n != p.body && !yield(n) {
				return
			}
		}
	}
}

// qualifies reports whether n could be the report body.
func (p *page) qualifies(n *html.Node) bool {
	s, ok := p.stats[n]
	if !ok {
		return false
	}
	total := p.stats[p.body].nonLink()
	return s.nonLink() >= minContainerHan && s.linkDensity() <= maxContainerLinks &&
		float64(s.nonLink()) >= minContainerShare*float64(total)
}

// bestCandidate returns the qualifying candidate with the most body text.
func (p *page) bestCandidate(cands []*html.Node) *html.Node {
	var best *html.Node
	for _, n := range cands {
		if p.qualifies(n) && (best == nil || p.stats[n].nonLink() > p.stats[best].nonLink()) {
			best = n
		}
	}
	return best
}

// innermost returns the deepest qualifying candidate inside best that keeps
// innerShare of best's body text, or best itself.
func (p *page) innermost(best *html.Node, cands []*html.Node) *html.Node {
	want := innerShare * float64(p.stats[best].nonLink())
	out := best
	for _, n := range cands {
		s := p.stats[n]
		if n == best || !p.qualifies(n) || float64(s.nonLink()) < want || s.depth <= p.stats[out].depth {
			continue
		}
		if contains(best, n) {
			out = n
		}
	}
	return out
}

// contains reports whether anc is a proper ancestor of n.
func contains(anc, n *html.Node) bool {
	for a := n.Parent; a != nil; a = a.Parent {
		if a == anc {
			return true
		}
	}
	return false
}

// descend walks down from n while a single child element holds most of the
// body text, and returns where it stopped.
func (p *page) descend(n *html.Node) *html.Node {
	for range maxWalkDepth {
		total := p.stats[n].nonLink()
		var best *html.Node
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if s, ok := p.stats[c]; ok && (best == nil || s.nonLink() > p.stats[best].nonLink()) {
				best = c
			}
		}
		if best == nil || total == 0 || float64(p.stats[best].nonLink()) < descentShare*float64(total) {
			return n
		}
		n = best
	}
	return n
}
