//===- Complex.cpp - strands and complexes as value types -----------------===//

#include "lib/dna/Complex.h"
#include <algorithm>
#include <cassert>
#include <numeric>

using namespace crnc::dna;

unsigned crnc::dna::strandLength(const Strand &strand,
                                 const DomainTable &domains) {
  unsigned n = 0;
  for (DomainRef d : strand)
    n += domains.length(d);
  return n;
}

Complex::Complex(std::vector<Strand> strandList, std::vector<int32_t> pairs)
    : strands(std::move(strandList)), partners(std::move(pairs)) {
  unsigned total = 0;
  starts.reserve(strands.size());
  for (const Strand &s : strands) {
    starts.push_back(total);
    total += static_cast<unsigned>(s.size());
  }
  assert(partners.size() == total && "partner table does not match strands");
  for (unsigned p = 0; p < total; ++p)
    assert((partners[p] == Unpaired ||
            partners[static_cast<unsigned>(partners[p])] == int32_t(p)) &&
           "asymmetric pair table");
}

DomainRef Complex::domainAt(unsigned position) const {
  size_t s = strandOf(position);
  return strands[s][position - starts[s]];
}

size_t Complex::strandOf(unsigned position) const {
  auto it = std::upper_bound(starts.begin(), starts.end(), position);
  return static_cast<size_t>(it - starts.begin()) - 1;
}

unsigned Complex::pairCount() const {
  unsigned n = 0;
  for (unsigned p = 0; p < partners.size(); ++p)
    if (partners[p] > int32_t(p))
      ++n;
  return n;
}

Complex Complex::rotated(size_t first) const {
  if (first == 0 || strands.empty())
    return *this;
  unsigned total = static_cast<unsigned>(partners.size());
  unsigned offset = starts[first];
  auto remap = [&](unsigned p) { return (p + total - offset) % total; };
  std::vector<Strand> newStrands;
  newStrands.reserve(strands.size());
  for (size_t i = 0; i < strands.size(); ++i)
    newStrands.push_back(strands[(first + i) % strands.size()]);
  std::vector<int32_t> newPartners(total, Unpaired);
  for (unsigned p = 0; p < total; ++p)
    if (partners[p] != Unpaired)
      newPartners[remap(p)] =
          static_cast<int32_t>(remap(static_cast<unsigned>(partners[p])));
  return Complex(std::move(newStrands), std::move(newPartners));
}

/// The comparison key of rotation `first`: domain codes with strand
/// separators, then each position's partner (+1, 0 when unpaired).
template <typename F> void Complex::forEachKeyElement(size_t first, F f) const {
  size_t n = strands.size();
  for (size_t i = 0; i < n; ++i) {
    for (DomainRef d : strands[(first + i) % n])
      f(d.key() + 1);
    f(0);
  }
  unsigned total = static_cast<unsigned>(partners.size());
  unsigned offset = n ? starts[first] : 0;
  for (unsigned i = 0; i < total; ++i) {
    int32_t q = partners[(i + offset) % total];
    f(q == Unpaired ? 0 : (unsigned(q) + total - offset) % total + 1);
  }
}

std::vector<uint64_t> Complex::key(size_t first) const {
  std::vector<uint64_t> k;
  k.reserve(partners.size() * 2 + strands.size());
  forEachKeyElement(first, [&](uint64_t v) { k.push_back(v); });
  return k;
}

int Complex::compareRotations(size_t a, size_t b) const {
  size_t n = strands.size();
  // Domain codes (+1) with a 0 after each strand: both sequences have the
  // same length, so compare them element by element.
  size_t sa = 0, sb = 0, ia = 0, ib = 0;
  while (sa < n) {
    const Strand &x = strands[(a + sa) % n], &y = strands[(b + sb) % n];
    uint64_t va = ia < x.size() ? x[ia].key() + 1 : 0;
    uint64_t vb = ib < y.size() ? y[ib].key() + 1 : 0;
    if (va != vb)
      return va < vb ? -1 : 1;
    if (ia < x.size())
      ++ia;
    else
      ++sa, ia = 0;
    if (ib < y.size())
      ++ib;
    else
      ++sb, ib = 0;
  }
  unsigned total = static_cast<unsigned>(partners.size());
  unsigned oa = starts[a], ob = starts[b];
  for (unsigned i = 0; i < total; ++i) {
    int32_t qa = partners[(i + oa) % total], qb = partners[(i + ob) % total];
    uint64_t va = qa == Unpaired ? 0 : (unsigned(qa) + total - oa) % total + 1;
    uint64_t vb = qb == Unpaired ? 0 : (unsigned(qb) + total - ob) % total + 1;
    if (va != vb)
      return va < vb ? -1 : 1;
  }
  return 0;
}

/// The rotation whose key is smallest (the first such, for determinism).
size_t Complex::canonicalRotation() const {
  size_t best = 0;
  for (size_t r = 1; r < strands.size(); ++r)
    if (compareRotations(r, best) < 0)
      best = r;
  return best;
}

Complex Complex::canonical() const & { return rotated(canonicalRotation()); }

Complex Complex::canonical() && {
  size_t r = canonicalRotation();
  if (r == 0)
    return std::move(*this);
  return rotated(r);
}

bool Complex::isCanonical() const { return canonicalRotation() == 0; }

bool Complex::isSameMolecule(const Complex &o) const {
  if (strands.size() != o.strands.size() ||
      partners.size() != o.partners.size())
    return false;
  return key(canonicalRotation()) == o.key(o.canonicalRotation());
}

uint64_t Complex::hash() const {
  uint64_t h = 1469598103934665603ULL;
  forEachKeyElement(canonicalRotation(), [&](uint64_t v) {
    for (int byte = 0; byte < 8; ++byte) {
      h ^= (v >> (8 * byte)) & 0xff;
      h *= 1099511628211ULL;
    }
  });
  return h;
}

unsigned Complex::nucleotides(const DomainTable &domains) const {
  unsigned n = 0;
  for (const Strand &s : strands)
    n += strandLength(s, domains);
  return n;
}

static size_t findRoot(std::vector<size_t> &parent, size_t x) {
  while (parent[x] != x)
    x = parent[x] = parent[parent[x]];
  return x;
}

std::optional<StructureError> Complex::check() const {
  for (size_t s = 0; s < strands.size(); ++s)
    if (strands[s].empty())
      return StructureError{starts[s], "strand " + std::to_string(s + 1) +
                                           " has no domains"};
  std::vector<unsigned> open;
  for (unsigned p = 0; p < partners.size(); ++p) {
    int32_t q = partners[p];
    if (q == Unpaired)
      continue;
    if (q == int32_t(p))
      return StructureError{p, "domain is paired with itself"};
    if (!domainAt(p).isComplementOf(domainAt(static_cast<unsigned>(q))))
      return StructureError{p, "paired domains are not complementary"};
    if (q > int32_t(p)) {
      open.push_back(p);
      continue;
    }
    if (open.empty() || open.back() != unsigned(q))
      return StructureError{p, "pairs cross (pseudoknot)"};
    open.pop_back();
  }
  std::vector<size_t> parent(strands.size());
  std::iota(parent.begin(), parent.end(), 0);
  for (unsigned p = 0; p < partners.size(); ++p)
    if (partners[p] > int32_t(p))
      parent[findRoot(parent, strandOf(p))] =
          findRoot(parent, strandOf(static_cast<unsigned>(partners[p])));
  for (size_t s = 1; s < strands.size(); ++s)
    if (findRoot(parent, s) != findRoot(parent, 0))
      return StructureError{starts[s], "strand " + std::to_string(s + 1) +
                                           " is not connected to the complex"};
  return std::nullopt;
}

ComplexSketch &ComplexSketch::add(DomainRef domain, char structureChar) {
  strands.back().push_back(domain);
  structure.push_back(structureChar);
  return *this;
}

ComplexSketch &ComplexSketch::split() {
  if (!strands.back().empty())
    strands.emplace_back();
  return *this;
}

Complex ComplexSketch::build() const {
  std::vector<Strand> list = strands;
  if (list.back().empty())
    list.pop_back();
  std::vector<int32_t> partners(structure.size(), Complex::Unpaired);
  std::vector<unsigned> open;
  for (unsigned p = 0; p < structure.size(); ++p) {
    if (structure[p] == '(') {
      open.push_back(p);
    } else if (structure[p] == ')') {
      assert(!open.empty() && "unbalanced sketch");
      partners[p] = static_cast<int32_t>(open.back());
      partners[open.back()] = static_cast<int32_t>(p);
      open.pop_back();
    }
  }
  assert(open.empty() && "unbalanced sketch");
  Complex c(std::move(list), std::move(partners));
  assert(!c.check() && "sketch builds a malformed complex");
  return c;
}

std::string crnc::dna::describeMismatches(const Complex &complex,
                                          const DomainTable &domains) {
  std::string text;
  for (unsigned p = 0; p < complex.domainCount(); ++p) {
    DomainRef ref = complex.domainAt(p);
    unsigned n = ref.mismatchCount();
    if (!n)
      continue;
    text += (text.empty() ? "" : "; ") + domains.spell(ref) + " (strand " +
            std::to_string(complex.strandOf(p) + 1) +
            "): " + std::to_string(n) + (n == 1 ? " mismatch" : " mismatches");
    if (ref.endMismatch)
      text += std::string(", one next to its ") +
              (ref.endMismatch == 1 ? "5'" : "3'") + " end";
    if (ref.wobble)
      text += ", one a G.T wobble on its middle base";
  }
  return text;
}
