//===- ExpertReference.cpp - float reference of expert aggregation --------===//
//
// Unnormalised exponentiated-gradient multiplicative weights over the
// pairwise experts phi_e = x_i x_j (i <= j): y_c = sum_e (w+_ce - w-_ce)
// phi_e, then w+-_ce <- w+-_ce exp(-+ lr e_c phi_e).
//
//===----------------------------------------------------------------------===//

#include "lib/support/Format.h"
#include "lib/train/FloatReference.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include <cassert>
#include <cmath>

using namespace crnc;
using namespace crnc::train;

namespace {
class ExpertReference : public FloatReference {
public:
  ExpertReference(const ModelInterface &mi, double lr)
      : FloatReference(mi), lr(lr) {
    experts = mi.weights.size() / (2 * mi.outputs);
    // Weight names are Wp<c>_<i>_<j>: the expert pairs of class 1 in order.
    for (size_t e = 0; e < experts; ++e) {
      llvm::SmallVector<llvm::StringRef, 3> parts;
      llvm::StringRef(mi.weights[2 * e].name).split(parts, '_');
      unsigned long long i = 0, j = 0;
      bool bad = parts.size() != 3 ||
                 llvm::getAsUnsignedInteger(parts[1], 10, i) ||
                 llvm::getAsUnsignedInteger(parts[2], 10, j);
      assert(!bad && "expert weight names are Wp<c>_<i>_<j>");
      (void)bad;
      pairs.push_back({size_t(i - 1), size_t(j - 1)});
    }
    // Weights are declared per class as Wp, Wm for each expert in order.
    std::vector<double> init = FloatReference::weightValues();
    assert(init.size() == 2 * mi.outputs * experts && "weight layout");
    plus.resize(mi.outputs * experts);
    minus.resize(mi.outputs * experts);
    for (size_t i = 0; i < plus.size(); ++i) {
      plus[i] = init[2 * i];
      minus[i] = init[2 * i + 1];
    }
  }
  std::vector<double> forward(llvm::ArrayRef<double> x) const override {
    std::vector<double> phi = experts_(x), y(mi.outputs, 0.0);
    for (size_t c = 0; c < mi.outputs; ++c)
      for (size_t e = 0; e < experts; ++e)
        y[c] += (plus[c * experts + e] - minus[c * experts + e]) * phi[e];
    return y;
  }
  SampleResult trainSample(llvm::ArrayRef<double> x, double target) override {
    std::vector<double> phi = experts_(x);
    SampleResult r = scoreOutputs(mi, forward(x), target);
    std::vector<double> t = mi.targetVector(target);
    for (size_t c = 0; c < mi.outputs; ++c) {
      double e = r.outputs[c] - t[c];
      for (size_t k = 0; k < experts; ++k) {
        double g = std::exp(-lr * e * phi[k]);
        plus[c * experts + k] *= g;
        minus[c * experts + k] /= g;
      }
    }
    return r;
  }
  std::vector<double> weightValues() const override {
    std::vector<double> out;
    for (size_t i = 0; i < plus.size(); ++i) {
      out.push_back(plus[i]);
      out.push_back(minus[i]);
    }
    return out;
  }

private:
  std::vector<double> experts_(llvm::ArrayRef<double> x) const {
    std::vector<double> phi;
    for (auto [i, j] : pairs)
      phi.push_back(x[i] * x[j]);
    return phi;
  }
  double lr;
  size_t experts = 0;
  std::vector<double> plus, minus;
  std::vector<std::pair<size_t, size_t>> pairs;
};
} // namespace

std::unique_ptr<FloatReference> createExpertReference(const ModelInterface &mi,
                                                      const ir::Module &m) {
  double lr =
      parseNumber(ir::findAttribute(m.attrs, "learning_rate").value_or(""))
          .value_or(0.5);
  return std::make_unique<ExpertReference>(mi, lr);
}
