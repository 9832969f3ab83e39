//===- LoweringBench.cpp - the standard lowering on a large network -------===//
//
// Generates a random abstract network (seeded: signed species, two phases,
// orders 0-3, reversible reactions) of N reactions, runs the standard
// lowering (buildLoweringPipeline) with per-pass times, checks the result
// with verifyLowered, and prints wall time and peak resident memory.
// Usage: bench-lowering [reactions=100000] [seed=1] [conc-scale=1]
// [epsilon=0.01]
//
//===----------------------------------------------------------------------===//

#include "lib/passes/LoweringPipeline.h"
#include "lib/support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <sys/resource.h>

using namespace crnc;

namespace {
/// splitmix64: a tiny generator whose stream is the same on every platform.
struct Random {
  uint64_t state;
  uint64_t next() {
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  size_t below(size_t n) { return next() % n; }
  double unit() { return double(next() >> 11) * 0x1.0p-53; }
};
} // namespace

/// Species 5k are signed; a side draws from any species, the signed or the
/// unsigned ones.
enum class Draw { Any, Signed, Unsigned };
static void addTerms(ir::TermList &side, unsigned count, size_t species,
                     Draw draw, Random &rng) {
  for (unsigned i = 0; i < count; ++i) {
    size_t s = rng.below(species);
    if (draw == Draw::Signed)
      s -= s % 5;
    if (draw == Draw::Unsigned && s % 5 == 0)
      s += 1;
    side.push_back(ir::Term{ir::SpeciesId(s), 1});
  }
  ir::normalizeTerms(side);
}

static bool anySigned(const ir::TermList &side) {
  for (const ir::Term &t : side)
    if (t.species % 5 == 0)
      return true;
  return false;
}

/// N reactions over N/5 species (a fifth of them signed); orders 0..3 in
/// proportions 2/28/50/20 %, 0..3 products, about 10 % reversible, half of the
/// reactions in one of two phases, rates log-uniform in [0.1, 10].
static ir::Module generate(size_t reactions, uint64_t seed) {
  Random rng{seed};
  ir::Module m("bench");
  size_t species = std::max<size_t>(10, reactions / 5);
  m.addPhase(ir::Phase{"forward", {}, Location()});
  m.addPhase(ir::Phase{"update", {}, Location()});
  for (size_t i = 0; i < species; ++i) {
    ir::Species s;
    s.name = "S" + std::to_string(i);
    s.isSigned = i % 5 == 0;
    s.initial = rng.unit() * (s.isSigned ? 2 : 1) - (s.isSigned ? 1 : 0);
    m.addSpecies(std::move(s));
  }
  for (size_t i = 0; i < reactions; ++i) {
    ir::Reaction r;
    size_t pick = rng.below(100);
    unsigned order = pick < 2 ? 0 : pick < 30 ? 1 : pick < 80 ? 2 : 3;
    // A rate that can change sign (a signed reactant) may only move signed
    // species; a reversible reaction is all signed or all unsigned.
    bool reversible = rng.below(10) == 0;
    Draw in = !reversible         ? Draw::Any
              : rng.below(5) == 0 ? Draw::Signed
                                  : Draw::Unsigned;
    addTerms(r.reactants, order, species, in, rng);
    Draw out = in != Draw::Any          ? in
               : anySigned(r.reactants) ? Draw::Signed
                                        : Draw::Any;
    addTerms(r.products, unsigned(rng.below(4)) + (reversible ? 1 : 0), species,
             out, rng);
    r.rate = std::pow(10.0, rng.unit() * 2 - 1);
    if (reversible)
      r.reverseRate = std::pow(10.0, rng.unit() * 2 - 1);
    size_t phase = rng.below(4);
    r.phase = phase < 2 ? ir::PhaseId(phase) : ir::NoPhase;
    m.addReaction(std::move(r));
  }
  return m;
}

static double cpuSeconds() {
  struct rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec * 1e-6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec * 1e-6;
}

static double peakResidentMiB() {
  struct rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0; // Linux reports KiB
}

int main(int argc, char **argv) {
  size_t reactions = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 100000;
  uint64_t seed = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 1;
  ir::Module module = generate(reactions, seed);
  double generatedMiB = peakResidentMiB();
  llvm::outs() << "input: " << module.speciesCount() << " species, "
               << module.reactionCount() << " reactions (seed " << seed
               << ")\n";

  llvm::SourceMgr sm;
  DiagnosticEngine diags(sm);
  diags.setWarningsSuppressed(true);
  LoweringOptions options;
  if (argc > 3)
    options.mapRates.concScale = std::strtod(argv[3], nullptr);
  if (argc > 4)
    options.reduceOrder.epsilon = std::strtod(argv[4], nullptr);
  PassManager pm;
  buildLoweringPipeline(pm, options);
  auto start = std::chrono::steady_clock::now();
  double cpuStart = cpuSeconds();
  bool ok = true;
  for (size_t i = 0; i < pm.size() && ok; ++i) {
    double before = cpuSeconds();
    auto wallBefore = std::chrono::steady_clock::now();
    ok = succeeded(pm.pass(i).run(module, diags));
    double wall = std::chrono::duration<double>(
                      std::chrono::steady_clock::now() - wallBefore)
                      .count();
    llvm::outs() << "  " << llvm::formatv("{0,-14}", pm.pass(i).name())
                 << " cpu " << formatSignificant(cpuSeconds() - before, 3)
                 << " s, wall " << formatSignificant(wall, 3) << " s\n";
  }
  double cpu = cpuSeconds() - cpuStart;
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  auto verifyStart = std::chrono::steady_clock::now();
  ok = ok && succeeded(verifyLowered(module, options, diags));
  double verifySeconds = std::chrono::duration<double>(
                             std::chrono::steady_clock::now() - verifyStart)
                             .count();
  llvm::outs() << "output: " << module.speciesCount() << " species, "
               << module.reactionCount()
               << " reactions, legal: " << (ok ? "yes" : "NO") << " ("
               << diags.warningCount() << " warnings, " << diags.errorCount()
               << " errors)\n";
  llvm::outs() << "lowering wall time: " << formatSignificant(seconds, 4)
               << " s, cpu time " << formatSignificant(cpu, 4)
               << " s (target < 2 s); verifyLowered "
               << formatSignificant(verifySeconds, 4) << " s\n";
  llvm::outs() << "peak RSS: " << formatSignificant(peakResidentMiB(), 4)
               << " MiB (after generation "
               << formatSignificant(generatedMiB, 4) << " MiB)\n";
  return ok ? 0 : 1;
}
