//===- ValueEvaluator.cpp - numbers with dimensions -----------------------===//

#include "compiler/frontend/ValueEvaluator.h"
#include "lib/support/Format.h"
#include <cmath>

using namespace crnc;
using namespace crnc::frontend;

std::string Dimension::describe() const {
  switch (kind) {
  case Kind::None:
    return "a plain number";
  case Kind::Concentration:
    return "a concentration";
  case Kind::Rate:
    return "a rate constant of order " + std::to_string(order);
  }
  return "a value";
}

void ValueEvaluator::error(llvm::SMRange range, const llvm::Twine &message) {
  diags.report(Severity::Error, range.Start, message, {range});
}

std::optional<Quantity> ValueEvaluator::lookup(llvm::StringRef name) const {
  auto it = params.find(name);
  if (it == params.end())
    return std::nullopt;
  return it->second;
}

std::optional<Quantity> ValueEvaluator::evaluate(const ValueAST &value) {
  std::optional<Quantity> q = evaluateExpr(*value.expr);
  if (!q)
    return std::nullopt;
  if (value.unit)
    q = applyUnit(*q, *value.unit, value.range);
  if (q && !std::isfinite(q->value)) {
    error(value.range, "value is not a finite number");
    return std::nullopt;
  }
  return q;
}

std::optional<Quantity> ValueEvaluator::applyUnit(Quantity q,
                                                  const UnitSpec &unit,
                                                  llvm::SMRange range) {
  if (q.dim.kind != Dimension::Kind::None) {
    error(range, "a unit cannot be applied to " + q.dim.describe());
    return std::nullopt;
  }
  int numeratorPower = unit.numerator != ConcUnit::None ? 1 : 0;
  double factor =
      numeratorPower ? concUnitRatio(unit.numerator, moduleUnit) : 1;
  for (unsigned i = 0; i < unit.denominatorPower; ++i)
    factor *= concUnitRatio(moduleUnit, unit.denominator);
  if (!unit.timeSeconds) {
    // A plain concentration such as `10 nM`.
    return Quantity{q.value * factor, Dimension::concentration()};
  }
  int order = 1 - numeratorPower + static_cast<int>(unit.denominatorPower);
  if (order < 0) {
    error(unit.range, "unit gives a negative reaction order");
    return std::nullopt;
  }
  return Quantity{q.value * factor / *unit.timeSeconds,
                  Dimension::rate(static_cast<unsigned>(order))};
}

std::optional<Quantity> ValueEvaluator::evaluateExpr(const Expr &expr) {
  switch (expr.kind) {
  case Expr::Kind::Number:
    return Quantity{expr.number, Dimension::none()};
  case Expr::Kind::Name: {
    if (std::optional<Quantity> q = lookup(expr.name))
      return q;
    error(expr.range, "use of undeclared parameter '" + expr.name + "'");
    return std::nullopt;
  }
  case Expr::Kind::Negate: {
    std::optional<Quantity> operand = evaluateExpr(*expr.lhs);
    if (operand)
      operand->value = -operand->value;
    return operand;
  }
  default:
    break;
  }
  std::optional<Quantity> lhs = evaluateExpr(*expr.lhs);
  std::optional<Quantity> rhs = evaluateExpr(*expr.rhs);
  if (!lhs || !rhs)
    return std::nullopt;
  bool lhsPlain = lhs->dim.kind == Dimension::Kind::None;
  bool rhsPlain = rhs->dim.kind == Dimension::Kind::None;
  switch (expr.kind) {
  case Expr::Kind::Add:
  case Expr::Kind::Subtract:
    if (lhs->dim != rhs->dim) {
      error(expr.range, "cannot combine " + lhs->dim.describe() + " and " +
                            rhs->dim.describe());
      return std::nullopt;
    }
    return Quantity{expr.kind == Expr::Kind::Add ? lhs->value + rhs->value
                                                 : lhs->value - rhs->value,
                    lhs->dim};
  case Expr::Kind::Multiply:
    if (!lhsPlain && !rhsPlain) {
      error(expr.range, "cannot multiply " + lhs->dim.describe() + " by " +
                            rhs->dim.describe());
      return std::nullopt;
    }
    return Quantity{lhs->value * rhs->value, lhsPlain ? rhs->dim : lhs->dim};
  case Expr::Kind::Divide:
    if (!rhsPlain) {
      error(expr.range, "cannot divide by " + rhs->dim.describe());
      return std::nullopt;
    }
    if (rhs->value == 0) {
      error(expr.range, "division by zero");
      return std::nullopt;
    }
    return Quantity{lhs->value / rhs->value, lhs->dim};
  default:
    break;
  }
  llvm_unreachable("unhandled expression kind");
}
