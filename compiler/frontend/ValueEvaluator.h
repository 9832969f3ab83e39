//===- ValueEvaluator.h - numbers with dimensions ---------------*- C++ -*-===//
//
// Evaluates the values of a .crn program (`2 * kb`, `10 nM`, `1e6 /M/s`) into
// numbers in the module's unit and seconds, tracking a dimension so that a
// concentration is never used as a rate constant and a rate constant written
// for a bimolecular step is never attached to a unimolecular reaction.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_FRONTEND_VALUEEVALUATOR_H
#define CRNC_FRONTEND_VALUEEVALUATOR_H

#include "compiler/frontend/AST.h"
#include "lib/support/Diagnostics.h"
#include "llvm/ADT/StringMap.h"
#include <optional>

namespace crnc::frontend {

/// The physical dimension of a value.
struct Dimension {
  enum class Kind { None, Concentration, Rate };
  Kind kind = Kind::None;
  unsigned order = 0; ///< for Rate: the reaction order it belongs to

  static Dimension none() { return {}; }
  static Dimension concentration() { return {Kind::Concentration, 0}; }
  static Dimension rate(unsigned order) { return {Kind::Rate, order}; }
  bool operator==(const Dimension &o) const {
    return kind == o.kind && order == o.order;
  }
  bool operator!=(const Dimension &o) const { return !(*this == o); }
  /// "a concentration", "a rate constant of order 2", "a plain number".
  std::string describe() const;
};

/// A number in the module's unit and seconds, with its dimension.
struct Quantity {
  double value = 0;
  Dimension dim;
};

/// Evaluates values against the parameters declared so far.
class ValueEvaluator {
public:
  ValueEvaluator(ConcUnit moduleUnit, DiagnosticEngine &diags)
      : moduleUnit(moduleUnit), diags(diags) {}

  /// Evaluates `value`; reports unknown names, unit misuse, division by zero
  /// and non-finite results at their location.
  std::optional<Quantity> evaluate(const ValueAST &value);
  /// The unit that concentrations are converted into.
  void setModuleUnit(ConcUnit unit) { moduleUnit = unit; }
  void defineParameter(llvm::StringRef name, Quantity q) { params[name] = q; }
  std::optional<Quantity> lookup(llvm::StringRef name) const;

private:
  std::optional<Quantity> evaluateExpr(const Expr &expr);
  std::optional<Quantity> applyUnit(Quantity q, const UnitSpec &unit,
                                    llvm::SMRange range);
  void error(llvm::SMRange range, const llvm::Twine &message);

  ConcUnit moduleUnit;
  DiagnosticEngine &diags;
  llvm::StringMap<Quantity> params;
};

} // namespace crnc::frontend

#endif
