//===- ThermoReferenceTest.cpp - lib/thermo against primer3 and Biopython -===//
//
// Reference values made by make_references.py in this folder:
//   /usr/bin/python3 make_references.py
// with Debian primer3 2.4 and python3-biopython 1.80:
//   oligotm -tp 1 -sc 2 -mv 50 -dv 0 -n 0 -d 50 SEQ       (SantaLucia 1998,
//       Owczarzy 2004 Na+; 50 nM total strands, i.e. 25 + 25 nM)
//   Bio.SeqUtils.MeltingTemp.Tm_NN(SEQ, nn_table=DNA_NN3, saltcorr=7,
//       dnac1=25, dnac2=25, selfcomp=...) with Na=50; with Na=0, Tris=40,
//       Mg=12.5 (1x TAE/Mg); with Na=0, Mg=10      (Owczarzy 2008)
//   ntthal -mv 1000 -dv 0 -n 0 -d 50 -t 37|25 -s1 SEQ -s2 revcomp(SEQ)
//       (dG of the perfect duplex at 1 M Na+, where no salt term applies)
// Tolerances (issue 15): Tm within 0.5 C, dG within 0.3 kcal/mol.
//
//===----------------------------------------------------------------------===//

#include "lib/thermo/NearestNeighbor.h"
#include <catch2/catch.hpp>

using namespace crnc::thermo;

namespace {
struct Reference {
  const char *sequence;
  double oligotmNa50, biopythonNa50, biopythonTAE, biopythonMg10;
  double ntthalDG37, ntthalDG25;
};

const Reference references[] = {
    {"ACGTTGCAGTCCATGA", 46.679, 46.682, 56.479, 56.877, -20.137, -24.089},
    {"CGCGAATTCGCG", 44.043, 42.683, 51.302, 51.862, -16.684, -19.954},
    {"TTCTACCTATGTGAT", 32.046, 32.049, 43.127, 43.677, -14.716, -18.244},
    {"GCATGCATGC", 31.221, 29.589, 39.144, 39.948, -12.313, -14.839},
    {"AAAAATTTTTAAAAAT", 21.741, 21.744, 35.585, 36.294, -12.428, -16.273},
    {"GGGACCCTTAGGCCA", 49.661, 49.664, 57.714, 58.040, -19.582, -23.127},
    {"AACCAACGCAGTGGTG", 49.208, 49.211, 58.352, 58.703, -20.990, -25.022},
    {"CCGGCGTCTTTATGTGTTATA", 48.920, 48.922, 58.965, 59.208, -24.638, -29.972},
    {"CCAGTCAATAATGTCC", 38.655, 38.658, 48.726, 49.154, -17.258, -21.221},
    {"GACGGCGTTGTAGTCATTTAGAGAATA", 53.687, 53.689, 63.731, 63.843, -31.795,
     -38.729},
    {"CTTTAATATCTGAAAGTT", 32.695, 32.698, 44.577, 45.063, -16.396, -20.811},
    {"AGTGATTAGTACGCTGGCGTG", 54.406, 54.408, 63.521, 63.689, -27.032, -32.432},
    {"GCGACATGCG", 34.556, 34.560, 43.249, 43.999, -13.384, -16.016},
    {"GGTTATAACTCCG", 30.612, 30.615, 40.619, 41.205, -13.449, -16.666},
    {"TCATCGTTAGGCGGCATCAAG", 54.767, 54.770, 63.902, 64.071, -27.139, -32.508},
    {"ATCCGCAGTCTCGCCT", 52.864, 52.867, 61.391, 61.695, -21.951, -25.910},
    {"TTCTATGTCATGTCAATTAGTTGTT", 46.484, 46.486, 57.882, 58.137, -26.418,
     -32.639},
    {"TACGTTGTACCCTATGGTGCGTAG", 55.701, 55.703, 64.876, 64.977, -29.948,
     -36.063},
    {"GCGGCTCCTACCTTCGT", 54.329, 54.332, 62.429, 62.660, -23.252, -27.541},
    {"TTTCGTGGTGGACTCCACGGCCTGTCCTGC", 69.626, 69.628, 77.159, 77.013, -43.443,
     -51.160},
    {"CGAAGACAGTGGGGGTTATCTACTCA", 57.304, 57.306, 66.390, 66.444, -32.133,
     -38.656},
    {"AATTGCCGACA", 29.263, 29.267, 39.993, 40.779, -12.725, -15.344},
    {"GATACATTCCCTCCTGTAACT", 47.573, 47.575, 57.533, 57.774, -23.501, -28.643},
    {"GGAGCACGTCTGATCATGCCCAAGGCCC", 67.764, 67.766, 75.217, 75.100, -39.944,
     -47.127},
};

Conditions sodium(double mM) {
  Conditions c;
  c.sodiumMilliMolar = mM;
  c.magnesiumMilliMolar = 0;
  return c;
}

bool selfComplementary(const char *s) { return reverseComplement(s) == s; }
} // namespace

TEST_CASE("Tm matches oligotm at 50 mM Na+ (Owczarzy 2004)", "[thermo]") {
  for (const Reference &r : references) {
    INFO(r.sequence);
    // oligotm counts all 50 nM for a self-complementary strand.
    double c1 = selfComplementary(r.sequence) ? 50 : 25;
    CHECK(meltingTemperatureC(r.sequence, c1, 25, sodium(50)) ==
          Approx(r.oligotmNa50).margin(0.5));
  }
}

TEST_CASE("Tm matches Biopython Tm_NN(DNA_NN3, saltcorr=7)", "[thermo]") {
  Conditions
      tae; // the defaults: 20 mM Na+ equivalent (40 mM Tris), 12.5 mM Mg2+
  Conditions mg10;
  mg10.sodiumMilliMolar = 0;
  mg10.magnesiumMilliMolar = 10;
  for (const Reference &r : references) {
    INFO(r.sequence);
    CHECK(meltingTemperatureC(r.sequence, 25, 25, sodium(50)) ==
          Approx(r.biopythonNa50).margin(0.5));
    CHECK(meltingTemperatureC(r.sequence, 25, 25, tae) ==
          Approx(r.biopythonTAE).margin(0.5));
    CHECK(meltingTemperatureC(r.sequence, 25, 25, mg10) ==
          Approx(r.biopythonMg10).margin(0.5));
  }
}

TEST_CASE("duplex dG matches ntthal at 1 M Na+, 37 C and 25 C", "[thermo]") {
  Conditions c = sodium(1000);
  for (const Reference &r : references) {
    INFO(r.sequence);
    // ntthal leaves the symmetry correction out of a self-dimer's dG.
    auto symmetry = [&](double kelvin) {
      return selfComplementary(r.sequence) ? symmetryCorrection().dG(kelvin)
                                           : 0.0;
    };
    c.temperatureC = 37;
    CHECK(duplexDG(r.sequence, c) - symmetry(310.15) ==
          Approx(r.ntthalDG37).margin(0.3));
    c.temperatureC = 25;
    CHECK(duplexDG(r.sequence, c) - symmetry(298.15) ==
          Approx(r.ntthalDG25).margin(0.3));
  }
}

TEST_CASE("SantaLucia 1998 dG37 of the ten stacks", "[thermo]") {
  // PNAS 95:1460, Table 2, dG37 column (kcal/mol), within rounding.
  struct {
    const char *pair;
    double dG37;
  } table[] = {{"AA", -1.00}, {"AT", -0.88}, {"TA", -0.58}, {"CA", -1.45},
               {"GT", -1.44}, {"CT", -1.28}, {"GA", -1.30}, {"CG", -2.17},
               {"GC", -2.24}, {"GG", -1.84}};
  for (auto &row : table) {
    INFO(row.pair);
    Thermo s = stack(baseCode(row.pair[0]), baseCode(row.pair[1]));
    CHECK(s.dG(310.15) == Approx(row.dG37).margin(0.02));
    // The reverse complement is the same stack.
    std::string rc = reverseComplement(row.pair);
    Thermo r = stack(baseCode(rc[0]), baseCode(rc[1]));
    CHECK(r.dH == s.dH);
    CHECK(r.dS == s.dS);
  }
}

TEST_CASE("salt: more cations stabilise, Mg2+ dominates TAE", "[thermo]") {
  const char *s = "ACGTTGCAGTCCATGA";
  Conditions tae;
  double dgTAE = duplexDG(s, tae);
  double dg20 = duplexDG(s, sodium(20));
  double dg1M = duplexDG(s, sodium(1000));
  CHECK(dgTAE < dg20);
  CHECK(dg1M < dg20);
  // Tm and dG agree: at Tm with c1 = c2 = 25 nM, dG = RT ln(12.5 nM).
  double tm = meltingTemperatureC(s, 25, 25, tae);
  Conditions atTm = tae;
  atTm.temperatureC = tm;
  CHECK(duplexDG(s, atTm) ==
        Approx(GasConstant * (tm + 273.15) * std::log(12.5e-9) / 1000.0)
            .margin(1e-6));
}
