//===- Pipetting.cpp - volumes for a mix from stock solutions -------------===//

#include "backends/protocol/Pipetting.h"
#include "lib/support/Format.h"
#include <cmath>
#include <cstdio>

using namespace crnc;
using namespace crnc::protocol;

/// Rounds to a multiple of `step` = 10^-k, as the nearest double to the
/// decimal (13.2, not 13.200000000000001).
static double roundTo(double value, double step) {
  double perUnit = std::round(1 / step);
  return std::round(value * perUnit) / perUnit;
}

static double roundUpTo(double value, double step) {
  return std::ceil(value / step - 1e-9) * step;
}

std::string protocol::formatLabNumber(double value, int significant) {
  if (value == 0 || !std::isfinite(value))
    return formatNumber(value);
  int magnitude = int(std::floor(std::log10(std::fabs(value))));
  int decimals = std::max(0, significant - 1 - magnitude);
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), "%.*f", decimals, value);
  std::string text = buffer;
  if (text.find('.') != std::string::npos) {
    text.erase(text.find_last_not_of('0') + 1);
    if (text.back() == '.')
      text.pop_back();
  }
  return text;
}

double protocol::dilutionFactor(double volumeUL, double minUL) {
  static const double mantissas[] = {2, 5, 10};
  for (double decade = 1;; decade *= 10)
    for (double m : mantissas)
      if (volumeUL * m * decade >= minUL)
        return m * decade;
}

static llvm::Error unreachable(const llvm::Twine &message) {
  return llvm::createStringError(std::errc::invalid_argument,
                                 message.str().c_str());
}

/// The line of one component: its volume, from a dilution when too small.
static MixLine planLine(const Component &c, double preparedUL,
                        const BufferSpec &buffer, const MixSettings &s) {
  MixLine line;
  line.component = c;
  double volume = c.finalNM * preparedUL / c.stockNM;
  double strength = c.stockBuffer;
  if (volume < s.minPipetteUL) {
    Dilution d;
    d.factor = dilutionFactor(volume, s.minPipetteUL);
    d.concentrationNM = c.stockNM / d.factor;
    volume *= d.factor;
    // Enough of the dilution for this line and 10% to spare, at least 1 uL
    // of stock so the dilution itself is pipetted accurately.
    d.stockUL = std::max(1.0, roundUpTo(1.1 * volume / d.factor, 0.1));
    d.diluentUL = d.stockUL * (d.factor - 1);
    strength =
        (c.stockBuffer + (d.factor - 1) * buffer.finalStrength) / d.factor;
    line.dilution = d;
  }
  line.volumeUL = roundTo(volume, 0.01);
  line.magnesiumMM =
      strength * buffer.magnesiumAt1x * line.volumeUL / preparedUL;
  return line;
}

llvm::Expected<Mix> protocol::planMix(std::string name,
                                      const std::vector<Component> &components,
                                      const BufferSpec &buffer,
                                      const MixSettings &s) {
  if (!(s.volumeUL > 0) || !(s.overagePercent >= 0) || !(s.minPipetteUL > 0))
    return unreachable("mix '" + name + "': volumes must be positive");
  Mix mix;
  mix.name = std::move(name);
  mix.usableUL = s.volumeUL;
  mix.preparedUL = roundTo(s.volumeUL * (1 + s.overagePercent / 100), 0.01);
  double used = 0, bufferFromStocks = 0, magnesium = 0;
  for (const Component &c : components) {
    if (!(c.finalNM >= 0) || !(c.stockNM > 0))
      return unreachable("mix '" + mix.name + "': '" + c.name +
                         "' needs a non-negative concentration and a "
                         "positive stock");
    if (c.finalNM > c.stockNM)
      return unreachable("mix '" + mix.name + "': " + formatNumber(c.finalNM) +
                         " nM of '" + c.name +
                         "' is unreachable from its stock at " +
                         formatNumber(c.stockNM) + " nM");
    if (c.finalNM == 0)
      continue;
    MixLine line = planLine(c, mix.preparedUL, buffer, s);
    used += line.volumeUL;
    bufferFromStocks +=
        line.magnesiumMM * mix.preparedUL / buffer.magnesiumAt1x;
    magnesium += line.magnesiumMM;
    mix.lines.push_back(std::move(line));
  }
  double bufferNeeded =
      buffer.finalStrength * mix.preparedUL - bufferFromStocks;
  mix.bufferUL =
      std::max(0.0, roundTo(bufferNeeded / buffer.stockStrength, 0.01));
  mix.requiredUL = roundTo(used + mix.bufferUL, 0.01);
  mix.fits = mix.requiredUL <= mix.preparedUL + 1e-9;
  mix.waterUL = mix.fits ? roundTo(mix.preparedUL - mix.requiredUL, 0.01) : 0;
  mix.bufferMagnesiumMM = mix.bufferUL * buffer.stockStrength *
                          buffer.magnesiumAt1x / mix.preparedUL;
  mix.finalMagnesiumMM = magnesium + mix.bufferMagnesiumMM;
  mix.finalBufferStrength = mix.finalMagnesiumMM / buffer.magnesiumAt1x;
  return mix;
}

/// The largest value of the 1-2-5 series (1, 2, 5, 10, ...) at most `limit`.
static double seriesFloor(double limit) {
  double best = 0;
  for (double decade = 1; decade <= limit; decade *= 10)
    for (double m : {1.0, 2.0, 5.0})
      if (m * decade <= limit)
        best = m * decade;
  return best;
}

llvm::Expected<std::optional<Pool>>
protocol::planPool(std::string name, const std::vector<Component> &components,
                   double targetPreparedUL, const BufferSpec &buffer,
                   const MixSettings &settings) {
  double reachable = HUGE_VAL, share = 0;
  for (const Component &c : components) {
    if (!(c.finalNM > 0) || !(c.stockNM > 0))
      continue;
    reachable = std::min(reachable, c.stockNM / c.finalNM);
    share += c.finalNM / c.stockNM;
  }
  double room = 1 - buffer.finalStrength / buffer.stockStrength;
  if (!(share > 0) || !(room > 0))
    return std::nullopt;
  double factor = seriesFloor(std::min(reachable, room / share));
  if (factor < 2)
    return std::nullopt;
  std::vector<Component> scaled = components;
  for (Component &c : scaled)
    c.finalNM *= factor;
  MixSettings poolSettings = settings;
  double needed = roundUpTo(targetPreparedUL / factor, 1);
  for (double volume : {20.0, 50.0, 100.0, 200.0, 500.0, 1000.0}) {
    poolSettings.volumeUL = std::max(volume, needed);
    llvm::Expected<Mix> mix = planMix(name, scaled, buffer, poolSettings);
    if (!mix)
      return mix.takeError();
    if (mix->fits)
      return Pool{std::move(*mix), factor};
  }
  return std::nullopt;
}
