//===- ModelRegistry.cpp - the table of Neural CRN model kinds ------------===//
//
// Maps a model kind written in `model <name> : <kind> { ... }` to the function
// that lowers it. Each kind lives in its own file in this folder.
//
//===----------------------------------------------------------------------===//

#include "compiler/frontend/ModelLowering.h"
#include "compiler/frontend/models/ModelKinds.h"
#include "llvm/ADT/StringExtras.h"

using namespace crnc;
using namespace crnc::frontend;

namespace {
using LowerFn = LogicalResult (*)(const ModelDecl &, ir::Module &,
                                  DiagnosticEngine &);
struct ModelKindEntry {
  const char *name;
  const char *summary;
  LowerFn lower;
};
// One line per model kind, in the order `crnc --help` lists them.
const ModelKindEntry modelTable[] = {
    {"linear_regression",
     "Neural CRN linear regression (Nagipogu & Reif): z(0) = x, "
     "dz/dt = theta*x + h, y = sum z(T)",
     lowerLinearRegression},
    {"linear_classifier",
     "linear Neural CRN classifier: one output per class or a thresholded "
     "output",
     lowerLinearClassifier},
    {"nonlinear_classifier",
     "nonlinear Neural CRN classifier: augmented state, -alpha z^2 "
     "self-interaction, bimolecular exact sensitivity gradient",
     lowerNonlinearClassifier},
    {"expert_aggregation",
     "expert-aggregation classifier (Jaffard & Sbalzarini): pairwise input "
     "fluxes as experts, multiplicative-weights learning",
     lowerExpertAggregation},
};
} // namespace

std::vector<ModelKindInfo> frontend::modelKinds() {
  std::vector<ModelKindInfo> kinds;
  for (const ModelKindEntry &entry : modelTable)
    if (entry.name)
      kinds.push_back(ModelKindInfo{entry.name, entry.summary});
  return kinds;
}

LogicalResult frontend::lowerModel(const ModelDecl &decl, ir::Module &module,
                                   DiagnosticEngine &diags) {
  for (const ModelKindEntry &entry : modelTable) {
    if (!entry.name || decl.kind != entry.name)
      continue;
    size_t before = module.reactionCount();
    if (failed(entry.lower(decl, module, diags)))
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
