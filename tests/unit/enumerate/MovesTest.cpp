// The reaction types on small hand-made complexes. Reference rates are the
// ones Peppercorn 1.1.1 prints for the same complexes (`peppercorn -d
// --release-cutoff 7` on the PIL in each test), to its 6 significant digits.
#include "lib/enumerate/Moves.h"
#include "lib/dna/KernelNotation.h"
#include <catch2/catch.hpp>

using namespace crnc;
using namespace crnc::dna;
using namespace crnc::enumerate;

namespace {
struct Fixture {
  DomainTable domains;
  llvm::SourceMgr sm;
  DiagnosticEngine diags{sm};
  Fixture() {
    for (auto [name, length] :
         std::initializer_list<std::pair<const char *, unsigned>>{{"a", 6},
                                                                  {"b", 15},
                                                                  {"c", 8},
                                                                  {"t", 5},
                                                                  {"d", 15},
                                                                  {"t0", 5},
                                                                  {"d3", 15},
                                                                  {"d4", 15}})
      domains.add(name, length,
                  length < 10 ? DomainKind::Toehold : DomainKind::Long);
  }
  Complex parse(const char *kernel) {
    auto c = parseKernelString(kernel, domains, diags);
    REQUIRE(c);
    return *c;
  }
  /// The rate of the move of `kind` whose products are exactly `products`.
  std::optional<double> rate(const std::vector<Move> &moves, ReactionKind kind,
                             std::vector<const char *> products) {
    std::vector<Complex> want;
    for (const char *p : products)
      want.push_back(parse(p).canonical());
    for (const Move &m : moves) {
      if (m.kind != kind || m.products.size() != want.size())
        continue;
      if (std::is_permutation(m.products.begin(), m.products.end(),
                              want.begin()))
        return m.rate;
    }
    return std::nullopt;
  }
};
constexpr double tol = 1e-5; // Peppercorn prints 6 significant digits
} // namespace

TEST_CASE("rate model closed forms") {
  CHECK(bimolecularBindingRate(5) == Approx(1.5e6));
  // k_bind * exp((L dG_bp + dG_assoc) / RT), RT = 0.001987 * 298.15.
  CHECK(openingRate(5) ==
        Approx(1.5e6 * std::exp((5 * -1.7 + 1.9) / (0.001987 * 298.15))));
  CHECK(openingRate(5) == Approx(21.7651).epsilon(tol));
  LoopStats adjacent{false, 0, 1}, open{true, 0, 0};
  CHECK(branch3WayRate(15, adjacent, open, true) == Approx(333.333 / 15));
  CHECK(branch3WayRate(15, adjacent, open, false) == Approx(1e4 / 15));
  CHECK(unimolecularBindingRate(5, adjacent, open) == Approx(1e6 / 5));
  CHECK(unimolecularBindingRate(5, adjacent, adjacent) == Approx(1e4));
  CHECK(hairpinClosingRate(1) == Approx(33000));
}

TEST_CASE("toehold-mediated strand displacement") {
  Fixture f;
  Complex x = f.parse("t d"), g = f.parse("d( + ) t*");
  auto bind = bimolecularMoves(x, g, f.domains, {});
  REQUIRE(bind.size() == 1);
  CHECK(bind[0].kind == ReactionKind::Bind21);
  CHECK(bind[0].rate == Approx(1.5e6)); // 0.0015 /nM/s
  Complex bound = bind[0].products.at(0);
  CHECK(bound == f.parse("t( d + d( + ) )").canonical());
  auto moves = unimolecularMoves(bound, f.domains, {});
  CHECK(moves.size() == 2);
  CHECK(f.rate(moves, ReactionKind::Open, {"t d", "d( + ) t*"}) ==
        Approx(21.7651).epsilon(tol));
  CHECK(f.rate(moves, ReactionKind::Branch3Way, {"d", "t( d( + ) )"}) ==
        Approx(22.2222).epsilon(tol));
}

TEST_CASE("hairpin closing and opening (bind11, open)") {
  Fixture f;
  auto closing = unimolecularMoves(f.parse("a b c a*"), f.domains, {});
  REQUIRE(closing.size() == 1);
  CHECK(f.rate(closing, ReactionKind::Bind11, {"a( b c )"}) ==
        Approx(354.382).epsilon(tol));
  auto opening = unimolecularMoves(f.parse("a( b c )"), f.domains, {});
  CHECK(f.rate(opening, ReactionKind::Open, {"a b c a*"}) ==
        Approx(1.48151).epsilon(tol));
  auto dimer =
      bimolecularMoves(f.parse("a b c a*"), f.parse("a b c a*"), f.domains, {});
  REQUIRE(dimer.size() == 1);
  CHECK(dimer[0].rate == Approx(1.8e6));
}

TEST_CASE("remote toeholds slow 3-way branch migration") {
  Fixture f;
  // The invading a* binds a, then displaces across the b c bulge.
  auto moves = unimolecularMoves(f.parse("a( b c a* + a b c )"), f.domains, {});
  CHECK(f.rate(moves, ReactionKind::Branch3Way, {"a( b c )", "a b c a*"}) ==
        Approx(0.590637).epsilon(tol));
  CHECK(f.rate(moves, ReactionKind::Bind11, {"a( b c a*( + ) b c )"}) ==
        Approx(49.7142).epsilon(tol));
  auto remote =
      unimolecularMoves(f.parse("t( c d + d( + ) c )"), f.domains, {});
  CHECK(f.rate(remote, ReactionKind::Branch3Way, {"d", "t( c d( + ) c )"}) ==
        Approx(0.00910042).epsilon(tol));
  MoveOptions reject;
  reject.rejectRemote = true;
  auto rejected =
      unimolecularMoves(f.parse("t( c d + d( + ) c )"), f.domains, reject);
  CHECK(!f.rate(rejected, ReactionKind::Branch3Way, {"d", "t( c d( + ) c )"}));
}

TEST_CASE("4-way branch migration with max-helix") {
  Fixture f;
  const char *j = "t0*( d3*( d4*( + ) ) + d3*( t0* d3*( d4*( + ) ) + ) )";
  const char *k = "t0*( d3*( d4*( + ) d3( + ) t0* d3*( d4*( + ) ) + ) )";
  auto forward = unimolecularMoves(f.parse(j), f.domains, {});
  CHECK(f.rate(forward, ReactionKind::Branch4Way, {k}) ==
        Approx(0.000623053).epsilon(tol));
  auto back = unimolecularMoves(f.parse(k), f.domains, {});
  CHECK(f.rate(back, ReactionKind::Branch4Way, {j}) ==
        Approx(0.000623053).epsilon(tol));
}

TEST_CASE("release cutoff: long helices never open") {
  Fixture f;
  Complex bound = f.parse("t( d + d( + ) )");
  MoveOptions options;
  options.releaseCutoff11 = options.releaseCutoff1N = 4;
  auto moves = unimolecularMoves(bound, f.domains, options);
  CHECK(!f.rate(moves, ReactionKind::Open, {"t d", "d( + ) t*"}));
  CHECK(f.rate(moves, ReactionKind::Branch3Way, {"d", "t( d( + ) )"}));
}

TEST_CASE("splitting keeps components canonical") {
  Fixture f;
  Complex c = f.parse("t( d + d( + ) )");
  std::vector<int32_t> partners = c.allPartners();
  for (int32_t &p : partners)
    p = Complex::Unpaired;
  auto parts = splitIntoComplexes(c.allStrands(), partners);
  CHECK(parts.size() == 3);
  for (const Complex &p : parts)
    CHECK(p.isCanonical());
}
