//===- PILWriter.h - Pepper Internal Language output ------------*- C++ -*-===//
//
// Writes a Design in the PIL dialect that Peppercorn and Nuskell read:
// `length d = 15` domain lines (`sequence d = ACT...` once designed), `name =
// kernel @initial 10 nM` complexes
// (`@constant` for fuels), then any domain-level reactions
// (`reaction [condensed = 1.2e+06 /M/s] a + b -> c`) and macrostates.
// `nuskell --readpil file.pil --verify crn-bisimulation` checks the result.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_BACKENDS_PIL_PILWRITER_H
#define CRNC_BACKENDS_PIL_PILWRITER_H

#include "lib/dna/Design.h"
#include "llvm/Support/raw_ostream.h"

namespace crnc::pil {

/// Writes `design` as PIL. Complexes appear grouped by role (signals, fuels,
/// intermediates, wastes), each group in design order. Deterministic.
void writePIL(const dna::Design &design, llvm::raw_ostream &os);
std::string printPIL(const dna::Design &design);

} // namespace crnc::pil

#endif
