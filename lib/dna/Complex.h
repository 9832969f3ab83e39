//===- Complex.h - strands and complexes as value types ---------*- C++ -*-===//
//
// A strand is a 5'->3' list of domain occurrences; a complex is an ordered
// list of strands (read around the circle of a pseudoknot-free secondary
// structure) with a pairing of domain positions. Complexes are plain values:
// copy, compare, hash, and reduce to a canonical rotation, so an enumerator,
// a verifier and a sequence designer can key maps by them.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_DNA_COMPLEX_H
#define CRNC_DNA_COMPLEX_H

#include "lib/dna/Domain.h"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace crnc::dna {

using Strand = std::vector<DomainRef>;

/// Nucleotides in a strand.
unsigned strandLength(const Strand &strand, const DomainTable &domains);

/// Why a complex is malformed, and at which flat domain position.
struct StructureError {
  unsigned position = 0; ///< flat index of the offending domain
  std::string message;
};

/// A set of strands held together by domain pairs.
///
/// Positions are numbered flat, strand after strand; `partner(p)` is the
/// position paired with p, or -1. Pairs are symmetric by construction. A
/// well-formed complex (see `check`) is connected, pseudoknot-free in its
/// strand order, and pairs only complementary domains.
class Complex {
public:
  static constexpr int32_t Unpaired = -1;

  Complex() = default;
  /// Builds a complex from strands and a flat partner table (size = total
  /// domain count). The table must be symmetric (asserted).
  Complex(std::vector<Strand> strands, std::vector<int32_t> partners);

  size_t strandCount() const { return strands.size(); }
  const std::vector<Strand> &allStrands() const { return strands; }
  const Strand &strand(size_t i) const { return strands[i]; }
  size_t domainCount() const { return partners.size(); }
  DomainRef domainAt(unsigned position) const;
  int32_t partner(unsigned position) const { return partners[position]; }
  const std::vector<int32_t> &allPartners() const { return partners; }
  /// Flat position of the first domain of strand `i`.
  unsigned strandStart(size_t i) const { return starts[i]; }
  /// Index of the strand holding flat position `position`.
  size_t strandOf(unsigned position) const;
  unsigned pairCount() const;

  /// The same complex with its strands rotated so strand `first` comes first.
  Complex rotated(size_t first) const;
  /// The rotation with the smallest (sequence, structure) key: two complexes
  /// are the same molecule exactly when their canonical forms are equal.
  Complex canonical() const &;
  /// The same, reusing this complex's storage.
  Complex canonical() &&;
  /// True when this complex is already its canonical rotation.
  bool isCanonical() const;
  /// FNV-1a over the canonical form's domain ids and pairs. Stable across runs
  /// and platforms for complexes over the same DomainTable.
  uint64_t hash() const;

  /// Checks structural validity; returns the first problem found.
  std::optional<StructureError> check() const;

  /// Exact equality of strand order and pairs (not up to rotation).
  bool operator==(const Complex &o) const {
    return strands == o.strands && partners == o.partners;
  }
  bool operator!=(const Complex &o) const { return !(*this == o); }
  /// Same molecule up to rotation of its strands.
  bool isSameMolecule(const Complex &o) const;

  /// Total nucleotides over all strands.
  unsigned nucleotides(const DomainTable &domains) const;

private:
  std::vector<uint64_t> key(size_t first) const;
  /// Calls f on each element of key(first), in order, without storing it.
  template <typename F> void forEachKeyElement(size_t first, F f) const;
  /// <0, 0, >0 as key(a) is below, equal to or above key(b).
  int compareRotations(size_t a, size_t b) const;
  size_t canonicalRotation() const;
  std::vector<Strand> strands;
  std::vector<int32_t> partners;
  std::vector<unsigned> starts;
};

/// The intended mismatches of a complex (DomainRef::mismatches), as text:
/// "t10* (strand 2): 1 mismatch; ...", or "" without any.
std::string describeMismatches(const Complex &complex,
                               const DomainTable &domains);

/// Builds complexes the way schemes describe them: a stream of domains with
/// one structure character each ('(' '.' ')'), strands separated by `split`.
/// A ')' pairs with the nearest open '('.
class ComplexSketch {
public:
  /// Appends a domain with its structure character.
  ComplexSketch &add(DomainRef domain, char structure);
  ComplexSketch &paired(DomainRef domain) { return add(domain, '('); }
  ComplexSketch &unpaired(DomainRef domain) { return add(domain, '.'); }
  ComplexSketch &close(DomainRef domain) { return add(domain, ')'); }
  /// Ends the current strand.
  ComplexSketch &split();
  /// The complex; asserts that parentheses balance and pairs complement.
  Complex build() const;

private:
  std::vector<Strand> strands{Strand()};
  std::string structure;
};

} // namespace crnc::dna

namespace std {
template <> struct hash<crnc::dna::Complex> {
  size_t operator()(const crnc::dna::Complex &c) const { return c.hash(); }
};
} // namespace std

#endif
