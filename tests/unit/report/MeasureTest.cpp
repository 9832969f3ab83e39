//===- MeasureTest.cpp - crosstalk and predicted kinetics -----------------===//

#include "backends/report/ReportBuilder.h"
#include "lib/thermo/Spurious.h"
#include <catch2/catch.hpp>

using namespace crnc;
using namespace crnc::report;

TEST_CASE("predicted displacement rate of the three-state model",
          "[report][kinetics]") {
  // By hand: k_bind = 3e5 * 5 = 1.5e6 /M/s, k_open = 1.5e6 exp(-4.43 /
  // (0.0019872 * 298.15)) = 849.9 /s, k_bm = 1e4 / 15 = 666.7 /s, so
  // k = 1.5e6 * 666.7 / (849.9 + 666.7) = 6.594e5 /M/s.
  CHECK(predictedDisplacementRate(5, -4.43, 15, 298.15) ==
        Approx(6.594e5).epsilon(1e-3));
  // A toehold that never lets go: every binding leads to displacement.
  CHECK(predictedDisplacementRate(7, -30, 15, 298.15) ==
        Approx(2.1e6).epsilon(1e-9));
  // A weaker toehold is slower.
  CHECK(predictedDisplacementRate(5, -3, 15, 298.15) <
        predictedDisplacementRate(5, -4, 15, 298.15));
}

/// Two domains and three strands: s1 = a b, s2 = b* a* (its designed
/// complement), s3 = a (a copy of part of s1).
static sequences::SequenceDesign twoDomains() {
  sequences::SequenceDesign d;
  d.domains.push_back(
      {"a", dna::DomainKind::Long, "CTACCTTCAACTCCA", 40, 0, false});
  d.domains.push_back({"b", dna::DomainKind::Toehold, "ACATC", 40, 0, false});
  return d;
}

static std::vector<protocol::OrderStrand> threeStrands() {
  std::vector<protocol::OrderStrand> s(3);
  s[0].name = "s1", s[0].domains = "a b";
  s[1].name = "s2", s[1].domains = "b* a*";
  s[2].name = "s3", s[2].domains = "a";
  return s;
}

TEST_CASE("designed domain pairs are not crosstalk", "[report][crosstalk]") {
  thermo::Conditions cond;
  ReportSettings settings;
  Crosstalk c =
      measureCrosstalk(twoDomains(), threeStrands(), cond, settings, 1);
  REQUIRE(c.labels == std::vector<std::string>{"s1", "s2", "s3"});
  CHECK(c.strands == 3);
  CHECK(c.pairs == 6);
  // Unmasked, s1 and s2 form their 20-bp designed duplex.
  thermo::SpuriousModel model(cond);
  double designed =
      thermo::bestDuplex("CTACCTTCAACTCCAACATC", "GATGTTGGAGTTGAAGGTAG", model)
          .dG;
  CHECK(designed < -20);
  // Masked, what is left is far weaker (a few stray base pairs at most).
  CHECK(c.dG[0][1] > -5);
  for (size_t i = 0; i < 3; ++i)
    for (size_t j = 0; j < 3; ++j)
      CHECK(c.dG[i][j] == c.dG[j][i]);
  for (size_t i = 1; i < c.worst.size(); ++i)
    CHECK(c.worst[i - 1].dG <= c.worst[i].dG);
}

TEST_CASE("crosstalk is the same on any number of threads",
          "[report][crosstalk]") {
  thermo::Conditions cond;
  ReportSettings settings;
  Crosstalk one =
      measureCrosstalk(twoDomains(), threeStrands(), cond, settings, 1);
  Crosstalk three =
      measureCrosstalk(twoDomains(), threeStrands(), cond, settings, 3);
  CHECK(one.dG == three.dG);
}

TEST_CASE("the heat map keeps the strands with the strongest crosstalk",
          "[report][crosstalk]") {
  thermo::Conditions cond;
  ReportSettings settings;
  settings.heatMapRows = 2;
  Crosstalk c =
      measureCrosstalk(twoDomains(), threeStrands(), cond, settings, 1);
  CHECK(c.subset);
  CHECK(c.labels.size() == 2);
  CHECK(c.strands == 3); // every pair is still measured
  settings.crosstalkStrands = 2;
  c = measureCrosstalk(twoDomains(), threeStrands(), cond, settings, 1);
  CHECK(c.strands == 2);
  CHECK(c.ordered == 3);
}
