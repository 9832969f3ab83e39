//===- NonlinearReference.cpp - float reference of the nonlinear model ----===//
//
// Per hidden dimension: dz/dt = s - alpha z^2 and the sensitivity
// d rho/dt = 1 - 2 alpha z rho by classical RK4 (fixed step T/steps), the
// readout y_hat = sum_d w_d z_d(T), and the SGD step lr * w_d e rho_d x.
//
//===----------------------------------------------------------------------===//

#include "lib/train/FloatReference.h"

using namespace crnc;
using namespace crnc::train;

namespace {
struct Dim {
  int readout = 1;
  long input = -1; ///< the single input of a diagonal dimension
};

class NonlinearReference : public FloatReference {
public:
  NonlinearReference(const ModelInterface &mi, double lr, double alpha,
                     double c, long augment, bool exact)
      : FloatReference(mi), lr(lr), alpha(alpha), c(c), exact(exact) {
    // Dimension d of the module's weight slots: the n diagonal ones, then
    // the augmented ones.
    for (size_t j = 0; j < mi.inputs; ++j)
      dims.push_back({1, long(j)});
    for (long a = 0; a < augment; ++a)
      dims.push_back({a % 2 == 0 ? 1 : -1, -1});
  }
  std::vector<double> forward(llvm::ArrayRef<double> x) const override {
    std::vector<double> y(mi.outputs), rho;
    for (size_t k = 0; k < mi.outputs; ++k)
      y[k] = block(k, x, rho);
    return y;
  }
  SampleResult trainSample(llvm::ArrayRef<double> x, double target) override;

protected:
  std::vector<ir::model::WeightSlot> requiredSlots() const override;

private:
  /// The weights of dimension `d` of output `k`: (input slot, input index).
  std::vector<std::pair<ir::model::WeightSlot, size_t>>
  driveSlots(size_t k, size_t d) const;
  double drive(size_t k, size_t d, llvm::ArrayRef<double> x) const;
  /// y_hat of block k; fills rho (one per dimension).
  double block(size_t k, llvm::ArrayRef<double> x,
               std::vector<double> &rho) const;

  double lr, alpha, c;
  bool exact;
  std::vector<Dim> dims;
  static constexpr int steps = 400;
};
} // namespace

std::vector<std::pair<ir::model::WeightSlot, size_t>>
NonlinearReference::driveSlots(size_t k, size_t d) const {
  std::vector<std::pair<ir::model::WeightSlot, size_t>> slots;
  if (dims[d].input >= 0)
    slots.push_back({{k, d, size_t(dims[d].input)}, size_t(dims[d].input)});
  else
    for (size_t i = 0; i < mi.inputs; ++i)
      slots.push_back({{k, d, i}, i});
  return slots;
}

std::vector<ir::model::WeightSlot> NonlinearReference::requiredSlots() const {
  std::vector<ir::model::WeightSlot> slots;
  for (size_t k = 0; k < mi.outputs; ++k)
    for (size_t d = 0; d < dims.size(); ++d) {
      for (auto [slot, input] : driveSlots(k, d))
        slots.push_back(slot);
      slots.push_back({k, d, std::nullopt});
    }
  return slots;
}

double NonlinearReference::drive(size_t k, size_t d,
                                 llvm::ArrayRef<double> x) const {
  double s = w({k, d, std::nullopt});
  for (auto [slot, input] : driveSlots(k, d))
    s += w(slot) * x[input];
  return s;
}

double NonlinearReference::block(size_t k, llvm::ArrayRef<double> x,
                                 std::vector<double> &rho) const {
  const double h = mi.horizon / steps;
  double y = 0;
  rho.clear();
  for (size_t di = 0; di < dims.size(); ++di) {
    const Dim &d = dims[di];
    double s = drive(k, di, x);
    double z = d.input >= 0 ? x[d.input] : c, r = 0;
    auto fz = [&](double z) { return s - alpha * z * z; };
    auto fr = [&](double z, double r) { return 1 - 2 * alpha * z * r; };
    for (int i = 0; i < steps; ++i) {
      double k1z = fz(z), k1r = fr(z, r);
      double k2z = fz(z + h / 2 * k1z),
             k2r = fr(z + h / 2 * k1z, r + h / 2 * k1r);
      double k3z = fz(z + h / 2 * k2z),
             k3r = fr(z + h / 2 * k2z, r + h / 2 * k2r);
      double k4z = fz(z + h * k3z), k4r = fr(z + h * k3z, r + h * k3r);
      z += h / 6 * (k1z + 2 * k2z + 2 * k3z + k4z);
      r += h / 6 * (k1r + 2 * k2r + 2 * k3r + k4r);
    }
    y += d.readout * z;
    rho.push_back(exact ? r : mi.horizon);
  }
  return y;
}

SampleResult NonlinearReference::trainSample(llvm::ArrayRef<double> x,
                                             double target) {
  std::vector<double> t = mi.targetVector(target);
  std::vector<double> y(mi.outputs);
  std::vector<std::vector<double>> rho(mi.outputs);
  for (size_t k = 0; k < mi.outputs; ++k)
    y[k] = block(k, x, rho[k]);
  SampleResult r = scoreOutputs(mi, y, target);
  for (size_t k = 0; k < mi.outputs; ++k) {
    double e = y[k] - t[k];
    for (size_t di = 0; di < dims.size(); ++di) {
      double g = lr * dims[di].readout * e * rho[k][di];
      w({k, di, std::nullopt}) -= g;
      for (auto [slot, input] : driveSlots(k, di))
        w(slot) -= g * x[input];
    }
  }
  return r;
}

std::unique_ptr<FloatReference>
createNonlinearReference(const ModelInterface &mi, const ir::Module &m) {
  using namespace ir::model;
  bool exact =
      get(m.attrs, GradientKind).value_or(Gradient::Exact) == Gradient::Exact;
  return std::make_unique<NonlinearReference>(
      mi, get(m.attrs, LearningRate).value_or(0.1),
      get(m.attrs, Alpha).value_or(1), get(m.attrs, AugmentValue).value_or(2),
      long(get(m.attrs, Augment).value_or(0)), exact);
}
