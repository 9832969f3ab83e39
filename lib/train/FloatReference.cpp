//===- FloatReference.cpp - the learning algorithms in plain arithmetic ---===//
//
// Linear regression and the linear classifier: y_hat = (sum x) + T(theta.x+h)
// resp. T(theta_k.x + h_k), SGD step lr * dL/dtheta. Nonlinear classifier:
// RK4 on dz/dt = s - alpha z^2 with the sensitivity d rho/dt = 1 - 2 alpha z
// rho, step lr * w e rho x (rho = T for the first-order gradient).
//
//===----------------------------------------------------------------------===//

#include "lib/train/FloatReference.h"
#include "lib/support/Format.h"
#include <cassert>

using namespace crnc;
using namespace crnc::train;

FloatReference::FloatReference(const ModelInterface &mi) : mi(mi) {
  for (size_t i = 0; i < mi.weights.size(); ++i) {
    values.push_back(mi.weights[i].value(mi.initialState));
    if (i < mi.weightSlots.size() && mi.weightSlots[i])
      bySlot[*mi.weightSlots[i]] = i;
  }
}

double &FloatReference::w(const ir::model::WeightSlot &slot) {
  auto it = bySlot.find(slot);
  assert(it != bySlot.end() && "no weight at this slot");
  return values[it->second];
}

double FloatReference::w(const ir::model::WeightSlot &slot) const {
  auto it = bySlot.find(slot);
  assert(it != bySlot.end() && "no weight at this slot");
  return values[it->second];
}

std::vector<double> FloatReference::weightValues() const { return values; }

Metrics FloatReference::evaluate(const Dataset &data) const {
  std::vector<SampleResult> results;
  for (size_t i = 0; i < data.size(); ++i)
    results.push_back(scoreOutputs(mi, forward(data.x[i]), data.target[i]));
  return summarize(results);
}

namespace {
/// Neural CRN linear regression: y_hat = sum_i x_i + T (theta . x + h).
class RegressionReference : public FloatReference {
public:
  RegressionReference(const ModelInterface &mi, double lr)
      : FloatReference(mi), lr(lr) {}
  std::vector<ir::model::WeightSlot> requiredSlots() const override;
  std::vector<double> forward(llvm::ArrayRef<double> x) const override {
    double y = w({0, 0, std::nullopt}) * mi.horizon;
    for (size_t i = 0; i < x.size(); ++i)
      y += x[i] + mi.horizon * w({0, 0, i}) * x[i];
    return {y};
  }
  SampleResult trainSample(llvm::ArrayRef<double> x, double target) override {
    SampleResult r = scoreOutputs(mi, forward(x), target);
    double e = r.outputs[0] - target, T = mi.horizon;
    for (size_t i = 0; i < x.size(); ++i)
      w({0, 0, i}) -= lr * T * e * x[i];
    w({0, 0, std::nullopt}) -= lr * T * e;
    return r;
  }

private:
  double lr;
};

/// Linear classifier: y_hat_k = T (theta_k . x + h_k).
class LinearClassifierReference : public FloatReference {
public:
  LinearClassifierReference(const ModelInterface &mi, double lr)
      : FloatReference(mi), lr(lr) {}
  std::vector<ir::model::WeightSlot> requiredSlots() const override;
  std::vector<double> forward(llvm::ArrayRef<double> x) const override {
    std::vector<double> y;
    for (size_t k = 0; k < mi.outputs; ++k) {
      double v = w({k, 0, std::nullopt});
      for (size_t i = 0; i < x.size(); ++i)
        v += w({k, 0, i}) * x[i];
      y.push_back(mi.horizon * v);
    }
    return y;
  }
  SampleResult trainSample(llvm::ArrayRef<double> x, double target) override {
    SampleResult r = scoreOutputs(mi, forward(x), target);
    std::vector<double> t = mi.targetVector(target);
    for (size_t k = 0; k < mi.outputs; ++k) {
      double step = lr * mi.horizon * (r.outputs[k] - t[k]);
      for (size_t i = 0; i < x.size(); ++i)
        w({k, 0, i}) -= step * x[i];
      w({k, 0, std::nullopt}) -= step;
    }
    return r;
  }

private:
  double lr;
};
} // namespace

std::unique_ptr<FloatReference>
createNonlinearReference(const ModelInterface &mi, const ir::Module &m);
llvm::Expected<std::unique_ptr<FloatReference>>
createExpertReference(const ModelInterface &mi, const ir::Module &m);

bool FloatReference::hasEverySlot() const {
  for (const ir::model::WeightSlot &slot : requiredSlots())
    if (!bySlot.count(slot))
      return false;
  return true;
}

static llvm::Expected<std::unique_ptr<FloatReference>>
createForKind(const ir::Module &m, const ModelInterface &mi) {
  double lr = ir::model::get(m.attrs, ir::model::LearningRate).value_or(0.1);
  switch (mi.kind) {
  case ir::model::Kind::LinearRegression:
    return std::make_unique<RegressionReference>(mi, lr);
  case ir::model::Kind::LinearClassifier:
    return std::make_unique<LinearClassifierReference>(mi, lr);
  case ir::model::Kind::NonlinearClassifier:
    return createNonlinearReference(mi, m);
  case ir::model::Kind::ExpertAggregation:
    return createExpertReference(mi, m);
  }
  llvm_unreachable("every model kind has a float reference");
}

llvm::Expected<std::unique_ptr<FloatReference>>
FloatReference::create(const ir::Module &m, const ModelInterface &mi) {
  llvm::Expected<std::unique_ptr<FloatReference>> ref = createForKind(m, mi);
  if (ref && !(*ref)->hasEverySlot())
    return llvm::createStringError(
        std::errc::invalid_argument,
        "the module's weights lack the 'weight_slot' attributes its float "
        "reference reads");
  return ref;
}

/// Output k, dimension 0: one weight per input and a bias, for k < outputs.
static std::vector<ir::model::WeightSlot>
linearSlots(const ModelInterface &mi) {
  std::vector<ir::model::WeightSlot> slots;
  for (uint64_t k = 0; k < mi.outputs; ++k) {
    for (uint64_t i = 0; i < mi.inputs; ++i)
      slots.push_back({k, 0, i});
    slots.push_back({k, 0, std::nullopt});
  }
  return slots;
}

std::vector<ir::model::WeightSlot> RegressionReference::requiredSlots() const {
  return linearSlots(mi);
}

std::vector<ir::model::WeightSlot>
LinearClassifierReference::requiredSlots() const {
  return linearSlots(mi);
}
