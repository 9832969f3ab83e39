//===- FloatReference.h - the learning algorithms in plain arithmetic -*- C++
//-*-===//
//
// The algorithm each Neural CRN model implements, written as ordinary C++
// arithmetic (closed forms where they exist, fixed-step RK4 for the
// nonlinear forward ODE), starting from the module's initial weights and
// hyper-parameters. `crnc train --reference` runs it beside the chemistry so
// the trained weights can be compared signal by signal.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_TRAIN_FLOATREFERENCE_H
#define CRNC_TRAIN_FLOATREFERENCE_H

#include "lib/train/ChemicalTrainer.h"
#include <map>

namespace crnc::train {

class FloatReference {
public:
  virtual ~FloatReference() = default;
  /// The reference for the module's model kind.
  static llvm::Expected<std::unique_ptr<FloatReference>>
  create(const ir::Module &module, const ModelInterface &mi);

  /// Outputs y_hat for input `x` with the current weights.
  virtual std::vector<double> forward(llvm::ArrayRef<double> x) const = 0;
  /// One training step on (x, target); returns the forward result.
  virtual SampleResult trainSample(llvm::ArrayRef<double> x, double target) = 0;

  Metrics evaluate(const Dataset &data) const;
  /// Weights in ModelInterface::weights order.
  virtual std::vector<double> weightValues() const;

protected:
  FloatReference(const ModelInterface &mi);
  /// The slots forward() and trainSample() read (none: by declaration order).
  virtual std::vector<ir::model::WeightSlot> requiredSlots() const {
    return {};
  }
  bool hasEverySlot() const;
  /// The weight at `slot`. Requires: some weight of the module has it.
  double &w(const ir::model::WeightSlot &slot);
  double w(const ir::model::WeightSlot &slot) const;

  const ModelInterface &mi;

private:
  std::vector<double> values; ///< in ModelInterface::weights order
  std::map<ir::model::WeightSlot, size_t> bySlot;
};

} // namespace crnc::train

#endif
