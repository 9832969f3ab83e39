//===- TrainLevelReport.cpp - what `crnc train --level` prints and writes -===//
//
// The comparison of the lab network with the model network: per-epoch and
// final figures, the first presentation (forward computation and update
// apart), weights, run times and lab time; lab-training.json and
// trained.crnir.
//
//===----------------------------------------------------------------------===//

#include "backends/json/LabTrainingJSON.h"
#include "compiler/driver/DriverSupport.h"
#include "compiler/driver/TrainLevel.h"
#include "ir/Printer.h"
#include "lib/support/Format.h"
#include "lib/train/TrainingHistory.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include <cmath>

using namespace crnc;
using namespace crnc::driver;

static std::string metricsText(const train::Metrics &m, bool accuracy) {
  std::string t = "loss " + formatSignificant(m.loss, 5);
  if (accuracy)
    t += ", accuracy " + formatSignificant(100 * m.accuracy, 4) + " %";
  return t;
}

static void printRows(const LabLevelRun &run, bool accuracy,
                      llvm::raw_ostream &os) {
  const verify::LabTrainingResult &r = run.result;
  std::string level = run.levelName.substr(0, run.levelName.find(' '));
  for (const verify::LevelEpoch &e : r.epochs)
    os << "epoch " << e.epoch << ": train " << metricsText(e.model, accuracy)
       << " (model); " << metricsText(e.lab, accuracy) << " (" << level
       << ")\n";
  auto both = [&](const char *what, const train::Metrics &m,
                  const train::Metrics &l) {
    if (m.samples == 0)
      return;
    os << what << ": " << metricsText(m, accuracy) << " (model); "
       << metricsText(l, accuracy) << " (" << level << ") on " << m.samples
       << " samples\n";
  };
  both("validation", r.modelValidation, r.labValidation);
  both("test", r.modelTest, r.labTest);
}

/// ", dimmer triggers at L1, L2 nM" (gate-phases' dim-triggers), or "".
static std::string dimmerTriggers(const verify::LabProtocol &p) {
  std::vector<std::string> levels;
  for (const auto &phase : p.triggers)
    for (size_t i = 1; i < phase.size(); ++i)
      levels.push_back(formatSignificant(phase[i].level, 4));
  if (levels.empty())
    return "";
  return ", dimmer triggers at " + llvm::join(levels, ", ") + " nM";
}

/// "9300 s (2.58 h) per phase", or each phase's duration when they differ.
static std::string phaseText(const verify::LabProtocol &p) {
  auto duration = [](double s) {
    return formatSignificant(s, 4) + " s (" + formatSignificant(s / 3600, 3) +
           " h)";
  };
  if (p.duration(0) == p.duration(1))
    return duration(p.duration(0)) + " per phase";
  return "forward phase " + duration(p.duration(0)) + ", backward phase " +
         duration(p.duration(1));
}

/// `name value (model) value (<level>)` per entry.
static std::string sideBySide(llvm::ArrayRef<std::string> names,
                              llvm::ArrayRef<double> model,
                              llvm::ArrayRef<double> lab,
                              llvm::StringRef level) {
  std::string text;
  for (size_t i = 0; i < names.size() && i < model.size() && i < lab.size();
       ++i)
    text += (i ? ", " : "") + names[i] + " " + formatSignificant(model[i], 4) +
            " (model) " + formatSignificant(lab[i], 4) + " (" + level.str() +
            ")";
  return text;
}

/// A clock leak above this share of the trigger is explained.
static constexpr double LeakWarning = 0.01;

/// An input held below this share at phase 1's end is explained.
static constexpr double InputsHeldWarning = 0.95;

/// The lab network's outputs over phase 2, where the model's stay: a move
/// beyond LeakWarning of the output means phase 1's reactions, committed in
/// gates, complete after the switch and feed the update an error the
/// outputs read at phase 1's end do not show.
static void printOutputDrift(const verify::FirstSample &f,
                             llvm::ArrayRef<std::string> names,
                             llvm::raw_ostream &os) {
  const std::vector<double> &before = f.labOutputs;
  const std::vector<double> &after = f.labOutputsAfterPhase2;
  double worst = 0;
  size_t at = 0;
  for (size_t k = 0; k < before.size() && k < after.size(); ++k) {
    double scale = std::max(std::fabs(before[k]), 1e-12);
    if (std::fabs(after[k] - before[k]) / scale > worst)
      worst = std::fabs(after[k] - before[k]) / scale, at = k;
  }
  if (!(worst > LeakWarning))
    return;
  os << "phase 1 runs on in gates: " << names[at] << " moves from "
     << formatSignificant(before[at], 4) << " to "
     << formatSignificant(after[at], 4)
     << " during phase 2 (the model's stays): phase 1's reactions committed "
        "in gates complete after the switch, so the update sees another "
        "error than the output read at phase 1's end\n";
}

/// The inputs' shares in species that hold them at phase 1's end; below
/// InputsHeldWarning the design's reactions see less input than the model's.
static void printInputsHeld(const verify::FirstSample &f,
                            const train::ModelInterface &mi,
                            llvm::ArrayRef<size_t> inputs,
                            llvm::raw_ostream &os) {
  std::vector<std::string> parts;
  double least = 1;
  size_t k = 0;
  for (const train::LoadSpec &l : mi.loads) {
    if (l.isTarget || !llvm::is_contained(inputs, l.signal.pos))
      continue;
    if (k >= f.inputsHeld.size())
      break;
    parts.push_back(l.signal.name + " " +
                    formatSignificant(100 * f.inputsHeld[k], 4) + " %");
    least = std::min(least, f.inputsHeld[k++]);
  }
  if (parts.empty())
    return;
  os << "inputs at phase 1's end: " << llvm::join(parts, ", ")
     << " of what was added, in species that hold them";
  if (least < InputsHeldWarning)
    os << " (the rest in gates' committed intermediates: the design's "
          "reactions see less input than the model's, which keeps its "
          "inputs)";
  os << "\n";
}

/// The first presentation: both networks start from the same weights, so
/// phase 1 compares the forward computation and phase 2 the update.
static void printFirstSample(const verify::FirstSample &f,
                             const train::ModelInterface &mi,
                             llvm::ArrayRef<size_t> inputs,
                             llvm::StringRef levelName, llvm::raw_ostream &os) {
  std::string level = levelName.substr(0, levelName.find(' ')).str();
  std::vector<std::string> outputs, weights;
  for (size_t k = 0; k < f.modelOutputs.size(); ++k)
    outputs.push_back("y" + std::to_string(k));
  for (const train::SignalRef &w : mi.weights)
    weights.push_back(w.name);
  os << "first sample, same starting weights: phase 1 outputs "
     << sideBySide(outputs, f.modelOutputs, f.labOutputs, level) << " (target "
     << formatSignificant(f.target, 4) << "); phase 2 weight changes "
     << sideBySide(weights, f.modelChanges, f.labChanges, level) << "\n";
  os << "triggers at their phase's end: "
     << formatSignificant(100 * f.triggerHeld[0], 4) << " % (phase 1) and "
     << formatSignificant(100 * f.triggerHeld[1], 4)
     << " % (phase 2) of the clock trigger added in species that hold it "
        "(the rest in gates' committed intermediates)\n";
  os << "clock leak: phase 1's trigger at "
     << formatSignificant(100 * (f.triggerLeak < 1e-6 ? 0 : f.triggerLeak), 3)
     << " % of its level at phase 2's end";
  if (f.triggerLeak > LeakWarning)
    os << " (gates release more of it after the switch than its complement "
          "takes: phase 1's reactions run on into phase 2)";
  os << "\n";
  printOutputDrift(f, outputs, os);
  printInputsHeld(f, mi, inputs, os);
}

static Json firstSampleJson(const verify::FirstSample &f,
                            const train::ModelInterface &mi) {
  Json changes = Json::object();
  for (size_t i = 0; i < mi.weights.size() && i < f.modelChanges.size(); ++i)
    changes[mi.weights[i].name] = {{"model", jsonNumber(f.modelChanges[i])},
                                   {"lab", jsonNumber(f.labChanges[i])}};
  return {{"target", jsonNumber(f.target)},
          {"outputs",
           {{"model", jsonNumbers(f.modelOutputs)},
            {"lab", jsonNumbers(f.labOutputs)}}},
          {"weights_before", jsonNumbers(f.weightsBefore)},
          {"trigger_held_at_phase_end",
           jsonNumbers({f.triggerHeld[0], f.triggerHeld[1]})},
          {"trigger_leak_at_phase_2_end", jsonNumber(f.triggerLeak)},
          {"inputs_held_at_phase_1_end", jsonNumbers(f.inputsHeld)},
          {"lab_outputs_at_phase_2_end", jsonNumbers(f.labOutputsAfterPhase2)},
          {"weight_changes", changes}};
}

static Json metricsValue(const train::Metrics &m, bool accuracy) {
  Json v{{"loss", jsonNumber(m.loss)}};
  if (accuracy)
    v["accuracy"] = jsonNumber(m.accuracy);
  v["samples"] = m.samples;
  return v;
}

Json driver::labLevelJson(const LabLevelRun &run,
                          const train::ModelInterface &mi) {
  const verify::LabTrainingResult &r = run.result;
  bool acc = mi.task != train::Task::Regression;
  auto pair = [&](const train::Metrics &m, const train::Metrics &l) {
    return Json{{"model", metricsValue(m, acc)}, {"lab", metricsValue(l, acc)}};
  };
  const verify::LabRecord &rec = run.record;
  Json doc{{"level", run.levelName},
           {"network", run.network},
           {"design",
            {{"scheme", rec.design.scheme},
             {"structure", rec.design.structure},
             {"nM_per_model_unit", jsonNumber(rec.design.concScaleNM)},
             {"cmax_nM", jsonNumber(rec.design.cmaxNM)},
             {"qmax_per_nM_s", jsonNumber(rec.design.qmaxPerNMs)}}},
           {"phase_seconds", jsonNumber(run.protocol.duration(0))},
           {"backward_phase_seconds", jsonNumber(run.protocol.duration(1))},
           {"map_rates_phase_seconds", jsonNumber(run.protocol.phaseSeconds)},
           {"lab_hours_per_sample", jsonNumber(rec.sampleHours())},
           {"nM_per_model_unit", jsonNumber(run.protocol.concScale)},
           {"lab_time", json::labTimeToJSON(rec)}};
  Json epochs = Json::array();
  for (const verify::LevelEpoch &e : r.epochs) {
    Json record = pair(e.model, e.lab);
    record["epoch"] = e.epoch;
    if (e.modelValidation.samples)
      record["validation"] = pair(e.modelValidation, e.labValidation);
    epochs.push_back(std::move(record));
  }
  doc["epochs"] = std::move(epochs);
  if (run.pace)
    doc["pace"] = {
        {"factor", jsonNumbers({run.pace->factor[0], run.pace->factor[1]})},
        {"misfit", jsonNumbers({run.pace->misfit[0], run.pace->misfit[1]})},
        {"readouts_fitted", {run.pace->fitted[0], run.pace->fitted[1]}},
        {"unmet", {run.pace->unmet[0], run.pace->unmet[1]}},
        {"probe_inputs", jsonNumbers(run.pace->probe)},
        {"probe_target", jsonNumber(run.pace->probeTarget)},
        {"probe_weight", jsonNumber(run.pace->probeWeight)}};
  if (r.first)
    doc["first_sample"] = firstSampleJson(*r.first, mi);
  doc["validation"] = pair(r.modelValidation, r.labValidation);
  doc["test"] = pair(r.modelTest, r.labTest);
  Json weights = Json::object();
  for (size_t i = 0; i < mi.weights.size(); ++i)
    weights[mi.weights[i].name] = {{"model", jsonNumber(r.modelWeights[i])},
                                   {"lab", jsonNumber(r.labWeights[i])}};
  doc["weights"] = std::move(weights);
  doc["max_weight_difference_during_training"] =
      jsonNumber(r.maxWeightDifference);
  doc["lowest_fuel_fraction"] = jsonNumber(r.lowestFuelFraction);
  doc["seconds_per_sample"] = {{"model", jsonNumber(r.modelSecondsPerSample)},
                               {"lab", jsonNumber(r.labSecondsPerSample)}};
  return doc;
}

/// The lab time: training samples run one after the other on one mix (two
/// phases each); a validation or test row is phase 1 on a copy of the mix.
static void printLabTime(const verify::LabRecord &rec, llvm::raw_ostream &os) {
  os << "lab time of this training: "
     << formatSignificant(rec.trainingHours() / 24, 3) << " days ("
     << rec.trainingSamples << " samples, "
     << formatSignificant(rec.sampleHours(), 3) << " h each, in sequence)";
  if (rec.evaluatedSamples)
    os << "; evaluation " << rec.evaluatedSamples << " samples, "
       << formatSignificant(rec.phaseSeconds / 3600, 3)
       << " h each (phase 1 on a copy of the mix)";
  os << "\n";
}

int driver::reportLabLevel(const LabLevelRun &run,
                           const train::ModelInterface &mi,
                           const LabLevelSettings &s) {
  const verify::LabTrainingResult &r = run.result;
  bool accuracy = mi.task != train::Task::Regression;
  llvm::raw_ostream &os = llvm::outs();
  const verify::LabProtocol &p = run.protocol;
  os << "lab network, " << run.levelName << ": " << run.network << "\n";
  os << "protocol: " << phaseText(p) << ", "
     << formatSignificant(run.record.sampleHours(), 3)
     << " h of lab time per training sample; "
     << formatSignificant(run.protocol.concScale, 4)
     << " nM per model unit, triggers at "
     << formatSignificant(run.protocol.clockLevel, 4) << " nM"
     << dimmerTriggers(run.protocol)
     << (p.amountFactor != 1 ? " (free levels; the lab adds " +
                                   formatSignificant(p.amountFactor, 4) +
                                   "x, which gates and buffers hold)"
                             : "")
     << (p.targetAtBackward ? "; the target added with phase 2's trigger "
                              "(phase 1 does not read it)"
                            : "")
     << "\n";
  if (!run.scaleChoice.empty())
    os << run.scaleChoice << "\n";
  if (run.pace)
    os << "pace: " << verify::describePace(*run.pace, p.phaseSeconds) << "\n";
  printRows(run, accuracy, os);
  os << "weights:";
  for (size_t i = 0; i < mi.weights.size(); ++i)
    os << " " << mi.weights[i].name << " "
       << formatSignificant(r.modelWeights[i], 4) << " (model) "
       << formatSignificant(r.labWeights[i], 4) << " (lab)"
       << (i + 1 < mi.weights.size() ? "," : "");
  double worst = 0;
  for (size_t i = 0; i < r.modelWeights.size(); ++i)
    worst = std::max(worst, std::fabs(r.modelWeights[i] - r.labWeights[i]));
  os << "; largest difference " << formatSignificant(worst, 3)
     << " (during training " << formatSignificant(r.maxWeightDifference, 3)
     << ")\n";
  if (r.first)
    printFirstSample(*r.first, mi, run.protocol.inputs, run.levelName, os);
  if (s.finiteFuels)
    os << "fuel left: lowest "
       << formatSignificant(100 * r.lowestFuelFraction, 3) << " % ("
       << r.lowestFuelName << ")\n";
  os << "run time: setup " << formatSignificant(run.setupSeconds, 3) << " s; "
     << formatSignificant(1e3 * r.modelSecondsPerSample, 3)
     << " ms per sample (model), "
     << formatSignificant(1e3 * r.labSecondsPerSample, 3)
     << " ms per sample (lab network)\n";
  printLabTime(run.record, os);
  if (std::error_code ec = llvm::sys::fs::create_directories(s.outDir))
    return reportEnvironmentError(llvm::createStringError(
        ec, "cannot create '%s': %s", s.outDir.c_str(), ec.message().c_str()));
  auto path = [&](llvm::StringRef name) {
    llvm::SmallString<256> p(s.outDir);
    llvm::sys::path::append(p, name);
    return p.str().str();
  };
  if (llvm::Error e = writeFilesAtomically(
          {{path("lab-training.json"), labLevelJson(run, mi).dump(2) + "\n"},
           {path("trained.crnir"), ir::printModuleToString(*run.trained)}}))
    return reportEnvironmentError(std::move(e));
  return ExitSuccess;
}

static std::string testText(const std::optional<double> &loss,
                            const std::optional<double> &accuracy,
                            bool classifier) {
  std::string t = "test loss " + (loss ? formatSignificant(*loss, 4) : "-");
  if (classifier && accuracy)
    t += ", accuracy " + formatSignificant(100 * *accuracy, 4) + " %";
  return t;
}

std::string driver::dnaTrainingLine(const ir::Module &formal,
                                    llvm::StringRef scheme) {
  std::optional<verify::LabRecord> r = verify::readLabRecord(formal);
  if (!r || r->level != "dna")
    return "";
  std::optional<train::TrainingHistory> h = train::readTrainingHistory(formal);
  bool classifier =
      ir::findAttribute(formal.attrs, "task").value_or("") != "regression";
  std::string line = "dna training (" + r->design.scheme + ", " +
                     std::to_string(r->trainingSamples) + " samples): " +
                     testText(r->testLoss, r->testAccuracy, classifier);
  if (h)
    line +=
        " (formal CRN: " + testText(h->testLoss, h->testAccuracy, classifier) +
        ")";
  std::vector<std::string> why = verify::designDifferences(
      r->design, verify::designIdentity(formal, scheme));
  if (why.empty())
    return line + "; this design\n";
  line += "; recorded for another design:";
  for (const std::string &w : why)
    line += " " + w + ";";
  line.back() = '\n';
  return line;
}
