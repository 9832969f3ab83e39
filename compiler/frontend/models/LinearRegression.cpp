//===- LinearRegression.cpp - Neural CRN linear regression ----------------===//
//
// The linear-regression circuit of Nagipogu & Reif (arXiv 2409.00034) as a
// neural ODE: z(0) = x, dz_i/dt = theta_i x_i (plus a bias component z_0 with
// dz_0/dt = h), y_hat = sum_i z_i(T), e = y_hat - y. Phase "forward"
// integrates z and forms y_hat and e; phase "backward" integrates the
// adjoint a = e (constant: df/dz = 0), the gradients dg_i/dt = a x_i, and the
// update dtheta_i/dt = -lr * a x_i, so after the phase g_i = T e x_i and
// theta_i has taken the SGD step lr * dL/dtheta_i.
//
//===----------------------------------------------------------------------===//

#include "compiler/frontend/models/ModelKinds.h"

using namespace crnc;
using namespace crnc::frontend;
using ir::SpeciesRole;

namespace {
struct RegressionSignals {
  std::vector<SignalId> x, z, p, g;
  SignalId bias = 0, zBias = 0, gBias = 0, y = 0, e = 0;
};
} // namespace

static RegressionSignals addSignals(NetworkBuilder &b, const CommonParams &c,
                                    llvm::ArrayRef<double> w0) {
  RegressionSignals s;
  for (long i = 1; i <= c.inputs; ++i) {
    std::string k = std::to_string(i);
    s.x.push_back(b.addSignal("X" + k, SpeciesRole::Input, c.signedInputs));
    b.loadInput(s.x.back(), i - 1);
  }
  s.zBias = b.addSignal("Z0", SpeciesRole::Hidden, true);
  b.setTransient(s.zBias);
  for (long i = 1; i <= c.inputs; ++i) {
    s.z.push_back(
        b.addSignal("Z" + std::to_string(i), SpeciesRole::Hidden, true));
    b.loadInput(s.z.back(), i - 1);
  }
  for (long i = 1; i <= c.inputs; ++i) {
    s.p.push_back(b.addSignal("P" + std::to_string(i), SpeciesRole::Weight,
                              true, w0[i - 1]));
    b.setAttr(s.p.back(), ir::model::Slot, {0, 0, uint64_t(i - 1)});
  }
  s.bias = b.addSignal("B", SpeciesRole::Weight, true, w0[c.inputs]);
  b.setAttr(s.bias, ir::model::Slot, {0, 0, std::nullopt});
  s.y = b.addSignal("Y", SpeciesRole::Output, true);
  b.setTransient(s.y);
  b.setOutput(s.y, 0);
  s.e = b.addSignal("E", SpeciesRole::ErrorSignal, true);
  b.loadTarget(s.e, 0, -1);
  if (!c.recordGradients)
    return s;
  s.gBias = b.addSignal("G0", SpeciesRole::Gradient, true);
  b.setTransient(s.gBias);
  for (long i = 1; i <= c.inputs; ++i) {
    s.g.push_back(
        b.addSignal("G" + std::to_string(i), SpeciesRole::Gradient, true));
    b.setTransient(s.g.back());
  }
  return s;
}

LogicalResult frontend::lowerLinearRegression(const ModelDecl &decl,
                                              ir::Module &m,
                                              DiagnosticEngine &diags) {
  ModelParams params(decl, diags);
  CommonParams c = readCommonParams(params, /*gradientsDefault=*/true);
  if (failed(checkModelSize(decl, params, diags, 10.0 * c.inputs + 11, "inputs",
                            "10 x inputs + 11")))
    return failure();
  std::vector<double> w0 = readInitialWeights(params, c, c.inputs + 1);
  if (failed(params.finish()))
    return failure();

  auto [fwd, bwd] = addLearningPhases(m, decl.loc);
  NetworkBuilder b(m, diags, decl.loc);
  RegressionSignals s = addSignals(b, c, w0);
  if (b.hadError())
    return failure();
  const double T = c.horizon;
  // Phase 1: dz_i/dt = theta_i x_i, dz_0/dt = h; y_hat and e follow sum z.
  for (long i = 0; i < c.inputs; ++i)
    b.catalytic({s.p[i], s.x[i]}, {{s.z[i]}, {s.y}, {s.e}}, 1, fwd);
  b.catalytic({s.bias}, {{s.zBias}, {s.y}, {s.e}}, 1, fwd);
  // The z(0) = x part of y_hat = sum z(T), delivered at rate 1/T over [0, T].
  for (long i = 0; i < c.inputs; ++i)
    b.catalytic({s.x[i]}, {{s.y}, {s.e}}, 1 / T, fwd);
  // Phase 2: adjoint a = e; dg/dt = a df/dtheta; dtheta/dt = -lr a df/dtheta.
  for (long i = 0; i < c.inputs; ++i) {
    if (c.recordGradients)
      b.catalytic({s.e, s.x[i]}, {{s.g[i]}}, 1, bwd);
    b.catalytic({s.e, s.x[i]}, {{s.p[i], -1}}, c.learningRate, bwd);
  }
  if (c.recordGradients)
    b.catalytic({s.e}, {{s.gBias}}, 1, bwd);
  b.catalytic({s.e}, {{s.bias, -1}}, c.learningRate, bwd);
  b.annihilateSignedSignals(c.annihilationRate);
  b.finish();
  recordModelAttributes(m, decl, c, ir::model::Task::Regression, 1);
  return success();
}
