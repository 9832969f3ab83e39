"""Prints what a test checks of "dna_training" in <name>.verification.json
and of the report's training section, against the lab-training.json that
`crnc train --level dna` wrote for the same run.
Usage: dna_training.py VERIFICATION_JSON REPORT_JSON LAB_TRAINING_JSON"""
import json
import sys

verification, report, lab = (json.load(open(p)) for p in sys.argv[1:4])
d = verification["dna_training"]
print("dna_training: same_design", d["same_design"], "scheme",
      d["trained_design"]["scheme"], "epochs", len(d["epochs"]))
for why in d.get("differences", []):
    print("difference:", why)
print("test loss: dna equals lab-training.json %s; model equals %s" %
      (d["test"]["dna"]["loss"] == lab["test"]["lab"]["loss"],
       d["test"]["model"]["loss"] == lab["test"]["model"]["loss"]))
t = d["lab_time"]
print("lab time: %.4f h per training sample, %d samples, %.4f h" %
      (t["hours_per_training_sample"], t["training_samples"], t["training_hours"]))
r = report["training"]["dna"]
print("report: scheme", r["scheme"], "same_design", r["same_design"],
      "test_loss equal", r["test_loss"] == lab["test"]["lab"]["loss"],
      "accuracy", report["training"]["dna_test_accuracy"])
