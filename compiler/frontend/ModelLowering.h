//===- ModelLowering.h - Neural CRN model declarations to IR ----*- C++ -*-===//
//
// A `.crn` file may declare an abstract learning model:
//
//   model reg : linear_regression {
//     inputs = 2
//     horizon = 1.0
//     learning_rate = 0.1
//     initial_weights = [0.1, -0.2]
//     seed = 7
//   }
//
// The parser hands each declaration to lowerModel, which appends the species
// (with roles input/output/weight/clock/...), phases and reactions whose
// mass-action dynamics implement the model and its learning rule.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_FRONTEND_MODELLOWERING_H
#define CRNC_FRONTEND_MODELLOWERING_H

#include "ir/Module.h"
#include "lib/support/Diagnostics.h"
#include "lib/support/LogicalResult.h"
#include <string>
#include <vector>

namespace crnc::frontend {

/// The value of one model parameter as written in the source.
struct ModelValue {
  enum class Kind { Number, Identifier, String, List };
  Kind kind = Kind::Number;
  double number = 0;        ///< Number (already converted to the module unit
                            ///< when a concentration unit was written)
  std::string text;         ///< Identifier or String
  std::vector<double> list; ///< List of numbers
  Location loc;
};

struct ModelParam {
  std::string key;
  ModelValue value;
  Location loc;
};

/// `model <name> : <kind> { key = value ... }`
struct ModelDecl {
  std::string name;
  std::string kind;
  Location loc;
  Location kindLoc;
  std::vector<ModelParam> params;
};

/// One registered model kind: its name and a one-line summary.
struct ModelKindInfo {
  std::string name;
  std::string summary;
};

/// Every model kind the front end can lower.
std::vector<ModelKindInfo> modelKinds();

/// Appends the CRN implementing `decl` to `module`. Reports unknown kinds,
/// unknown or ill-typed parameters and out-of-range values at their locations.
LogicalResult lowerModel(const ModelDecl &decl, ir::Module &module,
                         DiagnosticEngine &diags);

} // namespace crnc::frontend

#endif
