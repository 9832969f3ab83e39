// Designs: fuel deduplication up to rotation, naming, costs.
#include "lib/dna/Design.h"
#include "lib/dna/KernelNotation.h"
#include <catch2/catch.hpp>

using namespace crnc;
using namespace crnc::dna;

namespace {
struct Fixture {
  llvm::SourceMgr sm;
  DiagnosticEngine diags{sm};
  Design design;
  Complex parse(llvm::StringRef text) {
    auto c = parseKernelString(text, design.domains, diags);
    REQUIRE(c);
    return *c;
  }
};
} // namespace

TEST_CASE("fuels are deduplicated up to rotation and named f1, f2, ...") {
  Fixture f;
  f.design.domains.add("t", 5, DomainKind::Toehold);
  f.design.domains.add("x", 15, DomainKind::Long);
  f.design.domains.add("h", 15, DomainKind::History);
  ComplexIndex a = f.design.addFuel(f.parse("x( t + ) h"), 100);
  ComplexIndex b = f.design.addFuel(f.parse("x t"), 100);
  ComplexIndex c = f.design.addFuel(f.parse("h x( t + )"), 100);
  ComplexIndex again = f.design.addFuel(f.parse("x( t + ) h").rotated(1), 100);
  CHECK(a != b);
  CHECK(c != a); // h on the other strand: a different molecule
  CHECK(again == a);
  CHECK(f.design.getComplex(a).name == "f1");
  CHECK(f.design.getComplex(b).name == "f2");
  CHECK(f.design.getComplex(c).name == "f3");
  CHECK(f.design.getComplex(a).constant);
}

TEST_CASE("costs count distinct strands and nucleotides") {
  Fixture f;
  f.design.domains.add("t", 5, DomainKind::Toehold);
  f.design.domains.add("x", 15, DomainKind::Long);
  f.design.domains.add("h1", 15, DomainKind::History);
  f.design.domains.add("h2", 15, DomainKind::History);
  NamedComplex signal;
  signal.name = "X";
  signal.role = ComplexRole::Signal;
  signal.complex = f.parse("h1 t x");
  f.design.add(signal);
  ComplexIndex gate = f.design.addFuel(f.parse("h2( t( x + ) ) t*"), 100);
  ComplexIndex strand = f.design.addFuel(f.parse("h2 t x"), 100);
  f.design.modules.push_back(
      ReactionModule{"-> X", {gate, strand}, {}, {}, {}, {}, {}});
  DesignCosts costs = computeCosts(f.design);
  REQUIRE(costs.perModule.size() == 1);
  // Strands: h2 t x (35 nt, in both fuels: counted once), t* t* h2* (25 nt).
  CHECK(costs.perModule[0].complexes == 2);
  CHECK(costs.perModule[0].strands == 2);
  CHECK(costs.perModule[0].nucleotides == 60);
  CHECK(costs.signals.nucleotides == 35);
  CHECK(costs.total.strands == 3);
  CHECK(costs.total.nucleotides == 95);
  // h1 t x and h2 t x differ only in their history domain.
  CHECK(costs.total.strandsModuloHistory == 2);
  CHECK(costs.total.nucleotidesModuloHistory == 60);
}
