//===- FuelStrandKnob.cpp - a module's own fuel strand as rate knob -------===//
//
// See FuelStrandKnob.h.
//
//===----------------------------------------------------------------------===//

#include "backends/dsd/FuelStrandKnob.h"
#include "backends/dsd/RateCalibration.h"
#include "ir/LoweringAttributes.h"
#include <algorithm>
#include <cmath>

using namespace crnc;
using namespace crnc::dsd;
using namespace crnc::dna;

std::vector<ComplexIndex> dsd::ownStrands(const Design &design, size_t i,
                                          std::optional<ComplexIndex> gate) {
  std::vector<ComplexIndex> out;
  for (ComplexIndex f : design.modules[i].fuels) {
    if (f == gate || design.getComplex(f).complex.strandCount() != 1 ||
        !design.getComplex(f).concentration)
      continue;
    bool shared = false;
    for (size_t j = 0; j < design.modules.size() && !shared; ++j) {
      const auto &fuels = design.modules[j].fuels;
      shared =
          j != i && std::find(fuels.begin(), fuels.end(), f) != fuels.end();
    }
    if (!shared)
      out.push_back(f);
  }
  return out;
}

/// A level as a lab writes it: 4 significant digits.
static double roundLevel(double c) {
  double digits = std::pow(10.0, 3 - std::floor(std::log10(c)));
  return std::round(c * digits) / digits;
}

/// The rate of module `i` with strand `s` at `level`: set in place and
/// restored (a copy of the whole design per measurement cost two thirds of
/// expert_aggregation's design time).
static llvm::Expected<double> rateWith(const ir::Module &module, Design &design,
                                       size_t i, const Step &step,
                                       ComplexIndex s, double level) {
  std::optional<double> saved = design.getComplex(s).concentration;
  design.getComplex(s).concentration = level;
  llvm::Expected<MeasuredRate> m = measureModuleRate(module, design, i, step);
  design.getComplex(s).concentration = saved;
  if (!m)
    return m.takeError();
  return m->perMolarSecond;
}

/// The level of `s` in [floor, its level] at which module `i` realises
/// `target`, or none when even `floor` is too fast (or a measurement
/// fails).
static std::optional<double> levelFor(const ir::Module &module, Design &design,
                                      size_t i, const Step &step,
                                      ComplexIndex s, double target,
                                      double floor) {
  double hi = *design.getComplex(s).concentration;
  if (!(floor > 0) || floor >= hi)
    return std::nullopt;
  llvm::Expected<double> atFloor = rateWith(module, design, i, step, s, floor);
  if (!atFloor || *atFloor > target) {
    if (!atFloor)
      llvm::consumeError(atFloor.takeError());
    return std::nullopt;
  }
  double lo = floor;
  for (int round = 0; round < 24; ++round) {
    double mid = std::sqrt(lo * hi);
    llvm::Expected<double> r = rateWith(module, design, i, step, s, mid);
    if (!r) {
      llvm::consumeError(r.takeError());
      return std::nullopt;
    }
    (*r > target ? hi : lo) = mid;
  }
  return std::max(floor, roundLevel(std::sqrt(lo * hi)));
}

/// How much more than map-rates models the rate gate, at `realised / target`
/// times the level that would realise q, holds its first reactant:
/// alpha (realised / target - 1), alpha = q / q_max.
static double extraHold(const ir::Module &module, const Step &step,
                        double realised, double target) {
  std::optional<double> qmax =
      ir::lowering::get(module.attrs, ir::lowering::QmaxPerNMs);
  if (!qmax || !(*qmax > 0))
    return INFINITY;
  double unit = convertConcentration(1, module.unit, ConcUnit::nM);
  return step.rate / unit / *qmax * (realised / target - 1);
}

llvm::Expected<MeasuredRate> dsd::tuneFuelStrand(const ir::Module &module,
                                                 Design &design, size_t i,
                                                 const Step &step,
                                                 double target, double floor,
                                                 const MeasuredRate &at) {
  if (extraHold(module, step, at.perMolarSecond, target) >
      RealisedRateTolerance)
    return at;
  std::optional<ComplexIndex> best;
  double bestLevel = 0;
  for (ComplexIndex s : ownStrands(design, i, at.rateGate))
    if (std::optional<double> level =
            levelFor(module, design, i, step, s, target, floor))
      if (*level > bestLevel)
        best = s, bestLevel = *level;
  if (!best)
    return at;
  design.getComplex(*best).concentration = bestLevel;
  return measureModuleRate(module, design, i, step);
}

/// The level of strand `s` in [lo, hi] at which module `i` realises
/// `target`, given that the rate falls as the level rises: the bound
/// nearest when the target lies outside.
static llvm::Expected<double> fallingLevelFor(const ir::Module &module,
                                              Design &design, size_t i,
                                              const Step &step, ComplexIndex s,
                                              double target, double lo,
                                              double hi) {
  for (double bound : {lo, hi}) {
    llvm::Expected<double> r = rateWith(module, design, i, step, s, bound);
    if (!r)
      return r.takeError();
    if (bound == lo && *r <= target)
      return lo;
    if (bound == hi && *r >= target)
      return hi;
  }
  for (int round = 0; round < 24; ++round) {
    double mid = std::sqrt(lo * hi);
    llvm::Expected<double> r = rateWith(module, design, i, step, s, mid);
    if (!r)
      return r.takeError();
    (*r > target ? lo : hi) = mid;
  }
  return roundLevel(std::sqrt(lo * hi));
}

/// How far `rate` is from `target`: a factor >= 1.
static double missBy(double rate, double target) {
  return rate > target ? rate / target : target / rate;
}

llvm::Expected<MeasuredRate>
dsd::tuneBackwardStrand(const ir::Module &module, Design &design, size_t i,
                        const Step &step, double target, double floor,
                        double ceiling, const MeasuredRate &at) {
  for (ComplexIndex s : ownStrands(design, i, at.rateGate)) {
    double level = *design.getComplex(s).concentration;
    llvm::Expected<double> higher =
        rateWith(module, design, i, step, s, level * 1.1);
    if (!higher)
      return higher.takeError();
    if (!(*higher < at.perMolarSecond * (1 - 1e-3)))
      continue;
    double lo = std::min(level, floor), hi = std::max(level, ceiling);
    llvm::Expected<double> next =
        fallingLevelFor(module, design, i, step, s, target, lo, hi);
    if (!next)
      return next.takeError();
    design.getComplex(s).concentration = *next;
    llvm::Expected<MeasuredRate> after =
        measureModuleRate(module, design, i, step);
    if (!after ||
        missBy(after->perMolarSecond, target) - 1 > RealisedRateTolerance)
      design.getComplex(s).concentration = level;
    if (!after)
      return after.takeError();
    if (missBy(after->perMolarSecond, target) - 1 > RealisedRateTolerance)
      return at;
    return after;
  }
  return at;
}
