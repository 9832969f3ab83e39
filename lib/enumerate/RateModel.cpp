//===- RateModel.cpp - Peppercorn's domain-level rate constants -----------===//

#include "lib/enumerate/RateModel.h"
#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>

using namespace crnc::enumerate;

static double linkerOf(const LoopStats &loop) {
  if (loop.open)
    return std::numeric_limits<double>::infinity();
  // A stem spans about 2 nm, the length of 2/0.43 unpaired nucleotides.
  const double stemEquivalent = 2.0 / 0.43;
  return 1.0 + loop.bases + loop.stems + stemEquivalent * loop.stems;
}

double crnc::enumerate::linkerLength(const LoopStats &before,
                                     const LoopStats &after) {
  assert(!(before.open && after.open) && "linker of a disconnected complex");
  return std::min(linkerOf(before), linkerOf(after));
}

double crnc::enumerate::hairpinClosingRate(double length) {
  return std::min(1e6 * std::pow(length, -2.5), 33000.0);
}

double crnc::enumerate::bimolecularBindingRate(unsigned length) {
  return 3e5 * length;
}

double crnc::enumerate::unimolecularBindingRate(unsigned length,
                                                const LoopStats &before,
                                                const LoopStats &after) {
  if (before.isAdjacentStem() && after.isAdjacentStem())
    return 1e4; // bubble closing
  if (before.isAdjacentStem() || after.isAdjacentStem())
    return 1e6 / length; // zippering
  return hairpinClosingRate(linkerLength(before, after));
}

double crnc::enumerate::openingRate(unsigned length, const OpeningModel &model,
                                    unsigned mismatches) {
  return openingRateWithPenalty(length, model,
                                mismatchPenalty(mismatches, 0, 0, model));
}

double crnc::enumerate::openingRateWithPenalty(unsigned length,
                                               const OpeningModel &model,
                                               double ddG) {
  double rt = 0.001987 * model.kelvin;
  double dG = length * model.dGbp + model.dGassoc + ddG;
  return bimolecularBindingRate(length) * std::exp(dG / rt);
}

double crnc::enumerate::mismatchPenalty(unsigned central, unsigned end,
                                        unsigned wobbles,
                                        const OpeningModel &model) {
  return central * model.dGmismatch + end * model.dGendMismatch +
         wobbles * model.dGwobble;
}

double crnc::enumerate::branch3WayRate(unsigned length, const LoopStats &before,
                                       const LoopStats &after,
                                       bool afterStartsWithBreak) {
  const double stepTime = 1e-4;
  double initTime = afterStartsWithBreak ? 3.0e-3 : stepTime;
  double kInit = 1.0 / initTime;
  if (before.isAdjacentStem())
    return kInit / length;
  double ratio = hairpinClosingRate(linkerLength(before, after)) / 1e6;
  return ratio * kInit / length;
}

double crnc::enumerate::branch4WayRate(unsigned length, const LoopStats &before,
                                       const LoopStats &after) {
  const double openStep = 107.0, closedStep = 3.0;
  double init = 0;
  if (!before.open && !after.open) {
    init = closedStep;
    if (before.bases == 0 && before.stems == 1 && after.bases == 0 &&
        after.stems == 1)
      return 1.0 / init / length;
  }
  if (before.open) {
    init = openStep;
    if (after.bases == 0 && after.stems == 1)
      return 1.0 / init / length;
  }
  if (after.open) {
    init = openStep;
    if (before.bases == 0 && before.stems == 1)
      return 1.0 / init / length;
  }
  double ratio = hairpinClosingRate(linkerLength(before, after)) / 1e6;
  return ratio / init / length;
}
