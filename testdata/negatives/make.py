#!/usr/bin/env python3
"""Writes the negative set of the report classifier: documents that are
not government information disclosure annual reports, as found beside them
on government sites and in archive folders. Written for gongkai (no real
text copied); run from this directory: python3 make.py"""
import io, zipfile, os, html

PLACES = [("莆田市", "莆田市人民政府"), ("晋江市", "晋江市人民政府"), ("洪泽区", "淮安市洪泽区人民政府"),
          ("平潭综合实验区", "平潭综合实验区管委会"), ("仙游县", "仙游县人民政府"), ("青阳街道", "青阳街道办事处"),
          ("鼓楼区", "福州市鼓楼区人民政府"), ("淮安市", "淮安市人民政府")]
DEPTS = ["市应急管理局", "市城市管理局", "区教育局", "县财政局", "市科学技术局", "区卫生健康委员会"]

out = []

def put(name, text):
    out.append(name)
    mode = "wb" if isinstance(text, bytes) else "w"
    with open(name, mode, **({} if mode == "wb" else {"encoding": "utf-8"})) as f:
        f.write(text)

def page(title, body_html, meta=""):
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(title)}_{PLACES[0][1]}</title>{meta}</head>
<body><div class="nav"><a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/xxgk/">政府信息公开</a></div>
<div class="article"><h1>{html.escape(title)}</h1>
<div class="info">发布时间：2021-01-20 来源：办公室 浏览次数：<span>135</span></div>
<div class="content">{body_html}</div></div>
<div class="footer">主办：{PLACES[0][1]}办公室 网站标识码：3503000001 闽ICP备00000000号</div></body></html>"""

def paras(*ps):
    return "".join(f"<p>{html.escape(p)}</p>" for p in ps)

def docx(title, lines):
    body = "".join(f'<w:p><w:r><w:t xml:space="preserve">{html.escape(l)}</w:t></w:r></w:p>' for l in [title] + list(lines))
    doc = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>'
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/document.xml", doc)
    return b.getvalue()

SECTIONS_LIST = "年度报告应当包括以下内容：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项。"

# 1. Notices about compiling the reports (通知), several with the report's
# section list and one with the blank template table attached.
for i, (place, gov) in enumerate(PLACES[:6]):
    y = 2019 + i
    title = f"{gov}办公室关于做好{y}年度政府信息公开工作年度报告编制和发布工作的通知"
    body = [f"各{'乡镇人民政府、街道办事处' if i % 2 else '县（区）人民政府、管委会'}，{place}直各单位：",
            f"根据《中华人民共和国政府信息公开条例》和国务院办公厅政府信息与政务公开办公室有关要求，现就做好{y}年度政府信息公开工作年度报告编制和发布工作通知如下：",
            "一、高度重视年度报告编制工作",
            "各单位要严格按照《中华人民共和国政府信息公开工作年度报告格式》编制年度报告，确保数据准确、内容完整。",
            "二、规范年度报告内容",
            SECTIONS_LIST,
            "三、按时发布年度报告",
            f"各单位应于{y + 1}年1月31日前在本单位门户网站政府信息公开专栏发布年度报告，并报送{gov}办公室备案。",
            "四、加强督促检查",
            "对未按时发布或内容不符合要求的单位，将予以通报。",
            f"{gov}办公室", f"{y}年12月{10 + i}日"]
    if i == 5:
        body += ["附件：政府信息公开工作年度报告格式", "三、收到和处理政府信息公开申请情况",
                 "本年新收政府信息公开申请数量", "上年结转政府信息公开申请数量", "本年度办理结果", "（一）予以公开", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
                 "四、结转下年度继续办理"]
    ext = [".txt", ".html", ".docx", ".md", ".txt", ".html"][i]
    name = f"notice-{i + 1}{ext}"
    if ext == ".html":
        put(name, page(title, paras(*body)))
    elif ext == ".docx":
        put(name, docx(title, body))
    elif ext == ".md":
        put(name, "# " + title + "\n\n" + "\n\n".join(body) + "\n")
    else:
        put(name, title + "\n" + "\n".join(body) + "\n")

# 2. Interpretations: 一图读懂, 图解, 解读.
interp = [
    ("一图读懂《{gov}{y}年政府信息公开工作年度报告》", ".html"),
    ("图解：{gov}{y}年政府信息公开工作年度报告", ".html"),
    ("《{gov}{y}年政府信息公开工作年度报告》解读", ".txt"),
    ("{gov}{y}年政府信息公开工作年度报告解读", ".md"),
    ("【图解】{place}{y}年度政府信息公开工作年度报告", ".html"),
    ("一图看懂{place}{y}年政务公开工作", ".docx"),
]
for i, (t, ext) in enumerate(interp):
    place, gov = PLACES[i % len(PLACES)]
    y = 2020 + i % 4
    title = t.format(gov=gov, place=place, y=y)
    body = [f"{y}年，{gov}深入贯彻落实《中华人民共和国政府信息公开条例》，主动公开政府信息{1200 + 37 * i}条。",
            f"全年共收到政府信息公开申请{40 + i}件，均在法定期限内答复。",
            "图1 主动公开政府信息情况", "图2 依申请公开办理情况", "图3 行政复议、行政诉讼情况",
            "点击查看报告全文"]
    name = f"interpretation-{i + 1}{ext}"
    if ext == ".html":
        put(name, page(title, paras(*body) + '<p><img src="/images/tu1.png"/><img src="/images/tu2.png"/></p>'))
    elif ext == ".docx":
        put(name, docx(title, body))
    elif ext == ".md":
        put(name, "# " + title + "\n\n" + "\n\n".join(body) + "\n")
    else:
        put(name, title + "\n" + "\n".join(body) + "\n")

# 3. News items.
news = [
    "{gov}发布{y}年政府信息公开工作年度报告",
    "我区召开{y}年政务公开工作推进会",
    "{place}政务公开工作获全省通报表扬",
    "{place}开展“政府开放日”活动",
    "{gov}举行{y}年政府信息公开工作年度报告新闻发布会",
    "{place}政务服务中心启用“一窗通办”",
]
for i, t in enumerate(news):
    place, gov = PLACES[(i + 2) % len(PLACES)]
    y = 2019 + i
    title = t.format(gov=gov, place=place, y=y)
    body = [f"本网讯（记者 林晓）{y + 1}年1月{12 + i}日，{title.replace('我区', place)}。",
            f"会上，{gov}有关负责同志介绍了{y}年度政府信息公开工作情况：全年主动公开政府信息{800 + 91 * i}条，办理依申请公开{20 + 3 * i}件。",
            "下一步，将进一步提升政务公开质量，推动政务公开标准化规范化建设。",
            "（来源：融媒体中心）", "责任编辑：王敏"]
    ext = [".html", ".html", ".txt", ".md", ".html", ".docx"][i]
    name = f"news-{i + 1}{ext}"
    if ext == ".html":
        put(name, page(title, paras(*body)))
    elif ext == ".docx":
        put(name, docx(title, body))
    elif ext == ".md":
        put(name, "# " + title + "\n\n" + "\n\n".join(body) + "\n")
    else:
        put(name, title + "\n" + "\n".join(body) + "\n")

# 4. Meeting reports and minutes.
meetings = ["{place}召开{y}年政务公开工作领导小组会议", "{gov}常务会议纪要（{y}年第{n}次）", "{place}政府信息公开工作培训会议召开", "关于召开{y}年度政务公开工作会议的通知"]
for i, t in enumerate(meetings):
    place, gov = PLACES[(i + 4) % len(PLACES)]
    y = 2021 + i % 3
    title = t.format(gov=gov, place=place, y=y, n=i + 3)
    body = [f"{y}年3月{5 + i}日，{gov}主要领导主持召开会议。", "会议听取了各单位政务公开工作情况汇报，研究部署下一阶段工作。",
            "一、会议认为，过去一年政务公开工作取得明显成效。", "二、会议要求，各单位要严格落实政府信息公开条例。", "三、会议强调，要按时完成年度报告编制发布工作。",
            "出席：张伟、李强、王芳", "记录：陈静"]
    ext = [".txt", ".html", ".docx", ".md"][i]
    name = f"meeting-{i + 1}{ext}"
    if ext == ".html":
        put(name, page(title, paras(*body)))
    elif ext == ".docx":
        put(name, docx(title, body))
    elif ext == ".md":
        put(name, "# " + title + "\n\n" + "\n\n".join(body) + "\n")
    else:
        put(name, title + "\n" + "\n".join(body) + "\n")

# 5. Listing (column) pages: links to the reports with their dates, and
# one page of chrome and links only.
for i in range(5):
    place, gov = PLACES[i]
    items = "".join(f'<li><a href="/zwgk/ndbg/{2024 - k}01/t{2024 - k}0115_{100 + k}.htm">{gov}{2023 - k}年政府信息公开工作年度报告</a><span>{2024 - k}-01-{15 + k % 10:02d}</span></li>' for k in range(6 + i))
    pager = '<div class="page">共1页 <a href="index.htm">首页</a> <a href="index_1.htm">下一页</a> <a href="index_1.htm">尾页</a></div>'
    title = ["政府信息公开年报", "政府信息公开工作年度报告", "年度报告", "政府信息公开年度报告栏目", "年报"][i]
    if i == 4:
        put(f"listing-{i + 1}.html", f'<html><head><meta charset="utf-8"><title>{title}_{gov}</title></head><body><div class="nav"><a href="/">首页</a><a href="/zwgk/">政务公开</a></div><div class="footer">网站标识码：3503000001</div></body></html>')
        continue
    put(f"listing-{i + 1}.html", f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}_{gov}</title><meta name="ColumnName" content="{title}"></head><body><div class="nav"><a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; {title}</div><div class="list"><h2>{title}</h2><ul>{items}</ul>{pager}</div><div class="footer">主办：{gov}办公室</div></body></html>')

# 6. Tables of contents, guides and catalogues.
tocs = [("{gov}政府信息公开指南", ".html", ["一、政府信息公开的主体", "二、主动公开", "三、依申请公开", "四、监督和救济", "本指南自发布之日起施行。"]),
        ("{gov}政府信息公开目录", ".txt", ["索引号 信息名称 发布机构 生成日期", "001 机构职能 办公室 2021-01-05", "002 政策文件 办公室 2021-02-11", "003 政府信息公开工作年度报告 办公室 2021-01-20"]),
        ("政府信息公开工作年度报告目录", ".md", ["1. 2023年政府信息公开工作年度报告", "2. 2022年政府信息公开工作年度报告", "3. 2021年政府信息公开工作年度报告", "4. 2020年政府信息公开工作年度报告"]),
        ("{place}政务公开专栏导航", ".html", ["法定主动公开内容", "政府信息公开指南", "政府信息公开制度", "政府信息公开年报", "依申请公开"])]
for i, (t, ext, lines) in enumerate(tocs):
    place, gov = PLACES[(i + 1) % len(PLACES)]
    title = t.format(gov=gov, place=place)
    name = f"toc-{i + 1}{ext}"
    if ext == ".html":
        put(name, page(title, paras(*lines)))
    elif ext == ".md":
        put(name, "# " + title + "\n\n" + "\n".join(lines) + "\n")
    else:
        put(name, title + "\n" + "\n".join(lines) + "\n")

# 7. READMEs of folders and archives.
put("readme-1.md", "# 政府信息公开年报归档\n\n本目录收集各单位政府信息公开工作年度报告的网页存档，文件名为 地区-单位-年份。\n\n| 文件 | 单位 | 年份 |\n|---|---|---|\n| putian-2019.txt | 莆田市城市管理局 | 2019 |\n| putian-2023.txt | 莆田市应急管理局 | 2023 |\n\n使用时请注意表格已被展平。\n")
put("readme-2.txt", "README\n\nThis folder holds the annual reports (政府信息公开工作年度报告) downloaded in 2024.\nFiles are named by office and year. Tables are flattened.\nContact: archive team.\n")
put("readme-3.md", "# 使用说明\n\n1. 解压后将文件导入数据库。\n2. 每个年度报告一个文件。\n3. 文件编码为 UTF-8。\n\n## 目录结构\n\n- 2020/\n- 2021/\n- 2022/\n")

# 8. Reports of other kinds: work summaries, statistical communiqués, budgets.
for i in range(4):
    place, gov = PLACES[i + 1]
    y = 2018 + i
    dept = DEPTS[i]
    title = [f"{dept}{y}年政务公开工作总结", f"{gov}{y}年工作总结和{y + 1}年工作计划", f"{place}{y}年政务公开工作总结", f"{dept}{y}年度工作总结"][i]
    body = [f"{y}年，我局在上级的正确领导下，认真贯彻落实政务公开各项部署。", "一、主动公开情况", f"全年主动公开政府信息{300 + 11 * i}条。", "二、依申请公开情况",
            f"全年受理依申请公开{5 + i}件，均按时办结。", "三、存在的主要问题及改进措施", "公开内容有待丰富。", f"四、{y + 1}年工作计划", "进一步提高公开质量。", dept, f"{y}年12月28日"]
    ext = [".txt", ".docx", ".html", ".md"][i]
    name = f"summary-{i + 1}{ext}"
    if ext == ".html":
        put(name, page(title, paras(*body)))
    elif ext == ".docx":
        put(name, docx(title, body))
    elif ext == ".md":
        put(name, "# " + title + "\n\n" + "\n\n".join(body) + "\n")
    else:
        put(name, title + "\n" + "\n".join(body) + "\n")
for i in range(3):
    place, gov = PLACES[i + 2]
    y = 2020 + i
    title = f"{place}{y}年国民经济和社会发展统计公报"
    body = [f"{y}年，全{place[-1]}经济运行总体平稳。", "一、综合", f"全年地区生产总值{1234 + 57 * i}.5亿元，比上年增长{5 + i}.1%。", "二、农业", "全年粮食总产量12.3万吨。",
            "三、工业和建筑业", "规模以上工业增加值增长6.2%。", "注：本公报中数据均为初步统计数。", f"{place}统计局", f"{y + 1}年3月{10 + i}日"]
    ext = [".txt", ".html", ".docx"][i]
    name = f"communique-{i + 1}{ext}"
    if ext == ".html":
        put(name, page(title, paras(*body)))
    elif ext == ".docx":
        put(name, docx(title, body))
    else:
        put(name, title + "\n" + "\n".join(body) + "\n")
for i in range(3):
    dept = DEPTS[i + 2]
    y = 2021 + i
    title = f"{PLACES[i][0]}{dept.lstrip('市区县')}{y}年部门预算"
    body = ["第一部分 部门概况", "一、部门主要职责", "二、部门预算单位构成", "第二部分 部门预算表", "收支总表 单位：万元",
            "一般公共预算拨款收入\t1234.56", "政府性基金预算拨款收入\t0", "支出合计\t1234.56", "第三部分 部门预算情况说明", "一、收支预算总体情况", f"{y}年收支总预算1234.56万元。"]
    ext = [".html", ".md", ".txt"][i]
    name = f"budget-{i + 1}{ext}"
    if ext == ".html":
        put(name, page(title, paras(*body)))
    elif ext == ".md":
        put(name, "# " + title + "\n\n" + "\n\n".join(body) + "\n")
    else:
        put(name, title + "\n" + "\n".join(body) + "\n")

# 9. Near misses: the blank template form itself (tables, no year, no
# organ), an application form, a notice that the report was published.
put("template-form.txt", "中华人民共和国政府信息公开工作年度报告格式\n一、总体情况\n二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\n行政规范性文件\n三、收到和处理政府信息公开申请情况\n本年新收政府信息公开申请数量\n上年结转政府信息公开申请数量\n本年度办理结果\n（一）予以公开\n四、结转下年度继续办理\n四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n六、其他需要报告的事项\n")
put("application-form.html", page("政府信息公开申请表", paras("申请人信息：公民 姓名 工作单位 证件名称 证件号码 联系电话", "所需信息情况：所需信息的内容描述 所需信息的用途", "获取信息的方式：邮寄 电子邮件 自行领取", "申请人签名（盖章）： 申请时间： 年 月 日")))
put("published-notice.txt", f"关于{PLACES[1][1]}2022年政府信息公开工作年度报告的公告\n根据《中华人民共和国政府信息公开条例》规定，现将{PLACES[1][1]}2022年政府信息公开工作年度报告予以公布，全文见附件。\n附件：{PLACES[1][1]}2022年政府信息公开工作年度报告.pdf\n{PLACES[1][1]}办公室\n2023年1月18日\n")

print(len(out), "negatives written")
