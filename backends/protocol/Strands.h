//===- Strands.h - the strands a lab orders ---------------------*- C++ -*-===//
//
// The distinct strands of a domain-level design, named and classified for
// ordering. This struct is also the hand-off point for sequence design: the
// sequence designer fills `sequence` (5'->3', A/C/G/T) and the order sheets
// are written only once every strand has one.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_BACKENDS_PROTOCOL_STRANDS_H
#define CRNC_BACKENDS_PROTOCOL_STRANDS_H

#include "ir/Module.h"
#include "lib/dna/Design.h"
#include <string>
#include <vector>

namespace crnc::protocol {

/// What a strand is used for; decides its default purification.
enum class StrandRole {
  Gate,    ///< part of a multi-strand fuel complex (annealed, gel-purified)
  Fuel,    ///< a single-stranded fuel or helper, used as ordered
  Signal,  ///< a formal species' signal strand (initial value or readout)
  Input,   ///< a signal strand added from data on the timeline
  Trigger, ///< a clock-phase trigger strand added on the timeline
};
llvm::StringRef strandRoleName(StrandRole role);

/// One strand to order.
struct OrderStrand {
  std::string name;     ///< unique within the design
  std::string domains;  ///< 5'->3' domains, "h1 t2 d3 t4*"
  std::string sequence; ///< 5'->3' nucleotides; empty until designed
  StrandRole role = StrandRole::Fuel;
  unsigned length = 0; ///< nucleotides
};

/// The strands of a design and which of them make each complex.
struct StrandSet {
  std::vector<OrderStrand> strands;
  /// Per complex of the design, its strands (indices into `strands`) in the
  /// complex's strand order.
  std::vector<std::vector<size_t>> ofComplex;
};

/// The distinct strands of `design` (same domains = same strand), in design
/// order. Names: a single-stranded complex's strand takes the complex name;
/// other strands are `<complex>_<i>` (1-based) after the first complex that
/// holds them. A strand in any multi-strand fuel is a Gate strand. Signal
/// strands of input or clock species of `module` (looked up by the
/// complex's formal species) are Input or Trigger strands.
/// Guarantees: names unique, no two entries with the same domains.
StrandSet collectStrands(const dna::Design &design, const ir::Module &module);

/// "t2* d1*" for "d1 t2": the domains of the fully complementary strand.
std::string complementDomains(llvm::StringRef domains);
/// The reverse complement of an A/C/G/T sequence (other letters kept).
std::string reverseComplement(llvm::StringRef sequence);

/// True when every strand has a sequence (the order sheets can be written).
bool allHaveSequences(const std::vector<OrderStrand> &strands);

} // namespace crnc::protocol

#endif
