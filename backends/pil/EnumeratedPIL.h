//===- EnumeratedPIL.h - an enumerated system as PIL ------------*- C++ -*-===//
//
// Writes the result of lib/enumerate in the form Peppercorn writes its
// output: domains, resting complexes in kernel notation, resting
// macrostates and condensed reactions (`reaction [condensed = k /nM/s ]
// a + b -> c`), or with `detailed` the transient complexes and every
// detailed reaction instead of the condensed ones. PILReader reads it back
// and `crnc simulate` simulates it directly.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_BACKENDS_PIL_ENUMERATEDPIL_H
#define CRNC_BACKENDS_PIL_ENUMERATEDPIL_H

#include "lib/dna/Design.h"
#include "lib/enumerate/Enumerator.h"
#include "llvm/Support/raw_ostream.h"

namespace crnc::pil {

/// `input` is the design that was enumerated (domains, concentrations,
/// unit). Rates are printed per the design's unit and per second.
void writeEnumeratedPIL(const dna::Design &input,
                        const enumerate::EnumeratedSystem &system,
                        bool detailed, llvm::raw_ostream &os);

} // namespace crnc::pil

#endif
