//===- VerifyStep.cpp - compile steps 5 and 6: enumerate, verify ----------===//

#include "compiler/driver/VerifyStep.h"
#include "backends/json/LabTrainingJSON.h"
#include "backends/json/VerificationJSON.h"
#include "backends/pil/EnumeratedPIL.h"
#include "backends/sbml/SBML.h"
#include "compiler/driver/DriverSupport.h"
#include "compiler/driver/TrainLevel.h"
#include "lib/support/Format.h"
#include "llvm/Support/WithColor.h"
#include <algorithm>
#include <cmath>

using namespace crnc;
using namespace crnc::driver;

verify::PreparedDesign driver::enumerateStep(const ir::Module &formal,
                                             const dna::Design &design,
                                             const CompileOptions &options,
                                             CompileResult &result) {
  verify::PreparedDesign prepared =
      verify::prepareDesign(formal, design, options.enumerationLimits);
  std::string line =
      "enumeration (" + dsd::schemeInfo(options.scheme.kind).name.str() + "): ";
  if (!prepared.system) {
    result.summary += line + "stopped: " + prepared.stopped + "\n";
    return prepared;
  }
  result.summary += line + prepared.enumerated + "\n";
  prepared.implementation.module.name = formal.name + "_implementation";
  std::string pil;
  llvm::raw_string_ostream os(pil);
  pil::writeEnumeratedPIL(design, *prepared.system, /*detailed=*/false, os);
  result.artifacts.push_back({formal.name + ".enumerated.pil", os.str()});
  result.artifacts.push_back({formal.name + ".implementation.sbml",
                              sbml::writeSBML(prepared.implementation.module)});
  return prepared;
}

/// `crn-bisimulation: correct`, or the verdict with its reason and
/// counterexample.
static std::string checkLines(const verify::CheckOutcome &c) {
  std::string line = c.notion + ": " + verify::verdictName(c.verdict).str();
  if (!c.reason.empty())
    line += " (" + c.reason + ")";
  line += "\n";
  if (c.counterexample)
    line += "  counterexample (" + c.counterexample->condition +
            "): " + c.counterexample->reaction +
            (c.counterexample->reaction.empty() ? "" : " ") +
            c.counterexample->message + "\n";
  return line;
}

/// `seconds` of lab time in hours, or seconds below a minute.
static std::string labDuration(double seconds) {
  return seconds < 60 ? formatSignificant(seconds, 3) + " s"
                      : formatSignificant(seconds / 3600, 3) + " h";
}

/// How many compared species move in the reference run.
static size_t movingSpecies(const verify::ResimulationResult &x) {
  return std::count_if(
      x.species.begin(), x.species.end(),
      [](const verify::SpeciesDeviation &d) { return d.range > 0; });
}

/// "Y 2 / 2.884 / 1.957" for readout `i` of the three networks.
static std::string readoutTriple(const std::string &name, double model,
                                 double formal, double dna) {
  return name + " " + formatSignificant(model, 4) + " / " +
         formatSignificant(formal, 4) + " / " + formatSignificant(dna, 4);
}

/// The sample's readouts on the model network, the formal CRN and the DNA
/// design: the outputs, the first weight changes, and the range of the DNA
/// design's weight changes over the model's.
static std::string readoutLine(const verify::ResimulationOutcome &r) {
  const verify::SampleReadouts &m = r.modelReadouts, &f = r.formalReadouts,
                               &d = r.dnaReadouts;
  if (m.outputs.size() != r.outputNames.size() ||
      m.weightChanges.size() != r.weightNames.size() ||
      f.outputs.size() != m.outputs.size() ||
      d.weightChanges.size() != m.weightChanges.size())
    return "";
  constexpr size_t Shown = 4;
  std::string line = "  readouts (model network / formal CRN / DNA design, "
                     "model units): output";
  for (size_t i = 0; i < m.outputs.size(); ++i)
    line += (i ? ", " : " ") + readoutTriple(r.outputNames[i], m.outputs[i],
                                             f.outputs[i], d.outputs[i]);
  line += "; weight changes";
  double lo = INFINITY, hi = -INFINITY;
  for (size_t i = 0; i < m.weightChanges.size(); ++i) {
    if (i < Shown)
      line += (i ? ", " : " ") +
              readoutTriple(r.weightNames[i], m.weightChanges[i],
                            f.weightChanges[i], d.weightChanges[i]);
    if (m.weightChanges[i] != 0) {
      lo = std::min(lo, d.weightChanges[i] / m.weightChanges[i]);
      hi = std::max(hi, d.weightChanges[i] / m.weightChanges[i]);
    }
  }
  if (m.weightChanges.size() > Shown)
    line += " (" + std::to_string(m.weightChanges.size() - Shown) +
            " more in the .verification.json)";
  if (lo <= hi)
    line += "; the DNA design's weight changes are " +
            formatSignificant(lo, 2) +
            (hi > lo ? "-" + formatSignificant(hi, 2) : "") +
            " of the model network's";
  return line + "\n";
}

/// The lines of a model exercised by one training sample.
static std::string sampleLines(const verify::ResimulationOutcome &r) {
  const verify::ResimulationResult &x = r.result;
  const verify::SpeciesDeviation *worst = nullptr;
  for (const verify::SpeciesDeviation &d : x.species)
    if (d.species == x.worstSpecies)
      worst = &d;
  std::string line =
      "resimulation: max deviation " +
      formatSignificant(100 * x.maxDeviation, 3) + " % (threshold " +
      formatNumber(100 * r.threshold) + " %, worst " + x.worstSpecies +
      (worst ? " in phase " + worst->phase : "") + "): " + r.verdict() + "\n";
  line += "  " + r.sampleOrigin + " (" + r.sample +
          ") as the lab protocol presents it: ";
  for (size_t i = 0; i < r.phaseNames.size(); ++i)
    line +=
        (i ? ", " : "") + r.phaseNames[i] + " " + labDuration(r.phaseSeconds);
  line += " of lab time (" + labDuration(r.labSecondsPerModelTime) +
          " per model time unit), the formal CRN with its buffers vs the "
          "DNA design; " +
          std::to_string(movingSpecies(x)) + " of " +
          std::to_string(x.species.size()) + " compared signals move; " +
          formatSignificant(r.wallSeconds, 2) + " s\n";
  if (!r.sampleChoice.empty())
    line += "  probe: " + r.sampleChoice + "\n";
  line += readoutLine(r);
  if (!worst)
    return line;
  line += "  " + worst->species + ": formal " +
          formatSignificant(worst->formal, 4) + ", DNA " +
          formatSignificant(worst->implementation, 4) + " at " +
          labDuration(worst->time) + " (" + worst->phase + ")";
  if (worst->firstBeyond)
    line += "; beyond " + formatNumber(100 * r.threshold) + " % from " +
            labDuration(*worst->firstBeyond) + " (" + worst->firstBeyondPhase +
            ")";
  return line + " (model units; % of the larger of its range and peak)\n";
}

static std::string resimulationLine(const verify::ResimulationOutcome &r) {
  if (!r.notExercised.empty())
    return "resimulation: not exercised (" + r.notExercised + ")\n";
  if (!r.unknown.empty())
    return "resimulation: unknown (" + r.unknown + ")\n";
  if (!r.ran)
    return "resimulation: not run (" + r.problem + ")\n";
  if (!r.sample.empty())
    return sampleLines(r);
  const verify::ResimulationResult &x = r.result;
  std::string line = "resimulation: max deviation " +
                     formatSignificant(100 * x.maxDeviation, 3) +
                     " % (threshold " + formatNumber(100 * r.threshold) +
                     " %, worst " + x.worstSpecies + "): " + r.verdict() + "\n";
  line += "  time axis: " + formatSignificant(x.timeScale, 3) +
          " s per model time unit, predicted from " + x.timeAxisSource;
  if (x.timeScale != x.formulaTimeScale)
    line += " (map-rates' formula " + formatSignificant(x.formulaTimeScale, 3) +
            " s" +
            (x.formulaMaxDeviation
                 ? ", max deviation there " +
                       formatSignificant(100 * *x.formulaMaxDeviation, 3) + " %"
                 : std::string()) +
            ")";
  else if (!x.timeAxisProblem.empty())
    line += " (the design's own axis not derived: " + x.timeAxisProblem + ")";
  if (x.fittedTimeScale)
    line += " (best fit " + formatSignificant(*x.fittedTimeScale, 3) +
            " s, max deviation there " +
            formatSignificant(100 * x.fittedMaxDeviation, 3) + " %)";
  line += "\n";
  // A species whose reference trajectory is flat is compared only at its
  // initial amount: say how many moved.
  size_t moving = movingSpecies(x);
  if (moving < x.species.size())
    line += "  moving in the reference run: " + std::to_string(moving) +
            " of " + std::to_string(x.species.size()) +
            " compared species (the others keep their initial amounts, so "
            "the deviation says nothing of their dynamics)\n";
  if (r.interpretation != "crn-bisimulation")
    line += "  interpretation from the " + r.interpretation +
            " (no CRN bisimulation): a species counts for the signals it was "
            "bound from reversibly\n";
  return line;
}

void driver::verifyStep(const verify::PreparedDesign &prepared,
                        const ir::Module &formal, const ir::Module &asWritten,
                        const CompileOptions &options, CompileResult &result) {
  verify::VerificationOutcome outcome = verify::checkDesign(
      prepared, formal, &asWritten, dsd::schemeInfo(options.scheme.kind).name,
      options.verification);
  for (const verify::CheckOutcome &c : outcome.checks)
    result.summary += checkLines(c);
  if (!outcome.crosstalk.empty())
    result.summary += "  crosstalk: " + outcome.crosstalk + "\n";
  if (options.verification.resimulate)
    result.summary += resimulationLine(outcome.resimulation);
  result.summary +=
      dnaTrainingLine(formal, dsd::schemeInfo(options.scheme.kind).name);
  result.artifacts.push_back(
      {formal.name + ".verification.json",
       json::verificationToJSON(
           outcome, json::dnaTrainingToJSON(
                        formal, dsd::schemeInfo(options.scheme.kind).name))
               .dump(2) +
           "\n"});
  result.verification = std::move(outcome);
}

int driver::verificationExitCode(const CompileResult &result,
                                 llvm::raw_ostream &errs) {
  if (!result.verification)
    return ExitSuccess;
  const verify::ResimulationOutcome &r = result.verification->resimulation;
  if (r.ran && !r.passed())
    llvm::WithColor::warning(errs, "crnc")
        << "re-simulation: the DNA design's trajectories deviate from the "
           "model's by more than the threshold (see the resimulation lines "
           "above)\n";
  if (!result.verification->foundIncorrect())
    return ExitSuccess;
  llvm::WithColor::warning(errs, "crnc")
      << "the DNA design does NOT implement the formal CRN: a check failed "
         "(see the verification lines above and the .verification.json)\n";
  return ExitCheckFailed;
}
