//===- AccuracyTest.cpp - the examples reach their targets ----------------===//
//
// Targets of the Neural CRN examples (issue: regression within 1.5x of least
// squares; Iris setosa/virginica 100 %; Iris 3 classes >= 90 %; XOR, rings
// >= 95 %; digits >= 90 %). Where chemical training fits the test budget it
// is checked directly; the longer runs check the float reference (which the
// chemistry is shown to equal, sample by sample, in ChemistryMatchesTest)
// and leave the chemical figure to tests/bench (bench-train).
//
//===----------------------------------------------------------------------===//

#include "TrainTestSupport.h"
#include "lib/train/LeastSquares.h"
#include "lib/train/TrainingLoop.h"

using namespace crnc;
using namespace crnc::train;
using namespace crnc::train::testing;

static DataOptions options(double train, double validation, uint64_t seed,
                           bool minMax) {
  DataOptions o;
  o.trainPart = train;
  o.validationPart = validation;
  o.seed = seed;
  o.minMax = minMax;
  return o;
}

static Dataset digits() {
  Dataset d = unwrap(
      readCsv(std::string(CRNC_SOURCE_DIR) + "/examples/data/digits.csv.gz"));
  for (auto &row : d.x)
    for (double &v : row)
      v /= 16;
  return d;
}

TEST_CASE("regression: validation loss within 1.5x of least squares",
          "[train][accuracy]") {
  auto m = compileModel(readSourceFile("examples/linear_regression.crn"));
  ModelInterface mi = unwrap(ModelInterface::fromModule(*m));
  PreparedData p = unwrap(
      prepareData(generateRegression(142, 5), options(41, 101, 5, false)));
  REQUIRE(p.train.size() == 41);
  REQUIRE(p.validation.size() == 101);
  auto chem = unwrap(ChemicalTrainer::create(*m, mi, trainingSolverOptions()));
  LoopOptions lo;
  lo.epochs = 40;
  lo.seed = 5;
  TrainingResult r = unwrap(runTraining(*chem, nullptr, p, lo));
  double ls = leastSquaresLoss(leastSquaresFit(p.train), p.validation);
  double loss = r.epochs.back().validation.loss;
  INFO("chemical " << loss << ", least squares " << ls);
  CHECK(loss <= 1.5 * ls);
}

TEST_CASE("iris setosa vs virginica (features 1, 3): 100 % validation",
          "[train][accuracy]") {
  auto m = compileModel(readSourceFile("examples/linear_classifier.crn"));
  ModelInterface mi = unwrap(ModelInterface::fromModule(*m));
  DataOptions o = options(0.7, 0.3, 3, true);
  o.features = {0, 2};
  o.classes = {0, 2};
  PreparedData p = unwrap(prepareData(
      unwrap(readCsv(std::string(CRNC_SOURCE_DIR) + "/examples/data/iris.csv")),
      o));
  auto chem = unwrap(ChemicalTrainer::create(*m, mi, trainingSolverOptions()));
  LoopOptions lo;
  lo.epochs = 5;
  lo.seed = 3;
  TrainingResult r = unwrap(runTraining(*chem, nullptr, p, lo));
  CHECK(r.epochs.back().validation.accuracy == 1.0);
  CHECK(r.epochs.back().validation.samples == 30);
}

TEST_CASE("xor with noise: >= 95 % (chemical training)", "[train][accuracy]") {
  auto m = compileModel(readSourceFile("examples/nonlinear_classifier.crn"));
  ModelInterface mi = unwrap(ModelInterface::fromModule(*m));
  PreparedData p = unwrap(
      prepareData(generateXor(400, 0.1, 2), options(0.6, 0.2, 2, false)));
  auto chem = unwrap(ChemicalTrainer::create(*m, mi, trainingSolverOptions()));
  LoopOptions lo;
  lo.epochs = 5;
  lo.seed = 2;
  lo.threads = 2;
  TrainingResult r = unwrap(runTraining(*chem, nullptr, p, lo));
  CHECK(r.epochs.back().validation.accuracy >= 0.95);
  CHECK(r.test.accuracy >= 0.95);
}

TEST_CASE("rings, iris (3 classes), digits: the algorithm reaches the target",
          "[train][accuracy]") {
  struct Case {
    const char *model;
    std::function<Dataset()> data;
    DataOptions opts;
    unsigned epochs;
    double target;
  };
  std::vector<Case> cases = {
      {"examples/rings.crn", [] { return generateRings(400, 3); },
       options(0.6, 0.2, 3, false), 40, 0.95},
      {"examples/iris_nonlinear.crn",
       [] {
         return unwrap(
             readCsv(std::string(CRNC_SOURCE_DIR) + "/examples/data/iris.csv"));
       },
       options(0.6, 0.2, 4, true), 30, 0.90},
      {"examples/digits/expert_aggregation_digits.crn", digits,
       options(1437, 0.0, 1, false), 1, 0.90}};
  for (const Case &c : cases) {
    auto m = compileModel(readSourceFile(c.model));
    ModelInterface mi = unwrap(ModelInterface::fromModule(*m));
    PreparedData p = unwrap(prepareData(c.data(), c.opts));
    auto ref = unwrap(FloatReference::create(*m, mi));
    trainReference(*ref, p.train, c.epochs, c.opts.seed);
    double acc = ref->evaluate(p.test).accuracy;
    INFO(c.model << ": test accuracy " << acc);
    CHECK(acc >= c.target);
  }
}
