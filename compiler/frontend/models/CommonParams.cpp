//===- CommonParams.cpp - parameters shared by the Neural CRN models ------===//
//
// Dimensions, clock horizon, learning rate, initial weights and seed, with
// their defaults and ranges, and the module attributes the trainer reads.
//
//===----------------------------------------------------------------------===//

#include "compiler/frontend/models/ModelKinds.h"
#include "lib/support/Format.h"
#include <cassert>

using namespace crnc;
using namespace crnc::frontend;

CommonParams frontend::readCommonParams(ModelParams &params,
                                        bool gradientsDefault) {
  CommonParams c;
  c.inputs = params.integer("inputs", c.inputs, 1, 1000000);
  c.horizon = params.number("horizon", c.horizon, 0, 1e6, true);
  c.learningRate = params.number("learning_rate", c.learningRate, 0, 1e6, true);
  c.seed = params.integer("seed", c.seed, 0, 4294967295L);
  c.initScale = params.number("init_scale", c.initScale, 0, 1e6);
  c.signedInputs = params.integer("signed_inputs", 0, 0, 1) != 0;
  c.recordGradients =
      params.integer("record_gradients", gradientsDefault ? 1 : 0, 0, 1) != 0;
  c.annihilationRate =
      params.number("annihilation_rate", c.annihilationRate, 0, 1e9);
  return c;
}

LogicalResult
frontend::checkModelSize(const ModelDecl &decl, ModelParams &params,
                         DiagnosticEngine &diags, double reactions,
                         llvm::StringRef sizeKey, llvm::StringRef formula) {
  if (reactions <= kMaxModelReactions)
    return success();
  diags.error(decl.loc, "model '" + decl.name + "' would lower to about " +
                            formatSignificant(reactions, 3) +
                            " reactions; the limit is " +
                            formatSignificant(kMaxModelReactions, 3));
  Location at = params.has(sizeKey) ? params.locationOf(sizeKey) : decl.loc;
  diags.note(at, "the reaction count grows as " + formula.str());
  return failure();
}

std::vector<double> frontend::readInitialWeights(ModelParams &params,
                                                 const CommonParams &common,
                                                 size_t count) {
  if (params.has("initial_weights")) {
    std::vector<double> w = params.list("initial_weights", count);
    if (w.size() == count)
      return w;
    return std::vector<double>(count, 0.0);
  }
  params.list("initial_weights", 0); // mark the key as known
  return seededWeights(uint64_t(common.seed), count, common.initScale);
}

void frontend::recordModelAttributes(ir::Module &m, const ModelDecl &decl,
                                     const CommonParams &c,
                                     ir::model::Task task, long outputs) {
  using namespace ir::model;
  std::optional<Kind> kind = parseKind(decl.kind);
  assert(kind && "lowerModel dispatches only known kinds");
  set(m.attrs, ModelKind, *kind);
  set(m.attrs, ModelName, decl.name);
  set(m.attrs, ModelTask, task);
  set(m.attrs, Inputs, c.inputs);
  set(m.attrs, Outputs, outputs);
  set(m.attrs, Horizon, c.horizon);
  set(m.attrs, LearningRate, c.learningRate);
  set(m.attrs, Seed, c.seed);
  set(m.attrs, SignedInputs, c.signedInputs);
}
