//===- AST.h - syntax tree of the .crn language -----------------*- C++ -*-===//
//
// The parser's output: statements in source order, each with its location.
// Names are not resolved and units not converted here; IRGen does both.
// The language is a superset of the reaction syntax of Nuskell/Peppercorn:
//
//   unit nM                          # concentration unit of the module
//   param kb = 2e5 /M/s              # named constants (rates, amounts,
//   numbers) species A = 10 nM, F = 1 uM constant, X : hidden = -1 signed A +
//   2C -> E [k = 13.78]          # one reaction per line or ';'-separated C + A
//   <=> D [kf = 1, kr = kb] phase forward { X + P -> X + P + Z [k = 1] }
//   include "lib.crn"
//   model reg : linear_regression { inputs = 2; horizon = 1 }
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_FRONTEND_AST_H
#define CRNC_FRONTEND_AST_H

#include "lib/support/Units.h"
#include "llvm/Support/SMLoc.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace crnc::frontend {

/// An arithmetic expression over numbers and parameter names.
struct Expr {
  enum class Kind { Number, Name, Negate, Add, Subtract, Multiply, Divide };
  Kind kind = Kind::Number;
  double number = 0;
  std::string name;
  std::unique_ptr<Expr> lhs, rhs; ///< operands (Negate uses lhs)
  llvm::SMRange range;
};

/// A unit written after a value: `nM`, `/s`, `/M/s`, `/nM^2/min`, `nM/s`.
struct UnitSpec {
  ConcUnit numerator = ConcUnit::None;   ///< concentration in the numerator
  ConcUnit denominator = ConcUnit::None; ///< concentration unit per power
  unsigned denominatorPower = 0;         ///< how many concentration factors
  std::optional<double> timeSeconds;     ///< seconds per time unit, if a rate
  llvm::SMRange range;
};

/// A value: an expression with an optional unit.
struct ValueAST {
  std::unique_ptr<Expr> expr;
  std::optional<UnitSpec> unit;
  llvm::SMRange range;
};

struct TermAST {
  uint32_t count = 1;
  std::string species;
  llvm::SMRange range;
};

struct RateArgAST {
  std::string key; ///< k, kf or kr
  ValueAST value;
  llvm::SMLoc loc;
};

struct ReactionAST {
  std::vector<TermAST> reactants, products;
  bool reversible = false;
  std::vector<RateArgAST> rates;
  std::string phase; ///< enclosing `phase` block, empty if none
  llvm::SMLoc loc;
  llvm::SMRange arrowRange;
};

struct SpeciesDeclAST {
  std::string name;
  std::optional<std::string> role;
  llvm::SMRange roleRange;
  std::optional<ValueAST> amount;
  bool constant = false;
  bool isSigned = false;
  llvm::SMRange range;
};

struct ParamDeclAST {
  std::string name;
  ValueAST value;
  llvm::SMRange range;
};

struct UnitDeclAST {
  std::string unit;
  llvm::SMRange range;
};

struct ModuleNameAST {
  std::string name;
  llvm::SMRange range;
};

struct PhaseDeclAST {
  std::string name;
  llvm::SMRange range;
};

struct ModelValueAST {
  enum class Kind { Value, Identifier, String, List };
  Kind kind = Kind::Value;
  ValueAST value;             ///< Value
  std::string text;           ///< Identifier, String
  std::vector<ValueAST> list; ///< List
  llvm::SMRange range;
};

struct ModelParamAST {
  std::string key;
  ModelValueAST value;
  llvm::SMRange range;
};

struct ModelDeclAST {
  std::string name;
  std::string kind;
  llvm::SMRange range, kindRange;
  std::vector<ModelParamAST> params;
};

using StatementAST =
    std::variant<ReactionAST, SpeciesDeclAST, ParamDeclAST, UnitDeclAST,
                 ModuleNameAST, PhaseDeclAST, ModelDeclAST>;

/// A whole program, includes already spliced in at their place.
struct ProgramAST {
  std::vector<StatementAST> statements;
};

/// Prints the tree in an indented, line-per-node form (`--emit=ast`).
void printAST(const ProgramAST &program, const llvm::SourceMgr &sourceMgr,
              llvm::raw_ostream &os);

} // namespace crnc::frontend

#endif
