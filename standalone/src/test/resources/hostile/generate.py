#!/usr/bin/env python3
"""Writes the hostile-input corpus of HostileInputTest: the files under json/, xlsx/, evidence/ and corpus.json.

CI has no Python: the output is committed. Run again after a change (python3 generate.py, openpyxl 3.1); the
files are deterministic (fixed zip timestamps), so an unchanged corpus leaves git clean.

Every case names who sends it (role: admin, institution, bureau, analyst, auditor, anonymous), the request, and
its kind. Paths may hold the placeholders {appeal} and {file}: the test's own appeal and evidence file ids.
"""
import io
import json
import os
import struct
import zipfile
import zlib

import openpyxl
from openpyxl.styles import Alignment

HERE = os.path.dirname(os.path.abspath(__file__))
FIXED = (2026, 1, 1, 0, 0, 0)

# The test's fixture (HostileInputTest): batches, lines, accounts.
P_FULL = "HOST-P1"   # catalogue and demand lines: the allocation endpoints
P_CAT = "HOST-P2"    # a catalogue only: hostile catalogue and demand files
R_FULL = "HOST-R1"   # calculation data: appeals, self-assessment, assessment scores
R_EMPTY = "HOST-R2"  # no calculation data: hostile calculation-data files
H1 = "H42010200001"
PENDING = "ZX00000098"
SELECTED = "ZC00000011"

CATALOGUE = ["产品组编码", "产品组名称", "药品统一编码", "品种名称", "剂型", "规格", "企业名称", "包装中选价(元)",
             "最小包装数量", "最小制剂单位", "日均使用量", "降幅(%)", "最大产能"]
CATALOGUE_ROW = ["G9", "测试组", "ZC00000091", "测试片", "片剂", "每片1g", "测试药厂", 12.5, 24, "片", 3, 35.5, 1000000]
DEMAND = ["机构编码", "机构名称", "所属区县", "产品组编码", "需求类型", "药品统一编码", "品种名称", "企业名称", "需求量",
          "日均使用量"]
DEMAND_ROW = [H1, "武汉市江岸区人民医院", "420102", "G1", "中选", "ZC00000011", "银杏叶片", "湖北甲制药有限公司", 4800, None]
CALCULATION = ["机构编码", "机构名称", "所属区县", "职保占比", "品种名称", "约定采购量", "集采前单价", "中选产品采购量",
               "中选产品采购金额", "非中选产品采购量", "非中选产品采购金额"]
CALCULATION_ROW = [H1, "武汉市江岸区人民医院", "420102", 0.6, "阿托伐他汀", 10000, 2.5, 9000, 900, 500, 1000]
ASSESSMENT = ["机构编码", "机构名称", "所属区县", "医保考核评分"]
ASSESSMENT_ROW = [H1, "武汉市江岸区人民医院", "420102", 88.5]

UPLOADS = {
    # kind of sheet: (path, role, titles, a good row, the index of a number column, of a text column)
    "catalogue": (f"/api/v1/procurement/batches/{P_CAT}/catalogue", "admin", CATALOGUE, CATALOGUE_ROW, 7, 2),
    "demands": (f"/api/v1/procurement/batches/{P_CAT}/demands", "admin", DEMAND, DEMAND_ROW, 8, 0),
    "calculation": (f"/api/v1/retention/batches/{R_EMPTY}/calculation-data", "admin", CALCULATION, CALCULATION_ROW,
                    5, 0),
    "assessment": (f"/api/v1/retention/batches/{R_FULL}/assessment-scores", "bureau", ASSESSMENT, ASSESSMENT_ROW,
                   3, 0),
}

cases = []


def write(rel, data):
    path = os.path.join(HERE, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))
    return rel


def case(id, kind, role, method, path, body=None, content_type=None, query=None, code=None):
    assert not any(c["id"] == id for c in cases), id
    c = {"id": id, "kind": kind, "role": role, "method": method, "path": path}
    if query is not None:
        c["query"] = query
    if content_type is not None:
        c["contentType"] = content_type
    if body is not None:
        c["body"] = body
    if code is not None:
        c["code"] = code
    cases.append(c)


# ---------------------------------------------------------------- zip and workbook helpers

def rezip(entries):
    """A zip of (name, bytes) entries, deflated, with a fixed timestamp."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, FIXED)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return out.getvalue()


def entries_of(xlsx):
    with zipfile.ZipFile(io.BytesIO(xlsx)) as z:
        return [(n, z.read(n)) for n in z.namelist()]


def saved(wb):
    wb.properties.created = wb.properties.modified = __import__("datetime").datetime(2026, 1, 1)
    out = io.BytesIO()
    wb.save(out)
    # fixed timestamps, of the zip entries and of the save itself: deterministic bytes
    import re
    return rezip([(n, re.sub(rb"<dcterms:modified([^>]*)>[^<]*<", rb"<dcterms:modified\1>2026-01-01T00:00:00Z<", d))
                  for n, d in entries_of(out.getvalue())])


def workbook(titles, rows, build=None):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(titles)
    for r in rows:
        ws.append(r)
    if build:
        build(wb, ws)
    return saved(wb)


def patch(xlsx, changes, add=()):
    """Replaces parts (name -> function of the old bytes, or new bytes) and adds others."""
    out = []
    for name, data in entries_of(xlsx):
        if name in changes:
            c = changes[name]
            data = c(data) if callable(c) else c
        out.append((name, data))
    out.extend(add)
    return rezip(out)


def sheet_xml(rows_xml, dimension=None):
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f'{dim}<sheetData>{rows_xml}</sheetData></worksheet>').encode()


def header_row(titles):
    cells = "".join(f'<c t="inlineStr"><is><t>{t}</t></is></c>' for t in titles)
    return f'<row r="1">{cells}</row>'


def with_sheet(titles, sheet):
    base = workbook(titles, [])
    return patch(base, {"xl/worksheets/sheet1.xml": sheet})


def zip_bomb_xlsx(titles):
    """A real xlsx carrying a 100 MB part of spaces: about 100 kB compressed, a ratio far past POI's guard."""
    base = workbook(titles, [])
    return patch(base, {}, add=[("xl/media/bomb.bin", b" " * (100 * 1024 * 1024))])


def pdf_bytes(text="evidence"):
    body = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
            b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n")
    return body + b"% " + text.encode() + b"\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def png_bytes():
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    raw = b"\x00\xff\x00\x00"
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


JPEG = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffdb004300") + bytes(64) + bytes.fromhex("ffd9")
ELF = b"\x7fELF\x02\x01\x01" + bytes(57) + b"hostile"
MZ = b"MZ\x90\x00" + bytes(60) + b"This program cannot be run in DOS mode.\r\n"
OLE2 = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504)
GZIP = bytes.fromhex("1f8b0800000000000003") + zlib.compress(b"hello")[2:-4] + bytes(8)
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


# ---------------------------------------------------------------- xlsx files: one set per upload endpoint

def xlsx_files(kind, titles, good, num, text):
    """(name, bytes, expected code or None) for one kind of sheet."""
    files = []

    def add(name, data, code=None):
        files.append((name, data, code))

    def row_with(index, value):
        r = list(good)
        r[index] = value
        return r

    # other files renamed to .xlsx
    add("empty", b"", "EMPTY_FILE")
    add("pdf-renamed", pdf_bytes(), "NOT_XLSX")
    add("png-renamed", png_bytes(), "NOT_XLSX")
    add("text-renamed", "机构编码,需求量\nH1,100\n".encode(), "NOT_XLSX")
    add("csv-bom-renamed", b"\xef\xbb\xbf" + ",".join(titles).encode() + b"\n", "NOT_XLSX")
    add("html-renamed", HTML, "NOT_XLSX")
    add("exe-renamed", MZ, "NOT_XLSX")
    add("xls-ole2-renamed", OLE2, "NOT_XLSX")
    add("gzip-renamed", GZIP, "NOT_XLSX")
    add("plain-zip", rezip([("readme.txt", b"not a workbook")]), "NOT_XLSX")
    add("docx-renamed", rezip([("[Content_Types].xml",
                                b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                                b'content-types"><Override PartName="/word/document.xml" ContentType="application/'
                                b'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
                               ("word/document.xml", b"<w:document/>")]), "NOT_XLSX")
    good_file = workbook(titles, [good])
    add("truncated-half", good_file[: len(good_file) // 2], "NOT_XLSX")
    add("truncated-header", good_file[:30], "NOT_XLSX")
    add("zip-magic-only", b"PK\x03\x04" + bytes(26), "NOT_XLSX")
    add("corrupt-deflate", good_file[:200] + bytes(range(256)) * 4 + good_file[1224:], "NOT_XLSX")
    # zip bombs
    add("zip-bomb-media", zip_bomb_xlsx(titles), "SUSPICIOUS_FILE")
    add("zip-bomb-sheet", patch(workbook(titles, []), {"xl/worksheets/sheet1.xml": lambda old: old.replace(
        b"</worksheet>", b"<!--" + b"A" * (120 * 1024 * 1024) + b"--></worksheet>")}), "SUSPICIOUS_FILE")
    add("many-entries", rezip(entries_of(good_file) + [(f"x/{i}.bin", b"") for i in range(1200)]))
    # XML attacks in the sheet
    add("xxe-sheet", with_sheet(titles, b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                                b'<sheetData><row r="1"><c t="inlineStr"><is><t>&x;</t></is></c></row></sheetData>'
                                b'</worksheet>'), "NOT_XLSX")
    add("billion-laughs", with_sheet(titles, b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">'
                                     b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;'
                                     b'&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]><worksheet xmlns='
                                     b'"http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row>'
                                     b'<c t="inlineStr"><is><t>&d;</t></is></c></row></sheetData></worksheet>'),
        "NOT_XLSX")
    add("sheet-not-xml", with_sheet(titles, b"\x00\x01 not xml at all"), "NOT_XLSX")
    add("bad-row-number", with_sheet(titles, sheet_xml(header_row(titles) + '<row r="abc"><c><v>1</v></c></row>')),
        "NOT_XLSX")
    add("huge-row-number", with_sheet(titles, sheet_xml(header_row(titles)
                                                         + '<row r="99999999999"><c><v>1</v></c></row>')), "NOT_XLSX")
    add("bad-cell-ref", with_sheet(titles, sheet_xml(header_row(titles) + '<row r="2"><c r="!!"><v>1</v></c></row>')))
    add("shared-string-out-of-range", with_sheet(titles, sheet_xml(header_row(titles)
                                                                   + '<row r="2"><c t="s"><v>999999</v></c></row>')),
        "NOT_XLSX")
    add("number-not-a-number", with_sheet(titles, sheet_xml(header_row(titles)
                                                            + '<row r="2"><c><v>NaN-ish</v></c></row>')), "NOT_XLSX")
    add("bad-date-cell", with_sheet(titles, sheet_xml(header_row(titles)
                                                      + '<row r="2"><c t="d"><v>2026-13-45</v></c></row>')),
        "NOT_XLSX")
    # a million empty rows: declared, and contained (1,048,576 <row/> elements compress to a few kB)
    add("million-rows-declared", with_sheet(titles, sheet_xml(header_row(titles) + '<row r="1048576"><c r="A1048576" '
                                                              't="inlineStr"><is><t> </t></is></c></row>',
                                                              dimension="A1:Z1048576")), "EMPTY_FILE")
    add("million-empty-rows", with_sheet(titles, sheet_xml(header_row(titles) + "<row/>" * 1048575)), "SUSPICIOUS_FILE")
    add("million-rows-one-cell", with_sheet(titles, sheet_xml(header_row(titles) + '<row><c><v>1</v></c></row>'
                                                              * 1048575)))
    # no usable header or rows
    add("no-sheet-data", with_sheet(titles, sheet_xml("")), "EMPTY_FILE")
    add("header-only", workbook(titles, []), "EMPTY_FILE")
    add("no-titles", workbook(["a", "b", "c"], [[1, 2, 3]]), "MISSING_COLUMNS")
    add("titles-on-row-2", saved_titles_on_row_2(titles, good), "MISSING_COLUMNS")
    # hidden sheets: the data on a hidden first sheet, a harmless visible second sheet
    add("hidden-first-sheet", workbook(["说明"], [["见第二页"]], lambda wb, ws: hide_first(wb, ws, titles, good)),
        "MISSING_COLUMNS")
    add("very-hidden-empty-first", workbook([], [], lambda wb, ws: very_hidden(wb, ws, titles, good)))
    # formulas: openpyxl writes them without a cached value, as a script or a web tool does
    add("formula-no-cached-value", workbook(titles, [row_with(num, "=1+1")]), "INVALID_ROWS")
    add("formula-dde", workbook(titles, [row_with(text, "=cmd|' /C calc'!A0")]), "INVALID_ROWS")
    add("formula-hyperlink", workbook(titles, [row_with(text, '=HYPERLINK("http://evil.example/","x")')]),
        "INVALID_ROWS")
    add("formula-error-cached", patch(workbook(titles, [row_with(num, 0)]), {
        "xl/worksheets/sheet1.xml": lambda old: cached_error(old)}), "INVALID_ROWS")
    # external links: a cell reading another workbook, with no cached value
    add("external-link", external_link(titles, good, num), "INVALID_ROWS")
    # macros
    add("xlsm-renamed", macro_enabled(workbook(titles, [good]), vba=True), "NOT_XLSX")
    add("vba-project-inside", macro_enabled(workbook(titles, [good]), vba=True, content_type=False), "NOT_XLSX")
    # dates, booleans and text where numbers belong
    add("date-in-number-column", workbook(titles, [row_with(num, __import__("datetime").date(2026, 3, 1))]),
        "INVALID_ROWS")
    add("boolean-in-number-column", workbook(titles, [row_with(num, True)]), "INVALID_ROWS")
    add("text-in-number-column", workbook(titles, [row_with(num, "一百")]), "INVALID_ROWS")
    add("negative-number", workbook(titles, [row_with(num, -5)]), "INVALID_ROWS")
    add("huge-number", workbook(titles, [row_with(num, 1e308)]), "INVALID_ROWS")
    add("nan-text-number", workbook(titles, [row_with(num, "NaN")]), "INVALID_ROWS")
    add("infinity-text-number", workbook(titles, [row_with(num, "Infinity")]), "INVALID_ROWS")
    add("exponent-text-number", workbook(titles, [row_with(num, "1E+999999999")]), "INVALID_ROWS")
    add("number-infinite-cell", with_sheet(titles, sheet_xml(header_row(titles) + '<row r="2">' + "".join(
        f'<c t="inlineStr"><is><t>{v}</t></is></c>' if i != num else '<c><v>1e400</v></c>'
        for i, v in enumerate(good)) + '</row>')))
    # merged cells: a value merged over two rows leaves the second row's cell blank
    add("merged-cells", workbook(titles, [good, good], lambda wb, ws: ws.merge_cells(
        start_row=2, start_column=text + 1, end_row=3, end_column=text + 1)), "INVALID_ROWS")
    # texts
    add("overlong-text", workbook(titles, [row_with(text, "长" * 32000)]), "INVALID_ROWS")
    add("nul-in-text", with_sheet(titles, sheet_xml(header_row(titles) + '<row r="2">' + "".join(
        f'<c t="inlineStr"><is><t>{v if i != text else "H4&#0;2"}</t></is></c>' for i, v in enumerate(good))
        + '</row>')), "NOT_XLSX")
    add("rtl-override-text", workbook(titles, [row_with(text, "H420\u202e10200001")]), "INVALID_ROWS")
    return files


def saved_titles_on_row_2(titles, good):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["标题"])
    ws.append(titles)
    ws.append(good)
    return saved(wb)


def hide_first(wb, ws, titles, good):
    # The first sheet holds only a note and is hidden; the data sits on the visible second sheet.
    ws.sheet_state = "hidden"
    second = wb.create_sheet("数据")
    second.append(titles)
    second.append(good)
    wb.active = 1


def very_hidden(wb, ws, titles, good):
    ws.sheet_state = "veryHidden"
    second = wb.create_sheet("数据")
    second.append(titles)
    second.append(good)
    wb.active = 1


def cached_error(sheet):
    # the number cell written by openpyxl as <c r=".." ..><v>0</v></c>: make it a formula with an error result
    import re
    return re.sub(rb'<c r="([A-Z]+2)"( s="\d+")?( t="n")?><v>0</v></c>',
                  rb'<c r="\1" t="e"><f>1/0</f><v>#DIV/0!</v></c>', sheet, count=1)


def external_link(titles, good, num):
    r = list(good)
    r[num] = "='[other.xlsx]Sheet1'!A1"
    base = workbook(titles, [r])
    link = (b'<?xml version="1.0" encoding="UTF-8"?><externalLink xmlns="http://schemas.openxmlformats.org/'
            b'spreadsheetml/2006/main"><externalBook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
            b'relationships" r:id="rId1"><sheetNames><sheetName val="Sheet1"/></sheetNames></externalBook>'
            b'</externalLink>')
    rels = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            b'2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            b'relationships/externalLinkPath" Target="file:///C:/other.xlsx" TargetMode="External"/></Relationships>')

    def types(old):
        return old.replace(b"</Types>", b'<Override PartName="/xl/externalLinks/externalLink1.xml" ContentType="'
                                        b'application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"'
                                        b'/></Types>')

    def wb_rels(old):
        return old.replace(b"</Relationships>", b'<Relationship Id="rIdX1" Type="http://schemas.openxmlformats.org/'
                                                b'officeDocument/2006/relationships/externalLink" Target="externalLinks/'
                                                b'externalLink1.xml"/></Relationships>')

    def wb_xml(old):
        return old.replace(b"</workbook>", b'<externalReferences><externalReference xmlns:r="http://schemas.'
                                           b'openxmlformats.org/officeDocument/2006/relationships" r:id="rIdX1"/>'
                                           b'</externalReferences></workbook>')

    return patch(base, {"[Content_Types].xml": types, "xl/_rels/workbook.xml.rels": wb_rels, "xl/workbook.xml": wb_xml},
                 add=[("xl/externalLinks/externalLink1.xml", link),
                      ("xl/externalLinks/_rels/externalLink1.xml.rels", rels)])


def macro_enabled(xlsx, vba, content_type=True):
    """An .xlsm saved under .xlsx: the macro-enabled main part and a vbaProject.bin (an OLE2 stub)."""
    changes = {}
    if content_type:
        changes["[Content_Types].xml"] = lambda old: old.replace(
            b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
            b"application/vnd.ms-excel.sheet.macroEnabled.main+xml").replace(
            b"</Types>", b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>')
    else:
        changes["[Content_Types].xml"] = lambda old: old.replace(
            b"</Types>", b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>')
    changes["xl/_rels/workbook.xml.rels"] = lambda old: old.replace(
        b"</Relationships>", b'<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/'
                             b'vbaProject" Target="vbaProject.bin"/></Relationships>')
    return patch(xlsx, changes, add=[("xl/vbaProject.bin", OLE2 + b"Attribute VB_Name = \"Module1\"\r\n"
                                                                   b"Sub Auto_Open()\r\nShell \"calc\"\r\nEnd Sub\r\n")])


for kind, (path, role, titles, good, num, text) in UPLOADS.items():
    for name, data, code in xlsx_files(kind, titles, good, num, text):
        rel = write(f"xlsx/{kind}/{name}.xlsx", data)
        case(f"{kind}-{name}", "xlsx", role, "POST", path,
             body={"multipart": [{"name": "file", "filename": f"{name}.xlsx", "file": rel}]}, code=code)
    # the upload itself: no file part, another part name, a hostile file name, a JSON body
    good_rel = f"xlsx/{kind}/text-in-number-column.xlsx"
    case(f"{kind}-no-file-part", "multipart", role, "POST", path,
         body={"multipart": [{"name": "other", "value": "x"}]})
    case(f"{kind}-file-under-other-part", "multipart", role, "POST", path,
         body={"multipart": [{"name": "upload", "filename": "a.xlsx", "file": good_rel}]})
    case(f"{kind}-filename-path-trick", "path", role, "POST", path,
         body={"multipart": [{"name": "file", "filename": "../../../../etc/passwd.xlsx", "file": good_rel}]},
         code="INVALID_ROWS")
    case(f"{kind}-filename-nul", "control", role, "POST", path,
         body={"multipart": [{"name": "file", "filename": "a\u0000.xlsx", "file": good_rel}]})
    case(f"{kind}-json-instead", "content-type", role, "POST", path, content_type="application/json",
         body={"inline": '{"file": "x"}'})
    case(f"{kind}-broken-multipart", "multipart", role, "POST", path,
         content_type="multipart/form-data; boundary=XYZ", body={"inline": "--XYZ\r\nContent-Disposition: form"})
    case(f"{kind}-multipart-no-boundary", "multipart", role, "POST", path, content_type="multipart/form-data",
         body={"inline": "garbage"})
    bad_batch = path.replace(P_CAT, "NO-SUCH").replace(R_EMPTY, "NO-SUCH").replace(R_FULL, "NO-SUCH")
    case(f"{kind}-unknown-batch", "unknown-id", role, "POST", bad_batch,
         body={"multipart": [{"name": "file", "filename": "a.xlsx", "file": good_rel}]})


# ---------------------------------------------------------------- JSON bodies

def deep(n, open_, close):
    return open_ * n + close * n


write("json/deep-array-10000.json", deep(10000, "[", "]"))
write("json/deep-object-10000.json", '{"a":' * 10000 + "1" + "}" * 10000)
write("json/deep-array-1100.json", deep(1100, "[", "]"))
write("json/long-string-1mb.json", json.dumps({"value": "长" * 100_000}))
write("json/many-keys.json", json.dumps({f"k{i}": 0 for i in range(30_000)}, separators=(",", ":")))
write("json/huge-number-literal.json", '{"value": 1' + "0" * 20_000 + "}")
write("json/invalid-utf8.json", b'{"value": "\xff\xfe\xc3\x28"}')
write("json/utf16.json", '{"value": "x"}'.encode("utf-16"))
write("json/bom.json", b"\xef\xbb\xbf{}")

MALFORMED = {
    "empty": "", "whitespace": "   ", "open": "{", "trailing-comma": '{"a":1,}', "single-quotes": "{'a':1}",
    "unquoted": "{a:1}", "two-docs": "{}{}", "array": "[]", "null": "null", "number": "42", "string": '"x"',
    "comment": '/* x */{}', "nan-literal": '{"a":NaN}', "truncated-string": '{"a":"abc',
    "control-in-string": '{"a":"\u0001"}', "nul-raw": '{"a":1}\u0000',
}


def json_endpoint(name, role, method, path, good, fields):
    """Cases for one JSON endpoint: malformed, nested, typed wrong, numbers, texts; `good` a valid-looking body,
    `fields` its fields by kind ('text', 'number', 'instant', 'list', 'bool')."""
    def body(**over):
        b = dict(good)
        b.update(over)
        return {"inline": json.dumps(b, ensure_ascii=False)}

    for k, text in MALFORMED.items():
        case(f"{name}-malformed-{k}", "malformed-json", role, method, path, content_type="application/json",
             body={"inline": text})
    for f in ["deep-array-10000", "deep-object-10000", "deep-array-1100", "long-string-1mb", "many-keys",
              "huge-number-literal", "invalid-utf8", "utf16", "bom"]:
        case(f"{name}-{f}", "nested-json" if f.startswith("deep") else "malformed-json", role, method, path,
             content_type="application/json", body={"file": f"json/{f}.json"})
    case(f"{name}-text-plain", "content-type", role, method, path, content_type="text/plain",
         body={"inline": json.dumps(good)})
    case(f"{name}-xml", "content-type", role, method, path, content_type="application/xml",
         body={"inline": "<a/>"})
    case(f"{name}-no-content-type", "content-type", role, method, path, body={"inline": json.dumps(good)})
    case(f"{name}-unknown-field", "wrong-type", role, method, path, content_type="application/json",
         body=body(**{"$where": "sleep(10000)"}))
    case(f"{name}-proto", "wrong-type", role, method, path, content_type="application/json",
         body=body(__proto__={"admin": True}))
    for field, kind in fields.items():
        def c(suffix, value, k="wrong-type"):
            case(f"{name}-{field}-{suffix}", k, role, method, path, content_type="application/json",
                 body=body(**{field: value}))
        c("object", {"$gt": ""}, "operator")
        c("array", ["x"])
        if kind == "text":
            c("number", 12)
            c("overlong", "x" * 200, "overlong")
            c("nul", "a\u0000b", "control")
            c("rtl", "\u202egnp.exe", "control")
            c("newline", "a\nb\r\nc", "control")
            c("blank", "   ")
            c("null", None)
        elif kind == "number":
            c("huge", 1e308, "number")
            c("huge-integer", int("9" * 400), "number")
            c("negative", -1, "number")
            c("nan-string", "NaN", "number")
            c("infinity-string", "Infinity", "number")
            c("exp", "1e999999999", "number")
            c("bool", True)
            c("text", "abc")
        elif kind == "instant":
            c("number", -99999999999999, "number")
            c("text", "yesterday")
            c("year-overflow", "+999999999-12-31T23:59:59Z")
            c("no-zone", "2026-01-01T00:00:00")
        elif kind == "list":
            c("string", "x")
            c("null", None)
            c("object-items", [{"$ne": None}])
            c("too-many", [{"drugCode": "ZC00000011", "contractVolume": 1}] * 200, "overlong")
        elif kind == "bool":
            c("text", "yes")
            c("number", 2)


PATH_TRICKS = ["..%2f..%2fadmin", "%2e%2e", "%2e%2e%2f%2e%2e", "..;", "%252e%252e%252f", "a%00b", "a%0d%0aSet-Cookie:x",
               "%E2%80%AE", "%C0%AE%C0%AE", "%EF%BC%8E%EF%BC%8E", "%5C..%5C", "NO%20SUCH", "%24where", "x" * 3000]


def id_tricks(name, role, method, template, content_type=None, body=None, kinds="path"):
    for i, t in enumerate(PATH_TRICKS):
        case(f"{name}-id-{i:02d}", "overlong" if len(t) > 1000 else kinds, role, method, template.replace("{id}", t),
             content_type=content_type, body=body)


B = "/api/v1/procurement/batches"
R = "/api/v1/retention/batches"
A = "/api/v1/appeals"
ENTRY = {"entries": [{"drugCode": "ZC00000011", "contractVolume": 0}]}

json_endpoint("login", "anonymous", "POST", "/api/v1/auth/login",
              {"username": "nobody-hostile", "password": "x"}, {})
json_endpoint("password", "analyst", "POST", "/api/v1/auth/password",
              {"oldPassword": "Wrong2026pass", "newPassword": "x"}, {"newPassword": "text"})
json_endpoint("profile", "institution", "PUT", "/api/v1/me",
              {"displayName": "\u0000", "contactPhone": "123", "email": "x"},
              {"displayName": "text", "contactPhone": "text", "email": "text"})
json_endpoint("new-account", "admin", "POST", "/api/v1/admin/accounts",
              {"username": "../x", "role": "ROOT", "organisation": "NOWHERE", "initialPassword": "Init2026pass"},
              {"username": "text", "role": "text", "organisation": "text"})
json_endpoint("reset-password", "admin", "POST", "/api/v1/admin/accounts/no-such-user/reset-password",
              {"newPassword": "Reset2026pass"}, {"newPassword": "text"})
json_endpoint("procurement-batch", "admin", "POST", B,
              {"code": P_FULL, "name": "重复", "allocationOpensAt": "2026-01-01T00:00:00Z",
               "allocationClosesAt": "2025-01-01T00:00:00Z"},
              {"code": "text", "name": "text", "allocationOpensAt": "instant", "minShareLowestDailyCost": "number"})
json_endpoint("allocation", "institution", "PUT", f"{B}/{P_FULL}/pending-lines/{PENDING}/allocation", ENTRY,
              {"entries": "list"})
json_endpoint("allocation-check", "institution", "POST", f"{B}/{P_FULL}/pending-lines/{PENDING}/allocation/check",
              ENTRY, {"entries": "list"})
json_endpoint("retention-batch", "admin", "POST", R,
              {"code": R_FULL, "name": "重复", "reportingOpensAt": "2026-01-01T00:00:00Z",
               "reportingClosesAt": "2099-01-01T00:00:00Z", "retentionRatio": 2},
              {"code": "text", "reportingClosesAt": "instant", "retentionRatio": "number", "passingScore": "number",
               "scoreScale": "text"})
json_endpoint("self-assessment", "institution", "PUT", f"{R}/{R_FULL}/self-assessment", {"score": 100.55},
              {"score": "number"})
json_endpoint("recalculate", "admin", "POST", f"{R}/{R_FULL}/recalculate", {"reason": ""}, {"reason": "text"})
# resolve is of the wrong type in the body every variant starts from: a variant never makes a valid reply
json_endpoint("reply", "bureau", "POST", f"{A}/{{appeal}}/reply", {"message": "", "resolve": "maybe"},
              {"message": "text", "resolve": "bool"})
for suffix, message in [("blank", "  "), ("nul", "回复\u0000"), ("overlong", "长" * 2001), ("null", None),
                        ("bell", "\u0007"), ("object", {"$ne": None})]:
    case(f"reply-alone-{suffix}", "control", "bureau", "POST", f"{A}/{{appeal}}/reply",
         content_type="application/json", body={"inline": json.dumps({"message": message, "resolve": False})})
json_endpoint("reopen", "institution", "POST", f"{A}/{{appeal}}/reopen", {"reason": "再议"}, {"reason": "text"})

# allocation entries: the numbers inside the list
for suffix, volume in [("huge", 1e308), ("huge-integer", int("9" * 40)), ("negative", -100), ("fraction", 0.5),
                       ("nan", "NaN"), ("infinity", "Infinity"), ("text", "十"), ("null", None), ("max-long", 2 ** 63),
                       ("min-long", -2 ** 63 - 1), ("object", {"$gt": 0})]:
    for name, method, tail in [("allocation", "PUT", "allocation"), ("allocation-check", "POST", "allocation/check")]:
        case(f"{name}-volume-{suffix}", "number", "institution", method, f"{B}/{P_FULL}/pending-lines/{PENDING}/{tail}",
             content_type="application/json",
             body={"inline": json.dumps({"entries": [{"drugCode": "ZC00000011", "contractVolume": volume}]})})
for suffix, code in [("unknown", "ZC99999999"), ("overlong", "Z" * 65), ("nul", "ZC0\u00001"), ("operator", "$ne"),
                     ("traversal", "../ZC00000011")]:
    case(f"allocation-drug-{suffix}", "unknown-id", "institution", "PUT",
         f"{B}/{P_FULL}/pending-lines/{PENDING}/allocation", content_type="application/json",
         body={"inline": json.dumps({"entries": [{"drugCode": code, "contractVolume": 100}]})})
case("allocation-duplicate-entries", "wrong-type", "institution", "PUT",
     f"{B}/{P_FULL}/pending-lines/{PENDING}/allocation", content_type="application/json",
     body={"inline": json.dumps({"entries": [{"drugCode": "ZC00000011", "contractVolume": 100}] * 2})})
case("allocation-empty-entries", "wrong-type", "institution", "PUT",
     f"{B}/{P_FULL}/pending-lines/{PENDING}/allocation", content_type="application/json",
     body={"inline": '{"entries": []}'})

# ids in paths
id_tricks("allocation-line", "institution", "PUT", B + "/" + P_FULL + "/pending-lines/{id}/allocation",
          "application/json", {"inline": json.dumps({"entries": [{"drugCode": "ZC00000011", "contractVolume": 100}]})})
id_tricks("confirm-selected", "institution", "POST", B + "/" + P_FULL + "/selected-lines/{id}/confirm")
id_tricks("confirm-pending", "institution", "POST", B + "/" + P_FULL + "/pending-lines/{id}/confirm")
id_tricks("withdraw", "institution", "POST", B + "/" + P_FULL + "/pending-lines/{id}/withdraw")
id_tricks("report-batch", "institution", "POST", B + "/{id}/report")
id_tricks("batch", "analyst", "GET", B + "/{id}")
id_tricks("supply-list-batch", "analyst", "GET", B + "/{id}/supply-list.xlsx")
id_tricks("retention-batch", "analyst", "GET", R + "/{id}")
id_tricks("finalise", "admin", "POST", R + "/{id}/finalise")
id_tricks("amounts-institution", "analyst", "GET", R + "/" + R_FULL + "/amounts/{id}")
id_tricks("appeal", "bureau", "GET", A + "/{id}")
id_tricks("evidence-file", "institution", "GET", A + "/{appeal}/evidence/{id}")
id_tricks("disable-account", "admin", "POST", "/api/v1/admin/accounts/{id}/disable")
id_tricks("replay", "admin", "POST", "/api/v1/admin/projections/{id}/replay")
id_tricks("audit-aggregate", "auditor", "GET", "/api/v1/audit/aggregates/ProcurementBatch/{id}", kinds="unknown-id")
case("audit-aggregate-unknown-type", "unknown-id", "auditor", "GET", "/api/v1/audit/aggregates/..%2f..%2fx/1")
case("audit-aggregate-deep-id", "path", "auditor", "GET", "/api/v1/audit/aggregates/Appeal/a/b/c/../../../x")
case("appeal-unknown-uuid", "unknown-id", "bureau", "GET", A + "/00000000-0000-0000-0000-000000000000")
case("evidence-unknown-appeal", "unknown-id", "institution", "GET", A + "/00000000-0000-0000-0000-000000000000/"
     "evidence/{file}")
case("reply-unknown-appeal", "unknown-id", "bureau", "POST", A + "/no-such-appeal/reply",
     content_type="application/json", body={"inline": '{"message":"ok","resolve":true}'})
case("finalise-no-data", "unknown-id", "admin", "POST", R + "/" + R_EMPTY + "/finalise")

# query parameters: operators, types, sizes
QUERIES = {
    "page-negative": "page=-1", "size-zero": "size=0", "size-huge": "size=99999999999",
    "page-nan": "page=NaN", "size-infinity": "size=Infinity", "page-overflow": "page=2147483648",
    "page-array": "page[$gt]=0",
}
OPERATORS = ["{f}[$ne]=x", "{f}[$gt]=", "{f}=%7B%22%24where%22%3A%22sleep(5000)%22%7D", "{f}=%7B%22%24gt%22%3A%22%22%7D",
             "{f}=%00", "{f}=%E2%80%AE", "{f}=" + "x" * 5000, "{f}=..%2F..%2F"]


def list_endpoint(name, role, path, paged, filters):
    if paged:
        for k, q in QUERIES.items():
            case(f"{name}-{k}", "number", role, "GET", path, query=q)
    for f, operators in filters.items():
        for i, o in enumerate(operators):
            case(f"{name}-{f}-{i}", "operator", role, "GET", path, query=o.format(f=f))


SCOPED = ["{f}[$ne]=x", "{f}=%7B%22%24ne%22%3Anull%7D", "{f}=H42010300002", "{f}=" + "x" * 5000]
# the batch lists are not paged: they have no parameter to abuse
list_endpoint("supply-list", "institution", f"{B}/{P_FULL}/supply-list", True, {"institution": SCOPED})
list_endpoint("selected-lines", "institution", f"{B}/{P_FULL}/selected-lines", True, {"institution": SCOPED})
list_endpoint("pending-lines", "institution", f"{B}/{P_FULL}/pending-lines", True, {"institution": SCOPED})
list_endpoint("report", "institution", f"{B}/{P_FULL}/report", True, {"institution": SCOPED})
list_endpoint("institutions", "bureau", f"{R}/{R_FULL}/institutions", True,
              {"district": ["{f}[$ne]=x", "{f}=420103", "{f}=%7B%22%24gt%22%3A%22%22%7D"]})
list_endpoint("amounts", "bureau", f"{R}/{R_FULL}/amounts", True, {"district": ["{f}[$ne]=x", "{f}=420103"]})
list_endpoint("appeals", "institution", A, True, {"status": ["{f}=RESOLVED%00", "{f}[$ne]=NEW", "{f}=%24where"],
                                                  "institution": SCOPED})
list_endpoint("accounts", "admin", "/api/v1/admin/accounts", True, {"role": ["{f}[$ne]=ADMIN", "{f}=ROOT",
                                                                             "{f}=%7B%22%24gt%22%3A%22%22%7D"]})
list_endpoint("audit-events", "auditor", "/api/v1/audit/events", False,
              {"from": ["{f}=yesterday", "{f}=-99999999999-01-01T00:00:00Z", "{f}[$gt]=0"],
               "to": ["{f}=NaN", "{f}=%7B%22%24gt%22%3A0%7D"],
               "after": ["{f}=-1", "{f}=abc", "{f}=99999999999999999999"],
               "size": ["{f}=0", "{f}=-5", "{f}=1e9", "{f}=NaN"]})
list_endpoint("audit-ndjson", "auditor", "/api/v1/audit/events.ndjson", False,
              {"batch": ["{f}=", "{f}[$ne]=x"]})
list_endpoint("integrity", "auditor", "/api/v1/audit/verify", False, {"upTo": ["{f}=NaN", "{f}=-1", "{f}=1e99",
                                                                               "{f}=99999999999999999999"]})
list_endpoint("aggregate-asof", "auditor", "/api/v1/audit/aggregates/ProcurementBatch/" + P_FULL, False,
              {"asOf": ["{f}=yesterday", "{f}=%7B%22%24lt%22%3A0%7D", "{f}=+999999999-12-31T23:59:59Z"]})
list_endpoint("contract-amounts", "analyst", "/api/v1/analytics/contract-amounts", False,
              {"groupBy": ["{f}=%24where", "{f}[$ne]=x", "{f}=drugCode", "{f}=" + "x" * 5000]})
list_endpoint("contract-amounts-xlsx", "analyst", "/api/v1/analytics/contract-amounts.xlsx", False,
              {"groupBy": ["{f}=..%2F"]})
list_endpoint("assessment-template", "bureau", f"{R}/{R_FULL}/assessment-template.xlsx", False,
              {"district": ["{f}=420103", "{f}[$ne]=x"]})
list_endpoint("replay-progress", "admin", "/api/v1/admin/projections/..%2f/replay", False, {})
case("replay-progress-unknown", "unknown-id", "admin", "GET", "/api/v1/admin/projections/no-such-projection/replay")

# ---------------------------------------------------------------- appeal filings: evidence and fields

write("evidence/good.pdf", pdf_bytes())
EVIDENCE = {
    # name as sent: (bytes, expected code)
    "text-as.pdf": (b"just some text, not a pdf\n", None),
    "png-as.pdf": (png_bytes(), "FILE_TYPE_MISMATCH"),
    "pdf-as.png": (pdf_bytes(), "FILE_TYPE_MISMATCH"),
    "pdf-as.jpg": (pdf_bytes(), "FILE_TYPE_MISMATCH"),
    "jpeg-as.png": (JPEG, None),
    "exe-as.pdf": (MZ, None),
    "elf-as.png": (ELF, None),
    "html-as.pdf": (HTML, None),
    "svg-as.png": (SVG, None),
    "ole2-as.xlsx": (OLE2, None),
    "zip-as.docx": (rezip([("a.txt", b"x")]), None),
    "xlsx-as.docx": (workbook(ASSESSMENT, [ASSESSMENT_ROW]), "FILE_TYPE_MISMATCH"),
    "xlsm-as.xlsx": (macro_enabled(workbook(ASSESSMENT, [ASSESSMENT_ROW]), vba=True), None),
    "zip-bomb.xlsx": (zip_bomb_xlsx(ASSESSMENT), None),
    "empty.pdf": (b"", None),
    "gzip-as.pdf": (GZIP, None),
    "pdf-no-extension": (pdf_bytes(), None),
    "pdf.exe": (pdf_bytes(), None),
}
for name, (data, code) in EVIDENCE.items():
    rel = write("evidence/" + name.replace(".", "_") + ".bin", data)
    case(f"evidence-{name}", "evidence-mismatch", "institution", "POST", A, code=code,
         body={"multipart": [{"name": "batch", "value": R_FULL}, {"name": "title", "value": "证据类型"},
                             {"name": "content", "value": "内容"},
                             {"name": "evidence", "filename": name, "file": rel}]})
for i, fname in enumerate(["../../etc/passwd.pdf", "..\\..\\boot.ini.pdf", "a\u0000.pdf", "\u202efdp.exe",
                           "x" * 300 + ".pdf", "%2e%2e%2f.pdf", "CON.pdf", ".pdf", "a\r\nX-Injected: 1.pdf"]):
    case(f"evidence-name-{i}", "path", "institution", "POST", A,
         body={"multipart": [{"name": "batch", "value": R_FULL}, {"name": "title", "value": "文件名"},
                             {"name": "content", "value": "内容"},
                             {"name": "evidence", "filename": fname, "file": "evidence/text-as_pdf.bin"}]})
case("evidence-eleven-files", "overlong", "institution", "POST", A,
     body={"multipart": [{"name": "batch", "value": R_FULL}, {"name": "title", "value": "太多"},
                         {"name": "content", "value": "内容"}]
          + [{"name": "evidence", "filename": f"{i}.pdf", "file": "evidence/good.pdf"} for i in range(11)]})
FIELDS = {"batch": R_FULL, "title": "标题", "content": "内容"}
for field, values in {
    "batch": ["NO-SUCH", "../" + R_FULL, '{"$ne":null}', "", R_EMPTY],
    "title": ["", "x" * 5000, "a\u0000b", "一\n二", "\u202e"],
    "content": ["", "长" * 3000, "\u0000"],
}.items():
    for i, v in enumerate(values):
        parts = [{"name": k, "value": (v if k == field else FIELDS[k])} for k in FIELDS]
        parts.append({"name": "evidence", "filename": "good.pdf", "file": "evidence/text-as_pdf.bin"})
        case(f"appeal-{field}-{i}", "overlong" if len(v) > 1000 else "wrong-type", "institution", "POST", A,
             body={"multipart": parts})
case("appeal-missing-fields", "multipart", "institution", "POST", A, body={"multipart": [{"name": "x", "value": "y"}]})
case("appeal-json", "content-type", "institution", "POST", A, content_type="application/json",
     body={"inline": json.dumps(FIELDS)})
case("appeal-by-bureau", "role", "bureau", "POST", A, body={"multipart": [{"name": k, "value": v}
                                                                         for k, v in FIELDS.items()]})

# ---------------------------------------------------------------- method and token tricks (role "bearer:<token>")
case("method-delete-batch", "method", "admin", "DELETE", f"{B}/{P_FULL}")
case("method-patch-me", "method", "institution", "PATCH", "/api/v1/me", content_type="application/json",
     body={"inline": "{}"})
case("method-put-login", "method", "anonymous", "PUT", "/api/v1/auth/login", content_type="application/json",
     body={"inline": "{}"})
for i, token in enumerate(["garbage", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.", "a" * 10000, "two words"]):
    case(f"bearer-{i}", "token", "bearer:" + token, "GET", B)

# Not hostile, and accepted: texts that read like a path or a query operator are data, imported as written
# (HostileInputTest.texts_that_look_like_paths_or_operators_are_kept_as_plain_text).
write("accepted/lookalike-texts.xlsx", workbook(CALCULATION, [
    ["H42010299998", "../../etc/passwd", "420102", 0.6, "阿托伐他汀", 10000, 2.5, 9000, 900, 500, 1000],
    ["H42010299999", '{"$gt": ""}', "420102", 0.6, "阿托伐他汀", 10000, 2.5, 9000, 900, 500, 1000]]))

with open(os.path.join(HERE, "corpus.json"), "w", encoding="utf-8") as f:
    json.dump(cases, f, ensure_ascii=False, indent=1)
    f.write("\n")
print(len(cases), "cases")
