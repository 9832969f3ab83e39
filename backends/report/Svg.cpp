//===- Svg.cpp - inline SVG plots for the report --------------------------===//

#include "backends/report/Svg.h"
#include "lib/support/Format.h"
#include <algorithm>
#include <cmath>

using namespace crnc;
using namespace crnc::report;

/// Colour-blind-safe palette (Okabe & Ito, 2008).
static const char *const palette[] = {"#0072B2", "#D55E00", "#009E73",
                                      "#CC79A7", "#E69F00", "#56B4E9",
                                      "#F0E442", "#000000"};

/// A pixel coordinate: one decimal is plenty.
static std::string px(double v) {
  return formatNumber(std::round(v * 10) / 10);
}

/// A tick label: short, but exact for 1/2/5 steps.
static std::string tickLabel(double v) {
  if (std::abs(v) < 1e-12)
    return "0";
  return formatSignificant(v, 4);
}

std::vector<double> report::niceTicks(double lo, double hi, unsigned count) {
  if (!(hi > lo) || !std::isfinite(lo) || !std::isfinite(hi))
    return {lo};
  double raw = (hi - lo) / std::max(1u, count);
  double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = magnitude;
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * magnitude >= raw) {
      step = m * magnitude;
      break;
    }
  std::vector<double> ticks;
  for (double t = std::ceil(lo / step - 1e-9) * step; t <= hi + step * 1e-9;
       t += step)
    ticks.push_back(std::abs(t) < step * 1e-9 ? 0.0 : t);
  return ticks;
}

namespace {
/// Data range and the map from data to pixels of one axis.
struct Axis {
  double lo = 0, hi = 1;
  double from = 0, to = 1; ///< pixels of lo and hi
  double operator()(double v) const {
    return from + (v - lo) / (hi - lo) * (to - from);
  }
};
} // namespace

/// [lo, hi] of the finite values, widened when empty or flat.
static std::pair<double, double> rangeOf(const std::vector<Series> &series,
                                         bool xs) {
  double lo = INFINITY, hi = -INFINITY;
  for (const Series &s : series)
    for (size_t i = 0; i < s.x.size() && i < s.y.size(); ++i)
      if (std::isfinite(s.x[i]) && std::isfinite(s.y[i])) {
        double v = xs ? s.x[i] : s.y[i];
        lo = std::min(lo, v), hi = std::max(hi, v);
      }
  if (!std::isfinite(lo))
    return {0, 1};
  if (hi - lo <= std::abs(hi) * 1e-12) {
    double pad = hi == 0 ? 1 : std::abs(hi) * 0.1;
    return {lo - pad, hi + pad};
  }
  return {lo, hi};
}

static std::string svgOpen(unsigned width, unsigned height,
                           const std::string &title) {
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" +
         std::to_string(width) + "\" height=\"" + std::to_string(height) +
         "\" viewBox=\"0 0 " + std::to_string(width) + " " +
         std::to_string(height) +
         "\" font-family=\"sans-serif\" font-size=\"11\" role=\"img\">"
         "<title>" +
         escapeMarkup(title) + "</title>\n";
}

static std::string text(double x, double y, const std::string &content,
                        const char *anchor = "middle",
                        const std::string &extra = "") {
  return "<text x=\"" + px(x) + "\" y=\"" + px(y) + "\" text-anchor=\"" +
         anchor + "\"" + extra + ">" + escapeMarkup(content) + "</text>";
}

static std::string line(double x1, double y1, double x2, double y2,
                        const char *stroke) {
  return "<line x1=\"" + px(x1) + "\" y1=\"" + px(y1) + "\" x2=\"" + px(x2) +
         "\" y2=\"" + px(y2) + "\" stroke=\"" + stroke + "\"/>";
}

/// Frame, grid, ticks and axis labels.
static std::string axes(const LinePlot &plot, const Axis &x, const Axis &y) {
  std::string out;
  for (double t : niceTicks(x.lo, x.hi, 6)) {
    out += line(x(t), y.from, x(t), y.to, "#e4e4e4");
    out += text(x(t), y.from + 14, tickLabel(t));
  }
  for (double t : niceTicks(y.lo, y.hi, 5)) {
    out += line(x.from, y(t), x.to, y(t), "#e4e4e4");
    out += text(x.from - 4, y(t) + 4, tickLabel(t), "end");
  }
  out += "<rect x=\"" + px(x.from) + "\" y=\"" + px(y.to) + "\" width=\"" +
         px(x.to - x.from) + "\" height=\"" + px(y.from - y.to) +
         "\" fill=\"none\" stroke=\"#555\"/>\n";
  out += text((x.from + x.to) / 2, y.from + 30, plot.xLabel);
  double mid = (y.from + y.to) / 2;
  out += text(14, mid, plot.yLabel, "middle",
              " transform=\"rotate(-90 14 " + px(mid) + ")\"");
  out += text((x.from + x.to) / 2, 14, plot.title, "middle",
              " font-weight=\"bold\"");
  return out + "\n";
}

static std::string polyline(const Series &s, const Axis &x, const Axis &y) {
  std::string points;
  for (size_t i = 0; i < s.x.size() && i < s.y.size(); ++i)
    if (std::isfinite(s.x[i]) && std::isfinite(s.y[i]))
      points +=
          (points.empty() ? "" : " ") + px(x(s.x[i])) + "," + px(y(s.y[i]));
  if (points.empty())
    return "";
  const char *colour = palette[s.colour % 8];
  std::string out = "<polyline fill=\"none\" stroke=\"" + std::string(colour) +
                    "\" stroke-width=\"1.8\"" +
                    (s.dashed ? " stroke-dasharray=\"6 3\"" : "") +
                    " points=\"" + points + "\"/>\n";
  if (s.x.size() <= 40) // few points (epochs): mark each
    for (size_t i = 0; i < s.x.size() && i < s.y.size(); ++i)
      if (std::isfinite(s.x[i]) && std::isfinite(s.y[i]))
        out += "<circle cx=\"" + px(x(s.x[i])) + "\" cy=\"" + px(y(s.y[i])) +
               "\" r=\"2.5\" fill=\"" + colour + "\"/>";
  return out;
}

std::string report::renderLinePlot(const LinePlot &plot) {
  const double legendWidth = 150;
  Axis x, y;
  std::tie(x.lo, x.hi) = rangeOf(plot.series, true);
  std::tie(y.lo, y.hi) =
      plot.yRange ? *plot.yRange : rangeOf(plot.series, false);
  x.from = 64, x.to = plot.width - legendWidth - 10;
  y.from = plot.height - 42.0, y.to = 24;
  std::string out = svgOpen(plot.width, plot.height, plot.title);
  out += axes(plot, x, y);
  bool any = false;
  for (const Series &s : plot.series) {
    std::string p = polyline(s, x, y);
    any = any || !p.empty();
    out += p;
  }
  if (!any)
    out += text((x.from + x.to) / 2, (y.from + y.to) / 2, "no data");
  double ly = y.to + 8;
  for (const Series &s : plot.series) {
    double lx = plot.width - legendWidth;
    out += "<line x1=\"" + px(lx) + "\" y1=\"" + px(ly) + "\" x2=\"" +
           px(lx + 22) + "\" y2=\"" + px(ly) + "\" stroke=\"" +
           palette[s.colour % 8] + "\" stroke-width=\"2\"" +
           (s.dashed ? " stroke-dasharray=\"6 3\"" : "") + "/>";
    out += text(lx + 27, ly + 4, s.label, "start") + "\n";
    ly += 16;
  }
  return out + "</svg>";
}

/// White at t = 0 to dark red at t = 1 (linear in RGB).
static std::string heatColour(double t) {
  t = std::clamp(t, 0.0, 1.0);
  int r = int(std::lround(255 - t * (255 - 127)));
  int g = int(std::lround(255 - t * 255));
  int b = int(std::lround(255 - t * 255));
  char buffer[8];
  std::snprintf(buffer, sizeof(buffer), "#%02x%02x%02x", r, g, b);
  return buffer;
}

static std::string colourScale(const HeatMap &map, double x0, double y0) {
  std::string out;
  const int steps = 20;
  for (int i = 0; i < steps; ++i)
    out += "<rect x=\"" + px(x0 + i * 8) + "\" y=\"" + px(y0) +
           "\" width=\"8\" height=\"10\" fill=\"" +
           heatColour(1 - double(i) / (steps - 1)) + "\"/>";
  out += text(x0, y0 + 22, tickLabel(map.low), "start");
  out += text(x0 + steps * 8, y0 + 22, tickLabel(map.high) + " " + map.unit,
              "end");
  if (map.mark)
    out += text(x0 + steps * 8 + 8, y0 + 9,
                "outlined: below " + tickLabel(*map.mark) + " " + map.unit,
                "start");
  return out + "\n";
}

std::string report::renderHeatMap(const HeatMap &map) {
  size_t n = map.labels.size();
  double cell = n <= 24 ? 22 : n <= 40 ? 16 : 11;
  size_t longest = 0;
  for (const std::string &l : map.labels)
    longest = std::max(longest, l.size());
  double margin = 10 + 6.5 * std::min<size_t>(longest, 24);
  double width = std::max(margin + n * cell + 20, 420.0);
  double height = margin + n * cell + 60;
  std::string out = svgOpen(unsigned(width), unsigned(height), map.title);
  auto label = [&](const std::string &l) {
    return l.size() > 24 ? l.substr(0, 23) + "…" : l;
  };
  for (size_t i = 0; i < n; ++i) {
    double c = margin + (i + 0.5) * cell + 3;
    out += text(margin - 4, c, label(map.labels[i]), "end");
    out += text(c - 3, margin - 4, label(map.labels[i]), "start",
                " transform=\"rotate(-90 " + px(c - 3) + " " + px(margin - 4) +
                    ")\"");
  }
  out += "\n";
  double span = map.high - map.low;
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < n; ++j) {
      double v = map.values[i][j];
      double t = span > 0 ? (map.high - v) / span : 0;
      bool marked = map.mark && v < *map.mark;
      out += "<rect x=\"" + px(margin + j * cell) + "\" y=\"" +
             px(margin + i * cell) + "\" width=\"" + px(cell) + "\" height=\"" +
             px(cell) + "\" fill=\"" + heatColour(t) + "\" stroke=\"" +
             (marked ? "#000" : "#ddd") + "\"" +
             (marked ? " stroke-width=\"1.5\"" : "") + "><title>" +
             escapeMarkup(map.labels[i] + " / " + map.labels[j] + ": " +
                          formatSignificant(v, 3) + " " + map.unit) +
             "</title></rect>";
    }
  out += "\n" + colourScale(map, margin, margin + n * cell + 14);
  return out + "</svg>";
}
