//===- SpuriousTest.cpp - unintended duplex and hairpin estimates ---------===//
//
// Closed forms: a perfect duplex found by the alignment equals duplexThermo;
// masks remove the intended pairs. Reference structures from primer3 2.4:
//   ntthal -mv 1000 -dv 0 -n 0 -d 50 -t 25 -a ANY -s1 A -s2 B   (dimers)
//   ntthal -mv 1000 -dv 0 -n 0 -d 50 -t 25 -a HAIRPIN -s1 S    (hairpins)
// ntthal also scores dangling ends and every mismatch stack, which this
// estimate leaves out: each structure within 3.5 kcal/mol, and the mean
// absolute deviation under 1.2 kcal/mol.
//
//===----------------------------------------------------------------------===//

#include "lib/thermo/Spurious.h"
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

using namespace crnc::thermo;

static Conditions oneMolarSodium(double celsius) {
  Conditions c;
  c.temperatureC = celsius;
  c.sodiumMilliMolar = 1000;
  c.magnesiumMilliMolar = 0;
  return c;
}

TEST_CASE("a perfect duplex is found whole", "[thermo][spurious]") {
  Conditions c = oneMolarSodium(25);
  SpuriousModel model(c);
  for (const char *s :
       {"ACGTTGCAGTCCATGA", "TTCTACCTATGTGAT", "GGGACCCTTAGGCCA"}) {
    INFO(s);
    SpuriousStructure d = bestDuplex(s, reverseComplement(s), model);
    CHECK(d.basePairs == std::string(s).size());
    CHECK(d.dG == Approx(duplexDG(s, c)).margin(1e-3));
    CHECK(d.firstA == 0);
    CHECK(d.lastA == std::string(s).size() - 1);
  }
}

TEST_CASE("pair keys exclude the intended duplex", "[thermo][spurious]") {
  SpuriousModel model(Conditions{});
  std::string s = "ACTTCACCATCTACA", rc = reverseComplement(s);
  std::vector<uint64_t> keysA(s.size()), keysB(s.size());
  for (size_t k = 0; k < s.size(); ++k) {
    keysA[k] = k + 1;
    keysB[s.size() - 1 - k] = k + 1;
  }
  double full = bestDuplex(s, rc, model).dG;
  double masked = bestDuplex(s, rc, model, keysA, keysB).dG;
  CHECK(full < -15);
  CHECK(masked > full / 3);
}

TEST_CASE("three-letter strands pair only A.T", "[thermo][spurious]") {
  SpuriousModel model(Conditions{});
  // No G on either strand: C cannot pair, so only A.T stretches count.
  SpuriousStructure d = bestDuplex("CCACCTCACCTCC", "CCTCACCACCTCC", model);
  CHECK(d.dG == 0);
  CHECK(d.basePairs == 0);
}

TEST_CASE("dimers and hairpins agree with ntthal", "[thermo][spurious]") {
  SpuriousModel model(oneMolarSodium(25));
  struct {
    const char *a, *b;
    double ntthalDG;
  } dimers[] = {
#include "NtthalDimers.inc"
  };
  double deviation = 0;
  unsigned count = 0;
  for (auto &r : dimers) {
    INFO(r.a << " / " << r.b);
    double dG = bestDuplex(r.a, r.b, model).dG;
    CHECK(dG == Approx(r.ntthalDG).margin(3.5));
    deviation += std::abs(dG - r.ntthalDG), ++count;
  }
  struct {
    const char *s;
    double ntthalDG;
  } hairpins[] = {
#include "NtthalHairpins.inc"
  };
  for (auto &r : hairpins) {
    INFO(r.s);
    double dG = bestHairpin(r.s, model).dG;
    CHECK(dG == Approx(r.ntthalDG).margin(3.5));
    deviation += std::abs(dG - r.ntthalDG), ++count;
  }
  INFO("mean absolute deviation " << deviation / count);
  CHECK(deviation / count < 1.2);
}
