//===- Multiset.cpp - sorted multisets of species -------------------------===//

#include "lib/verify/Multiset.h"
#include <algorithm>

namespace crnc::verify {

void canonicalize(Multiset &m) { std::sort(m.begin(), m.end()); }

Multiset multisetSum(llvm::ArrayRef<SpeciesIndex> a,
                     llvm::ArrayRef<SpeciesIndex> b) {
  Multiset out;
  out.reserve(a.size() + b.size());
  std::merge(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

Multiset multisetDifference(llvm::ArrayRef<SpeciesIndex> a,
                            llvm::ArrayRef<SpeciesIndex> b) {
  Multiset out;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(),
                      std::back_inserter(out));
  return out;
}

bool multisetContains(llvm::ArrayRef<SpeciesIndex> b,
                      llvm::ArrayRef<SpeciesIndex> a) {
  return std::includes(b.begin(), b.end(), a.begin(), a.end());
}

Multiset multisetScale(llvm::ArrayRef<SpeciesIndex> m, unsigned times) {
  Multiset out;
  for (SpeciesIndex s : m)
    out.append(times, s);
  return out;
}

unsigned multisetCount(llvm::ArrayRef<SpeciesIndex> m, SpeciesIndex s) {
  auto range = std::equal_range(m.begin(), m.end(), s);
  return static_cast<unsigned>(range.second - range.first);
}

void appendKey(std::string &key, llvm::ArrayRef<SpeciesIndex> m) {
  for (SpeciesIndex s : m) {
    key += std::to_string(s);
    key += ',';
  }
}

/// Writes `count` as sum_j weights[j] * a_j (a_j >= 0) in every way, from
/// position `j` on, calling `emit` with the completed vector `a`.
static void compositions(unsigned count, llvm::ArrayRef<unsigned> weights,
                         size_t j, llvm::SmallVectorImpl<unsigned> &a,
                         std::vector<llvm::SmallVector<unsigned, 4>> &out) {
  if (j == weights.size()) {
    if (count == 0)
      out.emplace_back(a.begin(), a.end());
    return;
  }
  for (unsigned aj = 0; aj * weights[j] <= count; ++aj) {
    a[j] = aj;
    compositions(count - aj * weights[j], weights, j + 1, a, out);
  }
  a[j] = 0;
}

std::vector<llvm::SmallVector<Multiset, 2>>
distribute(llvm::ArrayRef<SpeciesIndex> target,
           llvm::ArrayRef<unsigned> weights, size_t limit) {
  // 1. Per distinct species, every composition of its count by the weights.
  // 2. The cartesian product of those choices gives the multisets X_j.
  std::vector<
      std::pair<SpeciesIndex, std::vector<llvm::SmallVector<unsigned, 4>>>>
      perSpecies;
  for (size_t i = 0; i < target.size();) {
    size_t end = i;
    while (end < target.size() && target[end] == target[i])
      ++end;
    llvm::SmallVector<unsigned, 4> a(weights.size(), 0);
    std::vector<llvm::SmallVector<unsigned, 4>> ways;
    compositions(static_cast<unsigned>(end - i), weights, 0, a, ways);
    if (ways.empty())
      return {};
    perSpecies.emplace_back(target[i], std::move(ways));
    i = end;
  }
  std::vector<llvm::SmallVector<Multiset, 2>> out;
  llvm::SmallVector<size_t, 4> choice(perSpecies.size(), 0);
  while (out.size() < limit) {
    llvm::SmallVector<Multiset, 2> parts(weights.size());
    for (size_t s = 0; s < perSpecies.size(); ++s)
      for (size_t j = 0; j < weights.size(); ++j)
        parts[j].append(perSpecies[s].second[choice[s]][j],
                        perSpecies[s].first);
    out.push_back(std::move(parts));
    size_t s = 0;
    for (; s < perSpecies.size(); ++s) {
      if (++choice[s] < perSpecies[s].second.size())
        break;
      choice[s] = 0;
    }
    if (s == perSpecies.size())
      break;
  }
  return out;
}

} // namespace crnc::verify
