//===- VisualDSDWriter.h - Visual DSD (.dna) export -------------*- C++ -*-===//
//
// Writes a Design as a Visual DSD program in its strand-graph syntax
// (Petersen, Lakin & Phillips, "A strand graph semantics for DNA-based
// computation", TCS 2016): every strand as `<...>` 5'->3', toeholds marked
// `^`, bonds as `!name`, strands of a complex joined by `|`; one `def` per
// complex and an initial process with counts (fuels `constant`).
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_BACKENDS_VISUALDSD_VISUALDSDWRITER_H
#define CRNC_BACKENDS_VISUALDSD_VISUALDSDWRITER_H

#include "lib/dna/Design.h"
#include "llvm/Support/raw_ostream.h"

namespace crnc::visualdsd {

/// The strand-graph term of one complex: `<a!b1 t^> | <t^* a*!b1>`.
std::string complexTerm(const dna::Complex &complex,
                        const dna::DomainTable &domains);

/// Writes the whole design as a .dna program. Deterministic.
void writeVisualDSD(const dna::Design &design, llvm::raw_ostream &os);

} // namespace crnc::visualdsd

#endif
