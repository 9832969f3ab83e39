// Benchmark: sequence design of random formal CRNs compiled with the
// soloveichik2010 scheme, sized to about 1,000 and 10,000 domains. Prints the
// wall time (with its phases), the toehold dG spread, the worst spurious
// duplex and hairpin among exposed regions, and the hard violations, on 1 and
// N threads (the sequences must be identical). No peer designer is packaged
// in Debian 12 (NUPACK, nuad and Piperine are not), so there is no ratio.
//   build/bin/bench-sequences [domains...] [--threads N] [--toehold NT]
//                             [--region-limit R] [--no-spurious]
//                             [--no-repair] [--skip-one-thread] [--clock]
// (the exact spurious check runs when the design has at most R exposed
// regions, by default as in crnc compile; --no-repair only measures the
// structures the search left; --skip-one-thread runs N threads only, and the
// last column then compares nothing; --clock makes every reaction
// catalysed by one species, whose domains then lie on most strands, as the
// clock of a Neural CRN's phases: the case the search's flank-class cache
// of junction runs is for)
#include "backends/dsd/Scheme.h"
#include "backends/sequences/SequenceDesign.h"
#include "lib/support/Format.h"
#include "llvm/Support/raw_ostream.h"
#include <cstdlib>
#include <cstring>
#include <random>

using namespace crnc;

/// Every reaction catalysed by one clock species (--clock), as gate-phases
/// makes every reaction of a phase: its domains then lie on most strands.
static bool clocked = false;

/// 1. n species S0..; 2. each reaction draws 1-2 reactants and 1-2 products
/// uniformly among the species (seeded); with --clock, one reactant and
/// the clock on both sides.
static ir::Module randomCRN(unsigned species, unsigned reactions,
                            uint64_t seed) {
  ir::Module m("bench");
  m.unit = ConcUnit::nM;
  std::mt19937_64 rng(seed);
  for (unsigned i = 0; i < species; ++i)
    m.getOrAddSpecies("S" + std::to_string(i), Location());
  unsigned clock = clocked ? m.getOrAddSpecies("clk", Location()) : 0;
  for (unsigned r = 0; r < reactions; ++r) {
    ir::Reaction rx;
    for (unsigned k = clocked ? 1 : 1 + rng() % 2; k > 0; --k)
      rx.reactants.push_back(ir::Term{unsigned(rng() % species), 1});
    for (unsigned k = 1 + rng() % 2; k > 0; --k)
      rx.products.push_back(ir::Term{unsigned(rng() % species), 1});
    if (clocked) {
      rx.reactants.push_back(ir::Term{clock, 1});
      rx.products.push_back(ir::Term{clock, 1});
    }
    ir::normalizeTerms(rx.reactants);
    ir::normalizeTerms(rx.products);
    m.addReaction(rx);
  }
  return m;
}

/// A design of about `domains` domains: ~4 per species, ~3 per reaction.
static dna::Design designOf(unsigned domains, unsigned toehold) {
  unsigned reactions = domains / 5, species = std::max(3u, domains / 10);
  ir::Module m = randomCRN(species, reactions, 2026);
  llvm::SourceMgr sm;
  DiagnosticEngine diags(sm);
  dsd::SchemeOptions options;
  options.toeholdLength = toehold;
  llvm::Expected<dna::Design> d = dsd::compile(m, options, diags);
  if (!d) {
    llvm::errs() << llvm::toString(d.takeError()) << "\n";
    std::exit(1);
  }
  return std::move(*d);
}

static bool repair = true, skipOne = false;
static unsigned regionLimit = sequences::DesignOptions().spuriousRegionLimit;

static sequences::SequenceDesign run(const dna::Design &design,
                                     unsigned threads, bool spurious) {
  sequences::DesignOptions options;
  options.threads = threads;
  options.checkSpurious = spurious;
  options.spuriousRegionLimit = regionLimit;
  options.repairSpurious = repair;
  auto result = sequences::designSequences(design, options);
  if (!result) {
    llvm::errs() << llvm::toString(result.takeError()) << "\n";
    std::exit(1);
  }
  return std::move(*result);
}

int main(int argc, char **argv) {
  std::vector<unsigned> sizes;
  unsigned threads = 2, toehold = 5;
  bool spurious = true;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--threads") && i + 1 < argc)
      threads = unsigned(std::atoi(argv[++i]));
    else if (!std::strcmp(argv[i], "--toehold") && i + 1 < argc)
      toehold = unsigned(std::atoi(argv[++i]));
    else if (!std::strcmp(argv[i], "--region-limit") && i + 1 < argc)
      regionLimit = unsigned(std::atoi(argv[++i]));
    else if (!std::strcmp(argv[i], "--no-spurious"))
      spurious = false;
    else if (!std::strcmp(argv[i], "--no-repair"))
      repair = false;
    else if (!std::strcmp(argv[i], "--skip-one-thread"))
      skipOne = true;
    else if (!std::strcmp(argv[i], "--clock"))
      clocked = true;
    else
      sizes.push_back(unsigned(std::atoi(argv[i])));
  }
  if (sizes.empty())
    sizes = {1000, 10000};
  llvm::outs() << "domains strands threads time_s search_s repair_s "
                  "measure_s toehold_dG_min toehold_dG_max spread "
                  "worst_duplex worst_hairpin spurious_limit hard_violations "
                  "same_as_1_thread\n";
  for (unsigned size : sizes) {
    dna::Design design = designOf(size, toehold);
    sequences::SequenceDesign one =
        run(design, skipOne ? threads : 1, spurious);
    sequences::SequenceDesign many = run(design, threads, spurious);
    bool same = true;
    for (size_t d = 0; d < one.domains.size(); ++d)
      same &= one.domains[d].sequence == many.domains[d].sequence;
    for (const auto *r : {&one, &many}) {
      if (skipOne && r == &many)
        continue;
      double duplex = 0, hairpin = 0;
      for (const auto &c : r->constraints) {
        if (c.name.find("spurious duplex") == 0)
          duplex = c.worst;
        if (c.name.find("spurious hairpin") == 0)
          hairpin = c.worst;
      }
      llvm::outs() << design.domains.size() << " " << r->strands.size() << " "
                   << (r == &one && !skipOne ? 1 : threads) << " "
                   << formatSignificant(r->seconds, 4) << " "
                   << formatSignificant(r->searchSeconds, 4) << " "
                   << formatSignificant(r->repairSeconds, 4) << " "
                   << formatSignificant(r->measureSeconds, 4) << " "
                   << formatSignificant(r->toeholdMinDG, 4) << " "
                   << formatSignificant(r->toeholdMaxDG, 4) << " "
                   << formatSignificant(r->toeholdMaxDG - r->toeholdMinDG, 3)
                   << " " << formatSignificant(duplex, 4) << " "
                   << formatSignificant(hairpin, 4) << " "
                   << formatSignificant(r->spuriousLimitDG, 4) << " "
                   << r->hardViolations << " " << (same ? "yes" : "NO") << "\n";
    }
    llvm::outs() << "  worst duplex: " << one.worstDuplexAt
                 << "; worst hairpin: " << one.worstHairpinAt
                 << "; four-letter long domains: " << one.fourLetterDomains
                 << "; unique k-mer length: " << one.uniqueK
                 << "; exposed regions: " << one.exposedRegions
                 << "; violations after search: " << one.spuriousFoundBySearch
                 << "; repair candidates: " << one.repairCandidates
                 << (one.spuriousChecked ? ""
                                         : " (spurious not checked: " +
                                               one.spuriousNotChecked + ")")
                 << "\n";
    if (getenv("SHOW"))
      for (const auto &st : one.strands)
        if (one.worstDuplexAt.find(st.name + " ") == 0)
          llvm::outs() << st.name << " " << st.domains << " " << st.sequence
                       << "\n";
    for (const auto &c : one.constraints)
      llvm::outs() << "  " << c.name << ": worst "
                   << formatSignificant(c.worst, 4) << ", limit "
                   << formatSignificant(c.limit, 4) << ", violations "
                   << c.violations << "\n";
  }
  return 0;
}
