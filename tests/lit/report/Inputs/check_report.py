"""Checks that a verification report's HTML and JSON agree and are
self-contained: every section present in both, no script, no external
resource, every figure an inline SVG, the order cost equal to the price times
the nucleotides, the heat map square and symmetric.

usage: check_report.py report.html report.json [price_per_nt]
"""
import json
import re
import sys
from html.parser import HTMLParser

SECTIONS = ["inputs", "lowering", "strands", "crosstalk", "kinetics",
            "verification", "resimulation", "training", "costs"]


class Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.external, self.svgs, self.stack = set(), [], 0, []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag not in ("br", "meta", "line", "rect", "circle", "polyline"):
            self.stack.append(tag)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "svg":
            self.svgs += 1
        for key in ("src", "href"):
            if key in a and not a[key].startswith("#"):
                self.external.append(a[key])
        if tag in ("script", "link", "img", "iframe"):
            self.external.append(tag)

    def handle_endtag(self, tag):
        if tag in ("line", "rect", "circle", "polyline"):
            return
        if not self.stack or self.stack.pop() != tag:
            raise SystemExit("unbalanced </%s>" % tag)


html_path, json_path = sys.argv[1], sys.argv[2]
html = open(html_path, encoding="utf-8").read()
doc = json.load(open(json_path))
parser = Collector()
parser.feed(html)
if parser.stack:
    raise SystemExit("unclosed tags: %s" % parser.stack)
print("external:", len(parser.external))
print("svg figures:", parser.svgs)
print("status:", doc["summary"]["status"])
assert "Verdict: " + doc["summary"]["status"] in html
for s in SECTIONS:
    ran = "not_run" not in doc[s]
    assert s in parser.ids, s
    print("section", s, "ran" if ran else "not run: " + doc[s]["not_run"])
    if not ran:
        assert re.search('id="%s">.*?Not run: ' % s, html, re.S), s
costs = doc["costs"]
if len(sys.argv) > 3:
    price = float(sys.argv[3])
    assert abs(costs["order_cost_usd"] - price * costs["nucleotides"]) < 1e-9
    print("order cost:", costs["order_cost_usd"], "USD")
assert str(costs["nucleotides"]) + " nt" in html
if "not_run" not in doc["crosstalk"]:
    m = doc["crosstalk"]["dG_kcal"]
    n = len(doc["crosstalk"]["labels"])
    assert len(m) == n and all(len(r) == n for r in m)
    assert all(m[i][j] == m[j][i] for i in range(n) for j in range(n))
    worst = doc["crosstalk"]["worst"][0]
    print("heat map: %d x %d, worst %s / %s" % (n, n, worst["a"], worst["b"]))
if "not_run" not in doc["kinetics"]:
    for r in doc["kinetics"]["reactions"]:
        assert abs(r["ratio"] - r["predicted_per_M_s"] / r["q_per_M_s"]) < 1e-9 * r["ratio"]
    print("kinetics rows:", len(doc["kinetics"]["reactions"]))
if "not_run" not in doc["training"]:
    t = doc["training"]
    print("epochs:", len(t["train_loss"]), "formal test accuracy:",
          t["formal_test_accuracy"], "dna:", t["dna_test_accuracy"])
