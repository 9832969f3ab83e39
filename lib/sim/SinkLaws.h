//===- SinkLaws.h - sinks the ODE integrator reconstructs -------*- C++ -*-===//
//
// A sink is a species that no channel reads: the waste strand a DSD gate
// releases, the product of a leak. Nothing depends on it, so when a linear
// conservation law
//     x_w + sum_j c_j x_j = T        (T taken from the state at each restart)
// ties sink w to species the integrator keeps, the integrator can leave w
// out and reconstruct it from the law at every output. A linear multistep
// method keeps every linear invariant of the ODE (up to the Newton iteration
// and round-off), so the reconstruction is what integrating w would have
// given; w's work leaves every vector operation, RHS, Jacobian and
// factorization. A quarter of a cascade's species and over a third of a
// DSD-like network's are sinks with such a law.
//
// Contract:
//  - A law holds for every channel of the network, of every phase, so it holds
//    under any phase mask; events change T, which the caller recomputes from
//    the full state whenever it restarts.
//  - Each law contains exactly one sink; its other species are never sinks
//    and never constant, so every sink reconstructs on its own from species
//    the integrator keeps.
//  - Laws are found by a bounded best-first search around each sink (at most
//    kMaxLawSpecies species, none changed by more than kMaxLawChannels
//    channels), so the search is linear in the network size; a sink without
//    a law in reach stays integrated. Same network, same laws.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_SIM_SINKLAWS_H
#define CRNC_SIM_SINKLAWS_H

#include "lib/sim/CompiledNetwork.h"
#include <cstdint>
#include <vector>

namespace crnc::sim {

/// x[sink] + sum of coef * x[species] over `terms` is conserved.
struct SinkLaw {
  uint32_t sink;
  std::vector<std::pair<uint32_t, double>> terms; ///< (species, coefficient)

  /// The conserved total at state x (full species indexing).
  double total(const double *x) const;
  /// x[sink] from the total and the other species of x. With
  /// `nonNegative`, a result below zero by no more than the round-off of the
  /// sum is returned as 0.
  double reconstruct(const double *x, double total, bool nonNegative) const;
};

struct SinkLaws {
  std::vector<SinkLaw> laws;  ///< ascending by sink
  std::vector<uint32_t> kept; ///< species the integrator keeps, ascending
  bool empty() const { return laws.empty(); }
};

/// Largest species set and busiest species the local search considers.
constexpr size_t kMaxLawSpecies = 16;
constexpr size_t kMaxLawChannels = 64;

/// The sinks of `network` that a conservation law ties to kept species.
SinkLaws findSinkLaws(const CompiledNetwork &network);

} // namespace crnc::sim

#endif
