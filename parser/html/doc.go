// Package html extracts the report body of a Chinese government web page
// (政府信息公开工作年度报告 published as HTML) into a layout.Document.
//
// The page is decoded by textenc (the bytes decide the encoding, a declared
// charset is ignored), parsed with x/net/html, and then:
//
//  1. page metadata is collected from <meta name=…> tags, CMS tags
//     (<publishtime>, <ucaptitle>), metadata tables and lists above the
//     article (索引号, 发布机构, 发布日期 …) and "发布时间：… 来源：…" lines;
//     every element used for metadata is consumed and never becomes a block;
//  2. the report body is located: a known content container (#zoom,
//     .TRS_Editor, <ucapcontent> …) when one holds most of the page's text,
//     else a text-density descent from <body>;
//  3. the body is linearised into Para, Heading and Table blocks while site
//     chrome (navigation, breadcrumbs, share bars, counters, print/close
//     buttons, related links, footers) is dropped by element class/id, by
//     link density and by the text of short lines.
//
// Word-pasted markup is normalised: text runs split over many <span>/<font>
// elements are joined without inserted spaces, whitespace between two CJK
// characters is dropped, &nbsp; padding is trimmed, and the zero-height
// spacer row Word emits inside <![if !supportMisc]> is removed. Tables keep
// every cell as printed (empty cells included) with RowSpan/ColSpan.
package html
