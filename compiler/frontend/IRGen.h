//===- IRGen.h - semantic checks and IR generation --------------*- C++ -*-===//
//
// Turns a ProgramAST into an ir::Module. Order of work:
//   1. module name and unit (`unit` statement; nM when any unit is written
//      without one; dimensionless when the program uses no units),
//   2. parameters in order (each may use the ones before it),
//   3. phases, in order of first appearance,
//   4. model declarations (lowered through ModelLowering.h),
//   5. species declarations (a declaration may set the initial amount of a
//      species a model created),
//   6. reactions (undeclared species are created as signals at first use;
//      a reaction without a rate block has k = 1, as in Nuskell).
// Semantic errors: duplicate names, names used both as species and parameter,
// bad roles, negative amounts of unsigned species, negative or missing rates,
// rate units of the wrong order, concentrations used as rates.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_FRONTEND_IRGEN_H
#define CRNC_FRONTEND_IRGEN_H

#include "compiler/frontend/AST.h"
#include "ir/Module.h"
#include "lib/support/Diagnostics.h"
#include <memory>

namespace crnc::frontend {

/// Builds the module; returns null if any error was reported.
std::unique_ptr<ir::Module> generateIR(const ProgramAST &program,
                                       llvm::StringRef defaultName,
                                       DiagnosticEngine &diags);

} // namespace crnc::frontend

#endif
