//===- FromVerification.cpp - verdicts and re-simulation for the report ---===//
//
// Steps 5 and 6's outcome (lib/verify/VerificationOutcome.h) as the report's
// verdict and re-simulation sections: one row per notion with its
// counterexample or the reason it is unknown, the interpretation, and per
// formal species both trajectories on the reference CRN's axes.
//
//===----------------------------------------------------------------------===//

#include "backends/report/ReportBuilder.h"
#include "lib/support/Format.h"
#include <cctype>

using namespace crnc;
using namespace crnc::report;

static std::string counterexampleText(const verify::CheckOutcome &c) {
  if (c.counterexample) {
    const verify::Counterexample &ce = *c.counterexample;
    return ce.condition + ": " + ce.message +
           (ce.reaction.empty() ? "" : " (" + ce.reaction + ")");
  }
  return c.reason.empty() ? c.method : c.reason;
}

Verification
report::describeVerification(const verify::VerificationOutcome &v) {
  Verification out;
  out.checkedAgainst = v.checkedAgainst;
  out.enumeration = v.enumeration;
  if (!v.enumerationStopped.empty())
    out.enumeration += (out.enumeration.empty() ? "stopped: " : " (stopped: ") +
                       v.enumerationStopped +
                       (out.enumeration.empty() ? "" : ")");
  for (const verify::CheckOutcome &c : v.checks)
    out.checks.push_back({c.notion, verify::verdictName(c.verdict).str(),
                          counterexampleText(c)});
  for (const auto &[species, formal] : v.interpretation) {
    std::string rhs;
    for (const std::string &f : formal)
      rhs += (rhs.empty() ? "" : " + ") + f;
    out.interpretation.push_back(species + " -> " +
                                 (rhs.empty() ? "(nothing)" : rhs));
  }
  return out;
}

/// " The same sample on the model network / formal CRN / DNA design:
/// output Y 2 / 2.17 / 2.59; weight changes P1 -0.01 / ...".
static std::string readoutsText(const verify::ResimulationOutcome &r) {
  const verify::SampleReadouts &m = r.modelReadouts, &f = r.formalReadouts,
                               &d = r.dnaReadouts;
  auto triples = [](const std::vector<std::string> &names,
                    const std::vector<double> &a, const std::vector<double> &b,
                    const std::vector<double> &c) {
    std::string text;
    for (size_t i = 0;
         i < names.size() && i < a.size() && i < b.size() && i < c.size(); ++i)
      text += (i ? ", " : " ") + names[i] + " " + formatSignificant(a[i], 4) +
              " / " + formatSignificant(b[i], 4) + " / " +
              formatSignificant(c[i], 4);
    return text;
  };
  if (m.outputs.empty())
    return "";
  return " The same sample on the model network / formal CRN / DNA design: "
         "output" +
         triples(r.outputNames, m.outputs, f.outputs, d.outputs) +
         "; weight changes" +
         triples(r.weightNames, m.weightChanges, f.weightChanges,
                 d.weightChanges) +
         ".";
}

Part<Resimulation>
report::describeResimulation(const verify::ResimulationOutcome &r) {
  if (!r.notExercised.empty())
    return Part<Resimulation>::skipped("not exercised — " + r.notExercised);
  if (!r.unknown.empty())
    return Part<Resimulation>::skipped("unknown — " + r.unknown);
  if (!r.ran)
    return Part<Resimulation>::skipped(r.problem);
  Resimulation out;
  const verify::ResimulationResult &res = r.result;
  out.times = res.times;
  bool unitless = r.referenceUnit.empty();
  out.timeUnit = unitless && r.sample.empty() ? "model time units" : "s";
  out.concUnit = unitless ? "model units" : r.referenceUnit;
  for (const verify::SpeciesDeviation &s : res.species)
    out.species.push_back({s.species, s.formalSeries, s.implementationSeries,
                           s.deviation, s.representedBy});
  out.maxDeviation = res.maxDeviation;
  out.threshold = r.threshold;
  out.pass = res.pass;
  if (!r.sample.empty()) {
    out.deviationOf = "the larger of each signal's range and peak in the "
                      "formal run";
    std::string origin = r.sampleOrigin;
    if (!origin.empty())
      origin[0] = char(std::toupper(static_cast<unsigned char>(origin[0])));
    out.note = origin + " (" + r.sample +
               (r.sampleChoice.empty() ? "" : "; " + r.sampleChoice) +
               ") presented as the lab protocol does (crnc train --level "
               "dna), each phase " +
               formatSignificant(r.phaseSeconds / 3600, 3) +
               " h of lab time: " + r.reference +
               " vs the enumerated DNA design, signals read in model units "
               "(free and bound copies)." +
               readoutsText(r);
    return out;
  }
  out.note =
      "Reference: " + r.reference +
      "; DNA level: the enumerated "
      "network (species interpreted by " +
      r.interpretation + ") on its time axis divided by " +
      formatSignificant(res.timeScale, 4) +
      " lab seconds per reference time unit, predicted from " +
      res.timeAxisSource +
      (res.timeScale != res.formulaTimeScale
           ? " (map-rates' formula: " +
                 formatSignificant(res.formulaTimeScale, 4) + " s)"
           : std::string()) +
      (res.fittedTimeScale
           ? " (the best-fitting axis, " +
                 formatSignificant(*res.fittedTimeScale, 4) +
                 " s, gives a max deviation of " +
                 formatSignificant(100 * res.fittedMaxDeviation, 3) + " %)."
           : std::string("."));
  return out;
}
