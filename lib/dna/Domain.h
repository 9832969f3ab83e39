//===- Domain.h - DNA domains and the table that names them -----*- C++ -*-===//
//
// A domain is a contiguous stretch of nucleotides treated as one unit by
// domain-level strand displacement models: a short toehold that binds
// reversibly, a long (branch-migration) domain that binds irreversibly, or a
// history domain (long, never bound; it records which gate produced a signal).
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_DNA_DOMAIN_H
#define CRNC_DNA_DOMAIN_H

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace crnc::dna {

enum class DomainKind : uint8_t { Toehold, Long, History };

/// "toehold", "long", "history".
llvm::StringRef domainKindName(DomainKind kind);

using DomainId = uint32_t;

/// A named domain; its complement is written `name*`.
struct Domain {
  std::string name;
  unsigned length = 0; ///< nucleotides; 0 means not yet known
  DomainKind kind = DomainKind::Long;
  /// 5'->3' nucleotides once designed (or read from PIL); empty before.
  std::string sequence;
};

/// Most intended mismatches one domain occurrence records.
inline constexpr unsigned MaxMismatches = 15;

/// One occurrence of a domain on a strand: the domain or its complement.
///
/// `mismatches` counts intended base mismatches this occurrence makes with
/// the domain it pairs with (a rate-setting gate's weakened toehold
/// complement, RateCalibration.h): the domain-level structure is the same,
/// only the helix it is part of is less stable (RateModel.h). It belongs to
/// the strand, so it survives every move, copy and renaming; it makes the
/// strand a different molecule (equality, ordering and keys see it), but
/// not a different domain (code(), complementarity and spelling do not).
/// `mismatches` are central (non-wobble, away from the helix ends: ddG
/// RateModel.h's dGmismatch each); `endMismatch` is one more, on the second
/// base from one end of the occurrence, the end where its helix opens
/// (ddG dGendMismatch): 1 from its 5' end, 2 from its 3' end, 0 none;
/// `wobble` one G.T wobble on its middle base (ddG dGwobble; the designed
/// sequence must put C or A there, which a wobble turns into T or G).
struct DomainRef {
  DomainId id = 0;
  bool complement = false;
  uint8_t mismatches = 0;
  uint8_t endMismatch = 0;
  bool wobble = false;

  /// Central, end and wobble mismatches together.
  unsigned mismatchCount() const {
    return mismatches + (endMismatch ? 1u : 0u) + (wobble ? 1u : 0u);
  }

  /// The perfect complement.
  DomainRef complemented() const { return DomainRef{id, !complement}; }
  bool isComplementOf(DomainRef o) const {
    return id == o.id && complement != o.complement;
  }
  /// A dense code of the domain and orientation (2*id + complement),
  /// without mismatches: what binds what.
  uint64_t code() const { return uint64_t(id) * 2 + (complement ? 1 : 0); }
  /// The code with the mismatches: what identifies the molecule (equal to
  /// code() without mismatches, so keys and hashes of perfect designs stay).
  uint64_t key() const {
    return code() | uint64_t(mismatches) << 48 | uint64_t(endMismatch) << 56 |
           uint64_t(wobble) << 60;
  }
  /// The same occurrence without mismatches.
  DomainRef perfect() const { return DomainRef{id, complement}; }
  bool operator==(const DomainRef &o) const {
    return id == o.id && complement == o.complement &&
           mismatches == o.mismatches && endMismatch == o.endMismatch &&
           wobble == o.wobble;
  }
  bool operator!=(const DomainRef &o) const { return !(*this == o); }
  bool operator<(const DomainRef &o) const { return key() < o.key(); }
};

/// Owns the domains of one design. Ids are dense and assigned in order of
/// declaration, so everything keyed by id is deterministic.
class DomainTable {
public:
  /// Declares a domain; the name must be new (asserted).
  DomainId add(llvm::StringRef name, unsigned length, DomainKind kind);
  /// Declares a domain named `<prefix><n>` with the next free counter value n.
  DomainId fresh(llvm::StringRef prefix, unsigned length, DomainKind kind);
  std::optional<DomainId> lookup(llvm::StringRef name) const;

  const Domain &get(DomainId id) const { return domains[id]; }
  Domain &get(DomainId id) { return domains[id]; }
  size_t size() const { return domains.size(); }
  const std::vector<Domain> &all() const { return domains; }

  /// `name` or `name*`.
  std::string spell(DomainRef ref) const;
  /// The same, marked `[<n>mm]` where the occurrence carries intended
  /// mismatches (for strand lists a lab reads, never for PIL).
  std::string spellMarked(DomainRef ref) const;
  unsigned length(DomainRef ref) const { return domains[ref.id].length; }

private:
  std::vector<Domain> domains;
  llvm::StringMap<DomainId> byName;
  unsigned counter = 0;
};

/// True for names the text formats accept: letters, digits, '_' and '-'.
bool isDomainName(llvm::StringRef name);

} // namespace crnc::dna

#endif
