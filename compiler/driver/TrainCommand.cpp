//===- TrainCommand.cpp - `crnc train` ------------------------------------===//
//
// Trains a Neural CRN by simulating its chemistry: reads the data (CSV, gzip
// CSV, or an IDX directory), splits it with a seed, presents every training
// sample through lib/sim (phase 1, phase 2), evaluates the validation rows in
// parallel, and writes per-epoch metrics (CSV and JSON), the learned weights
// and the trained network as IR. `--reference` runs the float algorithm
// beside it from the same initial weights.
//
//===----------------------------------------------------------------------===//

#include "compiler/driver/Commands.h"
#include "compiler/driver/DesignOptions.h"
#include "compiler/driver/DriverSupport.h"
#include "compiler/driver/SampleData.h"
#include "compiler/driver/TrainLevel.h"
#include "ir/LoweringAttributes.h"
#include "ir/ModelAttributes.h"
#include "ir/Printer.h"
#include "lib/support/Format.h"
#include "lib/train/Reports.h"
#include "lib/train/TrainingHistory.h"
#include "lib/train/TrainingLoop.h"
#include "lib/verify/LabRecord.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/WithColor.h"
#include <chrono>
#include <cmath>

using namespace crnc;
using namespace crnc::driver;
using namespace crnc::train;
namespace cl = llvm::cl;

cl::SubCommand
    driver::trainCommand("train",
                         "Train a Neural CRN by simulating its chemistry");

namespace {
#define TRAIN_OPT cl::sub(driver::trainCommand), cl::cat(crncCategory)
cl::opt<std::string> inputFile(cl::Positional, cl::desc("<model.crn>"),
                               cl::Required, TRAIN_OPT);
cl::opt<std::string> dataPath("data",
                              cl::desc("CSV (plain or gzip) with the target "
                                       "last, or a directory of IDX files"),
                              cl::value_desc("path"), cl::Required, TRAIN_OPT);
cl::opt<unsigned> epochs("epochs", cl::desc("Training epochs"), cl::init(10),
                         TRAIN_OPT);
cl::opt<unsigned> seed("seed", cl::desc("Seed of the split and the order"),
                       cl::init(1), TRAIN_OPT);
cl::opt<std::string>
    splitText("split",
              cl::desc("train,validation parts: fractions "
                       "(< 1) or row counts; test is the rest"),
              cl::init("0.7,0.15"), TRAIN_OPT);
cl::opt<bool> minMax("normalize",
                     cl::desc("Scale features to [0, 1] (training rows' "
                              "min and max)"),
                     TRAIN_OPT);
cl::opt<double> scale("scale",
                      cl::desc("Divide every feature by this (e.g. 16 for "
                               "the digits' pixels)"),
                      cl::init(1), TRAIN_OPT);
cl::opt<unsigned> threads("threads",
                          cl::desc("Validation threads (0: all cores)"),
                          cl::init(0), TRAIN_OPT);
cl::opt<bool> reference("reference",
                        cl::desc("Run the float reference algorithm beside"),
                        TRAIN_OPT);
cl::opt<double> relTol("rtol", cl::desc("CVODE relative tolerance"),
                       cl::init(1e-8), TRAIN_OPT);
cl::opt<double> absTol("atol", cl::desc("CVODE absolute tolerance"),
                       cl::init(1e-10), TRAIN_OPT);
cl::opt<std::string> outDir("o", cl::desc("Output directory"),
                            cl::value_desc("dir"), cl::Required, TRAIN_OPT);
cl::opt<bool> noProgress("no-progress", cl::desc("No progress bar"), TRAIN_OPT);
cl::opt<TrainLevel> level(
    "level", cl::desc("Which network learns (beside the model network)"),
    cl::values(clEnumValN(TrainLevel::Model, "model", "the model network"),
               clEnumValN(TrainLevel::Formal, "formal",
                          "the lowered formal CRN, in lab time"),
               clEnumValN(TrainLevel::Dna, "dna",
                          "the enumerated DSD design of --scheme")),
    cl::init(TrainLevel::Model), TRAIN_OPT);
cl::opt<std::string> schemeName(
    "scheme", cl::desc("--level=dna: the DSD scheme (default soloveichik2010)"),
    TRAIN_OPT);
cl::opt<std::string> concScaleNM(
    "conc-scale",
    cl::desc("--level=formal|dna: nM per model unit, or 'auto' (default): "
             "as for compile, the scale (and C_max) of least lab time at "
             "which every DNA module realises its rate and the reaction mix "
             "fits (--level=formal: map-rates' choice)"),
    cl::init("auto"), TRAIN_OPT);
enum class PaceChoice { Measured, MapRates };
cl::opt<PaceChoice>
    pace("pace",
         cl::desc("--level=dna: how long each clock phase lasts in the lab"),
         cl::values(clEnumValN(PaceChoice::Measured, "measured",
                               "the design's pace, measured on a calibration "
                               "sample (default)"),
                    clEnumValN(PaceChoice::MapRates, "map-rates",
                               "horizon x map-rates' time_scale")),
         cl::init(PaceChoice::Measured), TRAIN_OPT);
cl::opt<bool> finiteFuels("finite-fuels",
                          cl::desc("--level=formal|dna: fuels start at their "
                                   "level and deplete (default: held)"),
                          TRAIN_OPT);
cl::opt<size_t> maxComplexCount("max-complex-count",
                                cl::desc("--level=dna: most complexes the "
                                         "enumeration may find"),
                                cl::init(200000), TRAIN_OPT);
cl::opt<size_t> maxReactionCount("max-reaction-count",
                                 cl::desc("--level=dna: most detailed "
                                          "reactions"),
                                 cl::init(1000000), TRAIN_OPT);
#undef TRAIN_OPT

} // namespace

/// `name` inside the output directory.
static std::string outputPath(llvm::StringRef name) {
  llvm::SmallString<256> path(outDir);
  llvm::sys::path::append(path, name);
  return path.str().str();
}

static int writeOutputs(const ir::Module &m, const ChemicalTrainer &chem,
                        const FloatReference *ref, const TrainingResult &r,
                        const PreparedData &data) {
  if (std::error_code ec = llvm::sys::fs::create_directories(outDir))
    return reportEnvironmentError(llvm::createStringError(
        ec, "cannot create '%s': %s", outDir.c_str(), ec.message().c_str()));
  std::vector<double> w = chem.weightValues();
  auto count = [&](const ir::model::Key<uint64_t> &key) {
    std::optional<uint64_t> n = ir::model::get(m.attrs, key);
    return n ? std::to_string(*n) : std::string("?");
  };
  llvm::outs() << "network: " << count(ir::model::AbstractSpecies)
               << " abstract species, " << count(ir::model::AbstractReactions)
               << " abstract reactions; " << m.speciesCount() << " species, "
               << m.reactionCount() << " reactions (dual rail)\n";
  std::unique_ptr<ir::Module> trained = trainedModule(m, chem, epochs, r);
  // A lab-level record of earlier weights does not describe these.
  verify::clearLabRecord(trained->attrs);
  recordFirstSample(*trained, data.train, seed);
  std::string ir = ir::printModuleToString(*trained);
  if (llvm::Error e = writeFilesAtomically(
          {{outputPath("metrics.csv"), metricsCsv(r, ref != nullptr)},
           {outputPath("metrics.json"), metricsJson(chem.interface(), r)},
           {outputPath("weights.csv"), weightsCsv(chem.interface(), w, ref)},
           {outputPath("trained.crnir"), ir}}))
    return reportEnvironmentError(std::move(e));
  printSummary(llvm::outs(), r, ref, chem.interface(), w);
  return ExitSuccess;
}

static int reportTrainingError(llvm::Error e) {
  llvm::WithColor::error(llvm::errs(), "crnc")
      << llvm::toString(std::move(e)) << "\n";
  return ExitInputError;
}

/// `--level formal|dna`: the lab's network beside the model network.
static int runLabLevel(const ir::Module &model, const ModelInterface &mi,
                       const PreparedData &data,
                       const sim::SolverOptions &solver,
                       DiagnosticEngine &diags) {
  if (reference)
    return reportUsageError("--reference is for --level=model");
  LabLevelSettings s;
  s.level = level;
  if (schemeName.getNumOccurrences()) {
    llvm::Expected<dsd::SchemeKind> scheme = dsd::parseScheme(schemeName);
    if (!scheme)
      return reportUsageError(llvm::toString(scheme.takeError()));
    s.scheme = *scheme;
  }
  std::optional<double> scale =
      readConcScale(concScaleNM, ir::lowering::DefaultCmaxNM);
  if (!scale)
    return ExitUsageError;
  s.concScaleNM = *scale;
  s.finiteFuels = finiteFuels;
  if (pace.getNumOccurrences() && level != TrainLevel::Dna)
    return reportUsageError("--pace is for --level=dna");
  s.measurePace = pace == PaceChoice::Measured;
  s.limits.maxComplexCount = maxComplexCount;
  s.limits.maxReactionCount = maxReactionCount;
  // Polymers above 10 strands are left out as Peppercorn and Nuskell do; the
  // network line counts them.
  s.limits.dropOversized = true;
  s.modelSolver = solver;
  s.labSolver = solver;
  s.loop.epochs = epochs;
  s.loop.seed = seed;
  s.loop.threads = threads ? threads : 1;
  s.outDir = outDir;
  ProgressBar bar(!noProgress && llvm::sys::Process::StandardErrIsDisplayed());
  s.loop.progress = [&](size_t done, size_t total) { bar.show(done, total); };
  LabLevelRun run;
  if (int code = trainAtLabLevel(model, mi, data, s, diags, run))
    return code;
  return reportLabLevel(run, mi, s);
}

int driver::runTrain() {
  if (!checkRange("scale", scale, 1e-12, 1e12) ||
      !checkRange("rtol", relTol, 1e-15, 0.1) ||
      !checkRange("atol", absTol, 0, 1e12))
    return ExitUsageError;
  DataOptions dopts;
  dopts.seed = seed;
  dopts.minMax = minMax;
  dopts.divisor = scale;
  if (!parseSplit(splitText, dopts))
    return reportUsageError(
        "--split: expected two parts 'train,validation', got '" + splitText +
        "'");
  if (!readDataSelection(dopts)) // --features, --classes
    return ExitUsageError;
  llvm::SourceMgr sourceMgr;
  DiagnosticEngine diags(sourceMgr);
  applyDiagnosticOptions(diags);
  LoadedModule loaded = loadModule(inputFile, diags);
  if (!loaded.module)
    return loaded.exitCode;
  auto mi = ModelInterface::fromModule(*loaded.module);
  if (!mi)
    return reportTrainingError(mi.takeError());
  auto data = loadDataset(dataPath);
  if (!data)
    return reportEnvironmentError(data.takeError());
  auto prepared = prepareData(*data, dopts);
  if (!prepared)
    return reportTrainingError(prepared.takeError());
  if (prepared->train.features() != mi->inputs)
    return reportUsageError("the model has " + llvm::Twine(mi->inputs) +
                            " inputs but the data has " +
                            llvm::Twine(prepared->train.features()) +
                            " features");
  if (std::optional<double> bad = foreignLabel(*mi, *prepared))
    return reportUsageError("label " + formatNumber(*bad) +
                            " is not a class of " + "the model (classes 0.." +
                            llvm::Twine(mi->classes ? mi->classes - 1 : 0) +
                            "); select classes with --classes");
  sim::SolverOptions solver;
  solver.relTol = relTol;
  solver.absTol = absTol;
  if (level != TrainLevel::Model)
    return runLabLevel(*loaded.module, *mi, *prepared, solver, diags);
  auto chem = ChemicalTrainer::create(*loaded.module, *mi, solver);
  if (!chem)
    return reportEnvironmentError(chem.takeError());
  std::unique_ptr<FloatReference> ref;
  if (reference) {
    auto r = FloatReference::create(*loaded.module, (*chem)->interface());
    if (!r)
      return reportTrainingError(r.takeError());
    ref = std::move(*r);
  }
  ProgressBar bar(!noProgress && llvm::sys::Process::StandardErrIsDisplayed());
  LoopOptions lo;
  lo.epochs = epochs;
  lo.seed = seed;
  lo.threads = threads;
  lo.progress = [&](size_t done, size_t total) { bar.show(done, total); };
  auto result = runTraining(**chem, ref.get(), *prepared, lo);
  if (!result)
    return reportTrainingError(result.takeError());
  return writeOutputs(*loaded.module, **chem, ref.get(), *result, *prepared);
}
