// An intended mismatch in a helix (dna::DomainRef::mismatches) adds
// ddG_mm = 4.2 kcal/mol to its opening free energy: the open rate of a
// 5-nt toehold goes from 21.7651 /s (Peppercorn's model) to
// 21.7651 * exp(4.2 / (0.001987 * 298.15)) = 26103.5 /s. Binding and branch
// migration are unchanged. Tolerance 1e-5 relative (closed form).
#include "lib/dna/KernelNotation.h"
#include "lib/enumerate/Moves.h"
#include "llvm/Support/SourceMgr.h"
#include <catch2/catch.hpp>
#include <cmath>

using namespace crnc;
using namespace crnc::dna;
using namespace crnc::enumerate;

namespace {
struct Fixture {
  llvm::SourceMgr sm;
  DiagnosticEngine diags{sm};
  DomainTable domains;
  Fixture() {
    domains.add("t", 5, DomainKind::Toehold);
    domains.add("d", 15, DomainKind::Long);
  }
  Complex parse(const char *kernel) {
    auto c = parseKernelString(kernel, domains, diags);
    REQUIRE(c);
    return *c;
  }
  /// `c` with `n` mismatches on the occurrence at flat position `p`.
  static Complex withMismatches(const Complex &c, unsigned p, unsigned n) {
    std::vector<Strand> strands = c.allStrands();
    size_t s = c.strandOf(p);
    strands[s][p - c.strandStart(s)].mismatches = uint8_t(n);
    return Complex(std::move(strands), c.allPartners());
  }
};
constexpr double tol = 1e-5;
} // namespace

TEST_CASE("a mismatch adds ddG_mm to the opening free energy",
          "[enumerate][mismatch]") {
  double rt = 0.001987 * 298.15;
  CHECK(openingRate(5, {}, 0) == openingRate(5));
  CHECK(openingRate(5, {}, 1) == Approx(26103.5).epsilon(tol));
  CHECK(openingRate(5, {}, 2) ==
        Approx(openingRate(5) * std::exp(2 * 4.2 / rt)).epsilon(tol));
}

TEST_CASE("a mismatched toehold complement opens faster, binds alike",
          "[enumerate][mismatch]") {
  Fixture f;
  Complex x = f.parse("t d"), perfect = f.parse("d( + ) t*");
  // Position 2 is t* on the gate's bottom strand.
  REQUIRE(perfect.domainAt(2).complement);
  Complex weak = Fixture::withMismatches(perfect, 2, 1);
  CHECK(weak != perfect);
  CHECK(!weak.isSameMolecule(perfect));
  CHECK(weak.hash() != perfect.hash());
  auto bind = bimolecularMoves(x, weak, f.domains, {});
  REQUIRE(bind.size() == 1);
  CHECK(bind[0].rate == Approx(1.5e6));
  const Complex &bound = bind[0].products.at(0);
  bool carried = false;
  for (unsigned p = 0; p < bound.domainCount(); ++p)
    carried |= bound.domainAt(p).mismatches == 1;
  CHECK(carried);
  double open = 0, branch = 0;
  for (const Move &m : unimolecularMoves(bound, f.domains, {})) {
    if (m.kind == ReactionKind::Open)
      open = m.rate;
    if (m.kind == ReactionKind::Branch3Way)
      branch = m.rate;
  }
  CHECK(open == Approx(26103.5).epsilon(tol));
  CHECK(branch == Approx(22.2222).epsilon(tol)); // as without the mismatch
}

// An end mismatch (dna::DomainRef::endMismatch) adds ddG_end = 1.7 kcal/mol:
// measured with primer3's ntthal (scripts/measure_mismatch_ddg.py: 48
// random 20-bp duplexes, seed 14, 25 C, 50 mM Na+) as the mean of
// dG(mismatched) - dG(perfect) with a non-wobble mismatch on the second base
// from one end: 1.70 (spread -0.24 to 3.70; a central one over the same
// duplexes 4.82). Closed form: 21.7651 * exp(1.7 / RT) = 378.6 /s.
TEST_CASE("an end mismatch adds ddG_end to the opening free energy",
          "[enumerate][mismatch]") {
  double rt = 0.001987 * 298.15;
  OpeningModel model;
  CHECK(model.dGendMismatch == 1.7);
  CHECK(mismatchPenalty(0, 1) == Approx(1.7));
  CHECK(mismatchPenalty(2, 1) == Approx(2 * 4.2 + 1.7));
  // A G.T wobble near the middle (same script, same duplexes): 3.08,
  // 1.92 to 3.80.
  CHECK(model.dGwobble == 3.1);
  CHECK(mismatchPenalty(0, 0, 1) == Approx(3.1));
  CHECK(openingRateWithPenalty(5, model, mismatchPenalty(0, 1)) ==
        Approx(21.7651 * std::exp(1.7 / rt)).epsilon(tol));
  CHECK(openingRateWithPenalty(5, model, mismatchPenalty(1, 0)) ==
        Approx(openingRate(5, model, 1)).epsilon(1e-12));
}
