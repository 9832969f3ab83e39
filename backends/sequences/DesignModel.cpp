//===- DesignModel.cpp - strands, roles, alphabets and exposed regions ----===//

#include "backends/sequences/DesignModel.h"
#include "lib/thermo/NearestNeighbor.h"
#include "llvm/ADT/STLExtras.h"
#include <algorithm>
#include <map>
#include <set>

using namespace crnc;
using namespace crnc::dna;
using namespace crnc::sequences;

static std::vector<uint64_t> codesOf(const Strand &strand) {
  std::vector<uint64_t> codes;
  for (DomainRef ref : strand)
    codes.push_back(ref.key());
  return codes;
}

/// The role a strand gets from a complex it appears in; lower wins.
static int roleRank(const NamedComplex &c) {
  if (c.role == ComplexRole::Signal)
    return 0;
  if (c.role == ComplexRole::Fuel)
    return c.complex.strandCount() > 1 ? 1 : 2;
  return c.role == ComplexRole::Intermediate ? 3 : 4;
}

static const char *roleName(int rank) {
  static const char *names[] = {"signal", "gate", "fuel", "intermediate",
                                "waste"};
  return names[rank];
}

static std::string strandName(const NamedComplex &c, size_t k) {
  if (c.complex.strandCount() == 1)
    return c.name;
  return c.name + "." + std::to_string(k + 1);
}

/// Distinct strands, best-ranked complex first, named after that complex.
static void collectStrands(const Design &design, DesignModel &model) {
  std::map<std::vector<uint64_t>, size_t> seen;
  for (int rank = 0; rank <= 4; ++rank)
    for (const NamedComplex &c : design.allComplexes()) {
      if (roleRank(c) != rank)
        continue;
      for (size_t k = 0; k < c.complex.strandCount(); ++k) {
        const Strand &s = c.complex.strand(k);
        if (!seen.emplace(codesOf(s), model.strands.size()).second)
          continue;
        model.strands.push_back({s, strandName(c, k), roleName(rank)});
      }
    }
}

/// Exposure of each domain orientation and the exposed regions.
static void collectExposure(const Design &design, DesignModel &model) {
  std::map<std::vector<uint64_t>, size_t> strandIndex;
  for (size_t i = 0; i < model.strands.size(); ++i)
    strandIndex.emplace(codesOf(model.strands[i].domains), i);
  std::vector<bool> topExposed(design.domains.size()),
      complementExposed(design.domains.size());
  std::set<std::vector<uint64_t>> seenRegions;
  for (const NamedComplex &c : design.allComplexes()) {
    for (size_t k = 0; k < c.complex.strandCount(); ++k) {
      const Strand &s = c.complex.strand(k);
      unsigned start = c.complex.strandStart(k);
      Strand run;
      auto flush = [&] {
        if (!run.empty() && seenRegions.insert(codesOf(run)).second)
          model.regions.push_back({run, unsigned(strandIndex.at(codesOf(s)))});
        run.clear();
      };
      for (size_t p = 0; p < s.size(); ++p) {
        if (c.complex.partner(start + p) != Complex::Unpaired) {
          flush();
          continue;
        }
        (s[p].complement ? complementExposed : topExposed)[s[p].id] = true;
        run.push_back(s[p]);
      }
      flush();
    }
  }
  model.alphabets.assign(design.domains.size(), Alphabet::ACT);
  for (size_t d = 0; d < design.domains.size(); ++d) {
    if (!topExposed[d] && complementExposed[d])
      model.alphabets[d] = Alphabet::AGT;
    else if (!topExposed[d])
      model.alphabets[d] = Alphabet::ACGT;
  }
}

DesignModel sequences::analyseDesign(const Design &design) {
  DesignModel model;
  collectStrands(design, model);
  collectExposure(design, model);
  return model;
}

/// The base at a mismatch: one that pairs with nothing opposite `base`'s
/// partner and is no G-T wobble (A.A, C.C, G.A, T.C against the partner).
static char mismatchBase(char base) {
  char partner = base == 'A'   ? 'T'
                 : base == 'T' ? 'A'
                 : base == 'C' ? 'G'
                               : 'C';
  return partner == 'G' ? 'A' : partner == 'T' ? 'C' : partner;
}

unsigned sequences::wobblePosition(unsigned length) { return length / 2; }

bool sequences::canWobble(char base) { return base == 'C' || base == 'A'; }

/// `s` (an occurrence, 5'->3') with the intended mismatches of `ref`: one
/// next to an end (`endMismatch`: second base from its 5' or 3' end), a
/// G.T wobble on the middle base (C -> T facing G, A -> G facing T), and
/// `mismatches` central ones spread evenly over the internal bases left
/// (never its end bases, so nothing dangles from the helix it forms).
static std::string withMismatches(std::string s, DomainRef ref) {
  if (!ref.mismatchCount() || s.size() < 3)
    return s;
  std::vector<size_t> free;
  for (size_t at = 1; at + 1 < s.size(); ++at)
    free.push_back(at);
  auto take = [&](size_t at) { llvm::erase_value(free, at); };
  if (ref.endMismatch) {
    size_t at = ref.endMismatch == 1 ? 1 : s.size() - 2;
    s[at] = mismatchBase(s[at]);
    take(at);
  }
  if (ref.wobble) {
    size_t at = wobblePosition(unsigned(s.size()));
    if (canWobble(s[at]))
      s[at] = s[at] == 'C' ? 'T' : 'G';
    take(at);
  }
  unsigned n = std::min<unsigned>(ref.mismatches, unsigned(free.size()));
  for (unsigned k = 0; k < n; ++k) { // evenly spaced
    size_t at = free[(2 * k + 1) * free.size() / (2 * n)];
    s[at] = mismatchBase(s[at]);
  }
  return s;
}

std::string
sequences::occurrenceSequence(DomainRef ref,
                              const std::vector<std::string> &sequences) {
  const std::string &s = sequences[ref.id];
  return withMismatches(ref.complement ? thermo::reverseComplement(s) : s, ref);
}

std::string sequences::strandSequence(const Strand &strand,
                                      const std::vector<std::string> &seqs) {
  std::string out;
  for (DomainRef ref : strand)
    out += occurrenceSequence(ref, seqs);
  return out;
}

std::vector<uint64_t> sequences::pairKeys(const Strand &strand,
                                          const DomainTable &domains) {
  std::vector<uint64_t> keys;
  for (DomainRef ref : strand) {
    unsigned n = domains.length(ref);
    for (unsigned k = 0; k < n; ++k) {
      unsigned topIndex = ref.complement ? n - 1 - k : k;
      keys.push_back((uint64_t(ref.id) << 16) + topIndex + 1);
    }
  }
  return keys;
}
