//===- ProbeSample.h - a sample to present to an untrained model -*- C++
//-*-===//
//
// Re-simulating a Neural CRN model (lib/verify/SampleResimulation.h) needs a
// sample to present. A trained module records its first training row
// (TrainingHistory.h); an untrained one gets a probe: one model unit on every
// input (inside every model's feature range: non-negative, or signed), and a
// target the untrained model gets wrong by a clear margin, so the backward
// phase moves every weight the sample reaches: a regression target one unit
// from the model's own output, a classifier's class label the model scores
// worst. Or the user gives a row (`crnc compile --data rows.csv`): firstRow.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_TRAIN_PROBESAMPLE_H
#define CRNC_TRAIN_PROBESAMPLE_H

#include "ir/Module.h"
#include "lib/train/TrainingHistory.h"
#include "lib/train/TrainingLoop.h"
#include "llvm/Support/Error.h"
#include <map>
#include <string>

namespace crnc::train {

struct ProbeSample {
  RecordedSample sample;
  /// The untrained model's outputs for the probe's inputs (phase 1 alone).
  std::vector<double> outputs;
  /// Why these values: "inputs 1 (one model unit per feature), target 1:
  /// the untrained model's output 2 minus 1, ...".
  std::string reason;
};

/// Requires: `model` is a Neural CRN model module (ModelInterface reads it).
/// Guarantees: the same probe for the same module (no randomness); inputs
/// of 1, a target at which the model's loss is at least 1/2 unit² for a
/// regression, and for a classifier the label of largest loss (the lowest
/// such label on a tie). Fails when the module is no model or its forward
/// phase cannot be integrated.
llvm::Expected<ProbeSample> chooseProbeSample(const ir::Module &model);

/// The first row of `data` that `options`' class selection keeps, as
/// prepareData loads it (its features selected, its label renumbered, the
/// divisor applied); the split, the seed and min-max scaling do not apply
/// to one row. Errors as prepareData's: a feature or class that does not
/// exist.
llvm::Expected<RecordedSample> firstRow(const Dataset &data,
                                        const DataOptions &options);

/// The level each input runs at over the rows of `data` that `options`
/// keep (selected and scaled as firstRow does), in model units, keyed by
/// the input species' `load` attribute ("x:i"): the flux-weighted mean
/// sum x^2 / sum |x| of its column. A column of zeros has no level. (The
/// target is no level of a signal: the error starts from it but runs at
/// |output - target|, which the data alone does not give.)
std::map<std::string, double, std::less<>>
loadLevels(const Dataset &data, const DataOptions &options);

} // namespace crnc::train

#endif
