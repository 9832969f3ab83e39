//===- ModelRegistry.cpp - the lowering of each Neural CRN model kind -----===//
//
// Maps a model kind written in `model <name> : <kind> { ... }` (the table of
// kinds is ir/ModelAttributes.h) to the function that lowers it. Each kind
// lives in its own file in this folder.
//
//===----------------------------------------------------------------------===//

#include "compiler/frontend/ModelLowering.h"
#include "compiler/frontend/models/ModelKinds.h"
#include "ir/ModelAttributes.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/ErrorHandling.h"

using namespace crnc;
using namespace crnc::frontend;

using LowerFn = LogicalResult (*)(const ModelDecl &, ir::Module &,
                                  DiagnosticEngine &);

/// The lowering of each kind of ir/ModelAttributes.h's table.
static LowerFn lowering(ir::model::Kind kind) {
  switch (kind) {
  case ir::model::Kind::LinearRegression:
    return lowerLinearRegression;
  case ir::model::Kind::LinearClassifier:
    return lowerLinearClassifier;
  case ir::model::Kind::NonlinearClassifier:
    return lowerNonlinearClassifier;
  case ir::model::Kind::ExpertAggregation:
    return lowerExpertAggregation;
  }
  llvm_unreachable("every model kind has a lowering");
}

std::vector<ModelKindInfo> frontend::modelKinds() {
  std::vector<ModelKindInfo> kinds;
  for (const ir::model::KindInfo &kind : ir::model::allKinds())
    kinds.push_back(ModelKindInfo{kind.name.str(), kind.summary.str()});
  return kinds;
}

LogicalResult frontend::lowerModel(const ModelDecl &decl, ir::Module &module,
                                   DiagnosticEngine &diags) {
  if (std::optional<ir::model::Kind> kind = ir::model::parseKind(decl.kind)) {
    size_t before = module.reactionCount();
    if (failed(lowering(*kind)(decl, module, diags)))
      return failure();
    // checkModelSize's estimates bound the count from above before anything
    // is built; the count itself is checked too, so a model whose estimate
    // fell behind still stops here, before the lowering multiplies it.
    size_t made = module.reactionCount() - before;
    if (double(made) <= kMaxModelReactions)
      return success();
    diags.error(decl.loc, "model '" + decl.name + "' lowered to " +
                              llvm::Twine(made) +
                              " reactions; the limit is 1000000");
    return failure();
  }
  std::vector<std::string> names;
  for (const ModelKindInfo &kind : modelKinds())
    names.push_back(kind.name);
  diags.error(decl.kindLoc,
              "unknown model kind '" + decl.kind + "'" +
                  (names.empty()
                       ? std::string()
                       : " (known kinds: " + llvm::join(names, ", ") + ")"));
  return failure();
}
