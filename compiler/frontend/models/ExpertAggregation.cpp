//===- ExpertAggregation.cpp - expert-aggregation CRN classifier ----------===//
//
// A classifier without hidden layers after Jaffard & Sbalzarini (arXiv
// 2603.12060): the inputs are high-flux species whose pairwise reaction
// fluxes x_i x_j (i <= j; for an image optionally only pixels within
// `radius` of each other, which keeps the count linear in n) are the experts;
// class c aggregates them with weights w_ce = W+_ce - W-_ce (one species per
// expert sign), and learns by exponentiated-gradient multiplicative weights:
// each weight grows or decays autocatalytically at a rate set by the expert's
// gain -e_c x_i x_j.
//   phase 1: X_i + X_j -> ... + Q_e (rate 1/T, so Q_e ramps to x_i x_j);
//            W+-_ce + Q_e -> ... +- (Y_c, E_c) (rate 2/T: y_c = sum w_ce phi_e)
//   phase 2: E_c + Q_e -> ... + G_ce (G = e_c phi_e t);
//            G+W -> G (+W): d ln W+-/dt = -+ k G, so after T
//            W+- <- W+- exp(-+ lr e_c phi_e), k = 2 lr / T^2.
// The weights are not renormalised (unnormalised EG+-, Kivinen & Warmuth):
// an exact chemical renormalisation needs a division; the sign pair already
// bounds the effective weight.
//
//===----------------------------------------------------------------------===//

#include "compiler/frontend/models/ModelKinds.h"
#include "lib/support/Format.h"
#include <algorithm>
#include <cstdlib>

using namespace crnc;
using namespace crnc::frontend;
using ir::SpeciesRole;

namespace {
struct ExpertParams {
  CommonParams c;
  long classes = 10;
  double initialWeight = 0.001;
  long imageWidth = 0; ///< inputs are an image of this width (0: not)
  long radius = -1;    ///< experts pair pixels this close (-1: all pairs)
};
} // namespace

/// The expert pairs (i, j), i <= j: all pairs, or, for an image, pixels at
/// most `radius` apart in row and column (linear in the input count).
static std::vector<std::pair<size_t, size_t>>
expertPairs(const ExpertParams &p) {
  std::vector<std::pair<size_t, size_t>> pairs;
  size_t n = size_t(p.c.inputs), w = size_t(p.imageWidth);
  for (size_t i = 0; i < n; ++i)
    for (size_t j = i; j < n; ++j) {
      bool near =
          p.radius < 0 || (std::abs(long(i / w) - long(j / w)) <= p.radius &&
                           std::abs(long(i % w) - long(j % w)) <= p.radius);
      if (near)
        pairs.push_back({i, j});
    }
  return pairs;
}

static std::vector<SignalId>
addExperts(NetworkBuilder &b, const std::vector<SignalId> &x,
           const std::vector<std::pair<size_t, size_t>> &pairs, double T,
           ir::PhaseId fwd) {
  std::vector<SignalId> q;
  for (auto [i, j] : pairs) {
    std::string name =
        "Q" + std::to_string(i + 1) + "_" + std::to_string(j + 1);
    q.push_back(b.addSignal(name, SpeciesRole::Hidden, false));
    b.setTransient(q.back());
    if (i == j)
      b.catalytic({x[i], x[i]}, {{q.back()}}, 1 / T, fwd);
    else
      b.catalytic({x[i], x[j]}, {{q.back()}}, 1 / T, fwd);
  }
  return q;
}

static void addClass(NetworkBuilder &b, const ExpertParams &p, long c,
                     const std::vector<SignalId> &q,
                     const std::vector<std::pair<size_t, size_t>> &pairs,
                     ir::PhaseId fwd, ir::PhaseId bwd) {
  const double T = p.c.horizon, k = 2 * p.c.learningRate / (T * T);
  std::string cs = std::to_string(c + 1);
  SignalId y = b.addSignal("Y" + cs, SpeciesRole::Output, true);
  b.setTransient(y);
  b.setOutput(y, c);
  SignalId e = b.addSignal("E" + cs, SpeciesRole::ErrorSignal, true);
  b.loadTarget(e, c, -1);
  for (size_t idx = 0; idx < pairs.size(); ++idx) {
    auto [i, j] = pairs[idx];
    std::string tag =
        cs + "_" + std::to_string(i + 1) + "_" + std::to_string(j + 1);
    SignalId wp =
        b.addSignal("Wp" + tag, SpeciesRole::Weight, false, p.initialWeight);
    SignalId wm =
        b.addSignal("Wm" + tag, SpeciesRole::Weight, false, p.initialWeight);
    b.setAttr(wp, ir::model::Expert, {i, j});
    b.setAttr(wm, ir::model::Expert, {i, j});
    SignalId g = b.addSignal("G" + tag, SpeciesRole::Gradient, true);
    b.setTransient(g);
    b.catalytic({wp, q[idx]}, {{y}, {e}}, 2 / T, fwd);
    b.catalytic({wm, q[idx]}, {{y, -1}, {e, -1}}, 2 / T, fwd);
    b.catalytic({e, q[idx]}, {{g}}, 1, bwd);
    b.growth(g, wp, -1, k, bwd);
    b.growth(g, wm, +1, k, bwd);
  }
}

LogicalResult frontend::lowerExpertAggregation(const ModelDecl &decl,
                                               ir::Module &m,
                                               DiagnosticEngine &diags) {
  ModelParams params(decl, diags);
  ExpertParams p;
  p.c = readCommonParams(params, /*gradientsDefault=*/false);
  p.classes = params.integer("classes", p.classes, 2, 100000);
  p.initialWeight =
      params.number("initial_weight", p.initialWeight, 0, 1e6, true);
  p.imageWidth = params.integer("image_width", 0, 0, 100000);
  p.radius = params.integer("radius", -1, -1, 100000);
  if (failed(params.finish()))
    return failure();
  if (p.radius >= 0 && (p.imageWidth == 0 || p.c.inputs % p.imageWidth)) {
    diags.error(params.locationOf("radius"),
                "'radius' needs 'image_width' dividing 'inputs'");
    return failure();
  }
  // Experts: all pairs of inputs, or for an image the pairs within the
  // radius (at most (2r+1)^2 neighbours per pixel, half of them counted).
  double n = double(p.c.inputs), experts = n * (n + 1) / 2;
  if (p.radius >= 0)
    experts = std::min(
        experts, n * ((2.0 * p.radius + 1) * (2.0 * p.radius + 1) + 1) / 2);
  if (failed(checkModelSize(
          decl, params, diags,
          (1.0 + 10.0 * p.classes) * experts + 2.0 * p.classes, "inputs",
          "10 x classes x experts, with inputs^2 / 2 "
          "experts (or inputs x (2 radius + 1)^2 / 2 for "
          "an image)")))
    return failure();
  if (p.c.signedInputs) {
    diags.error(params.locationOf("signed_inputs"),
                "expert aggregation needs non-negative inputs (fluxes)");
    return failure();
  }
  auto [fwd, bwd] = addLearningPhases(m, decl.loc);
  NetworkBuilder b(m, diags, decl.loc);
  std::vector<SignalId> x;
  for (long i = 1; i <= p.c.inputs; ++i) {
    x.push_back(
        b.addSignal("X" + std::to_string(i), SpeciesRole::Input, false));
    b.loadInput(x.back(), i - 1);
  }
  std::vector<std::pair<size_t, size_t>> pairs = expertPairs(p);
  std::vector<SignalId> q = addExperts(b, x, pairs, p.c.horizon, fwd);
  for (long c = 0; c < p.classes; ++c)
    addClass(b, p, c, q, pairs, fwd, bwd);
  if (b.hadError())
    return failure();
  b.annihilateSignedSignals(p.c.annihilationRate);
  b.finish();
  ir::model::set(m.attrs, ir::model::Classes, p.classes);
  ir::model::set(m.attrs, ir::model::InitialWeight, p.initialWeight);
  ir::model::set(m.attrs, ir::model::Experts, pairs.size());
  recordModelAttributes(m, decl, p.c, ir::model::Task::Multiclass, p.classes);
  return success();
}
