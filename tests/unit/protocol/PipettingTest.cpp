// Pipetting arithmetic: V_i = c_i V / s_i, the lines, buffer and water add up
// to the prepared volume, every concentration is reached (within the 0.01 uL
// rounding of the volumes: 1% at the 0.5 uL minimum), intermediate
// dilutions are proposed under 0.5 uL, the final Mg2+ is 12.5 mM, and
// unreachable concentrations are errors.
#include "backends/protocol/Pipetting.h"
#include <catch2/catch.hpp>
#include <cmath>

using namespace crnc;
using namespace crnc::protocol;

static Mix plan(const std::vector<Component> &c, MixSettings s = {}) {
  llvm::Expected<Mix> mix = planMix("test", c, BufferSpec(), s);
  if (!mix)
    FAIL(llvm::toString(mix.takeError()));
  return std::move(*mix);
}

/// The concentration a line reaches in the prepared mix.
static double reached(const MixLine &line, double preparedUL) {
  double stock =
      line.dilution ? line.dilution->concentrationNM : line.component.stockNM;
  return stock * line.volumeUL / preparedUL;
}

TEST_CASE("dilution factors follow the 1-2-5 series") {
  CHECK(dilutionFactor(0.3, 0.5) == 2);
  CHECK(dilutionFactor(0.1, 0.5) == 5);
  CHECK(dilutionFactor(0.0132, 0.5) == 50);
  CHECK(dilutionFactor(0.001, 0.5) == 500);
  CHECK(dilutionFactor(0.0004, 0.5) == 2000);
}

TEST_CASE("a reaction mix: volumes, concentrations, buffer, Mg2+") {
  // A gate at 1 uM from a 10 uM stock in 1x TAE/Mg2+, a single-stranded fuel
  // at 1 uM from 100 uM in water, a signal at 12 nM from 100 uM (0.0132 uL:
  // needs a 50x dilution), in 100 uL + 10% dead volume.
  std::vector<Component> c = {{"gate", 1000, 10000, 1},
                              {"fuel", 1000, 100000, 0},
                              {"A", 12, 100000, 0}};
  Mix mix = plan(c);
  CHECK(mix.preparedUL == Approx(110));
  REQUIRE(mix.lines.size() == 3);
  CHECK(mix.lines[0].volumeUL == Approx(11));
  CHECK(mix.lines[1].volumeUL == Approx(1.1));
  REQUIRE(mix.lines[2].dilution);
  CHECK(mix.lines[2].dilution->factor == 50);
  CHECK(mix.lines[2].dilution->concentrationNM == Approx(2000));
  CHECK(mix.lines[2].volumeUL == Approx(0.66));
  CHECK(mix.lines[2].dilution->diluentUL ==
        Approx(mix.lines[2].dilution->stockUL * 49));
  CHECK_FALSE(mix.lines[0].dilution);
  // Sum to the prepared volume (exact up to floating point).
  double sum = mix.bufferUL + mix.waterUL;
  for (const MixLine &l : mix.lines)
    sum += l.volumeUL;
  CHECK(std::fabs(sum - mix.preparedUL) < 1e-9);
  CHECK(mix.fits);
  for (const MixLine &l : mix.lines)
    CHECK(reached(l, mix.preparedUL) ==
          Approx(l.component.finalNM).epsilon(0.01));
  // Buffer: the gate stock brings 11 uL of 1x; 10x stock for the other
  // 99 uL of 1x: 9.9 uL; the 50x dilution in 1x buffer brings 0.98 of 1x per
  // uL (0.6468 uL of 1x), so 9.84 uL of the 10x stock.
  CHECK(mix.bufferUL ==
        Approx((110 - 11 - 0.66 * 49.0 / 50) / 10).margin(0.01));
  double magnesium =
      (mix.bufferUL * 10 * 12.5 + 11 * 12.5 + 0.66 * (49.0 / 50) * 12.5) /
      mix.preparedUL;
  CHECK(mix.finalMagnesiumMM == Approx(magnesium));
  CHECK(mix.finalMagnesiumMM == Approx(12.5).epsilon(0.001));
}

TEST_CASE("many random mixes add up and reach their concentrations") {
  uint64_t state = 12345; // a fixed LCG stream: deterministic
  auto next = [&] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return double(state >> 11) / double(1ull << 53);
  };
  for (int trial = 0; trial < 200; ++trial) {
    std::vector<Component> c;
    for (int i = 0; i < 5; ++i)
      c.push_back({"c" + std::to_string(i), std::pow(10, 3 * next()),
                   1e5 * (0.5 + next()), next() < 0.5 ? 0.0 : 1.0});
    MixSettings s;
    s.volumeUL = 20 + 200 * next();
    Mix mix = plan(c, s);
    double sum = mix.bufferUL + mix.waterUL;
    for (const MixLine &l : mix.lines) {
      sum += l.volumeUL;
      CHECK(l.volumeUL >= 0.5 - 1e-12);
      CHECK(reached(l, mix.preparedUL) ==
            Approx(l.component.finalNM).epsilon(0.01));
    }
    if (mix.fits) {
      CHECK(std::fabs(sum - mix.preparedUL) < 1e-9);
      CHECK(mix.finalMagnesiumMM == Approx(12.5).epsilon(0.002));
    }
  }
}

TEST_CASE("a mix that does not fit says how much it needs") {
  std::vector<Component> c;
  for (int i = 0; i < 20; ++i)
    c.push_back({"g" + std::to_string(i), 1000, 10000, 1});
  Mix mix = plan(c);
  CHECK_FALSE(mix.fits);
  CHECK(mix.requiredUL == Approx(220));
  CHECK(mix.waterUL == 0);
}

TEST_CASE("unreachable concentrations and bad volumes are errors") {
  auto error = [](std::vector<Component> c, MixSettings s = {}) {
    llvm::Expected<Mix> mix = planMix("reaction", c, BufferSpec(), s);
    REQUIRE_FALSE(bool(mix));
    return llvm::toString(mix.takeError());
  };
  CHECK(error({{"A", 2000, 1000, 0}}) ==
        "mix 'reaction': 2000 nM of 'A' is unreachable from its stock at "
        "1000 nM");
  MixSettings negative;
  negative.volumeUL = -5;
  CHECK(error({{"A", 1, 1000, 0}}, negative) ==
        "mix 'reaction': volumes must be positive");
  CHECK(error({{"A", -1, 1000, 0}}).find("non-negative") != std::string::npos);
}

TEST_CASE("a pool premixes many strands into one line of the target") {
  // Ten strands at 1000 nM from 100 uM stocks: 1/100 of the volume each, so
  // a pool can hold them at 5x (5 x 10/100 = 0.5 of its volume, the 10x
  // buffer stock 0.1, 10x would need 1.1).
  std::vector<Component> strands;
  for (int i = 0; i < 10; ++i)
    strands.push_back({"s" + std::to_string(i), 1000, 100000, 0});
  llvm::Expected<std::optional<Pool>> pool =
      planPool("strand pool", strands, 110, BufferSpec(), MixSettings());
  REQUIRE(bool(pool));
  REQUIRE(pool->has_value());
  const Pool &p = **pool;
  CHECK(p.factor == 5);
  CHECK(p.mix.fits);
  CHECK(p.mix.usableUL >= 22);
  Mix target = plan({p.asComponent(), {"gate", 1000, 10000, 1}});
  REQUIRE(target.lines.size() == 2);
  CHECK(target.lines[0].volumeUL == Approx(22));
  // Each strand reaches 1000 nM in the target: 5000 nM in the pool, 22 of
  // 110 uL.
  for (const MixLine &l : p.mix.lines)
    CHECK(reached(l, p.mix.preparedUL) * target.lines[0].volumeUL /
              target.preparedUL ==
          Approx(1000).epsilon(0.01));
  CHECK(target.finalMagnesiumMM == Approx(12.5).epsilon(0.002));
  // Strands that fill their own volume cannot be pooled at 2x or more.
  std::vector<Component> dense(10, Component{"d", 5000, 100000, 0});
  llvm::Expected<std::optional<Pool>> none =
      planPool("dense", dense, 110, BufferSpec(), MixSettings());
  REQUIRE(bool(none));
  CHECK_FALSE(none->has_value());
}
