"""Writes the xlsx fixtures of this folder as ordinary tools write them (openpyxl 3.1), for tests that
read files not written by this project. Run once with `python3 make_fixtures.py`; CI has no Python and
reads the committed files.

openpyxl stores a float with 16 significant digits (9.80 as 9.800000000000001, where Excel shows 9.8) and a
formula without a cached value; Excel stores a formula's last result, so cached values are added to the
sheet XML afterwards, as Excel would have left them.
"""
import datetime
import re
import zipfile

from openpyxl import Workbook

CATALOGUE = ["产品组编码", "产品组名称", "药品统一编码", "品种名称", "剂型", "规格", "企业名称", "包装中选价(元)",
             "最小包装数量", "最小制剂单位", "日均使用量", "降幅(%)", "最大产能"]

# openpyxl writes it as <v>9.800000000000001</v>; Excel shows 9.8.
PRICE_9_80 = 9.80


def product(drug_code, price, capacity=100000, group_code="G01"):
    return [group_code, "感冒清热颗粒组", drug_code, "感冒清热颗粒", "颗粒剂", "每袋装12g", "某某药业有限公司", price, 10,
            "袋", 3, 45.5, capacity]


def save(workbook, name, cached=None):
    """Saves, then gives formula cells the cached values {cell: (type or None, value)} Excel would store."""
    workbook.save(name)
    if not cached:
        return
    with zipfile.ZipFile(name) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode("utf-8")
    for ref, (kind, value) in cached.items():
        pattern = re.compile(r'<c r="%s"([^>]*)><f>(.*?)</f><v\s*/?>(?:</v>)?</c>' % ref)
        attrs = ' t="%s"' % kind if kind else ""
        sheet, n = pattern.subn(lambda m: '<c r="%s"%s><f>%s</f><v>%s</v></c>'
                                % (ref, attrs, m.group(2), value), sheet)
        assert n == 1, (ref, sheet)
    parts["xl/worksheets/sheet1.xml"] = sheet.encode("utf-8")
    with zipfile.ZipFile(name, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)


def catalogue_as_computed():
    """Good rows only: 9.80 stored with a float tail, a price by formula with its cached result, a group code
    stored as a number."""
    wb = Workbook()
    ws = wb.active
    ws.title = "中选产品目录"
    ws.append(CATALOGUE)
    ws.append(product("ZA01", PRICE_9_80))
    ws.append(product("ZA02", "=4.9*2"))        # H3: cached 9.800000000000001
    ws.append(product("ZA03", 12.5, group_code=420102))
    save(wb, "catalogue-as-computed.xlsx", {"H3": (None, "9.800000000000001")})
    with zipfile.ZipFile("catalogue-as-computed.xlsx") as z:
        assert '<c r="H2" t="n"><v>9.800000000000001</v></c>' in z.read("xl/worksheets/sheet1.xml").decode()


def catalogue_with_bad_cells():
    """Row 2 good; row 3 a date as the price; row 4 TRUE as the capacity; row 5 a formula error as the price;
    row 6 a duplicate of row 2's drug code (a problem only the domain finds)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "中选产品目录"
    ws.append(CATALOGUE)
    ws.append(product("ZA01", 12.5))
    ws.append(product("ZA02", datetime.datetime(2024, 3, 1)))
    ws.append(product("ZA03", 8.5, capacity=True))
    ws.append(product("ZA04", "=1/0"))          # H5: cached #DIV/0!
    ws.append(product("ZA01", 12.5))
    save(wb, "catalogue-with-bad-cells.xlsx", {"H5": ("e", "#DIV/0!")})


if __name__ == "__main__":
    catalogue_as_computed()
    catalogue_with_bad_cells()
