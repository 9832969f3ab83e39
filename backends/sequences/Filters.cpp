//===- Filters.cpp - per-domain hard filters and candidate pools ----------===//

#include "backends/sequences/Filters.h"
#include "llvm/ADT/STLExtras.h"
#include <algorithm>
#include <cmath>
#include <numeric>

using namespace crnc;
using namespace crnc::sequences;

static unsigned runsIn(llvm::StringRef s, bool stopAtFirst) {
  unsigned count = 0;
  size_t run = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    run = (i > 0 && s[i] == s[i - 1]) ? run + 1 : 1;
    bool strong = s[i] == 'G' || s[i] == 'C';
    if (run >= (strong ? 4u : 5u)) {
      ++count;
      if (stopAtFirst)
        return count;
    }
  }
  return count;
}

bool sequences::hasForbiddenRun(llvm::StringRef s) {
  return runsIn(s, true) > 0;
}

unsigned sequences::forbiddenRunCount(llvm::StringRef s) {
  return runsIn(s, false);
}

static llvm::StringRef lettersOf(Alphabet alphabet) {
  switch (alphabet) {
  case Alphabet::ACT:
    return "ACT";
  case Alphabet::AGT:
    return "AGT";
  case Alphabet::ACGT:
    return "ACGT";
  }
  return "ACGT";
}

bool sequences::fitsAlphabet(llvm::StringRef s, Alphabet alphabet) {
  return s.find_first_not_of(lettersOf(alphabet)) == llvm::StringRef::npos;
}

ToeholdPool sequences::enumerateToeholds(unsigned length, Alphabet alphabet,
                                         const thermo::Conditions &cond) {
  llvm::StringRef letters = lettersOf(alphabet);
  size_t total = 1;
  for (unsigned i = 0; i < length; ++i)
    total *= letters.size();
  std::vector<std::pair<double, std::string>> rows;
  std::string s(length, 'A');
  for (size_t code = 0; code < total; ++code) {
    size_t c = code;
    for (unsigned i = 0; i < length; ++i, c /= letters.size())
      s[i] = letters[c % letters.size()];
    if (length >= 2 && !hasForbiddenRun(s))
      rows.emplace_back(thermo::toeholdDG(s, cond), s);
  }
  std::sort(rows.begin(), rows.end());
  ToeholdPool pool;
  for (auto &[dG, seq] : rows) {
    pool.dG.push_back(dG);
    pool.sequences.push_back(seq);
  }
  return pool;
}

bool sequences::hasPalindrome(llvm::StringRef s, unsigned k) {
  for (size_t i = 0; i + k <= s.size(); ++i)
    if (s.substr(i, k) == thermo::reverseComplement(s.substr(i, k)))
      return true;
  return false;
}

CandidateSource::CandidateSource(const ToeholdPool &toeholds, double lo,
                                 double hi)
    : isToehold(true) {
  std::vector<std::string> palindromic;
  for (size_t i = 0; i < toeholds.sequences.size(); ++i)
    if (toeholds.dG[i] >= lo && toeholds.dG[i] <= hi)
      (hasPalindrome(toeholds.sequences[i], 4) ? palindromic : pool)
          .push_back(toeholds.sequences[i]);
  if (pool.empty())
    pool = std::move(palindromic);
}

void CandidateSource::restrict(llvm::function_ref<bool(llvm::StringRef)> keep) {
  llvm::erase_if(pool, [&](const std::string &s) { return !keep(s); });
}

CandidateSource::CandidateSource(unsigned length, Alphabet alphabet,
                                 double gcMin, double gcMax)
    : isToehold(false), length(length), alphabet(alphabet), gcMin(gcMin),
      gcMax(gcMax) {}

/// A random strong (G or C) or weak (A or T) letter of the alphabet.
static char drawLetter(Rng &rng, Alphabet alphabet, bool strong) {
  if (strong) {
    if (alphabet == Alphabet::ACT)
      return 'C';
    if (alphabet == Alphabet::AGT)
      return 'G';
    return rng.below(2) ? 'G' : 'C';
  }
  return rng.below(2) ? 'A' : 'T';
}

std::string CandidateSource::draw(Rng &rng) const {
  if (isToehold)
    return pool[rng.below(pool.size())];
  // GC count uniform over the window, positions shuffled; retry on runs.
  unsigned lo = unsigned(std::ceil(gcMin / 100.0 * length - 1e-9));
  unsigned hi = unsigned(std::floor(gcMax / 100.0 * length + 1e-9));
  if (hi < lo)
    hi = lo;
  std::string s(length, 'A');
  for (unsigned attempt = 0;; ++attempt) {
    unsigned strong = lo + unsigned(rng.below(hi - lo + 1));
    std::vector<unsigned> order(length);
    std::iota(order.begin(), order.end(), 0);
    for (unsigned i = length; i > 1; --i)
      std::swap(order[i - 1], order[rng.below(i)]);
    for (unsigned i = 0; i < length; ++i)
      s[order[i]] = drawLetter(rng, alphabet, i < strong);
    if (!hasForbiddenRun(s) || attempt >= 1000)
      return s;
  }
}
