//===- TrainBench.cpp - Neural CRN training figures and scaling table -----===//
//
// `bench-train <experiment> [epochs]` trains one example model on its data
// set by simulating the chemistry, beside the float reference, and prints
// accuracy/loss, the largest weight difference and the time per sample.
// `bench-train scaling` prints species and reactions per model kind as the
// input dimension goes 2, 8, 64, 784. Experiments: regression, iris2, iris3,
// xor, rings, digits. Run from the repository root (reads examples/).
//
//===----------------------------------------------------------------------===//

#include "compiler/frontend/Frontend.h"
#include "lib/support/Format.h"
#include "lib/train/LeastSquares.h"
#include "lib/train/TrainingLoop.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"
#include <chrono>
#include <cmath>
#include <cstdlib>

using namespace crnc;
using namespace crnc::train;

namespace {
struct Experiment {
  const char *name;
  const char *modelPath; ///< the example .crn file
  unsigned epochs;
  std::function<Dataset()> data;
  DataOptions options;
};
} // namespace

static std::unique_ptr<ir::Module> compile(const std::string &text) {
  llvm::SourceMgr sm;
  DiagnosticEngine diags(sm);
  return frontend::compileString(text, diags);
}

static Dataset readOrDie(const char *path) {
  auto d = readCsv(path);
  if (!d) {
    llvm::errs() << llvm::toString(d.takeError()) << "\n";
    std::exit(2);
  }
  return *d;
}

static double leastSquaresLoss(const PreparedData &p);

static std::vector<Experiment> experiments();
static std::string readFile(const char *path);

static int runExperiment(const Experiment &e, unsigned epochs, size_t rows) {
  auto m = compile(readFile(e.modelPath));
  if (!m)
    return 1;
  auto mi = ModelInterface::fromModule(*m);
  auto prepared = prepareData(e.data(), e.options);
  if (!mi || !prepared) {
    llvm::errs() << "bad experiment\n";
    return 1;
  }
  if (rows && rows < prepared->train.size()) { // a quick, shortened run
    prepared->train.x.resize(rows);
    prepared->train.target.resize(rows);
    size_t keep = std::min(prepared->test.size(), rows);
    prepared->test.x.resize(keep);
    prepared->test.target.resize(keep);
    prepared->validation.x.resize(std::min(prepared->validation.size(), rows));
    prepared->validation.target.resize(prepared->validation.x.size());
  }
  sim::SolverOptions solver;
  solver.relTol = 1e-8;
  solver.absTol = 1e-10;
  if (const char *name = std::getenv("BENCH_SOLVER"))
    solver.solver = sim::parseLinearSolver(name).value_or(solver.solver);
  if (const char *rtol = std::getenv("BENCH_RTOL"))
    solver.relTol = std::atof(rtol);
  auto chem = ChemicalTrainer::create(*m, *mi, solver);
  auto ref = FloatReference::create(*m, (*chem)->interface());
  LoopOptions lo;
  lo.epochs = epochs;
  lo.seed = e.options.seed;
  lo.threads = 0;
  auto r = runTraining(**chem, ref->get(), *prepared, lo);
  if (!r) {
    llvm::errs() << llvm::toString(r.takeError()) << "\n";
    return 1;
  }
  std::vector<double> wc = (*chem)->weightValues(), wr = (*ref)->weightValues();
  double diff = 0, scale = 0;
  for (size_t i = 0; i < wc.size(); ++i) {
    diff = std::max(diff, std::abs(wc[i] - wr[i]));
    scale = std::max(scale, std::abs(wr[i]));
  }
  const EpochRecord &last = r->epochs.back();
  llvm::outs() << e.name << ": epochs " << epochs << ", train "
               << prepared->train.size() << ", validation "
               << prepared->validation.size() << ", test "
               << prepared->test.size() << "\n  chemical: val loss "
               << formatSignificant(last.validation.loss, 5) << " acc "
               << formatSignificant(100 * last.validation.accuracy, 4)
               << " %, test loss " << formatSignificant(r->test.loss, 5)
               << " acc " << formatSignificant(100 * r->test.accuracy, 4)
               << " %\n  reference: val loss "
               << formatSignificant(last.refValidation->loss, 5) << " acc "
               << formatSignificant(100 * last.refValidation->accuracy, 4)
               << " %, test acc "
               << formatSignificant(100 * r->refTest->accuracy, 4)
               << " %\n  max |w_chem - w_ref| " << formatSignificant(diff, 3)
               << " (max |w| " << formatSignificant(scale, 3) << "), "
               << formatSignificant(1e3 * r->secondsPerSample, 3)
               << " ms per training sample (chemistry + reference), "
               << (*chem)->network().speciesCount() << " species\n";
  if (llvm::StringRef(e.name) == "regression")
    llvm::outs() << "  least-squares validation loss "
                 << formatSignificant(leastSquaresLoss(*prepared), 5) << "\n";
  return 0;
}

static double leastSquaresLoss(const PreparedData &p) {
  return train::leastSquaresLoss(leastSquaresFit(p.train), p.validation);
}

static std::string readFile(const char *path) {
  auto buf = llvm::MemoryBuffer::getFile(path);
  if (!buf) {
    llvm::errs() << "cannot read " << path
                 << " (run from the repository root)\n";
    std::exit(2);
  }
  return (*buf)->getBuffer().str();
}

static DataOptions split(double train, double validation, uint64_t seed,
                         bool minMax) {
  DataOptions o;
  o.trainPart = train;
  o.validationPart = validation;
  o.seed = seed;
  o.minMax = minMax;
  return o;
}

static std::vector<Experiment> experiments() {
  std::vector<Experiment> list;
  list.push_back({"regression", "examples/linear_regression.crn", 40,
                  [] { return generateRegression(142, 5); },
                  split(41, 101, 5, false)});
  DataOptions iris2 = split(0.7, 0.3, 3, true);
  iris2.features = {0, 2};
  iris2.classes = {0, 2};
  list.push_back({"iris2", "examples/linear_classifier.crn", 5,
                  [] { return readOrDie("examples/data/iris.csv"); }, iris2});
  list.push_back({"iris3", "examples/iris_nonlinear.crn", 30,
                  [] { return readOrDie("examples/data/iris.csv"); },
                  split(0.6, 0.2, 4, true)});
  list.push_back({"xor", "examples/nonlinear_classifier.crn", 30,
                  [] { return generateXor(400, 0.1, 2); },
                  split(0.6, 0.2, 2, false)});
  list.push_back({"rings", "examples/rings.crn", 40,
                  [] { return generateRings(400, 3); },
                  split(0.6, 0.2, 3, false)});
  list.push_back({"digits", "examples/digits/expert_aggregation_digits.crn", 1,
                  [] {
                    Dataset d = readOrDie("examples/data/digits.csv.gz");
                    for (auto &row : d.x)
                      for (double &v : row)
                        v /= 16;
                    return d;
                  },
                  split(1437, 0.0, 1, false)});
  return list;
}

/// Species and reactions of each model kind for n inputs.
static void scalingTable() {
  const char *kinds[][2] = {
      {"linear_regression", ""},
      {"linear_classifier", "classes = 10"},
      {"nonlinear_classifier", "classes = 10 augment = 8"},
      {"expert_aggregation", "classes = 10 radius = 1 image_width = "},
      {"expert_aggregation", "classes = 10"}};
  llvm::outs() << "model kind                    inputs  abstract sp/rx    "
                  "species  reactions\n";
  for (auto &kind : kinds)
    for (int n : {2, 8, 64, 784}) {
      std::string extra = kind[1];
      if (extra.find("image_width") !=
          std::string::npos) // 1x2, 2x4, 8x8, 28x28
        extra += std::to_string(n == 2 ? 2 : n == 8 ? 4 : n == 64 ? 8 : 28);
      else if (std::string(kind[0]) == "expert_aggregation" && n > 64)
        continue; // all n(n+1)/2 pairs: 3 million signals at 784 inputs
      std::string text = std::string("model m : ") + kind[0] +
                         " { inputs = " + std::to_string(n) + " " + extra +
                         " }";
      auto m = compile(text);
      if (!m)
        continue;
      auto attr = [&](const char *k) {
        return ir::findAttribute(m->attrs, k).value_or("?").str();
      };
      std::string label = kind[0];
      if (label == "expert_aggregation")
        label +=
            extra.find("radius") != std::string::npos ? " (r=1)" : " (all)";
      llvm::outs() << llvm::left_justify(label, 29) << " "
                   << llvm::right_justify(std::to_string(n), 6) << "  "
                   << llvm::left_justify(attr("abstract_species") + "/" +
                                             attr("abstract_reactions"),
                                         16)
                   << llvm::right_justify(std::to_string(m->speciesCount()), 9)
                   << llvm::right_justify(std::to_string(m->reactionCount()),
                                          11)
                   << "\n";
    }
}

int main(int argc, char **argv) {
  if (argc < 2) {
    llvm::errs() << "usage: bench-train <regression|iris2|iris3|xor|rings|"
                    "digits|all|scaling> [epochs] [max training rows]\n";
    return 2;
  }
  llvm::StringRef which = argv[1];
  if (which == "scaling") {
    scalingTable();
    return 0;
  }
  int status = 0;
  for (const Experiment &e : experiments())
    if (which == "all" || which == e.name)
      status |=
          runExperiment(e, argc > 2 ? unsigned(std::atoi(argv[2])) : e.epochs,
                        argc > 3 ? size_t(std::atoi(argv[3])) : 0);
  return status;
}
