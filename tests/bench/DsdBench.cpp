// Benchmark: compile a random legal formal CRN of 10^4 reactions (seeded) to
// a domain-level design with each DSD scheme, then write it as PIL; prints
// wall-clock times (best of 3) and the design's size. Target: < 1 s each.
#include "backends/dsd/Scheme.h"
#include "backends/pil/PILWriter.h"
#include "lib/support/Format.h"
#include "llvm/Support/raw_ostream.h"
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <random>

using namespace crnc;

/// 1. n species S0..; 2. each reaction draws 0-2 reactants and 0-2 products
/// uniformly among the species; 3. one in ten is reversible.
static ir::Module randomCRN(unsigned species, unsigned reactions,
                            uint64_t seed) {
  ir::Module m("bench");
  m.unit = ConcUnit::nM;
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<unsigned> pick(0, species - 1);
  std::discrete_distribution<unsigned> order({5, 45, 50});
  for (unsigned i = 0; i < species; ++i)
    m.getOrAddSpecies("S" + std::to_string(i), Location());
  for (unsigned r = 0; r < reactions; ++r) {
    ir::Reaction rx;
    for (unsigned k = order(rng); k > 0; --k)
      rx.reactants.push_back(ir::Term{pick(rng), 1});
    for (unsigned k = order(rng); k > 0; --k)
      rx.products.push_back(ir::Term{pick(rng), 1});
    ir::normalizeTerms(rx.reactants);
    ir::normalizeTerms(rx.products);
    if (rng() % 10 == 0)
      rx.reverseRate = 1.0;
    m.addReaction(rx);
  }
  return m;
}

/// Wall-clock and process CPU seconds of the fastest of three runs.
struct Timing {
  double wall = 1e30, cpu = 1e30;
};

template <typename F> static Timing best(F &&f) {
  Timing t;
  for (int i = 0; i < 3; ++i) {
    auto start = std::chrono::steady_clock::now();
    std::clock_t cpuStart = std::clock();
    f();
    std::chrono::duration<double> d = std::chrono::steady_clock::now() - start;
    t.wall = std::min(t.wall, d.count());
    t.cpu = std::min(t.cpu, double(std::clock() - cpuStart) / CLOCKS_PER_SEC);
  }
  return t;
}

static std::string ms(double seconds) {
  return formatSignificant(seconds * 1e3, 4) + " ms";
}

int main(int argc, char **argv) {
  unsigned reactions = argc > 1 ? unsigned(std::atoi(argv[1])) : 10000;
  ir::Module module = randomCRN(reactions / 5, reactions, 1);
  llvm::outs() << "random CRN: " << module.speciesCount() << " species, "
               << module.reactionCount() << " reactions (seed 1)\n";
  for (const dsd::SchemeInfo &scheme : dsd::allSchemes()) {
    dsd::SchemeOptions options;
    options.kind = scheme.kind;
    llvm::SourceMgr sm;
    DiagnosticEngine diags(sm);
    std::optional<dna::Design> design;
    Timing compile = best([&] {
      auto d = dsd::compile(module, options, diags);
      if (!d) {
        llvm::errs() << llvm::toString(d.takeError()) << "\n";
        std::exit(1);
      }
      design = std::move(*d);
    });
    size_t bytes = 0;
    Timing write = best([&] { bytes = pil::printPIL(*design).size(); });
    dna::DesignCosts costs;
    Timing cost = best([&] { costs = dna::computeCosts(*design); });
    llvm::outs() << scheme.name << ": compile " << ms(compile.wall) << " (cpu "
                 << ms(compile.cpu) << "), PIL " << ms(write.wall) << " (cpu "
                 << ms(write.cpu) << ", " << bytes / 1024 << " KiB), total "
                 << ms(compile.wall + write.wall) << " (cpu "
                 << ms(compile.cpu + write.cpu) << "); "
                 << design->complexCount() << " complexes, "
                 << costs.total.strands << " strands, "
                 << costs.total.nucleotides << " nt; costs " << ms(cost.wall)
                 << "\n";
  }
  return 0;
}
