"""Smoke test of the standalone jar as a user would: files written by pandas/openpyxl, careless requests."""
import io, sys, json, time, requests, pandas as pd, openpyxl, datetime
B = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:18080"
API = B + "/api/v1"
def login(user, pw="Demo2026pass", new="Smoke2026pass1"):
    r = requests.post(API + "/auth/login", json={"username": user, "password": pw})
    if r.status_code != 200:
        r = requests.post(API + "/auth/login", json={"username": user, "password": new}); r.raise_for_status()
        return r.json()["token"]
    t = r.json()["token"]
    if r.json()["mustChangePassword"]:
        r = requests.post(API + "/auth/password", json={"oldPassword": pw, "newPassword": new}, headers=h(t)); r.raise_for_status()
        t = r.json()["token"]
    return t
def h(t): return {"Authorization": "Bearer " + t}
def show(label, r):
    body = r.text[:600]
    print(f"--- {label}: {r.status_code} {r.headers.get('Content-Type')}\n{body}\n")
    return r

admin = login("admin")
code = "SMOKE-" + str(int(time.time()))
now = datetime.datetime.now(datetime.timezone.utc)
show("create batch", requests.post(API + "/procurement/batches", headers=h(admin), json={"code": code, "name": "smoke",
     "allocationOpensAt": (now - datetime.timedelta(days=1)).isoformat(), "allocationClosesAt": (now + datetime.timedelta(days=30)).isoformat()}))
# catalogue via pandas: prices computed as floats (9.8 = 4.9*2 -> 9.8 exactly? use 0.1*98)
cat = pd.DataFrame({"产品组编码": ["G1", "G1"], "产品组名称": ["感冒清热颗粒组"]*2, "药品统一编码": ["Z001", "Z002"],
    "品种名称": ["感冒清热颗粒"]*2, "剂型": ["颗粒剂"]*2, "规格": ["12g"]*2, "企业名称": ["甲药业", "乙药业"],
    "包装中选价(元)": [0.1*98, 12.3*3], "最小包装数量": [10, 12], "最小制剂单位": ["袋"]*2, "日均使用量": [3, 3],
    "降幅(%)": [55.5, 60], "最大产能": [1000000, 1000000]})
print("pandas prices as stored:", list(cat["包装中选价(元)"]))
buf = io.BytesIO(); cat.to_excel(buf, index=False); 
show("pandas catalogue", requests.post(API + f"/procurement/batches/{code}/catalogue", headers=h(admin),
     files={"file": ("cat.xlsx", buf.getvalue())}))
# demands via openpyxl, district by name, one row with a date in 需求量 and one unknown group
wb = openpyxl.Workbook(); ws = wb.active
ws.append(["机构编码", "机构名称", "所属区县", "产品组编码", "需求类型", "药品统一编码", "品种名称", "企业名称", "需求量", "日均使用量"])
ws.append(["HX001", "烟测医院", "江岸区", "G1", "中选", "Z001", "感冒清热颗粒", "甲药业", 300, None])
ws.append(["HX002", "烟测医院二", "江岸区", "G9", "中选", "Z001", "感冒清热颗粒", "甲药业", 300, None])
ws.append(["HX003", "烟测医院三", "420103", "G1", "中选", "Z002", "感冒清热颗粒", "乙药业", datetime.date(2024, 3, 1), None])
buf = io.BytesIO(); wb.save(buf)
show("bad demands (one answer)", requests.post(API + f"/procurement/batches/{code}/demands", headers=h(admin), files={"file": ("d.xlsx", buf.getvalue())}))
ws.delete_rows(3, 2); buf = io.BytesIO(); wb.save(buf)
show("good demands", requests.post(API + f"/procurement/batches/{code}/demands", headers=h(admin), files={"file": ("d.xlsx", buf.getvalue())}))
show("supply list, district name", requests.get(API + f"/procurement/batches/{code}/supply-list", headers=h(admin)))
bureau = login("bureau-420102")
show("bureau asks another district", requests.get(API + f"/procurement/batches/HB-ZCY-2023/supply-list?district=420103", headers=h(bureau)))
show("bureau asks own district", requests.get(API + f"/procurement/batches/HB-ZCY-2023/supply-list?district=420102&size=1", headers=h(bureau)))
show("bracket param", requests.get(API + f"/procurement/batches/HB-ZCY-2023/supply-list?institution[$ne]=x", headers=h(bureau)))
show("unknown field", requests.post(API + "/procurement/batches", headers=h(admin), json={"code": "X1", "name": "n", "extra": 1, "allocationOpensAt": now.isoformat(), "allocationClosesAt": now.isoformat()}))
show("wrong type", requests.put(API + "/me", headers=h(admin), json={"displayName": 123}))
show("retention code reused", requests.post(API + "/procurement/batches", headers=h(admin), json={"code": "RET-2024-4P7", "name": "n", "allocationOpensAt": now.isoformat(), "allocationClosesAt": (now+datetime.timedelta(days=3)).isoformat()}))
show("ADMIN duplicate", requests.post(API + "/admin/accounts", headers=h(admin), json={"username": "ADMIN", "role": "ADMIN", "organisation": "CITY", "initialPassword": "Abcdef12345"}))
r = requests.get(API + f"/procurement/batches/HB-ZCY-2023/supply-list.xlsx?district=420102", headers=h(bureau))
open("/tmp/smoke-supply.xlsx", "wb").write(r.content)
wb = openpyxl.load_workbook("/tmp/smoke-supply.xlsx"); ws = wb.active
print("export freeze:", ws.freeze_panes, "header:", [c.value for c in ws[1]])
print("row 2:", [(c.value, c.number_format) for c in ws[2]])
df = pd.read_excel("/tmp/smoke-supply.xlsx", dtype=None)
print(df.dtypes.to_dict())
t = time.time(); r = requests.get(API + "/audit/events.ndjson?batch=NOPE", headers=h(login("auditor")), timeout=10)
print("ndjson unknown batch", r.status_code, round(time.time()-t, 2), "s", r.text[:200])
