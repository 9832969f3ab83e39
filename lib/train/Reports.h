//===- Reports.h - the files a training run writes --------------*- C++ -*-===//
//
// What `crnc train` writes beside the trained network: per-epoch metrics as
// CSV and JSON (JSON through nlohmann/json), and the learned weights beside
// the float reference's. Numbers reach CSV through formatNumber and JSON
// through jsonNumber (lib/support).
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_TRAIN_REPORTS_H
#define CRNC_TRAIN_REPORTS_H

#include "lib/train/FloatReference.h"
#include "lib/train/TrainingLoop.h"
#include "llvm/Support/raw_ostream.h"
#include <memory>
#include <string>

namespace crnc::train {

/// `epoch,train_loss,train_accuracy,validation_loss,validation_accuracy,
/// seconds` (plus the reference's four columns when `withReference`), one
/// row per epoch. Requires: with `withReference`, every epoch has its
/// reference metrics.
std::string metricsCsv(const TrainingResult &result, bool withReference);

/// {"model","kind","task","epochs":[{"epoch","train","validation","seconds"
/// [,"reference"]}],"test"[,"reference_test"],"seconds_per_sample"} on one
/// line, then a newline.
std::string metricsJson(const ModelInterface &mi, const TrainingResult &result);

/// `weight,chemical` (plus `reference,difference` when `ref` is given), one
/// row per weight in ModelInterface::weights order. Requires:
/// `chemical.size() == mi.weights.size()`.
std::string weightsCsv(const ModelInterface &mi,
                       llvm::ArrayRef<double> chemical,
                       const FloatReference *ref);

/// A copy of `module` whose weight rails start at the weights `chem` has
/// learned, marked with the epochs trained (ir::model::TrainedEpochs) and
/// carrying `result`'s per-epoch history (recordTrainingHistory).
std::unique_ptr<ir::Module> trainedModule(const ir::Module &module,
                                          const ChemicalTrainer &chem,
                                          unsigned epochs,
                                          const TrainingResult &result);

/// The lines `crnc train` prints: one per epoch (train and validation loss,
/// validation accuracy for a classifier, seconds), the test line, and with
/// `ref` the reference's test figures and the largest weight difference.
/// Requires: `chemWeights` in ModelInterface::weights order; with `ref`,
/// `result.refTest` is set when there are test rows.
void printSummary(llvm::raw_ostream &os, const TrainingResult &result,
                  const FloatReference *ref, const ModelInterface &mi,
                  llvm::ArrayRef<double> chemWeights);

} // namespace crnc::train

#endif
