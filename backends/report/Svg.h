//===- Svg.h - inline SVG plots for the report -----------------*- C++ -*-===//
//
// Two kinds of figure, written as standalone <svg> elements that an HTML page
// embeds inline (no scripts, no external resources): line plots with labelled
// axes, "nice" ticks (1, 2, 5 times a power of ten) and a legend, and heat
// maps with a colour scale. Every text is escaped; every number reaches the
// markup through lib/support/Format.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_BACKENDS_REPORT_SVG_H
#define CRNC_BACKENDS_REPORT_SVG_H

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace crnc::report {

struct Series {
  std::string label;
  std::vector<double> x, y; ///< same length; non-finite points are skipped
  bool dashed = false;
  int colour = 0; ///< index into the palette
};

struct LinePlot {
  std::string title, xLabel, yLabel; ///< axis labels carry their units
  std::vector<Series> series;
  /// Fixed y range (e.g. 0..1 for accuracies); unset: from the data.
  std::optional<std::pair<double, double>> yRange;
  unsigned width = 520, height = 300;
};

struct HeatMap {
  std::string title, unit; ///< unit of the cell values (kcal/mol)
  std::vector<std::string> labels;
  std::vector<std::vector<double>> values; ///< square, row-major
  /// Colour scale from `low` (darkest) to `high` (white): values at or above
  /// `high` are white.
  double low = -10, high = 0;
  /// A threshold drawn as an outline around cells below it.
  std::optional<double> mark;
};

/// Ticks covering [lo, hi]: about `count` values at a 1/2/5 x 10^k step.
std::vector<double> niceTicks(double lo, double hi, unsigned count = 5);

/// The <svg> element of a line plot. An empty plot (no finite point) still
/// has axes and says "no data".
std::string renderLinePlot(const LinePlot &plot);
/// The <svg> element of a heat map.
std::string renderHeatMap(const HeatMap &map);

} // namespace crnc::report

#endif
