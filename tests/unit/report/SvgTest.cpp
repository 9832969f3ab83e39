//===- SvgTest.cpp - inline SVG figures -----------------------------------===//

#include "backends/report/Svg.h"
#include <catch2/catch.hpp>
#include <regex>

using namespace crnc::report;

/// Every element opened is closed in order (self-closing ones skipped), so
/// the SVG is well-formed XML as far as its tags go.
static bool balanced(const std::string &xml) {
  std::vector<std::string> stack;
  std::regex tag("<(/?)([a-zA-Z]+)[^>]*?(/?)>");
  for (auto it = std::sregex_iterator(xml.begin(), xml.end(), tag);
       it != std::sregex_iterator(); ++it) {
    const std::smatch &m = *it;
    if (m[3] == "/")
      continue;
    if (m[1] == "/") {
      if (stack.empty() || stack.back() != m[2])
        return false;
      stack.pop_back();
    } else {
      stack.push_back(m[2]);
    }
  }
  return stack.empty();
}

static size_t count(const std::string &text, const std::string &what) {
  size_t n = 0;
  for (size_t p = text.find(what); p != std::string::npos;
       p = text.find(what, p + 1))
    ++n;
  return n;
}

TEST_CASE("nice ticks are 1, 2 or 5 times a power of ten", "[report][svg]") {
  CHECK(niceTicks(0, 1, 5) ==
        std::vector<double>{0, 0.2, 0.4, 0.6000000000000001, 0.8, 1});
  // A raw step of 18.8 rounds up to 20.
  CHECK(niceTicks(3, 97, 5) == std::vector<double>{20, 40, 60, 80});
  CHECK(niceTicks(2, 2).size() == 1); // an empty range is one tick
}

TEST_CASE("a line plot is well-formed and escapes its text", "[report][svg]") {
  LinePlot plot;
  plot.title = "X <&> \"Y\"";
  plot.xLabel = "time (s)";
  plot.yLabel = "concentration (nM)";
  plot.series = {{"formal <A>", {0, 1, 2}, {0, 5, 10}, true, 0},
                 {"dna & co", {0, 1, 2}, {0, 4, 9}, false, 1}};
  std::string svg = renderLinePlot(plot);
  CHECK(balanced(svg));
  CHECK(svg.find("X &lt;&amp;&gt; &quot;Y&quot;") != std::string::npos);
  CHECK(svg.find("formal &lt;A&gt;") != std::string::npos);
  CHECK(svg.find("dna &amp; co") != std::string::npos);
  CHECK(svg.find("<A>") == std::string::npos);
  CHECK(count(svg, "<polyline") == 2);
  CHECK(count(svg, "stroke-dasharray") == 2); // the dashed line, its legend
  // y from 0 to 10 maps to pixels 258 (bottom) to 24 (top): the last point
  // of the first series sits at the top right corner of the plot area.
  CHECK(svg.find("points=\"64,258 ") != std::string::npos);
  CHECK(svg.find(",24\"/>") != std::string::npos);
}

TEST_CASE("a plot without finite data says so", "[report][svg]") {
  LinePlot plot;
  plot.series = {{"empty", {0, 1}, {NAN, NAN}, false, 0}};
  std::string svg = renderLinePlot(plot);
  CHECK(balanced(svg));
  CHECK(svg.find("no data") != std::string::npos);
  CHECK(svg.find("<polyline") == std::string::npos);
}

TEST_CASE("a heat map has one cell per pair", "[report][svg]") {
  HeatMap map;
  map.title = "crosstalk";
  map.unit = "kcal/mol";
  map.labels = {"a", "b<", "c"};
  map.values = {{0, -1, -2}, {-1, -3, 0}, {-2, 0, -10}};
  map.low = -10;
  std::string svg = renderHeatMap(map);
  CHECK(balanced(svg));
  CHECK(count(svg, "<rect") == 9 + 20); // cells and the colour scale
  CHECK(svg.find("b&lt; / c: 0 kcal/mol") != std::string::npos);
  // The strongest value is the darkest colour, zero is white.
  CHECK(std::regex_search(svg, std::regex("fill=\"#7f0000\"[^>]*><title>c / "
                                          "c: -10 kcal/mol</title>")));
  CHECK(std::regex_search(
      svg, std::regex("fill=\"#ffffff\"[^>]*><title>a / a: 0 kcal/mol")));
}
