//===- TrainingHistory.h - training curves carried by the module -*- C++
//-*-===//
//
// `crnc train` records the per-epoch curves and test figures of a run as
// attributes of the trained module it writes, so the module carries its own
// history: `crnc compile trained.crnir -o out/` finds them there (the
// attributes survive the lowering) and the verification report plots them.
// One route for the data: the module, never a second file.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_TRAIN_TRAININGHISTORY_H
#define CRNC_TRAIN_TRAININGHISTORY_H

#include "ir/Module.h"
#include "lib/train/TrainingLoop.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>
#include <vector>

namespace crnc::train {

struct TrainingHistory {
  std::vector<double> trainLoss, validationLoss, validationAccuracy;
  std::optional<double> testLoss, testAccuracy; ///< unset: no test rows
};

/// Sets the attributes `training_loss`, `validation_loss`,
/// `validation_accuracy` (comma-separated, one number per epoch) and, when
/// the run had test rows, `test_loss` and `test_accuracy`.
void recordTrainingHistory(ir::Module &module, const TrainingResult &result);

/// The history recorded by recordTrainingHistory, or nullopt when the module
/// has none (it was not trained by crnc train) or it does not parse.
std::optional<TrainingHistory> readTrainingHistory(const ir::Module &module);

/// The first training row a run presented (its inputs and target, as the
/// trainer loads them: after feature selection and scaling), recorded so
/// that `crnc compile` of the trained module can re-simulate one training
/// sample the way the lab protocol presents it.
struct RecordedSample {
  std::vector<double> inputs;
  double target = 0;
};

/// Sets `sample_inputs` and `sample_target` to the row that epoch 1 of a
/// run with `seed` presents first (presentationOrder); nothing when
/// `train` has no rows.
void recordFirstSample(ir::Module &module, const Dataset &train, uint64_t seed);

/// The recorded sample, or nullopt when the module has none (an untrained
/// model: no data set to draw from) or it does not parse.
std::optional<RecordedSample> readRecordedSample(const ir::Module &module);

/// How recorded figures are spelled in attributes (also by lib/verify's
/// LabRecord): numbers comma-separated, NaN (an epoch without validation
/// rows) as "nan".
std::string joinRecordedNumbers(llvm::ArrayRef<double> values);
/// One recorded number ("nan" reads as NaN), or nullopt.
std::optional<double> readRecordedNumber(llvm::StringRef text);
/// Appends the numbers of attribute `key` to `out`; false when it is
/// missing or a number does not parse.
bool readRecordedNumbers(const ir::Module &module, llvm::StringRef key,
                         std::vector<double> &out);

} // namespace crnc::train

#endif
