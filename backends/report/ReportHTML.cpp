//===- ReportHTML.cpp - the verification report as one HTML page ----------===//
//
// One self-contained page: inline CSS, figures as inline SVG (Svg.h), no
// scripts, no links outside the page. Every text goes through escapeMarkup.
//
//===----------------------------------------------------------------------===//

#include "backends/report/Report.h"
#include "backends/report/Svg.h"
#include "lib/support/Format.h"
#include <algorithm>
#include <cmath>

using namespace crnc;
using namespace crnc::report;

using Row = std::vector<std::string>;

static std::string num(double v, int digits = 4) {
  return formatSignificant(v, digits);
}

static std::string optionalNum(const std::optional<double> &v, int digits = 4) {
  return v ? num(*v, digits) : "—";
}

static void table(llvm::raw_ostream &os, const Row &header,
                  const std::vector<Row> &rows, const char *cls = "") {
  os << "<table" << (*cls ? std::string(" class=\"") + cls + "\"" : "")
     << ">\n<tr>";
  for (const std::string &h : header)
    os << "<th>" << escapeMarkup(h) << "</th>";
  os << "</tr>\n";
  for (const Row &row : rows) {
    os << "<tr>";
    for (const std::string &cell : row)
      os << "<td>" << escapeMarkup(cell) << "</td>";
    os << "</tr>\n";
  }
  os << "</table>\n";
}

/// A table; one of more than 40 rows is folded under `label` (a click opens
/// it), so a large design's report stays readable.
static void longTable(llvm::raw_ostream &os, const std::string &label,
                      const Row &header, const std::vector<Row> &rows,
                      const char *cls = "") {
  if (rows.size() <= 40)
    return table(os, header, rows, cls);
  os << "<details><summary>" << escapeMarkup(label) << " (" << rows.size()
     << " rows)</summary>\n";
  table(os, header, rows, cls);
  os << "</details>\n";
}

static void para(llvm::raw_ostream &os, const std::string &text) {
  os << "<p>" << escapeMarkup(text) << "</p>\n";
}

static void heading(llvm::raw_ostream &os, unsigned index, const char *title) {
  os << "<section id=\"" << sectionIds[index] << "\">\n<h2>" << index + 1
     << ". " << title << "</h2>\n";
}

/// A section's body, or its "not run" line.
template <typename T, typename F>
static void section(llvm::raw_ostream &os, unsigned index, const char *title,
                    const Part<T> &part, F &&body) {
  heading(os, index, title);
  if (part.ran())
    body(*part);
  else
    os << "<p class=\"notrun\">Not run: " << escapeMarkup(part.notRun)
       << "</p>\n";
  os << "</section>\n";
}

static const char *style() {
  return "body{font-family:sans-serif;max-width:72em;margin:1.5em auto;"
         "padding:0 1em;color:#222}\n"
         "h1{font-size:1.6em}h2{border-bottom:1px solid #bbb;"
         "margin-top:1.6em}\n"
         "table{border-collapse:collapse;margin:0.6em 0;font-size:0.9em}\n"
         "th,td{border:1px solid #aaa;padding:2px 7px;text-align:left;"
         "vertical-align:top}\nth{background:#eee}\n"
         "td{font-variant-numeric:tabular-nums}\n"
         "table.seq td{font-family:monospace;word-break:break-all}\n"
         ".summary{border:2px solid;border-radius:6px;padding:0.6em 1em;"
         "margin:1em 0}\n"
         ".pass{border-color:#1b7f3b;background:#e9f7ee}\n"
         ".fail{border-color:#b3261e;background:#fdecea}\n"
         ".incomplete{border-color:#a86b00;background:#fff6e0}\n"
         ".status{font-size:1.3em;font-weight:bold}\n"
         ".notrun{color:#8a5a00;font-style:italic}\n"
         "nav a{margin-right:0.9em}\n"
         ".figs{display:flex;flex-wrap:wrap;gap:0.5em}\n"
         "pre{background:#f4f4f4;padding:0.5em;overflow-x:auto;max-height:24em}"
         "\n"
         "summary{cursor:pointer;color:#0645ad;margin:0.4em 0}\n";
}

static void summaryBox(llvm::raw_ostream &os, const ReportData &d) {
  Summary s = summarize(d);
  const char *status = statusName(s.status);
  os << "<div class=\"summary " << status << "\" id=\"summary\">\n"
     << "<div class=\"status\">Verdict: " << status << "</div>\n<ul>\n";
  for (const std::string &r : s.reasons)
    os << "<li>" << escapeMarkup(r) << "</li>\n";
  os << "</ul>\n</div>\n<nav>";
  const char *titles[] = {"Inputs",        "Lowering", "Domains and strands",
                          "Crosstalk",     "Kinetics", "Formal verdicts",
                          "Re-simulation", "Training", "Costs"};
  for (unsigned i = 0; i < 9; ++i)
    os << "<a href=\"#" << sectionIds[i] << "\">" << titles[i] << "</a>";
  os << "</nav>\n";
}

static void inputsSection(llvm::raw_ostream &os, const Inputs &in) {
  heading(os, 0, "Inputs");
  para(os, "Source: " + in.source + "; scheme " + in.scheme + "; " +
               num(in.temperatureC) + " °C, " + num(in.sodiumMM) +
               " mM Na⁺ equivalent, " + num(in.magnesiumMM) + " mM Mg²⁺.");
  para(os, "Fuels at C_max = " + num(in.cmaxNM) + " nM; fastest rate q_max = " +
               num(in.qmaxPerMS) + " /M/s; " + num(in.concScaleNM) +
               " nM per input unit; " + num(in.timeScale) +
               " lab seconds per model second (time scale).");
  os << "<p>Input CRN"
     << (in.inputUnit.empty() ? "" : " (" + in.inputUnit + ")")
     << ":</p>\n<pre>";
  for (const std::string &r : in.reactions)
    os << escapeMarkup(r) << "\n";
  os << "</pre>\n";
  std::vector<Row> rows;
  for (const SpeciesRow &s : in.species)
    rows.push_back({s.name, s.role, num(s.initialNM), s.constant ? "yes" : ""});
  longTable(os, "Species of the formal CRN",
            {"Species (formal)", "Role", "Initial (nM)", "Constant"}, rows);
  os << "</section>\n";
}

static void loweringBody(llvm::raw_ostream &os, const Lowering &l) {
  std::vector<Row> rows = {{"(input)", "", std::to_string(l.inputSpecies),
                            std::to_string(l.inputReactions),
                            std::to_string(l.inputMaxOrder), ""}};
  for (const PassRow &p : l.passes)
    rows.push_back({p.pass, p.summary, std::to_string(p.species),
                    std::to_string(p.reactions), std::to_string(p.maxOrder),
                    num(p.seconds * 1e3, 3)});
  if (l.passes.empty())
    para(os, "The module was already formal: no pass ran.");
  table(os,
        {"Pass", "What it does", "Species after", "Reactions after",
         "Max order", "Time (ms)"},
        rows);
  std::vector<Row> attrs;
  for (const auto &[key, value] : l.attributes) {
    std::optional<double> v = parseNumber(value);
    attrs.push_back({key, v ? num(*v, 6) : value});
  }
  if (!attrs.empty())
    table(os, {"Recorded in the formal module", "Value"}, attrs);
}

static void strandsBody(llvm::raw_ostream &os, const Strands &s) {
  para(os, "Toehold ΔG target " + num(s.toeholdTargetDG, 3) + " ± " +
               num(s.toeholdToleranceDG, 2) + " kcal/mol; " +
               std::to_string(s.hardViolations) +
               " hard-constraint violations.");
  std::vector<Row> constraints, domains, strands;
  for (const ConstraintRow &c : s.constraints)
    constraints.push_back({c.name, c.hard ? "hard" : "soft (minimised)",
                           c.checked ? num(c.worst, 3) : "not checked",
                           num(c.limit, 3), c.unit,
                           std::to_string(c.violations),
                           !c.checked     ? "—"
                           : c.violations ? "not met"
                                          : "met"});
  table(os, {"Constraint", "Kind", "Worst", "Limit", "Unit", "Violations", ""},
        constraints);
  for (const DomainRow &d : s.domains)
    domains.push_back({d.name, d.kind, std::to_string(d.length), d.sequence,
                       num(d.gcPercent, 3), num(d.dG, 3),
                       optionalNum(d.dGError, 2)});
  longTable(os, "Domains",
            {"Domain", "Kind", "Length (nt)", "Sequence (5'→3')", "GC %",
             "ΔG (kcal/mol)", "ΔG − target"},
            domains, "seq");
  for (const StrandRow &r : s.strands)
    strands.push_back({r.name, r.role, std::to_string(r.length),
                       num(r.gcPercent, 3), r.purification, r.sequence});
  longTable(os, "Strands to order",
            {"Strand", "Role", "Length (nt)", "GC %", "Purification",
             "Sequence (5'→3')"},
            strands, "seq");
}

static void crosstalkBody(llvm::raw_ostream &os, const Crosstalk &c) {
  std::string among =
      c.strands < c.ordered
          ? "the first " + std::to_string(c.strands) + " of the " +
                std::to_string(c.ordered) +
                " ordered strands (single strands first; --crosstalk-strands "
                "measures more)"
          : "the " + std::to_string(c.strands) + " ordered strands";
  para(os,
       "Strongest unintended duplex (a domain with its complement "
       "excluded, in any register) of each of the " +
           std::to_string(c.pairs) + " pairs among " + among +
           ", whole strands taken as single strands: an "
           "upper bound, since most of a gate strand is bound in its gate "
           "(the designer's check of the exposed regions is in section "
           "3)." +
           (c.subset ? " The map shows the " + std::to_string(c.labels.size()) +
                           " strands with the strongest crosstalk."
                     : ""));
  HeatMap map;
  map.title = "worst spurious ΔG per pair";
  map.unit = "kcal/mol";
  map.labels = c.labels;
  map.values = c.dG;
  map.low = -1;
  for (const std::vector<double> &row : c.dG)
    for (double v : row)
      map.low = std::min(map.low, v);
  map.high = 0;
  os << renderHeatMap(map) << "\n";
  std::vector<Row> rows;
  for (const Crosstalk::Pair &p : c.worst)
    rows.push_back({p.a, p.b, num(p.dG, 3)});
  table(os, {"Strand", "Strand", "ΔG (kcal/mol)"}, rows);
}

/// "5", or "5 (1 mismatch)" for a weakened toehold ("5 (1 mismatch, next to
/// its open end)").
static std::string gateToeholdText(const KineticsRow &r) {
  if (!r.gateToeholdNt)
    return "—";
  std::string text = std::to_string(*r.gateToeholdNt);
  unsigned n = r.gateToeholdMismatches;
  if (!n)
    return text;
  text += " (" + std::to_string(n) + (n == 1 ? " mismatch" : " mismatches");
  if (r.gateToeholdEndMismatch)
    text += n == 1 ? ", next to its open end" : ", one next to its open end";
  if (r.gateToeholdWobble)
    text += n == 1 ? ", a G.T wobble" : ", one a G.T wobble";
  return text + ")";
}

static void kineticsBody(llvm::raw_ostream &os, const Kinetics &k) {
  para(os, k.model);
  std::vector<Row> rows;
  for (const KineticsRow &r : k.rows)
    rows.push_back(
        {r.equation,
         r.formalRate ? num(*r.formalRate) + " " + r.formalUnit : "—",
         num(r.qPerMS), r.toehold, num(r.toeholdDG, 3), num(r.predictedPerMS),
         num(r.ratio, 3),
         r.gateLevel ? num(*r.gateLevel, 4) + " " + r.gateUnit : "—",
         gateToeholdText(r), r.realisedPerMS ? num(*r.realisedPerMS) : "—",
         r.realisedRatio ? num(*r.realisedRatio, 3) : "—"});
  longTable(os, "Formal reactions",
            {"Formal reaction", "Formal rate", "Mapped q (/M/s)", "Toehold",
             "Toehold ΔG (kcal/mol)", "Predicted (/M/s)", "Predicted / q",
             "Rate gate", "Gate toehold (nt)", "Realised (/M/s)",
             "Realised / q"},
            rows);
}

static void verificationBody(llvm::raw_ostream &os, const Verification &v) {
  if (!v.checkedAgainst.empty())
    para(os, "Checked against " + v.checkedAgainst + ".");
  if (!v.enumeration.empty())
    para(os, "Enumeration: " + v.enumeration);
  std::vector<Row> rows;
  for (const Check &c : v.checks)
    rows.push_back({c.notion, c.verdict,
                    c.counterexample.empty() ? "—" : c.counterexample});
  table(os, {"Notion", "Verdict", "Counterexample, reason or method"}, rows);
  if (v.interpretation.empty())
    return;
  os << "<p>Interpretation (implementation species → formal species):</p>\n"
        "<pre>";
  for (const std::string &line : v.interpretation)
    os << escapeMarkup(line) << "\n";
  os << "</pre>\n";
}

static void resimulationBody(llvm::raw_ostream &os, const Resimulation &r) {
  para(os, std::string(r.pass ? "Pass" : "Fail") + ": max deviation " +
               num(100 * r.maxDeviation, 3) + " % of " + r.deviationOf +
               " (threshold " + num(100 * r.threshold, 3) + " %). " + r.note);
  bool minutes = r.timeUnit == "s" && !r.times.empty() && r.times.back() > 600;
  std::vector<double> t = r.times;
  for (double &v : t)
    v = minutes ? v / 60 : v;
  std::string timeLabel =
      "time (" + (minutes ? std::string("min") : r.timeUnit) + ")";
  os << "<div class=\"figs\">\n";
  for (const Trajectory &s : r.species) {
    LinePlot plot;
    plot.title = s.species + " (deviation " + num(100 * s.deviation, 3) + " %)";
    plot.xLabel = timeLabel;
    plot.yLabel = "concentration (" + r.concUnit + ")";
    // The dashed formal line on top, so it shows where both coincide.
    plot.series = {{"DNA level", t, s.dna, false, 1},
                   {"formal CRN", t, s.formal, true, 0}};
    os << renderLinePlot(plot) << "\n";
  }
  os << "</div>\n";
  std::vector<Row> rows;
  for (const Trajectory &s : r.species) {
    std::string by;
    for (const std::string &b : s.representedBy)
      by += (by.empty() ? "" : " + ") + b;
    rows.push_back({s.species, num(100 * s.deviation, 3), by});
  }
  longTable(os, "Deviation per species",
            {"Formal species", "Deviation (% of range)", "DNA-level species"},
            rows);
}

static std::vector<double> percent(const std::vector<double> &fractions) {
  std::vector<double> out;
  for (double a : fractions)
    out.push_back(100 * a);
  return out;
}

/// Which design the DNA level trained, its lab time, and whether it is this
/// design.
static void dnaTrainingNote(llvm::raw_ostream &os, const DnaTraining &d) {
  std::string text =
      "DNA level: crnc train --level dna trained the " + d.scheme +
      " design (" + d.network +
      "), beside the model network on the same rows in the same order. Lab "
      "time: " +
      num(d.hoursPerSample, 3) + " h per training sample (" +
      (d.hoursPerBackwardPhase == d.hoursPerPhase
           ? "two phases of " + num(d.hoursPerPhase, 3)
           : "phases of " + num(d.hoursPerPhase, 3) + " and " +
                 num(d.hoursPerBackwardPhase, 3)) +
      " h); " + std::to_string(d.trainingSamples) +
      " samples in sequence: " + num(d.trainingHours, 3) + " h; " +
      std::to_string(d.evaluatedSamples) + " validation and test samples, " +
      num(d.hoursPerPhase, 3) + " h each (phase 1 on a copy of the mix).";
  para(os, text);
  if (d.differences.empty())
    return;
  std::string why;
  for (const std::string &w : d.differences)
    why += (why.empty() ? "" : "; ") + w;
  os << "<p class=\"notrun\">"
     << escapeMarkup("The DNA-level figures were recorded for a different "
                     "design than this one, so they are not this design's: " +
                     why + ".")
     << "</p>\n";
}

static void trainingPlots(llvm::raw_ostream &os, const Training &t) {
  const DnaTraining *d = t.dna.ran() ? &*t.dna : nullptr;
  std::string dnaLabel =
      d && d->differences.empty() ? "DNA level" : "DNA (other)";
  std::vector<double> epochs;
  for (size_t i = 0; i < t.trainLoss.size(); ++i)
    epochs.push_back(double(i + 1));
  LinePlot loss;
  loss.title = "loss per epoch";
  loss.xLabel = "epoch";
  loss.yLabel = "loss (mean of ½|ŷ − t|²)";
  std::string formal = d ? "formal CRN, " : "";
  loss.series = {{formal + "training", epochs, t.trainLoss, false, 0},
                 {formal + "validation", epochs, t.validationLoss, true, 1}};
  if (d)
    loss.series.push_back(
        {dnaLabel + ", training", epochs, d->trainLoss, false, 3});
  if (d)
    loss.series.push_back(
        {dnaLabel + ", validation", epochs, d->validationLoss, true, 4});
  os << "<div class=\"figs\">\n" << renderLinePlot(loss) << "\n";
  if (t.task != "regression") {
    LinePlot acc;
    acc.title = "validation accuracy per epoch";
    acc.xLabel = "epoch";
    acc.yLabel = "accuracy (%)";
    acc.series = {{formal + "validation", epochs, percent(t.validationAccuracy),
                   false, 2}};
    if (d)
      acc.series.push_back({dnaLabel + ", validation", epochs,
                            percent(d->validationAccuracy), true, 4});
    acc.yRange = std::make_pair(0.0, 100.0);
    os << renderLinePlot(acc) << "\n";
  }
  os << "</div>\n";
}

/// Where the DNA level departs: the first sample from the same weights
/// (phase 1: the forward computation; phase 2: the update), and the fuel
/// left when fuels deplete.
static void firstSampleTable(llvm::raw_ostream &os, const DnaTraining &d,
                             const std::string &column) {
  std::vector<Row> rows;
  for (size_t k = 0; k < d.firstOutputs.size(); ++k)
    rows.push_back({"phase 1 output y" + std::to_string(k),
                    num(d.firstFormalOutputs[k]), num(d.firstOutputs[k])});
  for (size_t w = 0; w < d.firstChanges.size() && w < d.weights.size(); ++w)
    rows.push_back({"phase 2 change of " + d.weights[w].first,
                    num(d.firstFormalChanges[w]), num(d.firstChanges[w])});
  if (d.lowestFuelFraction)
    rows.push_back({"fuel left at the end (lowest: " + d.lowestFuelName + ")",
                    "no fuels", num(100 * *d.lowestFuelFraction, 3) + " %"});
  if (rows.empty())
    return;
  para(os, "The first training sample, both networks from the same weights: "
           "phase 1 compares the forward computation alone, phase 2 the "
           "update alone.");
  longTable(os, "First sample", {"First sample", "Formal CRN", column}, rows);
}

static void trainingBody(llvm::raw_ostream &os, const Training &t) {
  trainingPlots(os, t);
  auto percentOf = [](const std::optional<double> &a) {
    return a ? num(100 * *a, 4) + " %" : std::string("—");
  };
  if (!t.dna.ran()) {
    table(os, {"Test set", "Formal CRN (chemical training)", "DNA level"},
          {{"accuracy", percentOf(t.testAccuracy), "not run: " + t.dna.notRun},
           {"loss", optionalNum(t.testLoss), ""}});
    return;
  }
  const DnaTraining &d = *t.dna;
  dnaTrainingNote(os, d);
  std::string column = "DNA level (" + d.scheme + ")";
  std::vector<Row> rows;
  if (t.task != "regression")
    rows.push_back(
        {"accuracy", percentOf(t.testAccuracy), percentOf(d.testAccuracy)});
  rows.push_back({"loss", optionalNum(t.testLoss), optionalNum(d.testLoss)});
  table(os, {"Test set", "Formal CRN (chemical training)", column}, rows);
  firstSampleTable(os, d, column);
}

static void costsSection(llvm::raw_ostream &os, const Costs &c) {
  heading(os, 8, "Costs");
  std::string price = c.orderCost
                          ? "order cost " + num(*c.orderCost, 6) + " USD at " +
                                num(*c.pricePerNt, 4) + " USD per nt"
                          : "no order cost: give --price-per-nt (USD per nt)";
  para(os, std::to_string(c.complexes) + " complexes, " +
               std::to_string(c.strands) + " distinct strands, " +
               std::to_string(c.nucleotides) + " nt to synthesise; " + price +
               ".");
  std::vector<Row> rows;
  for (const Costs::ModuleCost &m : c.perModule)
    rows.push_back(
        {m.equation, std::to_string(m.strands), std::to_string(m.nucleotides)});
  rows.push_back({"signals", std::to_string(c.signalStrands),
                  std::to_string(c.signalNucleotides)});
  longTable(os, "Costs per formal reaction",
            {"Fuels of", "Strands", "Nucleotides"}, rows);
  os << "</section>\n";
}

void report::writeReportHTML(const ReportData &d, llvm::raw_ostream &os) {
  os << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">"
        "\n<title>Verification report: "
     << escapeMarkup(d.name) << "</title>\n<style>\n"
     << style() << "</style>\n</head>\n<body>\n<h1>Verification report: "
     << escapeMarkup(d.name) << "</h1>\n";
  summaryBox(os, d);
  inputsSection(os, d.inputs);
  section(os, 1, "Lowering", d.lowering,
          [&](const Lowering &l) { loweringBody(os, l); });
  section(os, 2, "Domains and strands", d.strands,
          [&](const Strands &s) { strandsBody(os, s); });
  section(os, 3, "Crosstalk", d.crosstalk,
          [&](const Crosstalk &c) { crosstalkBody(os, c); });
  section(os, 4, "Kinetics", d.kinetics,
          [&](const Kinetics &k) { kineticsBody(os, k); });
  section(os, 5, "Formal verdicts", d.verification,
          [&](const Verification &v) { verificationBody(os, v); });
  section(os, 6, "Re-simulation", d.resimulation,
          [&](const Resimulation &r) { resimulationBody(os, r); });
  section(os, 7, "Training", d.training,
          [&](const Training &t) { trainingBody(os, t); });
  costsSection(os, d.costs);
  os << "</body>\n</html>\n";
}
