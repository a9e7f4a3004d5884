import zipfile, sys
W='xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
def p(text, style=None, outline=None):
    ppr=''
    if style or outline is not None:
        ppr='<w:pPr>'+(f'<w:pStyle w:val="{style}"/>' if style else '')+(f'<w:outlineLvl w:val="{outline}"/>' if outline is not None else '')+'<w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr>'
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'
def tc(text, span=None, vm=None):
    pr=''
    if span or vm:
        pr='<w:tcPr>'+(f'<w:gridSpan w:val="{span}"/>' if span else '')+({'restart':'<w:vMerge w:val="restart"/>','cont':'<w:vMerge/>','contval':'<w:vMerge w:val="continue"/>'}[vm] if vm else '')+'</w:tcPr>'
    body = text if text.startswith('<') else p(text) if text else '<w:p/>'
    return f'<w:tc>{pr}{body}</w:tc>'
def tr(*cells, before=None):
    trpr = f'<w:trPr><w:gridBefore w:val="{before}"/></w:trPr>' if before else ''
    return '<w:tr>'+trpr+''.join(cells)+'</w:tr>'
def tbl(*rows): return '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol/></w:tblGrid>'+''.join(rows)+'</w:tbl>'
textbox = ('<w:p><w:r><w:t>正文含文本框：</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>'
  + p('文本框中的说明') + '</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>'
  + p('文本框中的说明') + '</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>')
runs = ('<w:p><w:r><w:t>第一行</w:t></w:r><w:r><w:br/></w:r><w:r><w:t>第二行</w:t><w:tab/><w:t>制表</w:t></w:r>'
  '<w:del w:id="1"><w:r><w:delText>已删除</w:delText></w:r></w:del>'
  '<w:ins w:id="2"><w:r><w:t>插入</w:t></w:r></w:ins>'
  '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
  '<w:hyperlink><w:r><w:t>链接</w:t></w:r></w:hyperlink></w:p>')
sdt = '<w:sdt><w:sdtPr><w:alias w:val="占位"/><w:text/></w:sdtPr><w:sdtContent>'+p('内容控件中的段落')+'</w:sdtContent></w:sdt>'
merged = tbl(
  tr(tc('项目', vm='restart'), tc('申请人情况', span=3)),
  tr(tc('', vm='cont'), tc('自然人'), tc('法人', span=2)),
  tr(tc('新收'), tc('1'), tc(''), tc('2')),
  tr(tc('结转', vm='restart'), tc('0'), tc('0'), tc('0')),
  tr(tc('', vm='contval'), tc(''), tc('', vm=None), tc('3')),
  tr(tc('备注'), tc('', vm='cont'), tc('续', span=2), before=None),
  tr(tc('缺列起始'), tc('9'), before=1),
)
nested = tbl(tr(tc('外层'), tc(p('外层单元格')+tbl(tr(tc('内1'),tc('内2')),tr(tc('3'),tc('4')))+'<w:p/>')))
layout1 = tbl(tr(tc(p('版式表格中的段落')+tbl(tr(tc('甲'),tc('乙'))))))
sdtrow = tbl('<w:sdt><w:sdtPr/><w:sdtContent>'+tr(tc('行控件'),tc('5'))+'</w:sdtContent></w:sdt>', tr('<w:sdt><w:sdtContent>'+tc('单元格控件')+'</w:sdtContent></w:sdt>', tc('6')))
body = (p('第一章 总体情况','1') + p('直接大纲级别', outline=1) + p('大纲级别9为正文', outline=9) + p('　　首行缩进的正文。') + runs + textbox + sdt
  + merged + nested + layout1 + sdtrow + p('结尾', 'BodyText'))
doc = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{body}<w:sectPr><w:pgSz w:w="11906"/></w:sectPr></w:body></w:document>'
styles = f'''<?xml version="1.0" encoding="UTF-8"?><w:styles {W}>
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="BodyText"><w:name w:val="Body Text"/></w:style>
<w:style w:type="character" w:styleId="c1"><w:name w:val="heading 1 Char"/></w:style>
</w:styles>'''
core = '''<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Microsoft Word - 文档1</dc:title></cp:coreProperties>'''
rels = '''<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'''
ct = '''<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'''
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('[Content_Types].xml', ct); z.writestr('_rels/.rels', rels)
    z.writestr('word/document.xml', doc); z.writestr('word/styles.xml', styles); z.writestr('docProps/core.xml', core)
