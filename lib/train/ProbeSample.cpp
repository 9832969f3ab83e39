//===- ProbeSample.cpp - a sample to present to an untrained model --------===//

#include "lib/train/ProbeSample.h"
#include "ir/ModelAttributes.h"
#include "lib/support/Format.h"
#include "llvm/ADT/STLExtras.h"
#include <cmath>

using namespace crnc;
using namespace crnc::train;

static llvm::Error probeError(const llvm::Twine &message) {
  return llvm::createStringError(std::errc::invalid_argument, "%s",
                                 message.str().c_str());
}

/// "2" or "(0.61, 0.12)".
static std::string describeOutputs(llvm::ArrayRef<double> outputs) {
  if (outputs.size() == 1)
    return formatSignificant(outputs[0], 4);
  std::string text = "(";
  for (size_t k = 0; k < outputs.size(); ++k)
    text += (k ? ", " : "") + formatSignificant(outputs[k], 4);
  return text + ")";
}

/// A regression: one unit below the output (above it when that would be
/// negative), an error of one model unit.
static void regressionTarget(ProbeSample &p) {
  double y = p.outputs.empty() ? 0 : p.outputs[0];
  bool below = y >= 1;
  p.sample.target = below ? y - 1 : y + 1;
  p.reason = "target " + formatSignificant(p.sample.target, 4) +
             ": the untrained model's output " + formatSignificant(y, 4) +
             (below ? " minus 1" : " plus 1") + ", an error of one model unit";
}

/// A classifier: the label of largest loss (the class the untrained model
/// scores worst; the lowest label on a tie).
static void classTarget(const ModelInterface &mi, ProbeSample &p) {
  size_t classes = mi.classes ? mi.classes : std::max<size_t>(2, mi.outputs);
  double worstLoss = -1;
  for (size_t k = 0; k < classes; ++k) {
    double loss = scoreOutputs(mi, p.outputs, double(k)).loss;
    if (loss > worstLoss) {
      worstLoss = loss;
      p.sample.target = double(k);
    }
  }
  p.reason = "target class " + formatNumber(p.sample.target) +
             ": the class the untrained model scores worst (outputs " +
             describeOutputs(p.outputs) + ", loss " +
             formatSignificant(worstLoss, 3) + ")";
}

llvm::Expected<ProbeSample> train::chooseProbeSample(const ir::Module &model) {
  llvm::Expected<ModelInterface> mi = ModelInterface::fromModule(model);
  if (!mi)
    return mi.takeError();
  auto chem = ChemicalTrainer::create(model, *mi, trainingSolverOptions());
  if (!chem)
    return chem.takeError();
  auto sim =
      sim::OdeSimulator::create((*chem)->network(), trainingSolverOptions());
  if (!sim)
    return sim.takeError();
  ProbeSample p;
  p.sample.inputs.assign(mi->inputs, 1.0);
  llvm::Expected<SampleResult> forward =
      (*chem)->evaluateSample(**sim, p.sample.inputs, 0);
  if (!forward)
    return probeError("the probe's forward phase: " +
                      llvm::toString(forward.takeError()));
  p.outputs = forward->outputs;
  if (mi->task == Task::Regression)
    regressionTarget(p);
  else
    classTarget(*mi, p);
  p.reason = "no training row recorded; inputs 1 (one model unit per "
             "feature), " +
             p.reason + ", so the backward phase moves the weights";
  return p;
}

llvm::Expected<RecordedSample> train::firstRow(const Dataset &data,
                                               const DataOptions &options) {
  for (size_t f : options.features)
    if (f >= data.features())
      return probeError("feature " + llvm::Twine(f + 1) +
                        " does not exist (the data has " +
                        llvm::Twine(data.features()) + ")");
  for (size_t r = 0; r < data.size(); ++r) {
    auto kept = llvm::find(options.classes, size_t(data.target[r]));
    if (!options.classes.empty() && kept == options.classes.end())
      continue;
    RecordedSample s;
    s.target = options.classes.empty() ? data.target[r]
                                       : double(kept - options.classes.begin());
    if (options.features.empty())
      s.inputs = data.x[r];
    for (size_t f : options.features)
      s.inputs.push_back(data.x[r][f]);
    for (double &v : s.inputs)
      v /= options.divisor;
    return s;
  }
  if (data.size() == 0)
    return probeError("the data has no rows");
  return probeError("no row has a class of --classes");
}

std::map<std::string, double, std::less<>>
train::loadLevels(const Dataset &data, const DataOptions &options) {
  std::vector<double> squares, sums;
  for (size_t r = 0; r < data.size(); ++r) {
    auto kept = llvm::find(options.classes, size_t(data.target[r]));
    if (!options.classes.empty() && kept == options.classes.end())
      continue;
    std::vector<double> x = data.x[r];
    if (!options.features.empty()) {
      x.clear();
      for (size_t f : options.features)
        if (f < data.features())
          x.push_back(data.x[r][f]);
    }
    squares.resize(std::max(squares.size(), x.size()));
    sums.resize(squares.size());
    for (size_t i = 0; i < x.size(); ++i) {
      double v = x[i] / options.divisor;
      squares[i] += v * v, sums[i] += std::fabs(v);
    }
  }
  std::map<std::string, double, std::less<>> out;
  for (size_t i = 0; i < sums.size(); ++i)
    if (sums[i] > 0)
      out[ir::model::formatValue(ir::model::Load{false, i})] =
          squares[i] / sums[i];
  return out;
}
