//===- RealisableRates.cpp - the rates each module's gate can reach -------===//

#include "backends/dsd/RealisableRates.h"
#include "backends/dsd/ModuleMeasurement.h"
#include "backends/dsd/RateCalibration.h"
#include "backends/dsd/ToeholdMismatch.h"
#include <algorithm>
#include <cmath>

using namespace crnc;
using namespace crnc::dsd;
using namespace crnc::dna;

std::vector<Window> dsd::measureRealisableRates(const ir::Module &module,
                                                const Design &design, size_t i,
                                                const Step &step, double floor,
                                                double level, double slowest) {
  const ReactionModule &rm = design.modules[i];
  std::optional<ComplexIndex> signal = firstReactant(module, design, step);
  if (!rm.rateGate || !signal || !(level > 0))
    return {};
  ComplexIndex gate = *rm.rateGate;
  std::optional<MismatchSite> site = mismatchSite(design, gate, *signal);
  std::vector<MismatchSetting> settings = {MismatchSetting{}};
  if (site)
    for (const MismatchSetting &s : mismatchLadder(*site))
      settings.push_back(s);
  // The gate's own setting needs no measurement: the rate is proportional
  // to the gate's level.
  DomainRef own = site
                      ? design.getComplex(gate).complex.domainAt(site->position)
                      : DomainRef();
  double conc = design.getComplex(gate).concentration.value_or(0);
  auto isOwn = [&](const MismatchSetting &s) {
    return rm.realisedRate && conc > 0 && s.central == own.mismatches &&
           s.end == (own.endMismatch != 0) && s.wobble == own.wobble;
  };
  std::vector<Window> windows;
  for (const MismatchSetting &s : settings) {
    double hi = 0;
    if (isOwn(s)) {
      hi = *rm.realisedRate * level / conc;
    } else {
      Design trial = design;
      if (site)
        setMismatches(trial, gate, *site, s);
      trial.getComplex(gate).concentration = level;
      llvm::Expected<MeasuredRate> m =
          measureModuleRate(module, trial, i, step);
      if (!m) {
        llvm::consumeError(m.takeError());
        double r = rm.realisedRate.value_or(0);
        return {{r, r}};
      }
      hi = m->perMolarSecond;
    }
    if (hi < slowest)
      break;
    windows.push_back({hi * std::min(floor, level) / level, hi});
  }
  return windows;
}

/// The union of `windows`, sorted and merged.
static std::vector<Window> merged(std::vector<Window> windows) {
  std::sort(windows.begin(), windows.end());
  std::vector<Window> out;
  for (const Window &w : windows) {
    if (!out.empty() && w.first <= out.back().second)
      out.back().second = std::max(out.back().second, w.second);
    else
      out.push_back(w);
  }
  return out;
}

/// The intersection of two sorted unions of disjoint intervals.
static std::vector<Window> intersect(const std::vector<Window> &a,
                                     const std::vector<Window> &b) {
  std::vector<Window> out;
  for (size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    double lo = std::max(a[i].first, b[j].first);
    double hi = std::min(a[i].second, b[j].second);
    if (lo <= hi)
      out.push_back({lo, hi});
    (a[i].second < b[j].second ? i : j)++;
  }
  return out;
}

std::vector<Window> dsd::realisableScales(const Design &design) {
  std::vector<Window> scales = {{0.0, 1.0}};
  for (const ReactionModule &rm : design.modules) {
    if (rm.realisableRates.empty() || !rm.targetRate || !(*rm.targetRate > 0))
      continue;
    std::vector<Window> own;
    for (const Window &w : rm.realisableRates)
      own.push_back({w.first / *rm.targetRate, w.second / *rm.targetRate});
    scales = intersect(scales, merged(std::move(own)));
  }
  scales.erase(std::remove_if(scales.begin(), scales.end(),
                              [](const Window &w) { return !(w.second > 0); }),
               scales.end());
  return scales;
}

double dsd::worstRateMiss(const Design &design) {
  double worst = 1;
  for (const ReactionModule &rm : design.modules)
    if (std::optional<double> miss = rateMiss(rm); miss && std::isfinite(*miss))
      worst = std::max(worst, *miss); // a module realising no rate: skipped
  return worst;
}

bool dsd::missesRates(const Design &design) {
  return worstRateMiss(design) - 1 > RealisedRateTolerance;
}
