//===- ReversibleCalibration.cpp - both directions of a gate pair ---------===//
//
// See ReversibleCalibration.h: a reversible module built as Figure 2's gate
// pair (qian2011) gets each direction's rate, as RateCalibration gives an
// irreversible module its rate.
//
//===----------------------------------------------------------------------===//

#include "backends/dsd/ReversibleCalibration.h"
#include "backends/dsd/FuelStrandKnob.h"
#include "backends/dsd/RateCalibration.h"
#include "backends/dsd/ToeholdMismatch.h"
#include "backends/dsd/ToeholdTrim.h"
#include "ir/LoweringAttributes.h"
#include "lib/support/Format.h"
#include <algorithm>
#include <cmath>

using namespace crnc;
using namespace crnc::dsd;
using namespace crnc::dna;

std::pair<Step, Step> dsd::reversibleDirections(const ir::Module &module,
                                                const Step &step) {
  const ir::Reaction &r = module.allReactions()[step.reaction];
  assert(step.reversible && r.reverseRate && "a reversible step");
  auto side = [&](const std::vector<ir::SpeciesId> &ids) {
    std::string text;
    for (ir::SpeciesId id : ids)
      text += (text.empty() ? "" : " + ") + module.getSpecies(id).name;
    return text;
  };
  Step forward = step;
  forward.reversible = false;
  forward.rate = r.rate;
  forward.backward = false;
  forward.equation = side(step.reactants) + " -> " + side(step.products);
  Step backward = forward;
  std::swap(backward.reactants, backward.products);
  backward.rate = *r.reverseRate;
  backward.backward = true;
  backward.equation =
      side(backward.reactants) + " -> " + side(backward.products);
  // Figure 2's second gate takes the products last to first.
  std::reverse(backward.reactants.begin(), backward.reactants.end());
  return {forward, backward};
}

/// A buffer module's step (one of its reactants is marked buffer_of).
static bool isBufferStep(const ir::Module &module, const Step &step) {
  for (ir::SpeciesId s : step.reactants)
    if (ir::lowering::get(module.getSpecies(s).attrs, ir::lowering::BufferOf))
      return true;
  return false;
}

/// The floors of both gates of reaction `r`'s pair: gateExcess times its
/// net flux (GateLoad.h's cap applies).
static std::vector<GateFloor> pairFloors(const GateLoads &loads,
                                         const std::pair<Step, Step> &dirs,
                                         double gateExcess,
                                         const Design &design) {
  GateLoads net = loads;
  size_t r = dirs.first.reaction;
  double f = loads.of(dirs.first), b = loads.of(dirs.second);
  double drift = loads.simulated ? std::fabs(f - b) : std::max(f, b);
  if (r < net.forward.size())
    net.forward[r] = drift;
  if (r < net.backward.size())
    net.backward[r] = drift;
  return gateFloors(net, {dirs.first, dirs.second}, gateExcess, design);
}

/// Records direction `step`'s calibration in the module (as calibrateRates
/// records an irreversible module's).
static void record(const ir::Module &module, Design &design, size_t i,
                   const Step &step, double target, const MeasuredRate &m) {
  ReactionModule &rm = design.modules[i];
  rm.targetRate = target;
  rm.realisedRate = m.perMolarSecond;
  rm.rateGate = m.rateGate;
  std::optional<ComplexIndex> signal = firstReactant(module, design, step);
  if (!m.rateGate || !signal)
    return;
  if (auto run = inputToeholdRun(design, *m.rateGate, *signal)) {
    rm.gateToeholdNt = run->nucleotides;
    rm.gateToeholdMismatches =
        inputToeholdMismatches(design, *m.rateGate, *signal);
    rm.gateToeholdEndMismatch =
        inputToeholdEndMismatch(design, *m.rateGate, *signal);
    rm.gateToeholdWobble = inputToeholdWobble(design, *m.rateGate, *signal);
  }
}

/// The position in `other` of the domain at `position` in `gate`: the same
/// offset in the strand of `other` with the same domains (the pair's gates
/// share their bottom strand); none when no strand matches.
static std::optional<unsigned> samePlace(const Design &design,
                                         ComplexIndex gate, unsigned position,
                                         ComplexIndex other) {
  const Complex &g = design.getComplex(gate).complex;
  const Complex &o = design.getComplex(other).complex;
  size_t s = g.strandOf(position);
  auto sameDomains = [](const Strand &a, const Strand &b) {
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(),
                      [](const DomainRef &x, const DomainRef &y) {
                        return x.id == y.id && x.complement == y.complement;
                      });
  };
  for (size_t t = 0; t < o.strandCount(); ++t)
    if (sameDomains(g.strand(s), o.strand(t)))
      return unsigned(o.strandStart(t) + (position - g.strandStart(s)));
  return std::nullopt;
}

/// The mismatch knob of a gate pair: the input toehold of `dir`'s rate gate
/// lies on the strand both gates share, so each setting of the ladder
/// (ToeholdMismatch.h) goes into both, through searchGateKnob.
static void pairMismatches(const ir::Module &module, Design &design, size_t i,
                           const Step &dir, double target, double floor,
                           double level, const MeasuredRate &at,
                           ComplexIndex other) {
  ComplexIndex gate = *at.rateGate;
  std::optional<ComplexIndex> signal = firstReactant(module, design, dir);
  std::optional<MismatchSite> site =
      signal ? mismatchSite(design, gate, *signal) : std::nullopt;
  std::optional<unsigned> there =
      site ? samePlace(design, gate, site->position, other) : std::nullopt;
  if (!there)
    return;
  MismatchSite mirror = *site;
  mirror.position = *there;
  std::vector<MismatchSetting> ladder = mismatchLadder(*site);
  searchGateKnob(module, design, i, dir, target, floor, level, at,
                 unsigned(ladder.size()), [&](Design &trial, unsigned s) {
                   setMismatches(trial, gate, *site, ladder[s - 1]);
                   setMismatches(trial, other, mirror, ladder[s - 1]);
                   return true;
                 });
}

/// A level as a lab writes it: 4 significant digits.
static double roundLevel(double c) {
  double digits = std::pow(10.0, 3 - std::floor(std::log10(c)));
  return std::round(c * digits) / digits;
}

/// Scales `gate`, `dir`'s rate gate, until `dir` realises `target` (/M/s)
/// within [floor, level] (at most 4 rounds, within 0.1 %); returns the
/// last measurement.
static llvm::Expected<MeasuredRate>
diluteGate(const ir::Module &module, Design &design, size_t i, const Step &dir,
           ComplexIndex gate, double target, double floor, double level) {
  llvm::Expected<MeasuredRate> m = measureModuleRate(module, design, i, dir);
  if (!m)
    return m;
  std::optional<double> &conc = design.getComplex(gate).concentration;
  for (int round = 0; round < 4 && m->perMolarSecond > 0 && conc; ++round) {
    double ratio = target / m->perMolarSecond;
    double next = std::clamp(roundLevel(*conc * ratio), floor, level);
    if (std::fabs(ratio - 1) < 1e-3 || next == *conc)
      break;
    conc = next;
    m = measureModuleRate(module, design, i, dir);
    if (!m)
      return m;
  }
  return m;
}

namespace {
/// The direction furthest from its rate, for the warning.
struct Worst {
  size_t off = 0;
  double factor = 1, realised = 0, target = 0;
  std::string equation, gate;
  Location loc;
};
} // namespace

/// Notes direction `dir`'s measurement `m` (target `target`) in `worst`.
static void noteOff(Worst &worst, const Design &design, const Step &dir,
                    double target, const MeasuredRate &m) {
  double factor =
      std::max(m.perMolarSecond / target, target / m.perMolarSecond);
  if (factor - 1 <= RealisedRateTolerance)
    return;
  ++worst.off;
  if (factor <= worst.factor)
    return;
  const NamedComplex &g = design.getComplex(*m.rateGate);
  worst.factor = factor, worst.realised = m.perMolarSecond;
  worst.target = target, worst.equation = dir.equation, worst.loc = dir.loc;
  worst.gate = g.name + " at " +
               formatSignificant(g.concentration.value_or(0), 3) + " " +
               concUnitName(design.unit).str();
}

/// The gate of module `i` other than `gate` (a fuel of more than one
/// strand), when there is exactly one: the rate gate of a direction
/// without reactants (`2 G <=> A + G`: the pair's gate that releases A).
static std::optional<ComplexIndex> otherGate(const Design &design, size_t i,
                                             ComplexIndex gate) {
  std::optional<ComplexIndex> other;
  for (ComplexIndex f : design.modules[i].fuels) {
    if (f == gate || design.getComplex(f).complex.strandCount() < 2)
      continue;
    if (other)
      return std::nullopt;
    other = f;
  }
  return other;
}

/// The rate gates of both directions of module `i` (a direction without
/// reactants takes the pair's other gate); none unless both exist and
/// differ (one gate for both directions is not a pair).
static std::optional<std::pair<ComplexIndex, ComplexIndex>>
pairGates(const ir::Module &module, const Design &design, size_t i,
          const Step *dir[2]) {
  std::optional<ComplexIndex> gate[2];
  for (int d = 0; d < 2; ++d) {
    llvm::Expected<MeasuredRate> m =
        measureModuleRate(module, design, i, *dir[d]);
    if (!m) {
      llvm::consumeError(m.takeError());
      return std::nullopt;
    }
    gate[d] = m->rateGate;
  }
  for (int d = 0; d < 2; ++d)
    if (!gate[d] && dir[d]->reactants.empty() && gate[1 - d])
      gate[d] = otherGate(design, i, *gate[1 - d]);
  if (!gate[0] || !gate[1] || *gate[0] == *gate[1])
    return std::nullopt;
  return std::make_pair(*gate[0], *gate[1]);
}

namespace {
/// One gate pair under calibration: both directions, their rate gates,
/// targets (/M/s) and gate floors, and the pair's gate level.
struct Pair {
  const Step *dir[2];
  ComplexIndex gate[2];
  double target[2], floor[2], level;
};
} // namespace

/// The rate direction `d` of `pair` realises measured alone (the other
/// gate absent), with strand `s` at `level`; `design` is left as it was
/// (changed in place: a copy of a whole design per measurement cost more
/// than the module's enumeration).
static llvm::Expected<double> aloneWith(const ir::Module &module,
                                        Design &design, size_t i,
                                        const Pair &pair, int d, ComplexIndex s,
                                        double level) {
  std::optional<double> &other =
      design.getComplex(pair.gate[1 - d]).concentration;
  std::optional<double> &strand = design.getComplex(s).concentration;
  std::optional<double> keptOther = other, keptStrand = strand;
  other = 0.0;
  strand = level;
  llvm::Expected<MeasuredRate> m =
      measureModuleRate(module, design, i, *pair.dir[d]);
  design.getComplex(pair.gate[1 - d]).concentration = keptOther;
  design.getComplex(s).concentration = keptStrand;
  if (!m)
    return m.takeError();
  return m->perMolarSecond;
}

/// Whether strand `s` decides where the pair's shared intermediate goes,
/// and which way: the factor (0.9: lowered by a tenth, 1.1: raised) that
/// speeds direction `d` and slows the other; none when neither does. (A
/// strand that speeds `d` alone, the backward strand of its first step,
/// does so by holding d's first reactant longer in its gate, beyond what
/// map-rates models.)
static std::optional<double> branchStep(const ir::Module &module,
                                        Design &design, size_t i,
                                        const Pair &pair, int d,
                                        ComplexIndex s) {
  double level = *design.getComplex(s).concentration;
  for (double step : {0.9, 1.1}) {
    bool branch = true;
    for (int k : {d, 1 - d}) {
      llvm::Expected<double> now =
          aloneWith(module, design, i, pair, k, s, level);
      llvm::Expected<double> moved =
          aloneWith(module, design, i, pair, k, s, step * level);
      if (!now || !moved) {
        llvm::consumeError(now.takeError());
        llvm::consumeError(moved.takeError());
        return std::nullopt;
      }
      branch = branch && (k == d ? *moved > *now * (1 + 1e-3)
                                 : *moved < *now * (1 - 1e-3));
    }
    if (branch)
      return step;
  }
  return std::nullopt;
}

/// The branch knob of a gate pair: a strand of module `i` alone that both
/// directions compete for at their shared intermediate (branchStep) is
/// moved until direction `d`, measured alone with its gate as it stands,
/// realises `goal` (/M/s): the way that speeds `d` where it is slower, the
/// other way where it is faster; down to the pair's floor at most, up to
/// BackwardStrandCeiling times C_max (bisection in log level, 12 rounds, 4
/// significant digits), or to that bound. Strands another module lists
/// are not moved. Returns whether a strand moved.
static bool moveBranch(const ir::Module &module, Design &design, size_t i,
                       const Pair &pair, int d, double goal) {
  for (ComplexIndex s : ownStrands(design, i, std::nullopt)) {
    std::optional<double> step = branchStep(module, design, i, pair, d, s);
    if (!step)
      continue;
    auto rate = [&](double level) {
      llvm::Expected<double> r =
          aloneWith(module, design, i, pair, d, s, level);
      if (!r) {
        llvm::consumeError(r.takeError());
        return double(NAN);
      }
      return *r;
    };
    double from = *design.getComplex(s).concentration;
    double now = rate(from);
    if (!(now > 0) || std::fabs(now / goal - 1) < 1e-3)
      return false;
    bool lower = (now < goal) == (*step < 1);
    double to = lower ? std::min(std::max(pair.floor[0], pair.floor[1]), from)
                      : BackwardStrandCeiling * fuelConcentration(module);
    // Past `goal` at `to`: bisect between `from` (short of it) and `to`.
    auto past = [&](double level) {
      return (rate(level) >= goal) == (now < goal);
    };
    if (past(to))
      for (int round = 0; round < 12; ++round) {
        double mid = std::sqrt(from * to);
        (past(mid) ? to : from) = mid;
      }
    design.getComplex(s).concentration = roundLevel(to);
    return true;
  }
  return false;
}

/// The hold a pair's forward direction puts on its first reactant, made
/// the one map-rates models (q / q_max, Sequestration.h): with its gate at
/// the pair's level, the branch strand is moved until the direction
/// realises q_max (`qmax`, /M/s), the rate of the scheme's irreversible
/// gate at C_max, whose hold at C_max is the whole of its first reactant
/// as the pair's is; diluting the gate to q then holds q / q_max.
/// Measured (A + B <=> C, every fuel at C_max): the forward gate holds A
/// by [gate] / [A's backward strand] and realises that times 5.03e5 /M/s x
/// [C's release strand] / ([C's release strand] + [B's backward strand]),
/// half of it at C_max: left there, a pair diluted to q held 1.2 times
/// what map-rates models (a trained linear_classifier's forward phase, its
/// output rail Z1_p 8 % short). Only the shape measured: two reactants
/// and one product (a zero-order direction holds nothing; a unimolecular
/// one's branch is its own backward strand; with two products the second
/// gate binds the last first, which map-rates' holds do not model, and
/// moving the branch raised that product's hold: A + B <=> C + D
/// re-simulated 5.03 % for 1.25 %).
static void matchHold(const ir::Module &module, Design &design, size_t i,
                      const Pair &pair, double qmax) {
  std::optional<double> &gate = design.getComplex(pair.gate[0]).concentration;
  if (!gate || pair.dir[0]->reactants.size() != 2 ||
      pair.dir[1]->reactants.size() != 1)
    return;
  gate = pair.level;
  moveBranch(module, design, i, pair, 0, qmax);
}

/// Direction `d` of `pair` tuned alone, the opposite gate absent (with
/// fuels held at their levels, the opposite direction would otherwise feed
/// back the reactant being measured: 2 G <=> A + G, A made from fuels
/// alone): with `mismatches`, the toehold knob where its gate at its floor
/// is still too fast (pairMismatches); then its gate diluted to its rate.
/// Returns the last measurement.
static llvm::Expected<MeasuredRate> tuneDirection(const ir::Module &module,
                                                  Design &design, size_t i,
                                                  const Pair &pair, int d,
                                                  bool mismatches) {
  std::optional<double> kept =
      design.getComplex(pair.gate[1 - d]).concentration;
  design.getComplex(pair.gate[1 - d]).concentration = 0.0;
  llvm::Expected<MeasuredRate> m =
      measureModuleRate(module, design, i, *pair.dir[d]);
  if (m && mismatches) {
    m->rateGate = pair.gate[d];
    pairMismatches(module, design, i, *pair.dir[d], pair.target[d],
                   pair.floor[d], pair.level, *m, pair.gate[1 - d]);
  }
  if (m)
    m = diluteGate(module, design, i, *pair.dir[d], pair.gate[d],
                   pair.target[d], pair.floor[d], pair.level);
  design.getComplex(pair.gate[1 - d]).concentration = kept;
  if (m)
    m->rateGate = pair.gate[d];
  return m;
}

/// Whether direction `d`, measured `m`, is too slow with its gate at the
/// pair's level.
static bool slowAtLevel(const Design &design, const Pair &pair, int d,
                        const MeasuredRate &m) {
  return m.perMolarSecond < pair.target[d] * (1 - RealisedRateTolerance) &&
         design.getComplex(pair.gate[d]).concentration.value_or(0) >=
             pair.level;
}

/// Both directions of the pair of module `i`:
///   1. find both rate gates (pairGates),
///   2. with options.mismatchToeholds, the toehold knob on each direction
///      whose gate at its floor is still too fast (pairMismatches), and
///      dilute each direction's gate to its rate,
///   3. with q_max recorded, move the branch strand until the forward gate
///      at its level realises q_max (matchHold): its hold is then q / q_max
///      once diluted, as map-rates models,
///   4. dilute both gates again; where a direction is still too slow with
///      its gate at its level, move the branch strand towards it
///      (moveBranch): qian2011's pair at C_max sends half its shared
///      intermediate each way and realises 2.52e5 /M/s, below the q_max of
///      3.02e5 that the scheme's irreversible gate sets,
///   5. dilute both gates again (a mismatch or a strand on the shared
///      intermediate touches the other direction),
/// each direction measured alone.
static void calibratePair(const ir::Module &module, Design &design, size_t i,
                          const Step &step, const SchemeOptions &options,
                          const GateLoads &loads, Worst &worst) {
  std::pair<Step, Step> dirs = reversibleDirections(module, step);
  const Step *dir[2] = {&dirs.first, &dirs.second};
  auto gates = pairGates(module, design, i, dir);
  if (!gates)
    return;
  double unit = concUnitInMolar(design.unit);
  double level =
      step.gateFuelLevel > 0 ? step.gateFuelLevel : fuelConcentration(module);
  std::vector<GateFloor> floors =
      pairFloors(loads, dirs, options.gateExcess, design);
  Pair pair{
      {dir[0], dir[1]},
      {gates->first, gates->second},
      {dir[0]->rate / unit, dir[1]->rate / unit},
      {std::min(floors[0].level, level), std::min(floors[1].level, level)},
      level};
  std::optional<double> qmax =
      ir::lowering::get(module.attrs, ir::lowering::QmaxPerNMs);
  std::optional<MeasuredRate> last[2];
  for (int pass = 0; pass < 3; ++pass) {
    for (int d = 0; d < 2; ++d) {
      llvm::Expected<MeasuredRate> m = tuneDirection(
          module, design, i, pair, d, pass == 0 && options.mismatchToeholds);
      if (!m) {
        llvm::consumeError(m.takeError());
        return;
      }
      last[d] = *m;
    }
    if (pass == 0 && qmax)
      matchHold(module, design, i, pair, *qmax * 1e9); // /nM/s to /M/s
    for (int d = 0; d < 2 && pass == 1; ++d)
      if (slowAtLevel(design, pair, d, *last[d]))
        moveBranch(module, design, i, pair, d, pair.target[d]);
  }
  record(module, design, i, *dir[0], pair.target[0], *last[0]);
  for (int d = 0; d < 2; ++d)
    noteOff(worst, design, *dir[d], pair.target[d], *last[d]);
}

void dsd::calibrateReversibleRates(const ir::Module &module,
                                   const std::vector<Step> &steps,
                                   Design &design, const SchemeOptions &options,
                                   const GateLoads &loads,
                                   DiagnosticEngine &diags) {
  Worst worst;
  for (size_t i = 0; i < design.modules.size() && i < steps.size(); ++i)
    if (steps[i].reversible && !isBufferStep(module, steps[i]))
      calibratePair(module, design, i, steps[i], options, loads, worst);
  if (!worst.off)
    return;
  diags.warning(worst.loc,
                llvm::Twine(worst.off) +
                    " direction(s) of reversible gate pairs do not realise "
                    "map-rates' rate within " +
                    formatNumber(100 * RealisedRateTolerance) +
                    " %; the worst, '" + worst.equation + "', realises " +
                    formatSignificant(worst.realised, 3) + " /M/s for " +
                    formatSignificant(worst.target, 3) + " /M/s (gate " +
                    worst.gate + ")");
}
