//===- ToeholdTrim.h - a gate that exposes part of a toehold ----*- C++ -*-===//
//
// The toehold knob of rate calibration (Zhang & Winfree, JACS 131:17303
// (2009): displacement rates span six orders of magnitude over 0-7 nt of
// toehold). A signal's toehold is shared by every gate that consumes it, so
// a slower gate cannot shorten the signal's toehold: the toehold domain is
// split into pieces everywhere (every other complex pairs all pieces, one
// helix as before) and the slow gate keeps only the pieces next to its
// branch-migration domain.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_BACKENDS_DSD_TOEHOLDTRIM_H
#define CRNC_BACKENDS_DSD_TOEHOLDTRIM_H

#include "lib/dna/Design.h"
#include <optional>

namespace crnc::dsd {

/// The exposed toehold of `gate` that `signal` binds first: the run of
/// unpaired complement toehold domains, complementary to toeholds of the
/// signal, that starts next to a paired domain (the branch-migration
/// domain), listed from the paired side outward.
struct GateToeholdRun {
  std::vector<unsigned> positions; ///< flat positions in the gate
  unsigned nucleotides = 0;
  /// +1 when the run grows toward the 3' end (the paired neighbour is 5').
  int step = 1;
};
std::optional<GateToeholdRun> inputToeholdRun(const dna::Design &design,
                                              dna::ComplexIndex gate,
                                              dna::ComplexIndex signal);

/// Trims the input toehold of `gate` (for `signal`) to its `keep` inner
/// nucleotides (0 < keep <= its length): the domain that straddles the cut
/// is split in every complex of the design, the outer pieces are removed
/// from the gate. Returns false (and changes nothing) without such a
/// toehold. Guarantees: complexes other than the gate keep their pairing
/// and nucleotides; domains keep their ids (a split domain keeps its outer
/// part and a fresh toehold domain is added for the inner part).
bool trimInputToehold(dna::Design &design, dna::ComplexIndex gate,
                      dna::ComplexIndex signal, unsigned keep);

} // namespace crnc::dsd

#endif
