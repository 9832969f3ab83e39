//===- ModelInterface.h - what the trainer reads from a model ---*- C++ -*-===//
//
// A lowered learning network tells the trainer, through the typed attributes
// of ir/ModelAttributes.h, which species carry the sample
// (load = x:<i> | target:<k>), which are reset before each presentation
// (transient), which are the predictions (output = <k>) and which are the
// learned weights (role weight), and which phases are phase 1 and phase 2.
// Signed quantities are dual-rail pairs: value = rail p - rail n.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_TRAIN_MODELINTERFACE_H
#define CRNC_TRAIN_MODELINTERFACE_H

#include "ir/ModelAttributes.h"
#include "ir/Module.h"
#include "llvm/Support/Error.h"
#include <optional>
#include <string>
#include <vector>

namespace crnc::train {

/// A (possibly dual-rail) quantity: its species indices.
struct SignalRef {
  std::string name;
  size_t pos = 0;
  std::optional<size_t> neg; ///< set for a dual-rail signal
  double value(llvm::ArrayRef<double> state) const {
    return state[pos] - (neg ? state[*neg] : 0.0);
  }
  /// Writes `v` onto the rails (|v| on the rail of its sign, 0 on the other).
  /// Returns false when `v` < 0 and the signal has one rail.
  bool store(std::vector<double> &state, double v) const;
};

/// What the sample sets: a feature or a target component, times a scale.
struct LoadSpec {
  SignalRef signal;
  bool isTarget = false;
  size_t index = 0;
  double scale = 1;
};

using ir::model::Task;

struct ModelInterface {
  ir::model::Kind kind = ir::model::Kind::LinearRegression;
  std::string name;
  Task task = Task::Regression;
  size_t inputs = 0, outputs = 0, classes = 0;
  double horizon = 1;
  ir::PhaseId forward = 0, backward = 0;
  std::vector<LoadSpec> loads;
  std::vector<size_t> transient;        ///< species reset before each sample
  std::vector<SignalRef> outputSignals; ///< by output index
  std::vector<SignalRef> weights;       ///< learned signals, declaration order
  /// Per weight: its place in the model (the linear and nonlinear models).
  std::vector<std::optional<ir::model::WeightSlot>> weightSlots;
  std::vector<SignalRef> gradients; ///< role gradient
  std::vector<bool> inputSigned;    ///< per feature: may it be negative?
  std::vector<double> initialState; ///< the module's initial values

  /// Reads the attributes of a module lowered from a model declaration.
  static llvm::Expected<ModelInterface> fromModule(const ir::Module &module);

  /// The target vector of a sample: regression -> {y}; binary -> {label};
  /// multiclass -> one-hot.
  std::vector<double> targetVector(double target) const;
  /// The predicted class of an output vector (binary: y >= 0.5).
  size_t predictedClass(llvm::ArrayRef<double> out) const;
};

using ir::model::taskName;

} // namespace crnc::train

#endif
