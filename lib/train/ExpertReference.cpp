//===- ExpertReference.cpp - float reference of expert aggregation --------===//
//
// Unnormalised exponentiated-gradient multiplicative weights over the
// pairwise experts phi_e = x_i x_j (i <= j): y_c = sum_e (w+_ce - w-_ce)
// phi_e, then w+-_ce <- w+-_ce exp(-+ lr e_c phi_e).
//
//===----------------------------------------------------------------------===//

#include "lib/train/FloatReference.h"
#include <cmath>

using namespace crnc;
using namespace crnc::train;

namespace {
class ExpertReference : public FloatReference {
public:
  ExpertReference(const ModelInterface &mi, double lr,
                  std::vector<std::pair<size_t, size_t>> pairs)
      : FloatReference(mi), lr(lr), experts(pairs.size()),
        pairs(std::move(pairs)) {
    // Weights are declared per class as W+, W- for each expert in order.
    std::vector<double> init = FloatReference::weightValues();
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
  std::vector<std::pair<size_t, size_t>> pairs;
  std::vector<double> plus, minus;
};
} // namespace

/// The expert pairs of class 1, in order: the `expert` attribute of every
/// other weight (W+ and W- of one expert carry the same pair). Empty when
/// the weights do not have the layout of an expert-aggregation model.
static std::vector<std::pair<size_t, size_t>>
expertPairs(const ModelInterface &mi, const ir::Module &m) {
  size_t experts = mi.outputs ? mi.weights.size() / (2 * mi.outputs) : 0;
  if (experts * 2 * mi.outputs != mi.weights.size())
    return {};
  std::vector<std::pair<size_t, size_t>> pairs;
  for (size_t e = 0; e < experts; ++e) {
    const ir::Species &w = m.getSpecies(ir::SpeciesId(mi.weights[2 * e].pos));
    std::optional<ir::model::InputPair> pair =
        ir::model::get(w.attrs, ir::model::Expert);
    if (!pair || pair->first >= mi.inputs || pair->second >= mi.inputs)
      return {};
    pairs.push_back({size_t(pair->first), size_t(pair->second)});
  }
  return pairs;
}

llvm::Expected<std::unique_ptr<FloatReference>>
createExpertReference(const ModelInterface &mi, const ir::Module &m) {
  std::vector<std::pair<size_t, size_t>> pairs = expertPairs(mi, m);
  if (pairs.empty())
    return llvm::createStringError(
        std::errc::invalid_argument,
        "the expert-aggregation module has no 'expert' input pairs on its "
        "weights");
  double lr = ir::model::get(m.attrs, ir::model::LearningRate).value_or(0.5);
  return std::make_unique<ExpertReference>(mi, lr, std::move(pairs));
}
