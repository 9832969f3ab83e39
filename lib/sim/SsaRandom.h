//===- SsaRandom.h - seeded random streams for stochastic runs --*- C++ -*-===//
//
// xoshiro256** (Blackman & Vigna, "Scrambled linear pseudorandom number
// generators", ACM TOMS 2021) seeded through splitmix64. Defined here rather
// than taken from <random> so a seed gives the same stream on every platform.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_SIM_SSARANDOM_H
#define CRNC_SIM_SSARANDOM_H

#include <cmath>
#include <cstdint>

namespace crnc::sim {

/// splitmix64 step: also used to derive per-run seeds from (seed, run).
inline uint64_t splitmix64(uint64_t &state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/// The seed of run `run` of an ensemble seeded with `seed`.
inline uint64_t runSeed(uint64_t seed, uint64_t run) {
  uint64_t s = seed ^ (run * 0xd1b54a32d192ed03ULL);
  splitmix64(s);
  return splitmix64(s);
}

/// xoshiro256**: 256-bit state, period 2^256 - 1.
class Rng {
public:
  explicit Rng(uint64_t seed) {
    for (uint64_t &w : s)
      w = splitmix64(seed);
  }
  uint64_t next() {
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
  }
  /// Uniform on [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  /// Exponential with mean 1 (never infinite: 1 - u lies in (0, 1]).
  double exponential() { return -std::log1p(-uniform()); }

private:
  static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s[4];
};

} // namespace crnc::sim

#endif
