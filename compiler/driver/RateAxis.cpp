//===- RateAxis.cpp - a time axis on which every DNA module realises q ----===//

#include "compiler/driver/RateAxis.h"
#include "backends/dsd/RateCalibration.h"
#include "backends/dsd/RealisableRates.h"
#include "ir/LoweringAttributes.h"
#include "lib/support/Format.h"
#include <cmath>

using namespace crnc;
using namespace crnc::driver;

/// How far inside a window the factor is taken: calibration rounds gate
/// levels to 4 significant digits and floors up.
static constexpr double InsideMargin = 2e-3;

std::optional<double> driver::realisableTimeScale(const ir::Module &formal,
                                                  const dna::Design &design) {
  std::vector<dsd::Window> scales = dsd::realisableScales(design);
  if (scales.empty())
    return std::nullopt;
  const dsd::Window &w = scales.back();
  double s = w.second / (1 + InsideMargin);
  if (s < w.first * (1 + InsideMargin))
    s = std::sqrt(w.first * w.second);
  return rateTimeScale(formal) / s;
}

double driver::labSecondsPerUnit(const ir::Module &formal) {
  return ir::lowering::get(formal.attrs, ir::lowering::TimeScale).value_or(1);
}

double driver::rateTimeScale(const ir::Module &formal) {
  return ir::lowering::get(formal.attrs, ir::lowering::RateTimeScale)
      .value_or(1);
}

static std::string labTime(const ir::Module &formal) {
  return formatDuration(labSecondsPerUnit(formal));
}

/// "'Y ->' realised 6.11e+03 /M/s for 6.47e+03 /M/s".
static std::string worstModule(const dna::Design &design) {
  const dna::ReactionModule *worst = nullptr;
  double factor = 1;
  for (const dna::ReactionModule &rm : design.modules) {
    std::optional<double> miss = dsd::rateMiss(rm);
    if (miss && std::isfinite(*miss) && *miss > factor)
      factor = *miss, worst = &rm;
  }
  if (!worst)
    return "";
  return ": on map-rates' own axis '" + worst->equation + "' realised " +
         formatSignificant(*worst->realisedRate, 3) + " /M/s for " +
         formatSignificant(*worst->targetRate, 3) + " /M/s";
}

std::string driver::describeRetiming(const ir::Module &firstFormal,
                                     const dna::Design &first,
                                     const ir::Module &formal) {
  auto scale = [](const ir::Module &m) {
    return ir::lowering::get(m.attrs, ir::lowering::ConcScaleNM);
  };
  std::string unit;
  if (scale(firstFormal) && scale(formal) &&
      *scale(firstFormal) != *scale(formal))
    unit = ", one unit taken as " + formatSignificant(*scale(formal), 3) +
           " nM instead of " + formatSignificant(*scale(firstFormal), 3) +
           " nM";
  return "map-rates: re-run on a slower time axis (" + labTime(formal) +
         " per model time unit instead of " + labTime(firstFormal) + unit +
         ") on which every DNA module realises its rate" + worstModule(first) +
         " (no toehold setting's dilution window holds its q)";
}
