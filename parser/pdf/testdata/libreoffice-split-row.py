# Makes the DOCX behind testdata/libreoffice-split-row.pdf ("python3 libreoffice-split-row.py 8")
# and libreoffice-row-on-new-page.pdf ("python3 libreoffice-split-row.py 14 blank"); then:
# soffice --headless --convert-to pdf wrapped-row.docx
import sys, zipfile
n=int(sys.argv[1]); blank=len(sys.argv)>2
labels=["一号项目年度统计","二号项目跨年度结转数量","三号项目因故未能办理的申请","四号项目要求重新出具已经获取的材料","五号项目其他情形"]
def p(t): return f'<w:p><w:r><w:t>{t}</w:t></w:r></w:p>'
def tc(t,w): return f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>{p(t)}</w:tc>'
widths=[900,1100,1100,1300]
def tr(cells): return '<w:tr>'+''.join(tc(c,w) for c,w in zip(cells,widths))+'</w:tr>'
rows=[tr(["项目","甲","乙","合计"])]+[tr([f"{i+1}.{l}",*([""]*3 if blank else [str(10*i+3),str(i),str(11*i+3)])]) for i,l in enumerate(labels)]
borders=''.join(f'<w:{s} w:val="single" w:sz="4" w:space="0" w:color="000000"/>' for s in ["top","left","bottom","right","insideH","insideV"])
tbl=f'<w:tbl><w:tblPr><w:tblW w:w="4400" w:type="dxa"/><w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>'+''.join(f'<w:gridCol w:w="{w}"/>' for w in widths)+'</w:tblGrid>'+''.join(rows)+'</w:tbl>'
body=p("示例表格：标签列较窄")+''.join(p(f"第{i}段说明文字。") for i in range(1,n))+tbl+p("表后说明。")
sect='<w:sectPr><w:pgSz w:w="5953" w:h="8391"/><w:pgMar w:top="720" w:right="720" w:bottom="720" w:left="720" w:header="0" w:footer="0" w:gutter="0"/></w:sectPr>'
doc=f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}{sect}</w:body></w:document>'
ct='<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
rels='<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
with zipfile.ZipFile("wrapped-row.docx","w") as z:
    z.writestr("[Content_Types].xml",ct); z.writestr("_rels/.rels",rels); z.writestr("word/document.xml",doc)
