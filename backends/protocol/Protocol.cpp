//===- Protocol.cpp - the wet-lab protocol of a design --------------------===//
//
// buildProtocol, step by step:
//   1. the strands (Strands.h) and the gates: each multi-strand fuel is
//      annealed from its strands, the strand that pairs with most domains
//      (the template) at 1x and the others in excess, then gel-purified;
//   2. the reaction mix: every fuel at its concentration (gates from the
//      purified stocks in 1x buffer, single strands from the ordered stocks)
//      and every signal with a non-zero initial value; many gates or many
//      strands are premixed as a pool first when that saves pipetting and
//      takes no more volume;
//   3. the timeline (Timeline.cpp).
//
//===----------------------------------------------------------------------===//

#include "backends/protocol/Protocol.h"
#include "backends/protocol/Timeline.h"
#include "ir/LoweringAttributes.h"
#include "lib/support/Format.h"
#include <cmath>

using namespace crnc;
using namespace crnc::protocol;

static llvm::Error outOfRange(llvm::StringRef what, double value,
                              llvm::StringRef unit, llvm::StringRef range) {
  return llvm::createStringError(
      std::errc::invalid_argument, "%s %s %s is out of range (%s)",
      what.str().c_str(), formatNumber(value).c_str(), unit.str().c_str(),
      range.str().c_str());
}

llvm::Error protocol::checkLabSettings(const LabSettings &s) {
  struct Check {
    const char *what;
    double value;
    const char *unit;
    double lo, hi;
    bool openLo;
  };
  const Check checks[] = {
      {"reaction volume", s.reactionVolumeUL, "uL", 0, 1e4, true},
      {"strand stock concentration", s.strandStockUM, "uM", 0, 1e4, true},
      {"gate stock concentration", s.gateStockUM, "uM", 0, 1e4, true},
      {"annealing gate concentration", s.annealGateUM, "uM", 0, 1e4, true},
      {"annealing volume", s.annealVolumeUL, "uL", 0, 1e4, true},
      {"annealing excess", s.annealExcess, "x", 1, 3, false},
      {"annealing start", s.annealFromC, "C", 50, 100, false},
      {"annealing end", s.annealToC, "C", 0, 45, false},
      {"annealing rate", s.annealRateCPerMin, "C/min", 0, 20, true},
      {"dead-volume overage", s.deadVolumePercent, "%", 0, 100, false},
      {"smallest pipetted volume", s.minPipetteUL, "uL", 0, 10, true},
  };
  for (const Check &c : checks) {
    bool low = c.openLo ? !(c.value > c.lo) : !(c.value >= c.lo);
    if (low || !(c.value <= c.hi))
      return outOfRange(c.what, c.value, c.unit,
                        (c.openLo ? "above " : "at least ") +
                            formatNumber(c.lo) + ", at most " +
                            formatNumber(c.hi));
  }
  if (s.gateStockUM > s.annealGateUM)
    return llvm::createStringError(
        std::errc::invalid_argument,
        "gate stock concentration %s uM is unreachable: gates are annealed "
        "at %s uM",
        formatNumber(s.gateStockUM).c_str(),
        formatNumber(s.annealGateUM).c_str());
  return checkOrderSettings(s.order, nullptr);
}

/// The strand of a gate that pairs with the most domains (longest on ties):
/// the template the others bind, annealed at 1x.
static size_t limitingStrand(const dna::Complex &c,
                             const dna::DomainTable &domains) {
  size_t best = 0;
  unsigned bestPairs = 0, bestLength = 0;
  for (size_t i = 0; i < c.strandCount(); ++i) {
    unsigned pairs = 0;
    for (size_t k = 0; k < c.strand(i).size(); ++k)
      pairs += c.partner(c.strandStart(i) + unsigned(k)) >= 0;
    unsigned length = dna::strandLength(c.strand(i), domains);
    if (pairs > bestPairs || (pairs == bestPairs && length > bestLength)) {
      best = i;
      bestPairs = pairs;
      bestLength = length;
    }
  }
  return best;
}

static bool isGate(const dna::NamedComplex &c) {
  return c.role == dna::ComplexRole::Fuel && c.complex.strandCount() > 1;
}

static MixSettings mixSettings(const LabSettings &s, double volumeUL) {
  MixSettings m;
  m.volumeUL = volumeUL;
  m.overagePercent = s.deadVolumePercent;
  m.minPipetteUL = s.minPipetteUL;
  return m;
}

static llvm::Error addAnneals(const dna::Design &design, const StrandSet &set,
                              const LabSettings &s, Protocol &p) {
  std::map<unsigned, size_t> recipeOf; // strands per gate -> recipe
  for (dna::ComplexIndex c = 0; c < design.complexCount(); ++c) {
    const dna::NamedComplex &nc = design.getComplex(c);
    if (!isGate(nc))
      continue;
    unsigned n = unsigned(nc.complex.strandCount());
    auto [it, added] = recipeOf.try_emplace(n, p.anneals.size());
    if (added) {
      std::vector<Component> parts = {
          {"limiting strand", s.annealGateUM * 1e3, s.strandStockUM * 1e3, 0}};
      for (unsigned i = 2; i <= n; ++i)
        parts.push_back({"strand " + std::to_string(i),
                         s.annealGateUM * s.annealExcess * 1e3,
                         s.strandStockUM * 1e3, 0});
      llvm::Expected<Mix> mix =
          planMix(std::to_string(n) + "-strand gate", parts, s.buffer,
                  mixSettings(s, s.annealVolumeUL));
      if (!mix)
        return mix.takeError();
      p.anneals.push_back(AnnealRecipe{n, std::move(*mix), {}});
    }
    size_t first = limitingStrand(nc.complex, design.domains);
    std::vector<std::string> row = {nc.name,
                                    set.strands[set.ofComplex[c][first]].name};
    for (size_t i = 0; i < n; ++i)
      if (i != first)
        row.push_back(set.strands[set.ofComplex[c][i]].name);
    p.anneals[it->second].gates.push_back(std::move(row));
  }
  return llvm::Error::success();
}

static std::vector<std::string> purificationSteps(const LabSettings &s) {
  std::string buffer = formatNumber(s.buffer.finalStrength) + "x " +
                       s.buffer.name + " (" +
                       formatNumber(s.buffer.magnesiumAt1x) + " mM Mg2+)";
  return {
      "Run each annealed gate on a native (non-denaturing) 12% "
      "polyacrylamide gel in " +
          buffer + ", at room temperature.",
      "Excise the band of the complete gate complex (the slowest major "
      "band; the excess single strands run ahead of it).",
      "Elute by crush and soak in " + buffer +
          " overnight; recover the liquid and remove gel pieces.",
      "Measure A260 and compute the gate concentration from the sum of its "
      "strands' extinction coefficients (nearest-neighbour, from the "
      "sequences).",
      "Dilute each gate to the stock concentration of " +
          formatNumber(s.gateStockUM) + " µM in " + buffer +
          "; store at 4 °C. The pipetting tables below assume this stock: "
          "re-plan if a measured stock differs.",
  };
}

/// Species of the formal module that the timeline adds later (inputs,
/// targets, external clock triggers) are left out of the t = 0 mix.
static bool addedLater(const dna::NamedComplex &c, const ir::Module &m) {
  std::optional<ir::SpeciesId> id = m.lookupSpecies(c.formal);
  if (!id)
    return false;
  ir::SpeciesRole role = m.getSpecies(*id).role;
  bool triggers = ir::lowering::get(m.attrs, ir::lowering::ClockStrategy) ==
                  ir::lowering::GateStrategy::External;
  return role == ir::SpeciesRole::Input || role == ir::SpeciesRole::Target ||
         (role == ir::SpeciesRole::Clock && triggers);
}

/// A fuel of the scheme, or the signal of a formal fuel (map-rates' G and
/// buffer-module fuels): both are at concentrations set by C_max.
static bool isFuelComplex(const dna::NamedComplex &c, const ir::Module &m) {
  if (c.role == dna::ComplexRole::Fuel)
    return true;
  std::optional<ir::SpeciesId> id = m.lookupSpecies(c.formal);
  return id && m.getSpecies(*id).role == ir::SpeciesRole::Fuel;
}

/// Components of one kind (`gates` or not) premixed as a pool when there
/// are more than a few and a pool of at least 2x exists; else as they are.
/// The pools are appended to `pools`.
static llvm::Error poolGroup(const std::vector<Component> &parts, bool gates,
                             const LabSettings &s, std::vector<Component> &out,
                             std::vector<Mix> &pools) {
  std::vector<Component> group;
  for (const Component &c : parts)
    if ((c.stockBuffer > 0) == gates)
      group.push_back(c);
  constexpr size_t poolFrom = 7;
  if (group.size() >= poolFrom) {
    double prepared = s.reactionVolumeUL * (1 + s.deadVolumePercent / 100);
    llvm::Expected<std::optional<Pool>> pool =
        planPool(gates ? "gate pool" : "strand pool", group, prepared, s.buffer,
                 mixSettings(s, s.reactionVolumeUL));
    if (!pool)
      return pool.takeError();
    if (*pool) {
      out.push_back((*pool)->asComponent());
      pools.push_back(std::move((*pool)->mix));
      return llvm::Error::success();
    }
  }
  out.insert(out.end(), group.begin(), group.end());
  return llvm::Error::success();
}

/// The reaction mix of `parts`, with pools where they save pipetting and
/// take no more volume (their mixes go to `pools`).
static llvm::Expected<Mix> planReaction(const std::vector<Component> &parts,
                                        const LabSettings &s,
                                        std::vector<Mix> &pools) {
  std::vector<Component> lines;
  std::vector<Mix> candidates;
  for (bool gates : {true, false})
    if (llvm::Error e = poolGroup(parts, gates, s, lines, candidates))
      return e;
  MixSettings settings = mixSettings(s, s.reactionVolumeUL);
  llvm::Expected<Mix> direct = planMix("reaction", parts, s.buffer, settings);
  if (!direct || candidates.empty())
    return direct;
  llvm::Expected<Mix> pooled = planMix("reaction", lines, s.buffer, settings);
  if (!pooled)
    return pooled.takeError();
  if (pooled->requiredUL > direct->requiredUL)
    return direct;
  pools = std::move(candidates);
  return pooled;
}

/// The largest factor f <= 1 (to 0.1%) such that the reaction fits with
/// every fuel at f times its concentration; 0 when none does.
static double fittingFuelScale(const std::vector<Component> &parts,
                               const std::vector<bool> &isFuel,
                               const LabSettings &s) {
  auto fits = [&](double f) {
    std::vector<Component> scaled = parts;
    for (size_t i = 0; i < scaled.size(); ++i)
      if (isFuel[i])
        scaled[i].finalNM *= f;
    std::vector<Mix> pools;
    llvm::Expected<Mix> mix = planReaction(scaled, s, pools);
    if (!mix) {
      llvm::consumeError(mix.takeError());
      return false;
    }
    return mix->fits;
  };
  double lo = 0, hi = 1;
  while (hi - lo > 1e-3 * hi && hi > 1e-9) {
    double mid = (lo + hi) / 2;
    (fits(mid) ? lo : hi) = mid;
  }
  return lo;
}

/// `value` rounded down to `digits` significant digits (a suggestion that
/// must not overshoot).
static double floorSignificant(double value, int digits) {
  double unit = std::pow(10, std::floor(std::log10(value)) - (digits - 1));
  return std::floor(value / unit) * unit;
}

/// What the reaction mix holds at t = 0: every fuel at its concentration
/// and every signal present from the start (gates from the purified stocks
/// in 1x buffer, single strands from the ordered stocks).
struct ReactionParts {
  std::vector<Component> parts;
  std::vector<bool> isFuel;
};

static ReactionParts reactionParts(const ir::Module &formal,
                                   const dna::Design &design,
                                   const LabSettings &s) {
  ReactionParts r;
  for (const dna::NamedComplex &c : design.allComplexes()) {
    double nM = convertConcentration(c.concentration.value_or(0), design.unit,
                                     ConcUnit::nM);
    if (nM <= 0 || c.role == dna::ComplexRole::Waste ||
        c.role == dna::ComplexRole::Intermediate || addedLater(c, formal))
      continue;
    bool gate = isGate(c);
    r.parts.push_back({c.name, nM,
                       (gate ? s.gateStockUM : s.strandStockUM) * 1e3,
                       gate ? 1.0 : 0.0});
    r.isFuel.push_back(isFuelComplex(c, formal));
  }
  return r;
}

static void warnOverfull(const ir::Module &formal, const MixFit &fit,
                         Protocol &p) {
  std::string warning = "the reaction mix does not fit: its components need " +
                        formatLabNumber(fit.requiredUL) + " µL of the " +
                        formatNumber(fit.preparedUL) + " µL prepared";
  double cmax =
      ir::lowering::get(formal.attrs, ir::lowering::CmaxNM).value_or(0);
  if (fit.fuelFraction > 0 && cmax > 0)
    warning += "; the fuels fit at " +
               formatLabNumber(floorSignificant(fit.fuelFraction * 100, 3), 3) +
               "% of their concentration (about --cmax " +
               formatLabNumber(fittingCmax(fit, cmax), 3) + " instead of " +
               formatLabNumber(cmax) + ")";
  p.warnings.push_back(warning +
                       ", or raise the stock concentrations (lower fuel "
                       "concentrations make map-rates slow the network)");
}

llvm::Expected<MixFit> protocol::reactionMixFit(const ir::Module &formal,
                                                const dna::Design &design,
                                                const LabSettings &settings) {
  ReactionParts r = reactionParts(formal, design, settings);
  std::vector<Mix> pools;
  llvm::Expected<Mix> mix = planReaction(r.parts, settings, pools);
  if (!mix)
    return mix.takeError();
  MixFit fit{mix->fits, mix->requiredUL, mix->preparedUL, 1};
  if (!fit.fits)
    fit.fuelFraction = fittingFuelScale(r.parts, r.isFuel, settings);
  return fit;
}

double protocol::fittingCmax(const MixFit &fit, double cmaxNM) {
  if (fit.fits)
    return cmaxNM;
  if (!(fit.fuelFraction > 0))
    return 0;
  // A clean decimal (786 x 0.1 is 78.60000000000001).
  return std::stod(
      formatSignificant(floorSignificant(fit.fuelFraction * cmaxNM, 3), 3));
}

static llvm::Error addReactionMix(const ir::Module &formal,
                                  const dna::Design &design,
                                  const LabSettings &s, Protocol &p) {
  ReactionParts r = reactionParts(formal, design, s);
  llvm::Expected<Mix> mix = planReaction(r.parts, s, p.pools);
  if (!mix)
    return mix.takeError();
  p.reaction = std::move(*mix);
  if (p.reaction.fits)
    return llvm::Error::success();
  MixFit fit{false, p.reaction.requiredUL, p.reaction.preparedUL,
             fittingFuelScale(r.parts, r.isFuel, s)};
  warnOverfull(formal, fit, p);
  return llvm::Error::success();
}

llvm::Expected<Protocol> protocol::buildProtocol(const ir::Module &formal,
                                                 const dna::Design &design,
                                                 const LabSettings &settings) {
  if (llvm::Error e = checkLabSettings(settings))
    return e;
  Protocol p;
  p.name = formal.name;
  p.scheme = design.scheme;
  p.settings = settings;
  StrandSet set = collectStrands(design, formal);
  if (llvm::Error e = checkOrderSettings(settings.order, &set.strands))
    return e;
  if (llvm::Error e = addAnneals(design, set, settings, p))
    return e;
  p.strands = std::move(set.strands);
  p.purification = purificationSteps(settings);
  if (llvm::Error e = addReactionMix(formal, design, settings, p))
    return e;
  if (llvm::Error e = buildTimeline(formal, settings, p))
    return e;
  return p;
}
