#!/usr/bin/env python3
"""An Open311 GeoReport v2 client written with Python's standard library only, as a
city app in another language would be: it reads discovery, files a request at the
production endpoint, tries the test endpoint, and reads the request back in XML and JSON.
Usage: roundtrip.py BASE_URL API_KEY; prints one line "OK <service_request_id>"."""
import json
import sys
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

base, key = sys.argv[1], sys.argv[2]


def get(url):
    with urllib.request.urlopen(url, timeout=10) as r:
        return r.status, r.headers.get("Content-Type", ""), r.read()


def post(url, fields):
    data = urllib.parse.urlencode(fields).encode("utf-8")
    req = urllib.request.Request(url, data=data, method="POST",
                                 headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


_, ctype, body = get(base + "/open311/v2/discovery.xml")
assert ctype.startswith("text/xml"), ctype
root = ET.fromstring(body)
endpoints = {e.findtext("type"): e.findtext("url") for e in root.iter("endpoint")}
assert set(endpoints) == {"production", "test"}, endpoints
prod, test = endpoints["production"], endpoints["test"]

_, _, body = get(prod + "/services.json")
codes = [s["service_code"] for s in json.loads(body)]
assert "complaint" in codes, codes

fields = {"api_key": key, "service_code": "complaint", "lat": "29.6757", "long": "115.6681",
          "address_string": "湓城街道人民路12号", "first_name": "三丰", "last_name": "张", "phone": "13812345678",
          "description": "在超市买到过期牛奶", "attribute[merchant]": "瑞昌惠民超市", "attribute[request]": "退货退款"}

status, body = post(test + "/requests.json", fields)
assert status == 200, (status, body)
tried = json.loads(body)[0]
assert "token" in tried and "service_request_id" not in tried, tried

status, body = post(prod + "/requests.xml", dict(fields, api_key="wrong"))
assert status == 403, status
err = ET.fromstring(body).find("error")
assert err.findtext("code") == "403" and err.findtext("description"), body

status, body = post(prod + "/requests.json", fields)
assert status == 200, (status, body)
created = json.loads(body)
assert isinstance(created, list) and len(created) == 1, created
rid = created[0]["service_request_id"]

_, _, body = get(prod + "/requests/" + urllib.parse.quote(rid) + ".xml")
req = ET.fromstring(body).find("request")
assert req.findtext("service_request_id") == rid, body
assert req.findtext("status") == "open", body
assert req.findtext("service_code") == "complaint", body

_, _, body = get(prod + "/requests.json?" + urllib.parse.urlencode({"service_request_id": rid}))
listed = json.loads(body)
assert [r["service_request_id"] for r in listed] == [rid], listed
assert "13812345678" not in body.decode("utf-8"), "personal data in public output"
print("OK", rid)
