//===- QuasiSteadyAxis.cpp - a design's time axis from its own kinetics ---===//
//
//  1. Both networks as mass-action channels (a reversible reaction gives
//     two).
//  2. Per recorded state of the model's trajectory: the free signal strands
//     scaled until the interpreted totals equal the model's amounts, the
//     intermediates settled at their quasi-steady state after each update
//     (settleIntermediates, warm-started from the previous state).
//  3. The rates of change of the totals (design, per lab second) and of the
//     model's species (per model time unit) accumulated into
//     tau = sum f W f / sum f W g.
//
//===----------------------------------------------------------------------===//

#include "lib/verify/QuasiSteadyAxis.h"
#include "lib/support/Format.h"
#include "llvm/ADT/SmallVector.h"
#include <algorithm>
#include <cmath>
#include <limits>

using namespace crnc;
using namespace crnc::verify;

namespace {

using Terms = llvm::SmallVector<std::pair<size_t, unsigned>, 4>;

/// One direction of one reaction.
struct Channel {
  double k = 0;
  Terms in, out;
};

/// A module's channels, and per species the channels it takes part in.
struct Channels {
  std::vector<Channel> list;
  std::vector<llvm::SmallVector<size_t, 4>> consumedBy, producedBy;
  std::vector<bool> constant;
};

} // namespace

static Terms terms(const ir::TermList &side) {
  Terms out;
  for (const ir::Term &t : side)
    out.push_back({t.species, t.count});
  return out;
}

static Channels channelsOf(const ir::Module &module) {
  Channels c;
  for (const ir::Reaction &r : module.allReactions()) {
    c.list.push_back({r.rate, terms(r.reactants), terms(r.products)});
    if (r.reverseRate)
      c.list.push_back({*r.reverseRate, terms(r.products), terms(r.reactants)});
  }
  size_t n = module.speciesCount();
  c.consumedBy.resize(n);
  c.producedBy.resize(n);
  for (size_t i = 0; i < c.list.size(); ++i) {
    for (auto [s, count] : c.list[i].in)
      c.consumedBy[s].push_back(i);
    for (auto [s, count] : c.list[i].out)
      c.producedBy[s].push_back(i);
  }
  for (const ir::Species &s : module.allSpecies())
    c.constant.push_back(s.constant);
  return c;
}

/// k prod y^count over the channel's reactants, leaving out one copy of
/// `skip` (SIZE_MAX: none).
static double flux(const Channel &ch, llvm::ArrayRef<double> y,
                   size_t skip = SIZE_MAX) {
  double v = ch.k;
  for (auto [s, count] : ch.in)
    v *= std::pow(y[s], double(s == skip ? count - 1 : count));
  return v;
}

/// Net rate of change of every species (0 for constant ones).
static std::vector<double> derivative(const Channels &c,
                                      llvm::ArrayRef<double> y) {
  std::vector<double> dy(y.size(), 0);
  for (const Channel &ch : c.list) {
    double v = flux(ch, y);
    for (auto [s, count] : ch.in)
      dy[s] -= count * v;
    for (auto [s, count] : ch.out)
      dy[s] += count * v;
  }
  for (size_t s = 0; s < dy.size(); ++s)
    if (c.constant[s])
      dy[s] = 0;
  return dy;
}

static unsigned countIn(const Terms &side, size_t s) {
  for (auto [t, count] : side)
    if (t == s)
      return count;
  return 0;
}

/// One Gauss-Seidel step for intermediate `i`: production over first-order
/// consumption coefficient (the geometric mean with the old level when `i`
/// meets itself, so that 2 I -> ... settles). Returns the new level.
static double settleOne(const Channels &c, size_t i, llvm::ArrayRef<double> y) {
  double produced = 0, coefficient = 0;
  bool self = false;
  for (size_t ch : c.producedBy[i])
    produced += countIn(c.list[ch].out, i) * flux(c.list[ch], y);
  for (size_t ch : c.consumedBy[i]) {
    unsigned a = countIn(c.list[ch].in, i);
    self |= a > 1;
    coefficient += a * flux(c.list[ch], y, i);
  }
  if (!(produced > 0))
    return 0;
  if (!(coefficient > 0))
    return y[i]; // accumulates: no quasi-steady state, kept where it is
  double next = produced / coefficient;
  return self && y[i] > 0 ? std::sqrt(next * y[i]) : next;
}

/// Sweeps until no level changes by more than `tolerance` (relative);
/// false when `maxSweeps` do not settle or `deadline` (checked every 64
/// sweeps) expires.
static bool settle(const Channels &c, llvm::ArrayRef<size_t> intermediates,
                   std::vector<double> &y, double tolerance, unsigned maxSweeps,
                   const Deadline *deadline = nullptr) {
  double floor = 0;
  for (double v : y)
    floor = std::max(floor, std::fabs(v));
  floor *= 1e-15;
  for (unsigned sweep = 0; sweep < maxSweeps; ++sweep) {
    double change = 0;
    for (size_t i : intermediates) {
      double next = settleOne(c, i, y);
      if (!std::isfinite(next))
        return false;
      change = std::max(change, std::fabs(next - y[i]) /
                                    std::max(next, floor + 1e-300));
      y[i] = next;
    }
    if (change <= tolerance)
      return true;
    if (deadline && sweep % 64 == 63 && deadline->expired())
      return false;
  }
  return false;
}

/// Species something consumes that are neither constant nor slow; the
/// others that are neither (wastes) are set to 0.
static std::vector<size_t> intermediatesOf(const Channels &c,
                                           const std::vector<bool> &slow,
                                           std::vector<double> &y) {
  std::vector<size_t> out;
  for (size_t s = 0; s < y.size(); ++s) {
    if (c.constant[s] || slow[s])
      continue;
    if (c.consumedBy[s].empty())
      y[s] = 0;
    else
      out.push_back(s);
  }
  return out;
}

bool verify::settleIntermediates(const ir::Module &implementation,
                                 const std::vector<bool> &slow,
                                 std::vector<double> &state, double tolerance,
                                 unsigned maxSweeps) {
  Channels c = channelsOf(implementation);
  std::vector<size_t> intermediates = intermediatesOf(c, slow, state);
  return settle(c, intermediates, state, tolerance, maxSweeps);
}

namespace {

/// Step 2 and 3 at one state after another, warm-started.
class AxisSolver {
public:
  explicit AxisSolver(const QuasiSteadyAxisInput &in)
      : in(in), impl(channelsOf(*in.implementation)),
        model(channelsOf(*in.reference)) {
    size_t n = in.implementation->speciesCount();
    slow.assign(n, false);
    y.assign(n, 0);
    for (size_t s = 0; s < n; ++s) {
      slow[s] = s < in.signalStrand.size() && in.signalStrand[s];
      if (impl.constant[s])
        y[s] = in.implementation->getSpecies(s).initial;
    }
    for (const AxisSpecies &a : in.species)
      if (a.freeStrand)
        slow[*a.freeStrand] = true;
    intermediates = intermediatesOf(impl, slow, y);
  }

  /// Adds state `row`'s f W f and f W g to perState; false (with `problem`)
  /// when its quasi-steady state does not settle.
  bool addState(size_t row) {
    if (!placeTotals(row))
      return false;
    std::vector<double> dy = derivative(impl, y);
    llvm::ArrayRef<double> x = in.trajectory->row(row);
    std::vector<double> dx = derivative(model, x);
    double ff = 0, fg = 0;
    for (const AxisSpecies &a : in.species) {
      double g = 0;
      for (auto [s, copies] : a.countedBy)
        g += copies * dy[s];
      g /= in.concFactor;
      double f = dx[a.column], w = 1 / (a.range * a.range);
      ff += w * f * f;
      fg += w * f * g;
    }
    moving |= ff > 0;
    perState.push_back({ff, fg});
    return true;
  }

  /// Per state: f W f and f W g.
  std::vector<std::pair<double, double>> perState;
  bool moving = false;
  std::string problem;

private:
  double total(const AxisSpecies &a) const {
    double t = 0;
    for (auto [s, copies] : a.countedBy)
      t += copies * y[s];
    return t;
  }

  /// The next free level of one species whose total is `t` at free level
  /// `s` (`last`: the previous round's pair, NaN at first): a secant step
  /// on the total against the free strand once two rounds give a slope
  /// (the held share may not grow with s: committed outputs do not), the
  /// multiplicative s c x / T before. Clamped at 0: the complexes counted
  /// for X that hold no free X (committed outputs on their way) then reach
  /// the model's amount by themselves.
  static double nextFree(std::pair<double, double> last, double s, double t,
                         double target) {
    double slope = (t - last.second) / (s - last.first);
    if (std::isfinite(slope) && slope > 0)
      return std::max(0.0, s + (target - t) / slope);
    if (s > 0 && t > 0)
      return s * target / t;
    return std::max(0.0, target - t);
  }

  /// The free strands placed until every total is c x (step 2).
  bool placeTotals(size_t row) {
    for (const AxisSpecies &a : in.species) {
      double target = in.concFactor * in.trajectory->at(row, a.column);
      if (!a.freeStrand) {
        if (target > 0) {
          problem = "a compared species has no free signal strand";
          return false;
        }
        continue;
      }
      double &s = y[*a.freeStrand];
      if (!(s > 0))
        s = target;
    }
    const double nan = std::numeric_limits<double>::quiet_NaN();
    std::vector<std::pair<double, double>> last(in.species.size(), {nan, nan});
    for (int round = 0; round < 1000; ++round) {
      if (!settle(impl, intermediates, y, 1e-12, in.maxSweeps, in.deadline)) {
        problem = in.deadline && in.deadline->expired()
                      ? in.deadline->reason()
                      : "the design's intermediates reach no quasi-steady "
                        "state at model time " +
                            formatSignificant(in.trajectory->times[row], 4);
        return false;
      }
      double worst = 0;
      for (size_t k = 0; k < in.species.size(); ++k) {
        const AxisSpecies &a = in.species[k];
        if (!a.freeStrand)
          continue;
        double target = in.concFactor * in.trajectory->at(row, a.column);
        double t = total(a);
        double &s = y[*a.freeStrand];
        if (!(target > 0)) {
          s = 0;
          continue;
        }
        // At s = 0 only a shortfall is a miss: a total above the target
        // is what the committed outputs hold by themselves.
        double miss = s > 0 ? std::fabs(t - target) : std::max(0.0, target - t);
        worst = std::max(worst, miss / target);
        double next = nextFree(last[k], s, t, target);
        last[k] = {s, t};
        s = next < 1e-12 * target ? 0 : next;
      }
      if (worst < 1e-10)
        return true;
    }
    problem = "the free signal levels matching the model's amounts do not "
              "settle";
    return false;
  }

  const QuasiSteadyAxisInput &in;
  Channels impl, model;
  std::vector<bool> slow;
  std::vector<double> y;
  std::vector<size_t> intermediates;
};

} // namespace

/// step[r] = |x(r) - x(r - 1)|_W for r in 1 .. rows - 1; step[0] and
/// step[rows] are 0.
static std::vector<double> stepLengths(const QuasiSteadyAxisInput &in) {
  const sim::Trace &x = *in.trajectory;
  std::vector<double> step(x.rows() + 1, 0);
  for (size_t r = 1; r < x.rows(); ++r) {
    double d2 = 0;
    for (const AxisSpecies &a : in.species) {
      double d = (x.at(r, a.column) - x.at(r - 1, a.column)) / a.range;
      d2 += d * d;
    }
    step[r] = std::sqrt(d2);
  }
  return step;
}

QuasiSteadyAxis verify::quasiSteadyTimeScale(const QuasiSteadyAxisInput &in) {
  QuasiSteadyAxis out;
  AxisSolver solver(in);
  for (size_t row = 0; row < in.trajectory->rows(); ++row) {
    if (in.deadline && in.deadline->expired()) {
      out.problem = in.deadline->reason();
      return out;
    }
    if (!solver.addState(row)) {
      out.problem = solver.problem;
      return out;
    }
    ++out.states;
  }
  // Each state's slowdown f W f / f W g, weighted by the length of the
  // path the model travels around it (half the W-distance to each
  // neighbouring state: speed x time where the run resolves it, and no
  // more than the distance where a fast transient is over within a step).
  std::vector<double> step = stepLengths(in);
  double sum = 0, weight = 0;
  for (size_t row = 0; row < solver.perState.size(); ++row) {
    auto [ff, fg] = solver.perState[row];
    // A single state is its own path.
    double w = step.size() == 2 ? 1 : (step[row] + step[row + 1]) / 2;
    if (ff > 0 && fg > 0 && w > 0)
      sum += w * ff / fg, weight += w;
  }
  if (!(weight > 0)) {
    out.problem = solver.moving ? "the design does not move the model's way"
                                : "the model is at rest throughout";
    return out;
  }
  out.timeScale = sum / weight;
  return out;
}
