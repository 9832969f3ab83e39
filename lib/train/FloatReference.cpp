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
  for (const SignalRef &s : mi.weights)
    weights[s.name] = s.value(mi.initialState);
}

double &FloatReference::w(llvm::StringRef name) {
  auto it = weights.find(name);
  assert(it != weights.end() && "unknown weight");
  return it->second;
}

double FloatReference::w(llvm::StringRef name) const {
  auto it = weights.find(name);
  assert(it != weights.end() && "unknown weight");
  return it->second;
}

std::vector<double> FloatReference::weightValues() const {
  std::vector<double> out;
  for (const SignalRef &s : mi.weights)
    out.push_back(w(s.name));
  return out;
}

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
  std::vector<double> forward(llvm::ArrayRef<double> x) const override {
    double y = w("B") * mi.horizon;
    for (size_t i = 0; i < x.size(); ++i)
      y += x[i] + mi.horizon * w("P" + std::to_string(i + 1)) * x[i];
    return {y};
  }
  SampleResult trainSample(llvm::ArrayRef<double> x, double target) override {
    SampleResult r = scoreOutputs(mi, forward(x), target);
    double e = r.outputs[0] - target, T = mi.horizon;
    for (size_t i = 0; i < x.size(); ++i)
      w("P" + std::to_string(i + 1)) -= lr * T * e * x[i];
    w("B") -= lr * T * e;
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
  std::vector<double> forward(llvm::ArrayRef<double> x) const override {
    std::vector<double> y;
    for (size_t k = 1; k <= mi.outputs; ++k) {
      std::string ks = std::to_string(k);
      double v = w("B" + ks);
      for (size_t i = 0; i < x.size(); ++i)
        v += w("P" + ks + "_" + std::to_string(i + 1)) * x[i];
      y.push_back(mi.horizon * v);
    }
    return y;
  }
  SampleResult trainSample(llvm::ArrayRef<double> x, double target) override {
    SampleResult r = scoreOutputs(mi, forward(x), target);
    std::vector<double> t = mi.targetVector(target);
    for (size_t k = 1; k <= mi.outputs; ++k) {
      std::string ks = std::to_string(k);
      double step = lr * mi.horizon * (r.outputs[k - 1] - t[k - 1]);
      for (size_t i = 0; i < x.size(); ++i)
        w("P" + ks + "_" + std::to_string(i + 1)) -= step * x[i];
      w("B" + ks) -= step;
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

llvm::Expected<std::unique_ptr<FloatReference>>
FloatReference::create(const ir::Module &m, const ModelInterface &mi) {
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
