//===- DotExport.h - the reaction graph in GraphViz DOT ---------*- C++ -*-===//
//
// Writes the species-reaction graph of a module for `crnc compile --emit=dot`:
// species are ellipses (name, with the role as an outside label), reactions are
// boxes (labelled with their rate), edges carry stoichiometries above 1. Output
// is deterministic: declaration order, numbers through formatNumber.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_ANALYSIS_DOTEXPORT_H
#define CRNC_ANALYSIS_DOTEXPORT_H

#include "ir/Module.h"
#include "llvm/Support/raw_ostream.h"

namespace crnc::analysis {

/// Prints `module` as a `digraph`. Reversible reactions get a double-headed
/// edge style; phased reactions are grouped into one cluster per phase.
void printReactionGraphDot(const ir::Module &module, llvm::raw_ostream &os);

} // namespace crnc::analysis

#endif
