//===- Printer.h - the textual IR -------------------------------*- C++ -*-===//
//
// Prints a Module in crnc's textual IR. The format (read back by ir/Parser.h)
// round-trips exactly: print -> parse -> print gives identical text. Numbers go
// through formatNumber; order is declaration order. A sample:
//
//   module "lotka_volterra" {
//     unit nM
//     param k1 = 1.5
//     phase forward
//     species A : signal = 10
//     species F : fuel = 100 constant
//     reaction A + B -> 2 B [k = 1.5]
//     reaction A <=> C [kf = 1, kr = 2] phase forward
//   }
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_IR_PRINTER_H
#define CRNC_IR_PRINTER_H

#include "ir/Module.h"
#include "llvm/Support/raw_ostream.h"

namespace crnc::ir {

struct PrintOptions {
  /// Append `loc("file":line:col)` to species, phases and reactions.
  bool printLocations = false;
};

void printModule(const Module &module, llvm::raw_ostream &os,
                 const PrintOptions &options = {});
std::string printModuleToString(const Module &module,
                                const PrintOptions &options = {});

/// Prints one reaction as `A + 2 B -> C` (no rate), for messages and reports.
void printReactionEquation(const Module &module, const Reaction &reaction,
                           llvm::raw_ostream &os);
std::string reactionEquation(const Module &module, const Reaction &reaction);

} // namespace crnc::ir

#endif
