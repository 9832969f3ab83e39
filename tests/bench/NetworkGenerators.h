//===- NetworkGenerators.h - synthetic networks for the benchmarks -*- C++
//-*-===//
//
// Three seeded families at a requested reaction count: random sparse networks
// that conserve a mass (bounded dynamics), catalytic cascades, and DSD-like
// translations of random formal reactions (after Soloveichik, Seelig & Winfree
// 2010: toehold binding, displacement, helper and leak steps) in which a few
// fuel species are shared by every gate, giving hub rows in the Jacobian.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_TESTS_BENCH_NETWORKGENERATORS_H
#define CRNC_TESTS_BENCH_NETWORKGENERATORS_H

#include "ir/Module.h"
#include <cmath>
#include <random>
#include <string>

namespace crnc::bench {

class Builder {
public:
  explicit Builder(ir::Module &m) : m(m) {}
  ir::SpeciesId species(const std::string &name, double initial) {
    ir::Species s;
    s.name = name;
    s.initial = initial;
    return m.addSpecies(s);
  }
  void reaction(ir::TermList in, ir::TermList out, double k,
                std::optional<double> kr = std::nullopt) {
    ir::Reaction r;
    ir::normalizeTerms(in);
    ir::normalizeTerms(out);
    r.reactants = std::move(in);
    r.products = std::move(out);
    r.rate = k;
    r.reverseRate = kr;
    m.addReaction(std::move(r));
  }

private:
  ir::Module &m;
};

inline double logUniform(std::mt19937_64 &rng, double lo, double hi) {
  std::uniform_real_distribution<double> u(std::log(lo), std::log(hi));
  return std::exp(u(rng));
}

/// Species of mass 1..3; isomerization, association/dissociation and exchange
/// reactions that conserve the total mass. Unit: none; t_end ~ 10.
inline ir::Module randomSparse(size_t reactions, uint64_t seed) {
  ir::Module m("random");
  Builder b(m);
  std::mt19937_64 rng(seed);
  size_t n = std::max<size_t>(12, reactions / 2);
  std::vector<ir::SpeciesId> byMass[4];
  std::uniform_real_distribution<double> init(0.5, 2.0);
  for (size_t i = 0; i < n; ++i)
    byMass[1 + i % 3].push_back(b.species("S" + std::to_string(i), init(rng)));
  auto pick = [&](int mass) {
    auto &v = byMass[mass];
    return v[std::uniform_int_distribution<size_t>(0, v.size() - 1)(rng)];
  };
  std::uniform_int_distribution<int> kind(0, 2), mass(1, 3);
  for (size_t r = 0; r < reactions; ++r) {
    double k = logUniform(rng, 1e-2, 1e1);
    switch (kind(rng)) {
    case 0: {
      int w = mass(rng);
      b.reaction({{pick(w), 1}}, {{pick(w), 1}}, k);
      break;
    }
    case 1: {
      int w1 = 1, w2 = mass(rng) == 1 ? 1 : 2;
      std::optional<double> kr;
      if (r % 3 == 0)
        kr = logUniform(rng, 1e-2, 1e1);
      b.reaction({{pick(w1), 1}, {pick(w2), 1}}, {{pick(w1 + w2), 1}}, k, kr);
      break;
    }
    default: {
      int w1 = mass(rng), w2 = mass(rng);
      int c = std::uniform_int_distribution<int>(std::max(1, w1 + w2 - 3),
                                                 std::min(3, w1 + w2 - 1))(rng);
      b.reaction({{pick(w1), 1}, {pick(w2), 1}},
                 {{pick(c), 1}, {pick(w1 + w2 - c), 1}}, k);
    }
    }
  }
  return m;
}

/// Stages X_s + G_s <=> C_s -> X_{s+1} + W_s plus a slow leak G_s -> W_s;
/// every 50th stage starts with its own trigger. Unit: none; t_end ~ 50.
inline ir::Module cascade(size_t reactions, uint64_t seed) {
  ir::Module m("cascade");
  Builder b(m);
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  size_t stages = std::max<size_t>(1, reactions / 3);
  ir::SpeciesId x = b.species("X0", 1.0);
  for (size_t s = 0; s < stages; ++s) {
    std::string i = std::to_string(s);
    ir::SpeciesId g = b.species("G" + i, 1.0);
    ir::SpeciesId c = b.species("C" + i, 0);
    ir::SpeciesId w = b.species("W" + i, 0);
    ir::SpeciesId next =
        b.species("X" + std::to_string(s + 1), s % 50 == 49 ? 1.0 : 0);
    b.reaction({{x, 1}, {g, 1}}, {{c, 1}}, 1 + 9 * u(rng), 0.1 + 0.9 * u(rng));
    b.reaction({{c, 1}}, {{next, 1}, {w, 1}}, 0.5 + 4.5 * u(rng));
    b.reaction({{g, 1}}, {{w, 1}}, 1e-4);
    x = next;
  }
  return m;
}

/// Random formal reactions A + B -> C + D, each as five DSD-style steps:
///   A + G <=> I + Bk (toehold, fast and reversible)   I + B -> O
///   O + H -> C + D + W (H: one of 3 shared fuels)      Bk + T -> W2
///   G + H' -> L (leak, 1e-8)
/// Unit nM, rates per nM per second; t_end ~ 3600 s.
inline ir::Module dsdLike(size_t reactions, uint64_t seed) {
  ir::Module m("dsd");
  m.unit = ConcUnit::nM;
  Builder b(m);
  std::mt19937_64 rng(seed);
  size_t formal = std::max<size_t>(1, reactions / 5);
  size_t nf = std::max<size_t>(4, formal / 4);
  std::vector<ir::SpeciesId> sig, hub;
  for (size_t i = 0; i < nf; ++i)
    sig.push_back(b.species("x" + std::to_string(i), 100));
  for (int h = 0; h < 3; ++h)
    hub.push_back(b.species("fuel" + std::to_string(h), 1e4));
  std::uniform_int_distribution<size_t> pick(0, nf - 1);
  for (size_t f = 0; f < formal; ++f) {
    std::string i = std::to_string(f);
    auto G = b.species("G" + i, 200), I = b.species("I" + i, 0);
    auto Bk = b.species("Bk" + i, 0), O = b.species("O" + i, 0);
    auto W = b.species("W" + i, 0), T = b.species("T" + i, 200);
    auto W2 = b.species("Wb" + i, 0), L = b.species("L" + i, 0);
    double kf = logUniform(rng, 1e-4, 1e-3);
    b.reaction({{sig[pick(rng)], 1}, {G, 1}}, {{I, 1}, {Bk, 1}}, 3e-3,
               logUniform(rng, 1, 100));
    b.reaction({{I, 1}, {sig[pick(rng)], 1}}, {{O, 1}}, kf);
    b.reaction({{O, 1}, {hub[f % 3], 1}},
               {{sig[pick(rng)], 1}, {sig[pick(rng)], 1}, {W, 1}}, 1e-3);
    b.reaction({{Bk, 1}, {T, 1}}, {{W2, 1}}, 1e-3);
    b.reaction({{G, 1}, {hub[(f + 1) % 3], 1}}, {{L, 1}}, 1e-8);
  }
  return m;
}

} // namespace crnc::bench

#endif
