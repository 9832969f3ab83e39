//===- QuasiSteadyAxis.h - a design's time axis from its own kinetics -*- C++
//-*-===//
//
// The lab seconds a DNA design takes per model time unit, predicted from
// the design's condensed reactions (not from map-rates' formula, and never
// from comparing trajectories): the quasi-steady-state reduction of the
// implementation CRN evaluated at the states of the model's trajectory.
//
// At a model state x (one total per compared formal species), the free
// signal strands s are the slow variables and every other species that
// something consumes (a gate holding a reactant, a committed output
// complex) sits at its quasi-steady state given s and the fuels' levels:
//     production_i(s, I) = consumption_i(s, I)   for every intermediate i,
// solved by Gauss-Seidel sweeps (each intermediate's level is its
// production over its first-order consumption coefficient; one that
// nothing consumes at that state keeps its level from the previous state).
// s is chosen so that the interpreted totals T_X = s_X + sum_i m(i)[X] I_i
// equal c x_X (c: implementation units per model unit, concScale x
// amountFactor): per species a secant step on T_X against s_X once two
// rounds give a slope (the multiplicative s_X c x_X / T_X before), clamped
// at 0 where the complexes that hold no free X (committed outputs) carry
// c x_X or more by themselves. The
// design's rate of change of the totals there, g = dT/dt / c per lab
// second, against the model's f = dx/dt per model time unit gives the
// state's slowdown F = f W f / f W g (W = diag(1 / range_X^2): g's
// component along f). The axis is F averaged along the model's path by
// arc length: each recorded state weighted by half the W-distance to its
// neighbouring states (the model's speed |f|_W times the time step where
// the run resolves it, and no more than the distance travelled where a
// fast transient is over within a step). A lag of the axis shows as a
// deviation in proportion to the model's speed; states at rest (or where
// the design moves against the model) count nothing. A time-scaled copy
// has one F everywhere. For a
// gate L + X1 <=> H + B, H + X2 -> O this reproduces Soloveichik, Seelig &
// Winfree's hold H = q [L] X1 / (q_b [B] + q_2 X2) at the signal level X2
// (the second reactant drains the held complex), which map-rates' formula
// alpha = q / q_max takes in the limit X2 / C_max -> 0, and it counts what
// a design's output stage holds on the way to the products. The free
// strand of X is its signal (history variants are kept at 0: their
// reactions are the signal's own).
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_VERIFY_QUASISTEADYAXIS_H
#define CRNC_VERIFY_QUASISTEADYAXIS_H

#include "ir/Module.h"
#include "lib/sim/Trace.h"
#include "lib/verify/Deadline.h"
#include "llvm/ADT/ArrayRef.h"
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace crnc::verify {

/// One compared model species: its column in the reference trace, the
/// implementation species that count for it (species, copies), and its free
/// signal strand (the slow variable), when the design has one.
struct AxisSpecies {
  size_t column = 0;
  std::vector<std::pair<size_t, unsigned>> countedBy;
  std::optional<size_t> freeStrand;
  double range = 1; ///< of the reference trajectory (the weight's scale)
};

struct QuasiSteadyAxisInput {
  const ir::Module *reference = nullptr;  ///< the model (its rates)
  const sim::Trace *trajectory = nullptr; ///< the reference's run
  /// The implementation, its fuels constant at their levels.
  const ir::Module *implementation = nullptr;
  std::vector<AxisSpecies> species;
  /// Per implementation species: a free signal strand (slow, kept at 0
  /// unless it is some AxisSpecies' freeStrand).
  std::vector<bool> signalStrand;
  double concFactor = 1;      ///< implementation units per model unit
  unsigned maxSweeps = 20000; ///< Gauss-Seidel sweeps per state
  const Deadline *deadline = nullptr;
};

struct QuasiSteadyAxis {
  /// Lab seconds per model time unit; unset when it could not be derived.
  std::optional<double> timeScale;
  std::string problem; ///< why not (when timeScale is unset)
  size_t states = 0;   ///< trajectory states evaluated
};

/// Requires: every AxisSpecies' column is a species of `reference` and of
/// `trajectory` (same order); implementation species indices are those of
/// `implementation`. Guarantees: the prediction of the header, or a
/// `problem` (a state whose quasi-steady state does not settle, a model at
/// rest throughout, the deadline); never throws.
QuasiSteadyAxis quasiSteadyTimeScale(const QuasiSteadyAxisInput &input);

/// The quasi-steady state of `implementation` at free signal levels:
/// `state` holds the constant species' and the slow species' levels (those
/// with `slow` set) and a first guess of the others, which are set to
/// production / consumption per species until no level changes by more than
/// `tolerance` (relative) within a sweep. Returns false when `maxSweeps`
/// sweeps do not settle. Exposed for tests.
bool settleIntermediates(const ir::Module &implementation,
                         const std::vector<bool> &slow,
                         std::vector<double> &state, double tolerance,
                         unsigned maxSweeps);

} // namespace crnc::verify

#endif
