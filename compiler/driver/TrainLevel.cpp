//===- TrainLevel.cpp - `crnc train --level formal|dna` -------------------===//

#include "compiler/driver/TrainLevel.h"
#include "backends/dsd/Scheme.h"
#include "compiler/driver/DriverSupport.h"
#include "compiler/driver/Pipeline.h"
#include "lib/enumerate/ModularEnumerator.h"
#include "lib/support/Format.h"
#include "lib/train/ProbeSample.h"
#include "lib/train/Reports.h"
#include "lib/train/TrainingHistory.h"
#include "lib/verify/VerifyDesign.h"
#include "llvm/ADT/StringExtras.h"
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

static std::string fuelWords(const verify::LabNetwork &net, bool finite) {
  return std::to_string(net.fuels.size()) + " fuels " +
         (finite ? "finite (start at their level, deplete)"
                 : "held at their levels");
}

/// The design's condensed network (every signal enumerated, as crnc verify
/// does: a signal absent at first is added by the protocol), within
/// verify::fitComplexSize's size limit.
static llvm::Expected<verify::LabNetwork>
dnaNetwork(dna::Design &design, const ir::Module &formal,
           llvm::ArrayRef<std::string> signals, const LabLevelSettings &s,
           std::string &line) {
  for (dna::ComplexIndex i = 0; i < design.complexCount(); ++i) {
    dna::NamedComplex &c = design.getComplex(i);
    if (c.role == dna::ComplexRole::Signal && c.concentration == 0.0)
      c.concentration.reset();
  }
  enumerate::EnumerateOptions limits = verify::fitComplexSize(design, s.limits);
  enumerate::ModularStats stats;
  llvm::Expected<enumerate::EnumeratedSystem> system =
      enumerate::enumerateByModule(design, limits, &stats);
  if (!system)
    return system.takeError();
  verify::LabNetwork net =
      verify::dnaLabNetwork(*system, design, formal, signals, s.finiteFuels);
  line = std::to_string(system->complexes.size()) + " complexes, " +
         std::to_string(net.module.speciesCount()) +
         " resting macrostates (species), " + std::to_string(net.reactions) +
         " condensed reactions, " + fuelWords(net, s.finiteFuels) +
         "; enumerated in " + std::to_string(stats.modules) + " modules";
  std::string size = verify::complexSizeNote(limits, s.limits);
  if (!size.empty())
    line += "; " + size;
  if (system->ignoredBySize)
    line += "; " + std::to_string(system->ignoredBySize) +
            " binding reactions ignored (product above " +
            std::to_string(limits.maxComplexSize) + " strands)";
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
  rec.loadLevels = run.loadLevels;
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
  if (r.first) {
    rec.firstModelOutputs = r.first->modelOutputs;
    rec.firstOutputs = r.first->labOutputs;
    rec.firstModelChanges = r.first->modelChanges;
    rec.firstChanges = r.first->labChanges;
  }
  if (s.finiteFuels) {
    rec.lowestFuelFraction = r.lowestFuelFraction;
    rec.lowestFuelName = r.lowestFuelName;
  }
  rec.phaseSeconds = run.protocol.duration(0);
  rec.backwardSeconds = run.protocol.duration(1);
  if (run.pace)
    rec.pace = {run.protocol.pace[0], run.protocol.pace[1]};
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
  // Without --conc-scale the compile's lab scale search chooses the scale
  // (and C_max) of the DNA design (backends/protocol/ScaleSearch.h); the
  // formal CRN keeps map-rates' choice.
  options.lowering.mapRates.concScale = s.concScaleNM;
  options.concScaleGiven = s.concScaleNM > 0 || s.level != TrainLevel::Dna;
  options.cmaxGiven = s.level != TrainLevel::Dna;
  // The design is built for the training rows' input levels (as compile
  // --data builds it; backends/dsd/InFlightHold.h).
  buildForLoadLevels(options, train::loadLevels(data.train, {}));
  run.loadLevels = options.scheme.loadLevels;
  CompileResult compiled;
  if (failed(runCompilePipeline(formal, options, diags, compiled)))
    return compiled.settingsError ? ExitUsageError : ExitInputError;
  run.scaleChoice = compiled.labScaleNote;
  std::vector<std::string> signals = verify::labReadoutSignals(model, formal);
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
  protocol->targetAtBackward = verify::targetWaitsForUpdate(model, mi);
  run.protocol = *protocol;
  // --atol is in model units; the lab network counts nM.
  sim::SolverOptions labSolver = s.labSolver;
  labSolver.absTol *= protocol->concScale;
  auto lab =
      verify::LabTrainer::create(std::move(net), mi, *protocol, labSolver);
  if (!lab)
    return reportEnvironmentError(lab.takeError());
  if (s.level == TrainLevel::Dna && s.measurePace && data.train.size()) {
    auto pace =
        verify::calibratePace(**lab, model, mi, data.train, s.modelSolver);
    if (!pace)
      return trainingError(pace.takeError());
    run.pace = *pace;
    run.protocol.pace = (*lab)->protocol().pace;
  }
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
  train::recordFirstSample(*run.trained, data.train, s.loop.seed);
  return ExitSuccess;
}
