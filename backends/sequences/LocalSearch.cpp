//===- LocalSearch.cpp - k-mer constrained stochastic local search --------===//
//
//   1. Greedy start: domains in id order take the best of a few candidates
//      against the k-mer indexes of the domains placed before them.
//   2. Moves: pick a domain by tournament on blame (hard first), or one that
//      shares a unique k-mer; draw candidates; keep the best if the total is
//      not worse (sideways moves let the search drift off plateaus).
//   3. Stop after movesPerDomain moves per free domain, or earlier once no
//      hard violation is left and the total has not improved for a while.
//
//===----------------------------------------------------------------------===//

#include "backends/sequences/LocalSearch.h"
#include "lib/thermo/NearestNeighbor.h"
#include "lib/thermo/Spurious.h"
#include <algorithm>
#include <optional>

using namespace crnc;
using namespace crnc::sequences;

KmerIndex::KmerIndex(unsigned k) : k(k), counts(size_t(1) << (2 * k), 0) {}

static void appendKmers(const std::string &s, unsigned k,
                        std::vector<uint32_t> &out) {
  if (s.size() < k)
    return;
  uint32_t mask = (k >= 16) ? ~0u : ((1u << (2 * k)) - 1);
  uint32_t code = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    code = ((code << 2) | uint32_t(thermo::baseCode(s[i]))) & mask;
    if (i + 1 >= k)
      out.push_back(code);
  }
}

std::vector<uint32_t> KmerIndex::familyKmers(const std::string &s) const {
  std::vector<uint32_t> kmers;
  appendKmers(s, k, kmers);
  appendKmers(thermo::reverseComplement(s), k, kmers);
  std::sort(kmers.begin(), kmers.end());
  kmers.erase(std::unique(kmers.begin(), kmers.end()), kmers.end());
  return kmers;
}

void KmerIndex::add(const std::vector<uint32_t> &kmers) {
  for (uint32_t m : kmers)
    ++counts[m];
}

void KmerIndex::remove(const std::vector<uint32_t> &kmers) {
  for (uint32_t m : kmers)
    --counts[m];
}

void KmerIndex::costOfAdding(const std::vector<uint32_t> &kmers,
                             unsigned &shared, uint64_t &pairs) const {
  shared = 0, pairs = 0;
  for (uint32_t m : kmers) {
    shared += counts[m] > 0;
    pairs += counts[m];
  }
}

std::vector<std::vector<bool>>
sequences::strongKmerTables(const thermo::Conditions &conditions,
                            double limitDG, unsigned maxK) {
  thermo::SpuriousModel model(conditions);
  std::vector<std::vector<bool>> tables;
  for (unsigned k = StrongMinK; k <= maxK; ++k) {
    std::vector<bool> &table = tables.emplace_back(size_t(1) << (2 * k));
    for (uint32_t code = 0; code < table.size(); ++code) {
      auto base = [&](unsigned i) {
        return int(code >> (2 * (k - 1 - i))) & 3;
      };
      double dG = model.initiationDG() + model.terminalDG(base(0)) +
                  model.terminalDG(base(k - 1)) +
                  2 * model.terminalMismatchDG();
      for (unsigned i = 1; i < k; ++i)
        dG += model.stackDG(base(i - 1), base(i));
      table[code] = dG < limitDG;
    }
  }
  return tables;
}

LocalSearch::LocalSearch(const SearchProblem &problem, uint64_t seed)
    : problem(problem), random(seed), seqs(problem.sources.size()),
      unique(problem.sources.size()), crosstalk(problem.sources.size()),
      shortKmers(problem.sources.size()), uniqueIndex(problem.uniqueK),
      crosstalkIndex(problem.crosstalkK), shortIndex(problem.toeholdK),
      toeholdCounts(size_t(1) << (2 * problem.toeholdK), 0),
      strong(problem.sources.size()) {
  uint32_t offset = 0;
  for (const std::vector<bool> &table : problem.strongKmers) {
    strongOffsets.push_back(offset);
    offset += uint32_t(table.size());
  }
  strongCounts.assign(offset, 0);
  for (unsigned d = 0; d < seqs.size(); ++d)
    if (problem.fixed[d].empty())
      movable.push_back(d);
  indexNeighbours();
  emptyDomains = unsigned(seqs.size());
}

static bool forbiddenRun(char base, size_t length) {
  return length >= (base == 'G' || base == 'C' ? 4u : 5u);
}

/// Flank windows are 4 bases and every domain at least 1 long (else the
/// cache is off), so only the 4 domains either side of an occurrence reach
/// into its windows.
void LocalSearch::indexNeighbours() {
  constexpr size_t Reach = 4;
  size_t n = seqs.size();
  flankClasses.assign(n, {});
  flankFresh.assign(n, 0);
  besideOf.assign(n, {});
  selfBeside.assign(n, 0);
  for (const dna::Strand &strand : problem.strands)
    for (size_t p = 0; p < strand.size(); ++p)
      for (size_t q = p > Reach ? p - Reach : 0;
           q < std::min(strand.size(), p + Reach + 1); ++q) {
        if (q == p)
          continue;
        if (strand[q].id == strand[p].id)
          selfBeside[strand[p].id] = 1;
        else
          besideOf[strand[q].id].push_back(strand[p].id);
      }
  for (std::vector<unsigned> &b : besideOf) {
    std::sort(b.begin(), b.end());
    b.erase(std::unique(b.begin(), b.end()), b.end());
  }
}

/// Forbidden runs that cross a domain boundary on strand `s`, each once.
unsigned LocalSearch::strandJunctionRuns(unsigned s) const {
  const dna::Strand &strand = problem.strands[s];
  std::string text;
  std::vector<size_t> ends;
  for (dna::DomainRef ref : strand) {
    for (unsigned i = 0; i < seqs[ref.id].size(); ++i)
      text.push_back(baseOf(ref, i));
    ends.push_back(text.size());
  }
  unsigned runs = 0;
  for (size_t i = 0; i < text.size();) {
    size_t j = i;
    while (j < text.size() && text[j] == text[i])
      ++j;
    bool crosses = std::any_of(ends.begin(), ends.end(),
                               [&](size_t b) { return i < b && b < j; });
    runs += crosses && forbiddenRun(text[i], j - i);
    i = j;
  }
  return runs;
}

/// The junction runs on the strands that hold `d` (each strand once).
unsigned LocalSearch::junctionRunsOnStrandsOf(unsigned d) const {
  unsigned runs = 0, last = ~0u;
  for (auto [s, p] : problem.occurrencesOf[d])
    if (s != last) {
      runs += strandJunctionRuns(s);
      last = s;
    }
  return runs;
}

/// New (toehold, other family) pairs sharing a short k-mer if `d` had
/// `kmers` (d itself not indexed).
uint64_t LocalSearch::toeholdCost(unsigned d,
                                  const std::vector<uint32_t> &kmers) const {
  uint64_t pairs = 0;
  for (uint32_t m : kmers)
    pairs += problem.isToehold[d] ? shortIndex.families(m) : toeholdCounts[m];
  return pairs;
}

std::vector<uint32_t>
LocalSearch::strongFamilyKmers(const std::string &sequence) const {
  std::vector<uint32_t> out, all;
  for (unsigned t = 0; t < problem.strongKmers.size(); ++t) {
    all.clear();
    appendKmers(sequence, StrongMinK + t, all);
    appendKmers(thermo::reverseComplement(sequence), StrongMinK + t, all);
    for (uint32_t m : all)
      if (problem.strongKmers[t][m])
        out.push_back(strongOffsets[t] + m);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

uint64_t LocalSearch::strongCost(const std::vector<uint32_t> &kmers) const {
  uint64_t pairs = 0;
  for (uint32_t m : kmers)
    pairs += strongCounts[m];
  return pairs;
}

void LocalSearch::indexToehold(unsigned d, int sign) {
  if (sign > 0)
    shortIndex.add(shortKmers[d]);
  else
    shortIndex.remove(shortKmers[d]);
  if (problem.isToehold[d])
    for (uint32_t m : shortKmers[d])
      toeholdCounts[m] += sign;
}

void LocalSearch::place(unsigned d, const std::string &sequence) {
  if (seqs[d] != sequence)
    flanksChanged(d);
  setSequence(d, sequence);
  unique[d] = uniqueIndex.familyKmers(sequence);
  crosstalk[d] = crosstalkIndex.familyKmers(sequence);
  shortKmers[d] = shortIndex.familyKmers(sequence);
  current.toeholdPairs += toeholdCost(d, shortKmers[d]);
  indexToehold(d, +1);
  strong[d] = strongFamilyKmers(sequence);
  current.strongPairs += strongCost(strong[d]);
  for (uint32_t m : strong[d])
    ++strongCounts[m];
  unsigned shared;
  uint64_t pairs;
  uniqueIndex.costOfAdding(unique[d], shared, pairs);
  current.sharedKmers += shared;
  crosstalkIndex.costOfAdding(crosstalk[d], shared, pairs);
  current.crosstalkPairs += pairs;
  uniqueIndex.add(unique[d]);
  crosstalkIndex.add(crosstalk[d]);
}

void LocalSearch::unplace(unsigned d) {
  indexToehold(d, -1);
  current.toeholdPairs -= toeholdCost(d, shortKmers[d]);
  for (uint32_t m : strong[d])
    --strongCounts[m];
  current.strongPairs -= strongCost(strong[d]);
  uniqueIndex.remove(unique[d]);
  crosstalkIndex.remove(crosstalk[d]);
  unsigned shared;
  uint64_t pairs;
  uniqueIndex.costOfAdding(unique[d], shared, pairs);
  current.sharedKmers -= shared;
  crosstalkIndex.costOfAdding(crosstalk[d], shared, pairs);
  current.crosstalkPairs -= pairs;
}

char LocalSearch::baseOf(dna::DomainRef ref, unsigned i) const {
  const std::string &s = seqs[ref.id];
  if (!ref.complement)
    return s[i];
  return thermo::baseChar(3 - thermo::baseCode(s[s.size() - 1 - i]));
}

/// Maximal forbidden runs of `text` that overlap [lo, hi) and reach outside
/// it (at least one base each side of a boundary).
static unsigned crossingRuns(const std::string &text, size_t lo, size_t hi) {
  unsigned runs = 0;
  for (size_t i = 0; i < text.size();) {
    size_t j = i;
    while (j < text.size() && text[j] == text[i])
      ++j;
    bool strong = text[i] == 'G' || text[i] == 'C';
    bool forbidden = j - i >= (strong ? 4u : 5u);
    bool overlaps = i < hi && j > lo, inside = i >= lo && j <= hi;
    runs += forbidden && overlaps && !inside;
    i = j;
  }
  return runs;
}

/// Runs crossing the boundaries of `d`, over its occurrences: a window of up
/// to 4 bases each side (walking over short neighbours) suffices, since a
/// forbidden run is at most 5 long at its first violation.
unsigned LocalSearch::junctionRunsByWindow(unsigned d) const {
  unsigned runs = 0;
  std::string window;
  for (auto [s, p] : problem.occurrencesOf[d]) {
    const dna::Strand &strand = problem.strands[s];
    std::string left, right;
    for (size_t q = p; q-- > 0 && left.size() < 4;)
      for (size_t i = seqs[strand[q].id].size(); i-- > 0 && left.size() < 4;)
        left.insert(left.begin(), baseOf(strand[q], unsigned(i)));
    for (size_t q = p + 1; q < strand.size() && right.size() < 4; ++q)
      for (size_t i = 0; i < seqs[strand[q].id].size() && right.size() < 4; ++i)
        right.push_back(baseOf(strand[q], unsigned(i)));
    window = left;
    for (unsigned i = 0; i < seqs[d].size(); ++i)
      window.push_back(baseOf(strand[p], i));
    window += right;
    runs += crossingRuns(window, left.size(), left.size() + seqs[d].size());
  }
  return runs;
}

namespace {
/// A flank class: complemented (bit 22), the last base before the domain in
/// its window (bits 14-21, 0: none) and its run length there (bits 11-13),
/// the first base after it (bits 3-10) and its run length (bits 0-2).
uint32_t flankKey(bool complement, char before, unsigned beforeRun, char after,
                  unsigned afterRun) {
  return uint32_t(complement) << 22 | uint32_t(uint8_t(before)) << 14 |
         beforeRun << 11 | uint32_t(uint8_t(after)) << 3 | afterRun;
}

/// crossingRuns of (before-run, text, after-run) for one flank class: only
/// the runs through the text's first and last base can reach outside it.
unsigned crossingRunsOfClass(const std::string &text, uint32_t key) {
  char before = char(key >> 14 & 0xff), after = char(key >> 3 & 0xff);
  unsigned beforeRun = key >> 11 & 7, afterRun = key & 7;
  size_t n = text.size(), lead = 1, trail = 1;
  while (lead < n && text[lead] == text[0])
    ++lead;
  while (trail < n && text[n - 1 - trail] == text[n - 1])
    ++trail;
  size_t x = before == text[0] ? beforeRun : 0;
  if (lead == n) { // one run through the whole text
    size_t y = after == text[0] ? afterRun : 0;
    return (x + y > 0) && forbiddenRun(text[0], x + n + y);
  }
  size_t z = after == text[n - 1] ? afterRun : 0;
  return (x > 0 && forbiddenRun(text[0], x + lead)) +
         (z > 0 && forbiddenRun(text[n - 1], trail + z));
}
} // namespace

void LocalSearch::classifyFlanks(unsigned d) const {
  std::vector<std::pair<uint32_t, uint32_t>> &classes = flankClasses[d];
  classes.clear();
  for (auto [s, p] : problem.occurrencesOf[d]) {
    const dna::Strand &strand = problem.strands[s];
    char left[4], right[4];
    unsigned nLeft = 0, nRight = 0;
    for (size_t q = p; q-- > 0 && nLeft < 4;)
      for (size_t i = seqs[strand[q].id].size(); i-- > 0 && nLeft < 4;)
        left[nLeft++] = baseOf(strand[q], unsigned(i)); // nearest first
    for (size_t q = p + 1; q < strand.size() && nRight < 4; ++q)
      for (size_t i = 0; i < seqs[strand[q].id].size() && nRight < 4; ++i)
        right[nRight++] = baseOf(strand[q], unsigned(i));
    unsigned beforeRun = nLeft > 0, afterRun = nRight > 0;
    while (beforeRun < nLeft && left[beforeRun] == left[0])
      ++beforeRun;
    while (afterRun < nRight && right[afterRun] == right[0])
      ++afterRun;
    classes.emplace_back(flankKey(strand[p].complement, nLeft ? left[0] : 0,
                                  beforeRun, nRight ? right[0] : 0, afterRun),
                         1);
  }
  std::sort(classes.begin(), classes.end());
  size_t kept = 0;
  for (size_t i = 0; i < classes.size(); ++i)
    if (kept && classes[kept - 1].first == classes[i].first)
      ++classes[kept - 1].second;
    else
      classes[kept++] = classes[i];
  classes.resize(kept);
  flankFresh[d] = 1;
}

void LocalSearch::setSequence(unsigned d, const std::string &sequence) {
  bool wasEmpty = seqs[d].empty();
  seqs[d] = sequence;
  if (wasEmpty == sequence.empty())
    return;
  if (!wasEmpty) {
    ++emptyDomains;
    return;
  }
  // The cache is used only while no domain is empty (windows walk past
  // empty domains, beyond the 4 besideOf holds): fresh from here on.
  if (--emptyDomains == 0)
    std::fill(flankFresh.begin(), flankFresh.end(), 0);
}

void LocalSearch::flanksChanged(unsigned d) {
  for (unsigned e : besideOf[d])
    flankFresh[e] = 0;
}

/// Per flank class instead of per occurrence (the same count: a run that
/// reaches outside the domain passes through its first or last base).
unsigned LocalSearch::junctionRunsAround(unsigned d) const {
  if (emptyDomains > 0 || selfBeside[d])
    return junctionRunsByWindow(d);
  if (!flankFresh[d])
    classifyFlanks(d);
  std::string forward = seqs[d], complement;
  unsigned runs = 0;
  for (auto [key, count] : flankClasses[d]) {
    bool isComplement = key >> 22 & 1;
    if (isComplement && complement.empty())
      complement = thermo::reverseComplement(forward);
    runs +=
        count * crossingRunsOfClass(isComplement ? complement : forward, key);
  }
  return runs;
}

unsigned LocalSearch::hardBlame(unsigned d) const {
  unsigned blame = 0;
  for (uint32_t m : unique[d])
    blame += uniqueIndex.families(m) >= 2;
  return blame + junctionRunsAround(d);
}

uint64_t LocalSearch::softBlame(unsigned d) const {
  uint64_t blame = 0;
  for (uint32_t m : shortKmers[d])
    blame +=
        SearchScore::ToeholdWeight *
        (problem.isToehold[d] ? shortIndex.families(m) - 1 : toeholdCounts[m]);
  for (uint32_t m : crosstalk[d])
    blame += crosstalkIndex.families(m) - 1;
  for (uint32_t m : strong[d])
    blame += SearchScore::StrongWeight * (strongCounts[m] - 1);
  return blame;
}

bool LocalSearch::resample(unsigned d, unsigned tries, bool allowSideways) {
  const CandidateSource &source = problem.sources[d];
  std::string old = seqs[d];
  unsigned oldJunction = junctionRunsAround(d);
  unplace(d);
  auto cost = [&](const std::string &candidate, unsigned junction) {
    unsigned shared, sharedX;
    uint64_t pairs, pairsX;
    uniqueIndex.costOfAdding(uniqueIndex.familyKmers(candidate), shared, pairs);
    crosstalkIndex.costOfAdding(crosstalkIndex.familyKmers(candidate), sharedX,
                                pairsX);
    return uint64_t(shared + junction) * 1000000 +
           SearchScore::StrongWeight *
               strongCost(strongFamilyKmers(candidate)) +
           SearchScore::ToeholdWeight *
               toeholdCost(d, shortIndex.familyKmers(candidate)) +
           pairsX;
  };
  uint64_t bestCost = cost(old, oldJunction);
  std::string best = old;
  for (unsigned t = 0; t < tries; ++t) {
    std::string candidate = source.draw(random);
    setSequence(d, candidate);
    uint64_t c = cost(candidate, junctionRunsAround(d));
    if (c < bestCost || (allowSideways && c == bestCost && best == old)) {
      bestCost = c;
      best = candidate;
    }
  }
  setSequence(d, old);
  if (best != old) {
    unsigned before = junctionRunsOnStrandsOf(d);
    setSequence(d, best);
    flanksChanged(d);
    current.junctionRuns =
        current.junctionRuns - before + junctionRunsOnStrandsOf(d);
  }
  place(d, best);
  return best != old;
}

/// The score's junction count moves by the change on the strands holding
/// `d`, counted run by run: a run `d` merges with or splits from one of a
/// neighbour counts once, as recount counts it (junctionRunsAround, a
/// domain's blame, would count the merged run without removing the old).
void LocalSearch::assign(unsigned d, const std::string &sequence) {
  unsigned before = junctionRunsOnStrandsOf(d);
  unplace(d);
  if (seqs[d] != sequence)
    flanksChanged(d);
  setSequence(d, sequence);
  current.junctionRuns =
      current.junctionRuns - before + junctionRunsOnStrandsOf(d);
  place(d, sequence);
}

unsigned LocalSearch::pickDomain() {
  unsigned best = movable[random.below(movable.size())];
  uint64_t bestBlame = uint64_t(hardBlame(best)) * 1000000 + softBlame(best);
  for (unsigned t = 0; t < 3; ++t) {
    unsigned d = movable[random.below(movable.size())];
    uint64_t blame = uint64_t(hardBlame(d)) * 1000000 + softBlame(d);
    if (blame > bestBlame)
      best = d, bestBlame = blame;
  }
  return best;
}

SearchScore LocalSearch::recount() const {
  SearchScore s;
  s.toeholdPairs = current.toeholdPairs; // kept exact incrementally
  s.strongPairs = current.strongPairs;
  KmerIndex u(problem.uniqueK), x(problem.crosstalkK);
  for (unsigned d = 0; d < seqs.size(); ++d) {
    unsigned shared;
    uint64_t pairs;
    u.costOfAdding(unique[d], shared, pairs);
    s.sharedKmers += shared;
    x.costOfAdding(crosstalk[d], shared, pairs);
    s.crosstalkPairs += pairs;
    u.add(unique[d]);
    x.add(crosstalk[d]);
  }
  // Each crossing run once, as junctionRunsAround's deltas count them.
  for (const dna::Strand &strand : problem.strands) {
    std::string text;
    std::vector<size_t> boundaries;
    for (dna::DomainRef ref : strand) {
      text += occurrenceSequence(ref, seqs);
      boundaries.push_back(text.size());
    }
    for (size_t i = 0; i < text.size();) {
      size_t j = i;
      while (j < text.size() && text[j] == text[i])
        ++j;
      bool strong = text[i] == 'G' || text[i] == 'C';
      bool crosses = std::any_of(boundaries.begin(), boundaries.end(),
                                 [&](size_t b) { return i < b && b < j; });
      s.junctionRuns += j - i >= (strong ? 4u : 5u) && crosses;
      i = j;
    }
  }
  return s;
}

SearchScore LocalSearch::run() {
  for (unsigned d = 0; d < seqs.size(); ++d)
    if (!problem.fixed[d].empty())
      place(d, problem.fixed[d]);
  for (unsigned d : movable) {
    place(d, problem.sources[d].draw(random));
    resample(d, 5, false);
  }
  current = recount(); // junctions were not counted while strands were partial
  if (movable.empty())
    return current;
  std::vector<unsigned> violators;
  uint64_t moves = uint64_t(problem.movesPerDomain) * movable.size();
  uint64_t bestTotal = current.total(), sinceBest = 0;
  // A scan that blames no movable domain leaves hard violations no move
  // reaches (among fixed domains): scan again when the hard count moves or
  // at the period, not at every move (on the nonlinear classifier example,
  // 5 such runs made every one of 83 496 moves scan 3479 domains).
  std::optional<unsigned> unreachableHard;
  for (uint64_t move = 0; move < moves; ++move) {
    bool stale = violators.empty() && unreachableHard != current.hard();
    if (current.hard() > 0 &&
        (move % std::max<size_t>(64, movable.size() / 4) == 0 || stale)) {
      violators.clear();
      for (unsigned d : movable)
        if (hardBlame(d) > 0)
          violators.push_back(d);
      unreachableHard = violators.empty()
                            ? std::optional<unsigned>(current.hard())
                            : std::nullopt;
    }
    bool fixHard = !violators.empty() && random.below(2) == 0;
    unsigned d =
        fixHard ? violators[random.below(violators.size())] : pickDomain();
    resample(d, 4, true);
    if (current.total() < bestTotal) {
      bestTotal = current.total(), sinceBest = 0;
    } else if (current.hard() == 0 && ++sinceBest > 4 * movable.size()) {
      break;
    }
  }
  return current;
}
