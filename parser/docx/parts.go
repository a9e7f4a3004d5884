package docx

import (
	"bytes"
	"encoding/xml"
	"regexp"
	"strconv"
	"strings"

	"gongkai/parser/layout"
)

const defaultMainPart = "word/document.xml"

// mainPart returns the name of the main document part, following the
// package relationship of type officeDocument when there is one.
func (a *archive) mainPart() string {
	if a.files["_rels/.rels"] == nil {
		return defaultMainPart
	}
	raw, err := a.read("_rels/.rels", a.lim.small)
	if err != nil {
		return defaultMainPart
	}
	var rels struct {
		Rel []struct {
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if xml.Unmarshal(raw, &rels) != nil {
		return defaultMainPart
	}
	for _, r := range rels.Rel {
		if strings.HasSuffix(r.Type, "/officeDocument") {
			if name := cleanName(r.Target); a.files[name] != nil {
				return name
			}
		}
	}
	return defaultMainPart
}

// junkTitle matches titles that word processors fill in by themselves.
var junkTitle = regexp.MustCompile(`(?i)^(microsoft word\s*-.*|(新建\s*)?(microsoft\s*)?(word\s*)?文档\s*\d*|document\s*\d*|doc\d+|无标题.*|untitled.*|title|标题|文件|空白文档.*)$`)

// title returns the document title from the core properties, or "" when
// it is missing or junk. A malformed core part is a warning, not an error.
func (a *archive) title(doc *layout.Document) string {
	const core = "docProps/core.xml"
	if a.files[core] == nil {
		return ""
	}
	raw, err := a.read(core, a.lim.small)
	if err != nil {
		doc.Warn(core, "core properties unreadable: %v", err)
		return ""
	}
	var props struct {
		Title string `xml:"http://purl.org/dc/elements/1.1/ title"`
	}
	if err := xml.Unmarshal(raw, &props); err != nil {
		doc.Warn(core, "core properties malformed: %v", err)
		return ""
	}
	t := strings.Join(strings.Fields(props.Title), " ")
	if junkTitle.MatchString(t) {
		return ""
	}
	return t
}

// parseStyles maps paragraph style ids to a heading level 1–9 for styles
// that are headings: a built-in "heading N" or "Title" name, or an outline
// level. Styles based on a heading style inherit its level.
func parseStyles(raw []byte) (map[string]int, error) {
	var doc struct {
		Style []struct {
			Type    string  `xml:"type,attr"`
			ID      string  `xml:"styleId,attr"`
			Name    valElem `xml:"name"`
			BasedOn valElem `xml:"basedOn"`
			Outline valElem `xml:"pPr>outlineLvl"`
		} `xml:"style"`
	}
	dec := xml.NewDecoder(bytes.NewReader(raw))
	dec.Strict = false
	if err := dec.Decode(&doc); err != nil {
		return nil, err
	}
	levels := map[string]int{}
	based := map[string]string{}
	for _, s := range doc.Style {
		if s.Type != "" && s.Type != "paragraph" {
			continue
		}
		if lv := styleLevel(s.Name.Val, s.Outline.Val); lv > 0 {
			levels[s.ID] = lv
		} else if s.BasedOn.Val != "" {
			based[s.ID] = s.BasedOn.Val
		}
	}
	for id, parent := range based {
		for range 16 { // bounded walk up the basedOn chain
			if lv, ok := levels[parent]; ok {
				levels[id] = lv
				break
			}
			if parent = based[parent]; parent == "" {
				break
			}
		}
	}
	return levels, nil
}

// valElem is an element whose value is its w:val attribute.
type valElem struct {
	Val string `xml:"val,attr"`
}

// styleLevel returns the heading level of a style from its name or its
// outline level, or 0.
func styleLevel(name, outline string) int {
	n := strings.ToLower(strings.TrimSpace(name))
	switch {
	case n == "title" || n == "标题":
		return 1
	case strings.HasPrefix(n, "heading "):
		if lv, err := strconv.Atoi(strings.TrimPrefix(n, "heading ")); err == nil && lv >= 1 && lv <= 9 {
			return lv
		}
	case strings.HasPrefix(n, "标题 "):
		if lv, err := strconv.Atoi(strings.TrimPrefix(n, "标题 ")); err == nil && lv >= 1 && lv <= 9 {
			return lv
		}
	}
	return outlineLevel(outline)
}

// outlineLevel converts a w:outlineLvl value (0–8; 9 is body text) to a
// heading level 1–9, or 0.
func outlineLevel(v string) int {
	lv, err := strconv.Atoi(v)
	if err != nil || lv < 0 || lv > 8 {
		return 0
	}
	return lv + 1
}
