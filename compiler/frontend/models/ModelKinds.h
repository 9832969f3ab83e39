//===- ModelKinds.h - the lowering function of each model kind --*- C++ -*-===//
//
// One lowering per file of this folder; ModelRegistry.cpp lists them. The
// parameters every Neural CRN model shares are read by readCommonParams.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_FRONTEND_MODELS_MODELKINDS_H
#define CRNC_FRONTEND_MODELS_MODELKINDS_H

#include "compiler/frontend/ModelLowering.h"
#include "compiler/frontend/models/ModelParams.h"
#include "compiler/frontend/models/NetworkBuilder.h"

namespace crnc::frontend {

LogicalResult lowerLinearRegression(const ModelDecl &, ir::Module &,
                                    DiagnosticEngine &);
LogicalResult lowerLinearClassifier(const ModelDecl &, ir::Module &,
                                    DiagnosticEngine &);
LogicalResult lowerNonlinearClassifier(const ModelDecl &, ir::Module &,
                                       DiagnosticEngine &);
LogicalResult lowerExpertAggregation(const ModelDecl &, ir::Module &,
                                     DiagnosticEngine &);

/// Parameters shared by the Neural CRN models.
struct CommonParams {
  long inputs = 2;
  double horizon = 1;        ///< T: duration of each clock phase
  double learningRate = 0.1; ///< SGD step on dL/dtheta per sample
  long seed = 1;
  double initScale = 0.1;       ///< seeded initial weights in [-s, s]
  bool signedInputs = false;    ///< inputs may be negative (dual-rail inputs)
  bool recordGradients = false; ///< gradient species G beside the update
  double annihilationRate = 10; ///< X_p + X_n -> 0
};

/// Reads the shared parameters; `gradientsDefault` is the default of
/// `record_gradients`.
CommonParams readCommonParams(ModelParams &params, bool gradientsDefault);

/// Initial weights: `initial_weights` when written (checked to hold `count`
/// numbers), else seeded uniform values in [-init_scale, init_scale].
std::vector<double> readInitialWeights(ModelParams &params,
                                       const CommonParams &common,
                                       size_t count);

/// The most abstract (signed) reactions one model may lower to. Dual-rail
/// expansion multiplies it by at most four; beyond this a model would take
/// gigabytes and minutes to build, and no experiment could use it.
constexpr double kMaxModelReactions = 1e6;

/// Refuses, before anything is allocated, a model whose network would need
/// more than kMaxModelReactions abstract reactions: an error at the model,
/// with a note at `sizeKey` (the parameter that drives the size) saying how
/// the count arises (`formula`, e.g. "classes x inputs^2 / 2").
LogicalResult checkModelSize(const ModelDecl &decl, ModelParams &params,
                             DiagnosticEngine &diags, double reactions,
                             llvm::StringRef sizeKey, llvm::StringRef formula);

/// Writes the module attributes every Neural CRN model carries.
void recordModelAttributes(ir::Module &module, const ModelDecl &decl,
                           const CommonParams &common, ir::model::Task task,
                           long outputs);

} // namespace crnc::frontend

#endif
