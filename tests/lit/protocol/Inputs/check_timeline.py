# Checks a protocol's timeline against the formal module it came from:
# minutes from time_scale (lab seconds per model time unit) and horizon,
# nM per model unit from conc_scale_nM x amount_factor (what the lab adds).
#   check_timeline.py model.formal.crnir model.protocol.json
import json
import re
import sys

attrs = dict(re.findall(r'attr (\w+) = "([^"]*)"', open(sys.argv[1]).read()))
t = json.load(open(sys.argv[2]))["timeline"]
scale = float(attrs["time_scale"])
horizon = float(attrs.get("horizon", "1"))
conc = float(attrs.get("conc_scale_nM", "1")) * float(
    attrs.get("amount_factor", "1"))
close = lambda a, b: abs(a - b) <= 1e-9 * max(abs(a), abs(b))
print("kind", t["kind"])
print("time scale matches:", close(t["lab_seconds_per_model_time"], scale))
print("cycle = 2 x horizon x time_scale:",
      close(t["cycle_min"], 2 * horizon * scale / 60))
readout = [e["minute"] for e in t["events"] if e["action"] == "measure"]
print("readout at horizon x time_scale:",
      readout == [horizon * scale / 60] or
      all(close(m, horizon * scale / 60) for m in readout) and len(readout) == 1)
inputs = [e for e in t["events"] if e["what"] == "X1"]
added = t["nM_added_per_model_unit"]
print("input amounts per model unit match conc_scale_nM x amount_factor:",
      close(added, conc) and len(inputs) == 1 and
      inputs[0]["amount"].startswith("x_1 × %s nM" % ("%.4g" % added)))
