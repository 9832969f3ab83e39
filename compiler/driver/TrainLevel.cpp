//===- TrainLevel.cpp - `crnc train --level formal|dna` -------------------===//

#include "compiler/driver/TrainLevel.h"
#include "backends/dsd/Scheme.h"
#include "backends/json/LabTrainingJSON.h"
#include "compiler/driver/DriverSupport.h"
#include "compiler/driver/Pipeline.h"
#include "ir/Printer.h"
#include "lib/enumerate/ModularEnumerator.h"
#include "lib/support/Format.h"
#include "lib/support/Json.h"
#include "lib/train/Reports.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/WithColor.h"
#include <chrono>
#include <cmath>

using namespace crnc;
using namespace crnc::driver;

static int trainingError(llvm::Error e) {
  llvm::WithColor::error(llvm::errs(), "crnc")
      << llvm::toString(std::move(e)) << "\n";
  return ExitInputError;
}

/// The model's species names, then the clock triggers of the lowering.
static std::vector<std::string> readoutSignals(const ir::Module &model,
                                               const ir::Module &formal) {
  std::vector<std::string> signals;
  for (const ir::Species &s : model.allSpecies())
    signals.push_back(s.name);
  for (const ir::Species &s : formal.allSpecies())
    if (s.role == ir::SpeciesRole::Clock && !model.lookupSpecies(s.name))
      signals.push_back(s.name);
  return signals;
}

static std::string fuelWords(const verify::LabNetwork &net, bool finite) {
  return std::to_string(net.fuels.size()) + " fuels " +
         (finite ? "finite (start at their level, deplete)"
                 : "held at their levels");
}

/// The design's condensed network (every signal enumerated, as crnc verify
/// does: a signal absent at first is added by the protocol).
static llvm::Expected<verify::LabNetwork>
dnaNetwork(dna::Design &design, const ir::Module &formal,
           llvm::ArrayRef<std::string> signals, const LabLevelSettings &s,
           std::string &line) {
  for (dna::ComplexIndex i = 0; i < design.complexCount(); ++i) {
    dna::NamedComplex &c = design.getComplex(i);
    if (c.role == dna::ComplexRole::Signal && c.concentration == 0.0)
      c.concentration.reset();
  }
  enumerate::ModularStats stats;
  llvm::Expected<enumerate::EnumeratedSystem> system =
      enumerate::enumerateByModule(design, s.limits, &stats);
  if (!system)
    return system.takeError();
  verify::LabNetwork net =
      verify::dnaLabNetwork(*system, design, formal, signals, s.finiteFuels);
  line = std::to_string(system->complexes.size()) + " complexes, " +
         std::to_string(net.module.speciesCount()) +
         " resting macrostates (species), " + std::to_string(net.reactions) +
         " condensed reactions, " + fuelWords(net, s.finiteFuels) +
         "; enumerated in " + std::to_string(stats.modules) + " modules";
  if (system->ignoredBySize)
    line += "; " + std::to_string(system->ignoredBySize) +
            " binding reactions ignored (product above " +
            std::to_string(s.limits.maxComplexSize) + " strands)";
  return net;
}

/// The lab network's figures as the trained module records them.
static verify::LabRecord labRecord(const LabLevelRun &run,
                                   const train::ModelInterface &mi,
                                   const ir::Module &formal,
                                   const LabLevelSettings &s) {
  const verify::LabTrainingResult &r = run.result;
  verify::LabRecord rec;
  bool dna = s.level == TrainLevel::Dna;
  rec.level = dna ? "dna" : "formal";
  rec.network = run.network;
  rec.finiteFuels = s.finiteFuels;
  rec.design = verify::designIdentity(
      formal, dna ? dsd::schemeInfo(s.scheme).name : "formal");
  for (const verify::LevelEpoch &e : r.epochs) {
    bool validated = e.labValidation.samples != 0;
    rec.trainLoss.push_back(e.lab.loss);
    rec.trainAccuracy.push_back(e.lab.accuracy);
    rec.validationLoss.push_back(validated ? e.labValidation.loss : NAN);
    rec.validationAccuracy.push_back(validated ? e.labValidation.accuracy
                                               : NAN);
    rec.trainingSamples += unsigned(e.lab.samples);
    rec.evaluatedSamples += unsigned(e.labValidation.samples);
  }
  if (r.labTest.samples) {
    rec.testLoss = r.labTest.loss;
    rec.testAccuracy = r.labTest.accuracy;
    rec.evaluatedSamples += unsigned(r.labTest.samples);
  }
  for (size_t i = 0; i < mi.weights.size(); ++i) {
    rec.weightNames.push_back(mi.weights[i].name);
    rec.weights.push_back(r.labWeights[i]);
  }
  rec.phaseSeconds = run.protocol.phaseSeconds;
  return rec;
}

/// The model network's side of the run, as crnc train records it.
static train::TrainingResult modelSide(const verify::LabTrainingResult &r) {
  train::TrainingResult t;
  for (const verify::LevelEpoch &e : r.epochs) {
    train::EpochRecord rec;
    rec.epoch = e.epoch;
    rec.train = e.model;
    rec.validation = e.modelValidation;
    t.epochs.push_back(rec);
  }
  t.test = r.modelTest;
  t.secondsPerSample = r.modelSecondsPerSample;
  return t;
}

int driver::trainAtLabLevel(const ir::Module &model,
                            const train::ModelInterface &mi,
                            const train::PreparedData &data,
                            const LabLevelSettings &s, DiagnosticEngine &diags,
                            LabLevelRun &run) {
  auto start = std::chrono::steady_clock::now();
  ir::Module formal(model);
  CompileOptions options;
  options.scheme.kind = s.scheme;
  options.stopAfterDesign = true;
  CompileResult compiled;
  if (failed(runCompilePipeline(formal, options, diags, compiled)))
    return compiled.settingsError ? ExitUsageError : ExitInputError;
  std::vector<std::string> signals = readoutSignals(model, formal);
  verify::LabNetwork net;
  if (s.level == TrainLevel::Dna) {
    auto dna = dnaNetwork(*compiled.design, formal, signals, s, run.network);
    if (!dna)
      return trainingError(dna.takeError());
    net = std::move(*dna);
    run.levelName = "dna (" + dsd::schemeInfo(s.scheme).name.str() + ")";
  } else {
    net = verify::formalLabNetwork(formal, signals, s.finiteFuels);
    run.levelName = "formal";
    run.network = std::to_string(net.module.speciesCount()) + " species, " +
                  std::to_string(net.reactions) + " reactions, " +
                  fuelWords(net, s.finiteFuels);
  }
  auto protocol = verify::labProtocol(formal, net, mi.horizon);
  if (!protocol)
    return trainingError(protocol.takeError());
  run.protocol = *protocol;
  // --atol is in model units; the lab network counts nM.
  sim::SolverOptions labSolver = s.labSolver;
  labSolver.absTol *= protocol->concScale;
  auto lab =
      verify::LabTrainer::create(std::move(net), mi, *protocol, labSolver);
  if (!lab)
    return reportEnvironmentError(lab.takeError());
  auto chem = train::ChemicalTrainer::create(model, mi, s.modelSolver);
  if (!chem)
    return reportEnvironmentError(chem.takeError());
  run.setupSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  auto result = verify::runLabTraining(**chem, **lab, data, s.loop);
  if (!result)
    return trainingError(result.takeError());
  run.result = std::move(*result);
  run.record = labRecord(run, mi, formal, s);
  run.trained =
      train::trainedModule(model, **chem, s.loop.epochs, modelSide(run.result));
  verify::recordLabTraining(*run.trained, run.record);
  return ExitSuccess;
}

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
           {"phase_seconds", jsonNumber(run.protocol.phaseSeconds)},
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
  double sampleHours = 2 * run.protocol.phaseSeconds / 3600;
  os << "lab network, " << run.levelName << ": " << run.network << "\n";
  os << "protocol: " << formatSignificant(run.protocol.phaseSeconds, 4)
     << " s (" << formatSignificant(run.protocol.phaseSeconds / 3600, 3)
     << " h) per phase, " << formatSignificant(sampleHours, 3)
     << " h of lab time per training sample; "
     << formatSignificant(run.protocol.concScale, 4)
     << " nM per model unit, triggers at "
     << formatSignificant(run.protocol.clockLevel, 4) << " nM\n";
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
