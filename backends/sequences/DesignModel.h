//===- DesignModel.h - what the sequence designer needs to know -*- C++ -*-===//
//
// The facts a domain-level design holds for sequence design, in flat arrays:
// each domain's alphabet (three-letter where it is single-stranded in one
// orientation only), the distinct strands with names and roles, and the
// exposed regions (runs of unpaired domains, whole free strands) between
// which unintended duplexes are checked.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_BACKENDS_SEQUENCES_DESIGNMODEL_H
#define CRNC_BACKENDS_SEQUENCES_DESIGNMODEL_H

#include "lib/dna/Design.h"
#include <string>
#include <vector>

namespace crnc::sequences {

/// Letters a domain's top (5'->3') sequence may use.
enum class Alphabet : uint8_t {
  ACT,  ///< top exposed (toeholds: also the complement, which then has G)
  AGT,  ///< only the complement exposed: the complement is A/C/T
  ACGT, ///< never single-stranded
};

/// A strand as a list of domain occurrences, with its order-sheet identity.
struct StrandInfo {
  dna::Strand domains;
  std::string name;
  std::string role;
};

/// A stretch of domain occurrences that is single-stranded somewhere.
struct ExposedRegion {
  dna::Strand domains;
  unsigned strand = 0; ///< index into DesignModel::strands
};

struct DesignModel {
  std::vector<Alphabet> alphabets; ///< by DomainId
  std::vector<StrandInfo> strands;
  std::vector<ExposedRegion> regions;
};

/// Requires: every complex of `design` is well formed.
/// Guarantees: strands are distinct, ordered signals first, then in complex
/// order; a strand's name is its signal's name or `<complex>.<k>`; regions
/// are distinct. Deterministic.
DesignModel analyseDesign(const dna::Design &design);

/// The 5'->3' sequence of a domain occurrence given the domains' sequences,
/// with its intended mismatches (DomainRef::mismatches) spread over its
/// internal bases: each base replaced by one that does not pair with the
/// partner's base and is no G-T wobble.
std::string occurrenceSequence(dna::DomainRef ref,
                               const std::vector<std::string> &sequences);
/// Where an occurrence of `length` nt carries its G.T wobble
/// (DomainRef::wobble): its middle base.
unsigned wobblePosition(unsigned length);
/// True when an occurrence's base can become a G.T wobble (C facing G
/// becomes T, A facing T becomes G); G and T cannot.
bool canWobble(char base);
/// The concatenated sequence of a strand or region.
std::string strandSequence(const dna::Strand &strand,
                           const std::vector<std::string> &sequences);
/// Pair keys (see thermo::PairKeys) of each base of `strand`: the k-th base
/// of domain d and the base of d* that pairs with it share one key.
std::vector<uint64_t> pairKeys(const dna::Strand &strand,
                               const dna::DomainTable &domains);

} // namespace crnc::sequences

#endif
