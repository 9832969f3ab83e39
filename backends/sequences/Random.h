//===- Random.h - the designer's seeded random numbers ----------*- C++ -*-===//
//
// SplitMix64 (Steele, Lea & Flood 2014): the same stream on every platform,
// unlike std:: distributions. Restart i of seed s draws from mix(s, i).
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_BACKENDS_SEQUENCES_RANDOM_H
#define CRNC_BACKENDS_SEQUENCES_RANDOM_H

#include <cstdint>

namespace crnc::sequences {

class Rng {
public:
  explicit Rng(uint64_t seed) : state(seed) {}
  uint64_t next() {
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  /// Uniform in [0, n); n > 0.
  uint64_t below(uint64_t n) { return next() % n; }
  /// Uniform in [0, 1).
  double unit() { return double(next() >> 11) * 0x1.0p-53; }

private:
  uint64_t state;
};

/// The seed of restart `index` under user seed `seed`.
inline uint64_t restartSeed(uint64_t seed, uint64_t index) {
  Rng mix(seed ^ (index * 0xd1b54a32d192ed03ULL));
  return mix.next();
}

} // namespace crnc::sequences

#endif
