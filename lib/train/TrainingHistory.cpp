//===- TrainingHistory.cpp - training curves carried by the module --------===//

#include "lib/train/TrainingHistory.h"
#include "lib/support/Format.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include <cmath>

using namespace crnc;
using namespace crnc::train;

std::string train::joinRecordedNumbers(llvm::ArrayRef<double> values) {
  std::string text;
  for (double v : values)
    text += (text.empty() ? "" : ",") + formatNumber(v);
  return text;
}

void train::recordTrainingHistory(ir::Module &module,
                                  const TrainingResult &result) {
  std::vector<double> trainLoss, validationLoss, validationAccuracy;
  for (const EpochRecord &e : result.epochs) {
    trainLoss.push_back(e.train.loss);
    validationLoss.push_back(e.validation.samples ? e.validation.loss : NAN);
    validationAccuracy.push_back(e.validation.samples ? e.validation.accuracy
                                                      : NAN);
  }
  ir::setAttribute(module.attrs, "training_loss",
                   joinRecordedNumbers(trainLoss));
  ir::setAttribute(module.attrs, "validation_loss",
                   joinRecordedNumbers(validationLoss));
  ir::setAttribute(module.attrs, "validation_accuracy",
                   joinRecordedNumbers(validationAccuracy));
  if (result.test.samples == 0)
    return;
  ir::setAttribute(module.attrs, "test_loss", formatNumber(result.test.loss));
  ir::setAttribute(module.attrs, "test_accuracy",
                   formatNumber(result.test.accuracy));
}

std::optional<double> train::readRecordedNumber(llvm::StringRef text) {
  if (text.trim() == "nan")
    return NAN;
  return parseNumber(text.trim());
}

bool train::readRecordedNumbers(const ir::Module &module, llvm::StringRef key,
                                std::vector<double> &out) {
  std::optional<llvm::StringRef> text = ir::findAttribute(module.attrs, key);
  if (!text)
    return false;
  llvm::SmallVector<llvm::StringRef, 16> items;
  text->split(items, ',', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef item : items) {
    std::optional<double> v = readRecordedNumber(item);
    if (!v)
      return false;
    out.push_back(*v);
  }
  return true;
}

std::optional<TrainingHistory>
train::readTrainingHistory(const ir::Module &module) {
  TrainingHistory h;
  if (!readRecordedNumbers(module, "training_loss", h.trainLoss) ||
      !readRecordedNumbers(module, "validation_loss", h.validationLoss) ||
      !readRecordedNumbers(module, "validation_accuracy", h.validationAccuracy))
    return std::nullopt;
  if (h.validationLoss.size() != h.trainLoss.size() ||
      h.validationAccuracy.size() != h.trainLoss.size())
    return std::nullopt;
  if (auto loss = ir::findAttribute(module.attrs, "test_loss"))
    h.testLoss = readRecordedNumber(*loss);
  if (auto acc = ir::findAttribute(module.attrs, "test_accuracy"))
    h.testAccuracy = readRecordedNumber(*acc);
  return h;
}

void train::recordFirstSample(ir::Module &module, const Dataset &train,
                              uint64_t seed) {
  if (train.size() == 0)
    return;
  size_t row = presentationOrder(train.size(), seed, 0).front();
  ir::setAttribute(module.attrs, "sample_inputs",
                   joinRecordedNumbers(train.x[row]));
  ir::setAttribute(module.attrs, "sample_target",
                   formatNumber(train.target[row]));
}

std::optional<RecordedSample>
train::readRecordedSample(const ir::Module &module) {
  RecordedSample s;
  std::optional<llvm::StringRef> target =
      ir::findAttribute(module.attrs, "sample_target");
  if (!target || !readRecordedNumbers(module, "sample_inputs", s.inputs))
    return std::nullopt;
  std::optional<double> t = readRecordedNumber(*target);
  if (!t || std::isnan(*t) ||
      llvm::any_of(s.inputs, [](double v) { return std::isnan(v); }))
    return std::nullopt;
  s.target = *t;
  return s;
}
