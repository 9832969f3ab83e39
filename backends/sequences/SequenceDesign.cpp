//===- SequenceDesign.cpp - the designer: pools, restarts, repair, report -===//
//
//   1. Analyse the design (alphabets, strands, exposed regions) and build a
//      candidate source per domain; the toehold target defaults to the median
//      dG of the toeholds that pass the filters.
//   2. Run the restarts (LocalSearch, seed hash(seed, i)) on `threads`
//      threads and keep the best by (score, restart index).
//   3. Repair spurious structures among exposed regions on the kept design:
//      resample a domain under the worst one while hard k-mer constraints
//      hold, keeping candidates that reduce the violations around it.
//   4. Measure every constraint on the final sequences.
//
//===----------------------------------------------------------------------===//

#include "backends/sequences/SequenceDesign.h"
#include "backends/sequences/LocalSearch.h"
#include "backends/sequences/SequenceReport.h"
#include "backends/sequences/SpuriousCheck.h"
#include "backends/sequences/SpuriousRepair.h"
#include "lib/support/Format.h"
#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <memory>
#include <set>
#include <thread>

using namespace crnc;
using namespace crnc::sequences;
using dna::DomainKind;

static llvm::Error fail(const llvm::Twine &message) {
  return llvm::createStringError(
      std::make_error_code(std::errc::invalid_argument), message);
}

static llvm::Expected<std::vector<std::string>>
checkFixed(const dna::Design &design, const DesignOptions &options) {
  std::vector<std::string> fixed(design.domains.size());
  for (const auto &[name, sequence] : options.fixed) {
    std::optional<dna::DomainId> id = design.domains.lookup(name);
    if (!id)
      return fail("fixed sequence for unknown domain '" + name + "'");
    unsigned length = design.domains.get(*id).length;
    if (sequence.size() != length)
      return fail("fixed sequence for '" + name + "' has " +
                  llvm::Twine(sequence.size()) + " nt, the domain " +
                  llvm::Twine(length));
    if (!thermo::isDNA(sequence))
      return fail("fixed sequence for '" + name +
                  "' may only contain A, C, G, T");
    fixed[*id] = sequence;
  }
  return fixed;
}

/// The toehold pools by (length, alphabet) and the default target: the
/// median of the pool of the most common toehold shape.
struct ToeholdSetup {
  std::map<std::pair<unsigned, Alphabet>, ToeholdPool> pools;
  double target = 0;
};

static llvm::Expected<ToeholdSetup>
setUpToeholds(const dna::Design &design, const DesignModel &model,
              const DesignOptions &options) {
  ToeholdSetup setup;
  std::map<std::pair<unsigned, Alphabet>, unsigned> counts;
  for (unsigned d = 0; d < design.domains.size(); ++d) {
    const dna::Domain &domain = design.domains.get(d);
    if (domain.kind != DomainKind::Toehold)
      continue;
    if (domain.length < 2 || domain.length > 12)
      return fail("toehold '" + domain.name + "' has " +
                  llvm::Twine(domain.length) +
                  " nt; the designer handles toeholds of 2 to 12 nt");
    ++counts[{domain.length, model.alphabets[d]}];
  }
  std::pair<unsigned, Alphabet> common{0, Alphabet::ACT};
  unsigned most = 0;
  for (const auto &[shape, count] : counts) {
    setup.pools[shape] =
        enumerateToeholds(shape.first, shape.second, options.conditions);
    if (count > most)
      most = count, common = shape;
  }
  if (options.toeholdTargetDG)
    setup.target = *options.toeholdTargetDG;
  else if (most) {
    const ToeholdPool &pool = setup.pools[common];
    setup.target = pool.dG[pool.dG.size() / 2];
  }
  return setup;
}

/// Where a gate's toehold carries a G.T wobble (DomainRef::wobble), the
/// domain's sequence must put C or A on the occurrence's middle base:
/// restricts `source` to such sequences; false when `fixedSequence` has
/// none there.
static bool keepWobbles(const dna::Design &design, unsigned d,
                        CandidateSource &source,
                        const std::string &fixedSequence) {
  std::set<bool> orientations; // complement flags of wobbled occurrences
  for (const dna::NamedComplex &c : design.allComplexes())
    for (const dna::Strand &strand : c.complex.allStrands())
      for (dna::DomainRef ref : strand)
        if (ref.id == d && ref.wobble)
          orientations.insert(ref.complement);
  if (orientations.empty())
    return true;
  auto fits = [&](llvm::StringRef s) {
    for (bool complement : orientations) {
      std::string occurrence =
          complement ? thermo::reverseComplement(s.str()) : s.str();
      if (!canWobble(occurrence[wobblePosition(unsigned(s.size()))]))
        return false;
    }
    return true;
  };
  if (!fixedSequence.empty())
    return fits(fixedSequence);
  source.restrict(fits);
  return true;
}

static llvm::Expected<std::vector<CandidateSource>>
makeSources(const dna::Design &design, const DesignModel &model,
            const DesignOptions &options, const ToeholdSetup &toeholds,
            const std::vector<std::string> &fixed) {
  std::vector<CandidateSource> sources;
  double lo = toeholds.target - options.toeholdToleranceDG;
  double hi = toeholds.target + options.toeholdToleranceDG;
  for (unsigned d = 0; d < design.domains.size(); ++d) {
    const dna::Domain &domain = design.domains.get(d);
    if (domain.length == 0)
      return fail("domain '" + domain.name + "' has no length");
    if (domain.kind != DomainKind::Toehold) {
      unsigned min = unsigned(
          std::ceil(options.gcMinPercent / 100.0 * domain.length - 1e-9));
      unsigned max = unsigned(
          std::floor(options.gcMaxPercent / 100.0 * domain.length + 1e-9));
      if (min > max && fixed[d].empty())
        return fail("no sequence of " + llvm::Twine(domain.length) +
                    " nt for '" + domain.name + "' has a GC content in [" +
                    formatNumber(options.gcMinPercent) + ", " +
                    formatNumber(options.gcMaxPercent) + "] %");
      sources.emplace_back(domain.length, model.alphabets[d],
                           options.gcMinPercent, options.gcMaxPercent);
      continue;
    }
    const ToeholdPool &pool =
        toeholds.pools.at({domain.length, model.alphabets[d]});
    sources.emplace_back(pool, lo, hi);
    if (!keepWobbles(design, d, sources.back(), fixed[d]))
      return fail("the fixed sequence of '" + domain.name +
                  "' cannot carry the G.T wobble a gate's toehold needs (C "
                  "or A on the middle base of its occurrence)");
    if (sources.back().empty() && fixed[d].empty())
      return fail("no " + llvm::Twine(domain.length) +
                  "-nt toehold binds with dG in [" + formatSignificant(lo, 3) +
                  ", " + formatSignificant(hi, 3) + "] kcal/mol; reachable: [" +
                  formatSignificant(pool.dG.front(), 3) + ", " +
                  formatSignificant(pool.dG.back(), 3) + "] kcal/mol");
  }
  return sources;
}

static SearchProblem makeProblem(const dna::Design &design,
                                 const DesignModel &model,
                                 std::vector<CandidateSource> sources,
                                 std::vector<std::string> fixed,
                                 const DesignOptions &options) {
  SearchProblem problem;
  problem.sources = std::move(sources);
  problem.fixed = std::move(fixed);
  problem.occurrencesOf.resize(problem.sources.size());
  for (unsigned s = 0; s < model.strands.size(); ++s) {
    const dna::Strand &strand = model.strands[s].domains;
    problem.strands.push_back(strand);
    for (unsigned p = 0; p < strand.size(); ++p)
      problem.occurrencesOf[strand[p].id].push_back({s, p});
  }
  for (unsigned d = 0; d < problem.sources.size(); ++d)
    problem.isToehold.push_back(design.domains.get(d).kind ==
                                DomainKind::Toehold);
  problem.uniqueK = options.uniqueK;
  problem.crosstalkK = options.crosstalkK;
  problem.movesPerDomain = options.movesPerDomain;
  return problem;
}

/// Longest strong k-mer scored (4^8 counters; longer ones are rare and
/// mostly caught by the uniqueness constraint).
constexpr unsigned MaxStrongK = 8;

/// Step 2: restarts on threads; the best by (total score, index).
static std::unique_ptr<LocalSearch> runRestarts(const SearchProblem &problem,
                                                const DesignOptions &options,
                                                unsigned &chosen) {
  unsigned restarts = std::max(1u, options.restarts);
  std::vector<std::unique_ptr<LocalSearch>> searches(restarts);
  auto work = [&](unsigned t, unsigned stride) {
    for (unsigned i = t; i < restarts; i += stride) {
      searches[i] =
          std::make_unique<LocalSearch>(problem, restartSeed(options.seed, i));
      searches[i]->run();
    }
  };
  unsigned stride = std::max(1u, std::min(options.threads, restarts));
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < stride; ++t)
    pool.emplace_back(work, t, stride);
  work(0, stride);
  for (std::thread &th : pool)
    th.join();
  chosen = 0;
  for (unsigned i = 1; i < restarts; ++i)
    if (searches[i]->score().total() < searches[chosen]->score().total())
      chosen = i;
  return std::move(searches[chosen]);
}

/// The k of the uniqueness constraint: the requested one, or the smallest
/// larger k whose 4^k k-mers the long domains fill at most a quarter of. A
/// domain family of length L holds 2 (L - k + 1) k-mers (both strands); past
/// 4^k / 4 a fresh 15-nt candidate finds all of its k-mers free with
/// probability below (3/4)^16 = 1 %, and past 4^k no assignment exists at
/// all (10,000 domains need about 107,000 distinct 8-mers of 65,536). The
/// constraint then says what the design can promise: no shared k-mer, so no
/// unintended duplex longer than k - 1 bp.
static unsigned uniqueKFor(const dna::Design &design,
                           const DesignOptions &options) {
  for (unsigned k = options.uniqueK;; ++k) {
    double demand = 0;
    for (unsigned d = 0; d < design.domains.size(); ++d) {
      const dna::Domain &domain = design.domains.get(d);
      if (domain.kind != DomainKind::Toehold && domain.length >= k)
        demand += 2.0 * (domain.length - k + 1);
    }
    if (demand <= std::pow(4.0, k) / 4 || k >= MaxUniqueK)
      return k;
  }
}

/// Three letters give 3^k k-mers: when the long domains on one alphabet
/// would need more than a third of them to keep their k-mers unique, the
/// uniqueness constraint wins and just enough of those domains (the last
/// declared first) use all four letters; toeholds keep three. Returns how
/// many domains were widened.
static unsigned widenCrowdedAlphabets(const dna::Design &design,
                                      const DesignOptions &options,
                                      DesignModel &model) {
  double capacity = std::pow(3.0, options.uniqueK) / 3;
  unsigned widened = 0;
  auto demandOf = [&](unsigned d) {
    unsigned length = design.domains.get(d).length;
    return length >= options.uniqueK ? double(length - options.uniqueK + 1)
                                     : 0.0;
  };
  // Two four-letter domains on one strand can pair with each other (a
  // hairpin or a self-dimer with G.C pairs), so the first pass widens at
  // most one domain per strand; the second takes what is still needed.
  std::vector<std::vector<unsigned>> strandsOf(design.domains.size());
  for (unsigned s = 0; s < model.strands.size(); ++s)
    for (dna::DomainRef ref : model.strands[s].domains)
      strandsOf[ref.id].push_back(s);
  std::vector<bool> strandWidened(model.strands.size(), false);
  auto alone = [&](unsigned d) {
    for (unsigned s : strandsOf[d])
      if (strandWidened[s])
        return false;
    return true;
  };
  for (Alphabet crowded : {Alphabet::ACT, Alphabet::AGT}) {
    double demand = 0;
    for (unsigned d = 0; d < design.domains.size(); ++d)
      if (design.domains.get(d).kind != DomainKind::Toehold &&
          model.alphabets[d] == crowded)
        demand += demandOf(d);
    for (int pass = 0; pass < 2; ++pass)
      for (unsigned d = unsigned(design.domains.size());
           d-- > 0 && demand > capacity;)
        if (design.domains.get(d).kind != DomainKind::Toehold &&
            model.alphabets[d] == crowded && demandOf(d) > 0 &&
            (pass == 1 || alone(d))) {
          model.alphabets[d] = Alphabet::ACGT, ++widened;
          demand -= demandOf(d);
          for (unsigned s : strandsOf[d])
            strandWidened[s] = true;
        }
  }
  return widened;
}

llvm::Expected<SequenceDesign>
sequences::designSequences(const dna::Design &design,
                           const DesignOptions &options) {
  auto start = std::chrono::steady_clock::now();
  llvm::Expected<std::vector<std::string>> fixed = checkFixed(design, options);
  if (!fixed)
    return fixed.takeError();
  DesignModel model = analyseDesign(design);
  DesignOptions chosenK = options;
  chosenK.uniqueK = uniqueKFor(design, options);
  unsigned widened = widenCrowdedAlphabets(design, chosenK, model);
  llvm::Expected<ToeholdSetup> toeholds = setUpToeholds(design, model, options);
  if (!toeholds)
    return toeholds.takeError();
  llvm::Expected<std::vector<CandidateSource>> sources =
      makeSources(design, model, options, *toeholds, *fixed);
  if (!sources)
    return sources.takeError();
  SearchProblem problem = makeProblem(design, model, std::move(*sources),
                                      std::move(*fixed), chosenK);
  SpuriousLimits limits = spuriousLimits(design, options, toeholds->target);
  problem.strongKmers =
      strongKmerTables(options.conditions, limits.duplex,
                       std::min(chosenK.uniqueK - 1, MaxStrongK));
  unsigned chosen = 0;
  auto elapsed = [last = start]() mutable {
    auto now = std::chrono::steady_clock::now();
    double s = std::chrono::duration<double>(now - last).count();
    last = now;
    return s;
  };
  elapsed();
  std::unique_ptr<LocalSearch> search = runRestarts(problem, options, chosen);
  double searchSeconds = elapsed();
  SpuriousCheck check(model, design.domains, options.conditions, limits.duplex,
                      limits.hairpin, options.threads);
  DesignOptions measured = options;
  measured.checkSpurious = options.checkSpurious &&
                           model.regions.size() <= options.spuriousRegionLimit;
  RepairStats repair;
  if (measured.checkSpurious && options.repairSpurious)
    repair = repairSpurious(*search, check, problem);
  double repairSeconds = elapsed();
  SequenceDesign result =
      measureDesign(design, model, search->sequences(), problem, check,
                    measured, toeholds->target);
  result.exposedRegions = unsigned(model.regions.size());
  result.spuriousChecked = measured.checkSpurious;
  if (!options.checkSpurious)
    result.spuriousNotChecked = "turned off";
  else if (!measured.checkSpurious)
    result.spuriousNotChecked =
        std::to_string(model.regions.size()) +
        " exposed regions, more than the limit of " +
        std::to_string(options.spuriousRegionLimit) + " (" +
        formatSignificant(0.5e-6 * double(model.regions.size()) *
                              double(model.regions.size() + 1),
                          3) +
        " million pairs)";
  result.searchSeconds = searchSeconds, result.repairSeconds = repairSeconds;
  result.measureSeconds = elapsed();
  result.restartChosen = chosen;
  result.spuriousFoundBySearch = unsigned(repair.violationsBefore);
  result.repairCandidates = repair.candidates;
  result.fourLetterDomains = widened;
  result.uniqueK = chosenK.uniqueK;
  result.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  return result;
}

void sequences::attachSequences(dna::Design &design,
                                const SequenceDesign &result) {
  for (unsigned d = 0; d < design.domains.size(); ++d)
    design.domains.get(d).sequence = result.domains[d].sequence;
}
