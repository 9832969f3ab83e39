//===- LinearClassifier.cpp - linear Neural CRN classifier ----------------===//
//
// One hidden (= output) component per class, z_k(0) = 0,
// dz_k/dt = sum_i theta_ki x_i + h_k, y_hat_k = z_k(T), e_k = y_hat_k - t_k
// with one-hot targets (or, for two classes with `output = threshold`, a
// single output trained towards 0/1 and read against 0.5). The backward phase
// is the linear-regression one per class (Nagipogu & Reif, arXiv 2409.00034).
//
//===----------------------------------------------------------------------===//

#include "compiler/frontend/models/ModelKinds.h"

using namespace crnc;
using namespace crnc::frontend;
using ir::SpeciesRole;

/// Reads `classes` and `output`; returns the number of output components.
static long readOutputs(ModelParams &params, long &classes) {
  classes = params.integer("classes", 2, 2, 100000);
  std::string mode =
      params.choice("output", "per_class", {"per_class", "threshold"});
  if (mode == "threshold" && classes != 2)
    return -1;
  return mode == "threshold" ? 1 : classes;
}

static std::vector<SignalId> addInputs(NetworkBuilder &b,
                                       const CommonParams &c) {
  std::vector<SignalId> x;
  for (long i = 1; i <= c.inputs; ++i) {
    x.push_back(b.addSignal("X" + std::to_string(i), SpeciesRole::Input,
                            c.signedInputs));
    b.loadInput(x.back(), i - 1);
  }
  return x;
}

LogicalResult frontend::lowerLinearClassifier(const ModelDecl &decl,
                                              ir::Module &m,
                                              DiagnosticEngine &diags) {
  ModelParams params(decl, diags);
  CommonParams c = readCommonParams(params, /*gradientsDefault=*/false);
  long classes = 0;
  long outputs = readOutputs(params, classes);
  if (outputs < 0) {
    diags.error(params.locationOf("output"),
                "'output = threshold' needs 'classes = 2'");
    return failure();
  }
  if (failed(checkModelSize(decl, params, diags,
                            double(outputs) * (5.0 * c.inputs + 7),
                            outputs > c.inputs ? "classes" : "inputs",
                            "outputs x (5 x inputs + 7)")))
    return failure();
  std::vector<double> w0 =
      readInitialWeights(params, c, outputs * (c.inputs + 1));
  if (failed(params.finish()))
    return failure();

  auto [fwd, bwd] = addLearningPhases(m, decl.loc);
  NetworkBuilder b(m, diags, decl.loc);
  std::vector<SignalId> x = addInputs(b, c);
  for (long k = 1; k <= outputs; ++k) {
    std::string ks = std::to_string(k);
    SignalId z = b.addSignal("Z" + ks, SpeciesRole::Output, true);
    b.setTransient(z);
    b.setOutput(z, k - 1);
    SignalId e = b.addSignal("E" + ks, SpeciesRole::ErrorSignal, true);
    b.loadTarget(e, k - 1, -1);
    const double *wk = &w0[(k - 1) * (c.inputs + 1)];
    for (long i = 0; i < c.inputs; ++i) {
      std::string name = "P" + ks + "_" + std::to_string(i + 1);
      SignalId p = b.addSignal(name, SpeciesRole::Weight, true, wk[i]);
      b.setAttr(p, ir::model::Slot, {uint64_t(k - 1), 0, uint64_t(i)});
      b.catalytic({p, x[i]}, {{z}, {e}}, 1, fwd);
      if (c.recordGradients) {
        SignalId g = b.addSignal("G" + ks + "_" + std::to_string(i + 1),
                                 SpeciesRole::Gradient, true);
        b.setTransient(g);
        b.catalytic({e, x[i]}, {{g}}, 1, bwd);
      }
      b.catalytic({e, x[i]}, {{p, -1}}, c.learningRate, bwd);
    }
    SignalId h = b.addSignal("B" + ks, SpeciesRole::Weight, true, wk[c.inputs]);
    b.setAttr(h, ir::model::Slot, {uint64_t(k - 1), 0, std::nullopt});
    b.catalytic({h}, {{z}, {e}}, 1, fwd);
    b.catalytic({e}, {{h, -1}}, c.learningRate, bwd);
  }
  if (b.hadError())
    return failure();
  b.annihilateSignedSignals(c.annihilationRate);
  b.finish();
  ir::model::set(m.attrs, ir::model::Classes, classes);
  recordModelAttributes(m, decl, c,
                        outputs == 1 ? ir::model::Task::Binary
                                     : ir::model::Task::Multiclass,
                        outputs);
  return success();
}
