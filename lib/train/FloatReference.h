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
#include "llvm/ADT/StringMap.h"

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
  double &w(llvm::StringRef name);
  double w(llvm::StringRef name) const;

  const ModelInterface &mi;
  llvm::StringMap<double> weights;
};

} // namespace crnc::train

#endif
