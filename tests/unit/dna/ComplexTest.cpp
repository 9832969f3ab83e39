// Complexes as values: canonical rotation, stable hash, structural checks.
#include "lib/dna/Complex.h"
#include "lib/dna/KernelNotation.h"
#include <catch2/catch.hpp>

using namespace crnc;
using namespace crnc::dna;

namespace {
struct Fixture {
  llvm::SourceMgr sm;
  DiagnosticEngine diags{sm};
  CapturedDiagnostics captured{diags};
  DomainTable domains;
  Complex parse(llvm::StringRef text) {
    auto c = parseKernelString(text, domains, diags);
    REQUIRE(c);
    return *c;
  }
};
} // namespace

TEST_CASE("rotations of one complex share a canonical form and hash") {
  Fixture f;
  Complex c = f.parse("a( b( + c( + ) ) ) d");
  REQUIRE(c.strandCount() == 3);
  for (size_t r = 0; r < 3; ++r) {
    Complex rot = c.rotated(r);
    CHECK(rot.isSameMolecule(c));
    CHECK(rot.hash() == c.hash());
    CHECK(rot.canonical() == c.canonical());
    CHECK(!rot.check());
  }
  CHECK(c.canonical().isCanonical());
  CHECK(c.rotated(1) != c);
}

TEST_CASE("different structures over the same strands differ") {
  Fixture f;
  Complex paired = f.parse("a( b + ) ");
  Complex other = f.parse("a b( + ) ");
  CHECK(!paired.isSameMolecule(other));
  CHECK(paired.hash() != other.hash());
}

TEST_CASE("rotation keeps pairs on the same domains") {
  Fixture f;
  Complex c = f.parse("x( y + z( + ) ) w");
  Complex r = c.rotated(2);
  for (unsigned p = 0; p < r.domainCount(); ++p)
    if (r.partner(p) != Complex::Unpaired)
      CHECK(r.domainAt(p).isComplementOf(
          r.domainAt(static_cast<unsigned>(r.partner(p)))));
  CHECK(printKernel(r, f.domains) == "z*( x*( w + ) y + )");
}

TEST_CASE("check finds non-complementary pairs, pseudoknots, loose strands") {
  DomainTable d;
  DomainRef a{d.add("a", 15, DomainKind::Long), false};
  DomainRef b{d.add("b", 5, DomainKind::Toehold), false};
  // a b a* b* with a-a* and b-b* crossing.
  Complex knot({{a, b, a.complemented(), b.complemented()}}, {2, 3, 0, 1});
  auto e1 = knot.check();
  REQUIRE(e1);
  CHECK(e1->message.find("pseudoknot") != std::string::npos);
  CHECK(e1->position == 2);
  Complex wrong({{a, b}}, {1, 0});
  auto e2 = wrong.check();
  REQUIRE(e2);
  CHECK(e2->message.find("not complementary") != std::string::npos);
  Complex loose({{a}, {b}}, {-1, -1});
  auto e3 = loose.check();
  REQUIRE(e3);
  CHECK(e3->message.find("not connected") != std::string::npos);
  CHECK(e3->position == 1);
}

TEST_CASE("sketches build nested gates and count nucleotides") {
  DomainTable d;
  DomainRef t{d.add("t", 5, DomainKind::Toehold), false};
  DomainRef x{d.add("x", 15, DomainKind::Long), false};
  ComplexSketch s;
  s.paired(x)
      .paired(t)
      .split()
      .close(t.complemented())
      .close(x.complemented())
      .unpaired(t.complemented());
  Complex c = s.build();
  CHECK(c.strandCount() == 2);
  CHECK(c.pairCount() == 2);
  CHECK(c.nucleotides(d) == 45);
  CHECK(printKernel(c, d) == "x( t( + ) ) t*");
}
