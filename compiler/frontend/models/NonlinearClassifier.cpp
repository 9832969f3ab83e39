//===- NonlinearClassifier.cpp - nonlinear Neural CRN classifier ----------===//
//
// Nagipogu & Reif (arXiv 2409.00034), augmented neural ODE with a quadratic
// self-interaction. Per output k the hidden state is z = [x ; c 1_m]:
//   dz_j/dt = theta_j x_j + h_j - alpha z_j^2          (j <= n, diagonal)
//   dz_a/dt = sum_i theta_ai x_i + h_a - alpha z_a^2   (m augmented dims)
// y_hat = sum_d w_d z_d(T) with fixed readout signs w (+1 on the input dims,
// alternating +1/-1 on the augmented ones), e = y_hat - t. Every reaction is
// at most bimolecular and the count grows linearly in n: the Jacobian df/dz
// is diagonal, so the exact gradient needs only the forward sensitivity
// rho_d = dz_d(T)/ds_d, d rho/dt = 1 - 2 alpha z rho (species R, phase 1).
// Phase 2 forms the adjoint a_d(t) = w_d e rho_d t/T and updates
// dtheta/dt = -(2 lr/T) a_d x, i.e. the SGD step lr * w_d e rho_d x.
// `gradient = first_order` replaces rho_d by T (the adjoint held at its
// final value), which drops the R species.
//
//===----------------------------------------------------------------------===//

#include "compiler/frontend/models/ModelKinds.h"
#include "lib/support/Format.h"
#include <cstdlib>

using namespace crnc;
using namespace crnc::frontend;
using ir::SpeciesRole;

namespace {
struct NonlinearParams {
  CommonParams c;
  long classes = 2, outputs = 1, augment = 8;
  double alpha = 1, augmentValue = 2;
  bool exact = true;
};

/// Emits one output block (one class, or the single thresholded output).
class BlockEmitter {
public:
  BlockEmitter(NetworkBuilder &b, const NonlinearParams &p,
               llvm::ArrayRef<SignalId> x, ir::PhaseId fwd, ir::PhaseId bwd)
      : b(b), p(p), x(x), fwd(fwd), bwd(bwd) {}
  /// `w0` holds the block's weights: n diagonal, n biases, m*n drives, m
  /// augmented biases.
  void emit(long k, const double *w0);

private:
  void addDimension(const std::string &name, int w, double z0, bool loadX,
                    long inputIndex, llvm::ArrayRef<double> drive, double bias);

  NetworkBuilder &b;
  const NonlinearParams &p;
  llvm::ArrayRef<SignalId> x;
  ir::PhaseId fwd, bwd;
  SignalId y = 0, e = 0;
  std::string tag;
  long output = 0;    ///< the block being emitted
  long dimension = 0; ///< the next hidden dimension of the block
};
} // namespace

/// One hidden dimension: its state, drive and bias weights, the quadratic
/// self-interaction, the readout into y_hat and e, the sensitivity, adjoint
/// and update. `inputIndex` >= 0 selects the single input of a diagonal
/// dimension; otherwise `drive` has one weight per input.
void BlockEmitter::addDimension(const std::string &name, int w, double z0,
                                bool loadX, long inputIndex,
                                llvm::ArrayRef<double> drive, double bias) {
  const double T = p.c.horizon;
  SignalId z =
      b.addSignal("Z" + tag + "_" + name, SpeciesRole::Hidden, true, z0);
  if (loadX)
    b.loadInput(z, inputIndex);
  else
    b.setTransient(z);
  std::vector<std::pair<SignalId, SignalId>> weights; // (theta, input)
  for (size_t i = 0; i < drive.size(); ++i) {
    long in = inputIndex >= 0 ? inputIndex : long(i);
    std::string wname = "P" + tag + "_" + name +
                        (inputIndex >= 0 ? "" : "_" + std::to_string(in + 1));
    weights.push_back(
        {b.addSignal(wname, SpeciesRole::Weight, true, drive[i]), x[in]});
    b.setAttr(weights.back().first, ir::model::Slot,
              {uint64_t(output), uint64_t(dimension), uint64_t(in)});
  }
  SignalId h =
      b.addSignal("B" + tag + "_" + name, SpeciesRole::Weight, true, bias);
  b.setAttr(h, ir::model::Slot,
            {uint64_t(output), uint64_t(dimension), std::nullopt});
  ++dimension;
  for (auto [theta, input] : weights)
    b.catalytic({theta, input}, {{z}, {y, w}, {e, w}}, 1, fwd);
  b.catalytic({h}, {{z}, {y, w}, {e, w}}, 1, fwd);
  b.squareDecay(z, {{y, -w}, {e, -w}}, p.alpha, fwd);

  SignalId a = b.addSignal("A" + tag + "_" + name, SpeciesRole::Adjoint, true);
  b.setTransient(a);
  if (p.exact) {
    SignalId r =
        b.addSignal("R" + tag + "_" + name, SpeciesRole::Hidden, false);
    b.setTransient(r);
    b.catalytic({}, {{r}}, 1, fwd);
    b.relax(z, r, 2 * p.alpha, fwd);
    b.catalytic({e, r}, {{a, w}}, 1 / T, bwd);
  } else {
    b.catalytic({e}, {{a, w}}, 1, bwd);
  }
  const double k = 2 * p.c.learningRate / T;
  for (auto [theta, input] : weights)
    b.catalytic({a, input}, {{theta, -1}}, k, bwd);
  b.catalytic({a}, {{h, -1}}, k, bwd);
}

void BlockEmitter::emit(long k, const double *w0) {
  const long n = p.c.inputs, m = p.augment;
  const double T = p.c.horizon;
  tag = std::to_string(k + 1);
  output = k;
  dimension = 0;
  y = b.addSignal("Y" + tag, SpeciesRole::Output, true);
  b.setTransient(y);
  b.setOutput(y, k);
  e = b.addSignal("E" + tag, SpeciesRole::ErrorSignal, true);
  b.loadTarget(e, k, -1);
  for (long j = 0; j < n; ++j) {
    addDimension(std::to_string(j + 1), +1, 0, true, j, {w0[j]}, w0[n + j]);
    // The z_j(0) = x_j part of y_hat, delivered at rate 1/T over [0, T].
    b.catalytic({x[j]}, {{y}, {e}}, 1 / T, fwd);
  }
  int constant = 0;
  for (long a = 0; a < m; ++a) {
    int w = a % 2 == 0 ? 1 : -1;
    constant += w;
    const double *drive = w0 + 2 * n + a * n;
    addDimension("a" + std::to_string(a + 1), w, p.augmentValue, false, -1,
                 llvm::ArrayRef<double>(drive, n), w0[2 * n + m * n + a]);
  }
  // The z_a(0) = c part of y_hat (sum of the readout signs times c).
  if (constant != 0 && p.augmentValue != 0) {
    int sign = constant > 0 ? 1 : -1;
    b.catalytic({}, {{y, sign}, {e, sign}},
                p.augmentValue * std::abs(constant) / T, fwd);
  }
}

static size_t blockWeightCount(const NonlinearParams &p) {
  return size_t(2 * p.c.inputs + p.augment * p.c.inputs + p.augment);
}

LogicalResult frontend::lowerNonlinearClassifier(const ModelDecl &decl,
                                                 ir::Module &m,
                                                 DiagnosticEngine &diags) {
  ModelParams params(decl, diags);
  NonlinearParams p;
  p.c = readCommonParams(params, /*gradientsDefault=*/false);
  p.classes = params.integer("classes", 2, 2, 100000);
  bool threshold = params.choice("output", "per_class",
                                 {"per_class", "threshold"}) == "threshold";
  p.outputs = threshold ? 1 : p.classes;
  p.augment = params.integer("augment", p.augment, 0, 100000);
  p.augmentValue = params.number("augment_value", p.augmentValue, 0, 1e6);
  p.alpha = params.number("alpha", p.alpha, 0, 1e6);
  p.exact =
      params.choice("gradient", "exact", {"exact", "first_order"}) == "exact";
  double reactions =
      double(p.outputs) *
      ((21.0 + 5.0 * p.augment) * p.c.inputs + 16.0 * p.augment + 2);
  if (failed(checkModelSize(decl, params, diags, reactions, "augment",
                            "outputs x ((21 + 5 x augment) x inputs + 16 x "
                            "augment)")))
    return failure();
  std::vector<double> w0 =
      readInitialWeights(params, p.c, p.outputs * blockWeightCount(p));
  if (failed(params.finish()))
    return failure();
  if (threshold && p.classes != 2) {
    diags.error(params.locationOf("output"),
                "'output = threshold' needs 'classes = 2'");
    return failure();
  }
  if (p.c.recordGradients)
    diags.warning(params.locationOf("record_gradients"),
                  "'record_gradients' is not supported by this model kind; "
                  "the adjoint species A carry the gradient");

  auto [fwd, bwd] = addLearningPhases(m, decl.loc);
  NetworkBuilder b(m, diags, decl.loc);
  std::vector<SignalId> x;
  for (long i = 1; i <= p.c.inputs; ++i) {
    x.push_back(b.addSignal("X" + std::to_string(i), SpeciesRole::Input,
                            p.c.signedInputs));
    b.loadInput(x.back(), i - 1);
  }
  BlockEmitter block(b, p, x, fwd, bwd);
  for (long k = 0; k < p.outputs; ++k)
    block.emit(k, &w0[k * blockWeightCount(p)]);
  if (b.hadError())
    return failure();
  b.annihilateSignedSignals(p.c.annihilationRate);
  b.finish();
  using namespace ir::model;
  set(m.attrs, Classes, p.classes);
  set(m.attrs, Augment, p.augment);
  set(m.attrs, AugmentValue, p.augmentValue);
  set(m.attrs, Alpha, p.alpha);
  set(m.attrs, GradientKind, p.exact ? Gradient::Exact : Gradient::FirstOrder);
  recordModelAttributes(m, decl, p.c,
                        threshold ? Task::Binary : Task::Multiclass, p.outputs);
  return success();
}
