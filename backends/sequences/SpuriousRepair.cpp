//===- SpuriousRepair.cpp - removing spurious structures ------------------===//
//
//   1. Hairpins alone, cheaply (only the hairpins around the domain judged).
//      Then evaluate every pair and hairpin (exact list of violations).
//   2. Pick a violation at random and a free domain under it (a long one
//      three times in four when there is one).
//   3. Draw candidates for it; skip those that raise the hard k-mer score or
//      leave the picked structure as strong (one programme); evaluate the
//      rest around the domain, stopping as soon as they reach the violations
//      the domain has now; keep the first that has fewer (or as many, when
//      the picked structure weakened without going: the strongest one left
//      in that pair gets blamed afresh).
//   4. Until no violation is left, the attempts (moves tried) are spent, or
//      none was kept for a while (the violations left resist).
//
//===----------------------------------------------------------------------===//

#include "backends/sequences/SpuriousRepair.h"
#include <algorithm>

using namespace crnc;
using namespace crnc::sequences;

/// The free domains under a structure, long ones first (a toehold sits in
/// many regions and its dG window is narrow, so changing it tends to move the
/// problem elsewhere); returns how many are long.
static size_t movableUnder(const SpuriousHit &hit, const SearchProblem &problem,
                           std::vector<unsigned> &movable) {
  movable.clear();
  for (int pass = 0; pass < 2; ++pass)
    for (unsigned d : hit.blamed)
      if (problem.fixed[d].empty() && problem.isToehold[d] == (pass == 1))
        movable.push_back(d);
  size_t longs = 0;
  while (longs < movable.size() && !problem.isToehold[movable[longs]])
    ++longs;
  return longs;
}

static bool involves(const SpuriousHit &hit,
                     const std::vector<unsigned> &regions) {
  return std::binary_search(regions.begin(), regions.end(), hit.regionA) ||
         std::binary_search(regions.begin(), regions.end(), hit.regionB);
}

namespace {
/// One move's state: the exact violation list and the work done.
struct Repair {
  LocalSearch &search;
  SpuriousCheck &check;
  const SearchProblem &problem;
  std::vector<SpuriousHit> violations;
  RepairStats stats;

  /// Tries up to `tries` candidates for `d` against `hit` that keep the
  /// hard score (of at most 4 x `tries` drawn); true if one was kept.
  bool move(unsigned d, const SpuriousHit &hit, unsigned tries);
};
} // namespace

bool Repair::move(unsigned d, const SpuriousHit &hit, unsigned tries) {
  const std::vector<unsigned> &around = check.regionsWith(d);
  size_t now = size_t(
      std::count_if(violations.begin(), violations.end(),
                    [&](const SpuriousHit &h) { return involves(h, around); }));
  std::string old = search.sequences()[d];
  unsigned hardBefore = search.score().hard();
  for (unsigned t = 0, drawn = 0; t < tries && drawn < 4 * tries; ++drawn) {
    ++stats.candidates;
    search.assign(d, problem.sources[d].draw(search.rng()));
    if (search.score().hard() > hardBefore)
      continue;
    ++t;
    check.updateDomain(d, search.sequences());
    // The picked structure must go, or at least weaken (the strongest one
    // in its place may lie elsewhere: it is blamed afresh), with fewer
    // violations around d, or as many when it only weakened.
    double again = check.rescore(hit);
    bool fixed = again >= check.limitFor(hit);
    if (!fixed && !(again > hit.dG))
      continue;
    SpuriousSummary after = check.evaluateAround(d, fixed ? now : now + 1);
    if (after.stopped)
      continue;
    violations.erase(std::remove_if(violations.begin(), violations.end(),
                                    [&](const SpuriousHit &h) {
                                      return involves(h, around);
                                    }),
                     violations.end());
    for (SpuriousHit &h : after.violations)
      violations.push_back(std::move(h));
    ++stats.moves;
    return true;
  }
  search.assign(d, old);
  check.updateDomain(d, search.sequences());
  return false;
}

/// Hairpins first, cheaply: the free domains under each hairpin past the
/// limit (long ones first) are resampled, judging only the hairpins of the
/// regions around the domain, until those hold; the duplexes the new
/// sequences make are left to the general repair.
static void repairHairpins(LocalSearch &search, SpuriousCheck &check,
                           const SearchProblem &problem, RepairStats &stats) {
  check.update(search.sequences());
  std::vector<unsigned> movable;
  for (const SpuriousHit &hit : check.evaluateHairpins().violations) {
    movableUnder(hit, problem, movable);
    for (unsigned d : movable) {
      double best = check.worstHairpinAround(d);
      double limit = check.limitFor(hit);
      if (best >= limit)
        break;
      std::string bestSeq = search.sequences()[d];
      unsigned hardBefore = search.score().hard();
      for (unsigned t = 0; t < 200 && best < limit; ++t) {
        ++stats.candidates;
        search.assign(d, problem.sources[d].draw(search.rng()));
        if (search.score().hard() > hardBefore)
          continue;
        check.updateDomain(d, search.sequences());
        double now = check.worstHairpinAround(d);
        if (now > best)
          best = now, bestSeq = search.sequences()[d];
      }
      search.assign(d, bestSeq);
      check.updateDomain(d, search.sequences());
    }
  }
}

RepairStats sequences::repairSpurious(LocalSearch &search, SpuriousCheck &check,
                                      const SearchProblem &problem,
                                      unsigned attemptsPerViolation) {
  RepairStats hairpins;
  repairHairpins(search, check, problem, hairpins);
  Repair repair{search, check, problem, check.evaluateAll().violations, {}};
  repair.stats.violationsBefore = repair.violations.size();
  const uint64_t budget =
      uint64_t(attemptsPerViolation) * (repair.violations.size() + 40);
  repair.stats.candidates = hairpins.candidates;
  std::vector<unsigned> movable;
  // Also stop when the violations left resist: no move kept in the last
  // StallPerViolation attempts per violation.
  constexpr uint64_t StallPerViolation = 48;
  uint64_t lastKept = 0;
  for (uint64_t attempt = 0;
       attempt < budget && !repair.violations.empty() &&
       attempt - lastKept < StallPerViolation * repair.violations.size();
       ++attempt) {
    SpuriousHit hit =
        repair.violations[search.rng().below(repair.violations.size())];
    size_t longs = movableUnder(hit, problem, movable);
    if (movable.empty())
      continue; // a structure of fixed domains
    // A long domain three times in four when there is one.
    bool toehold =
        longs == 0 || (longs < movable.size() && search.rng().below(4) == 0);
    unsigned d =
        toehold ? movable[longs + search.rng().below(movable.size() - longs)]
                : movable[search.rng().below(longs)];
    // A hairpin's screen is one short programme: try more candidates.
    if (repair.move(d, hit, hit.hairpin ? 64 : 8))
      lastKept = attempt;
  }
  repair.stats.violationsAfter = repair.violations.size();
  return repair.stats;
}
