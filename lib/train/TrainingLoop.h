//===- TrainingLoop.h - epochs of chemical (and float) training -*- C++ -*-===//
//
// The experiment around a trainer: select features and classes, split with a
// seed, scale; then for each epoch present the training rows in a seeded
// order to the chemistry (and, optionally, to the float reference in the same
// order) and evaluate the validation rows; finally evaluate the test rows.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_TRAIN_TRAININGLOOP_H
#define CRNC_TRAIN_TRAININGLOOP_H

#include "lib/train/ChemicalTrainer.h"
#include "lib/train/FloatReference.h"
#include <functional>
#include <optional>

namespace crnc::train {

/// How a data set becomes train / validation / test sets.
struct DataOptions {
  std::vector<size_t> features; ///< 0-based columns to keep (empty: all)
  std::vector<size_t> classes;  ///< labels to keep, renumbered 0.. (empty: all)
  double trainPart = 0.7;       ///< fraction (< 1) or row count (>= 1)
  double validationPart = 0.15; ///< fraction (< 1) or row count (>= 1)
  uint64_t seed = 1;
  bool minMax = false; ///< scale to [0, 1] with training statistics
  double divisor = 1;  ///< every feature is divided by this first
};

struct PreparedData {
  Dataset train, validation, test;
};

/// The first target that is not a class label of classifier `mi` (an
/// integer in [0, classes)), if any; nullopt for a regression.
std::optional<double> foreignLabel(const ModelInterface &mi,
                                   const PreparedData &data);

/// Parses `--split` ("0.7,0.15": train and validation parts, fractions or
/// row counts) into `options`; false unless two parts, train > 0, val >= 0.
bool parseSplit(llvm::StringRef text, DataOptions &options);

/// Parses "1,3" into {0, 2} when `oneBased` (feature columns) or {1, 3}
/// (class labels), appending to `out`; false on an empty list, a
/// non-integer or a 0 among 1-based numbers.
bool parseIndexList(llvm::StringRef text, bool oneBased,
                    std::vector<size_t> &out);

/// Applies `options` to `data`; errors on out-of-range columns or classes.
llvm::Expected<PreparedData> prepareData(const Dataset &data,
                                         const DataOptions &options);

struct EpochRecord {
  unsigned epoch = 0;
  Metrics train, validation;
  std::optional<Metrics> refTrain, refValidation;
  double seconds = 0;      ///< the whole epoch, validation included
  double trainSeconds = 0; ///< presenting the training rows only
};

struct TrainingResult {
  std::vector<EpochRecord> epochs;
  Metrics test;
  std::optional<Metrics> refTest;
  double secondsPerSample = 0;
};

struct LoopOptions {
  unsigned epochs = 10;
  uint64_t seed = 1;    ///< presentation order
  unsigned threads = 1; ///< evaluation threads (0: all cores)
  /// Called after every training sample with (done, total).
  std::function<void(size_t, size_t)> progress;
};

/// The order in which epoch `epoch` presents `rows` training rows.
std::vector<size_t> presentationOrder(size_t rows, uint64_t seed,
                                      unsigned epoch);

/// Trains `chem` (and `ref` when given) on `data`.
llvm::Expected<TrainingResult> runTraining(ChemicalTrainer &chem,
                                           FloatReference *ref,
                                           const PreparedData &data,
                                           const LoopOptions &options);

} // namespace crnc::train

#endif
