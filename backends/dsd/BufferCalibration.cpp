//===- BufferCalibration.cpp - each buffer module holds what map-rates asks
//===//
//
// The knob is the level of the gate X binds in the buffer's forward
// direction: while X is dilute every intermediate of the loop is fed
// through that binding, so the hold is proportional to the gate's level.
//
//===----------------------------------------------------------------------===//

#include "backends/dsd/BufferCalibration.h"
#include "backends/dsd/RateCalibration.h"
#include "ir/LoweringAttributes.h"
#include "lib/support/Format.h"
#include <algorithm>
#include <cmath>

using namespace crnc;
using namespace crnc::dsd;
using namespace crnc::dna;

namespace {
/// One buffer: its species, target hold, and the design modules of its
/// directions (the forward one first).
struct Buffer {
  BufferSpecies species;
  double target = 0;
  std::vector<size_t> modules;
  Location loc;
};
} // namespace

static bool contains(const std::vector<ir::SpeciesId> &v, ir::SpeciesId s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

/// The buffers of `module` with the modules of their directions.
static std::vector<Buffer> findBuffers(const ir::Module &module,
                                       const std::vector<Step> &steps) {
  std::vector<Buffer> out;
  for (const ir::Reaction &r : module.allReactions()) {
    if (r.reactants.size() != 2 || r.products.size() != 2)
      continue;
    const ir::Species &ls = module.getSpecies(r.reactants[1].species);
    std::optional<double> hold =
        ir::lowering::get(ls.attrs, ir::lowering::BufferHold);
    if (!hold || !ir::lowering::get(ls.attrs, ir::lowering::BufferOf))
      continue;
    Buffer b;
    b.species.x = r.reactants[0].species;
    b.species.ls = r.reactants[1].species;
    b.species.hs = r.products[0].species;
    b.species.bs = r.products[1].species;
    b.target = *hold;
    b.loc = r.loc;
    for (size_t i = 0; i < steps.size(); ++i)
      if (contains(steps[i].reactants, b.species.ls))
        b.modules.insert(b.modules.begin(), i);
      else if (contains(steps[i].reactants, b.species.hs) &&
               contains(steps[i].reactants, b.species.bs))
        b.modules.push_back(i);
    // A one-gate buffer (BufferGate.h, a reversible step) holds X by
    // construction: nothing to tune.
    if (!b.modules.empty() &&
        contains(steps[b.modules[0]].reactants, b.species.ls) &&
        !steps[b.modules[0]].reversible)
      out.push_back(std::move(b));
  }
  return out;
}

/// Steps 1-2 for one buffer; returns the last measured hold.
static llvm::Expected<double> tuneBuffer(const ir::Module &module,
                                         const std::vector<Step> &steps,
                                         Design &design, const Buffer &b,
                                         double floor) {
  size_t forward = b.modules.front();
  llvm::Expected<MeasuredRate> rate =
      measureModuleRate(module, design, forward, steps[forward]);
  if (!rate)
    return rate.takeError();
  llvm::Expected<double> hold =
      measureBufferHold(module, design, b.modules, b.species);
  if (!hold || !rate->rateGate)
    return hold;
  std::optional<double> &conc =
      design.getComplex(*rate->rateGate).concentration;
  double level = steps[forward].gateFuelLevel > 0 ? steps[forward].gateFuelLevel
                                                  : fuelConcentration(module);
  for (int round = 0; round < 4 && *hold > 0 && conc; ++round) {
    double ratio = b.target / *hold;
    double next = std::clamp(*conc * ratio, std::min(floor, level), level);
    if (std::fabs(ratio - 1) < 1e-3 || next == *conc)
      break;
    conc = next;
    hold = measureBufferHold(module, design, b.modules, b.species);
    if (!hold)
      return hold;
  }
  ReactionModule &rm = design.modules[forward];
  rm.rateGate = rate->rateGate;
  if (llvm::Expected<MeasuredRate> again =
          measureModuleRate(module, design, forward, steps[forward]))
    rm.realisedRate = again->perMolarSecond;
  else
    llvm::consumeError(again.takeError());
  return hold;
}

void dsd::calibrateBufferHolds(const ir::Module &module,
                               const std::vector<Step> &steps, Design &design,
                               double gateExcess, const GateLoads &loads,
                               DiagnosticEngine &diags) {
  std::vector<GateFloor> floors = gateFloors(loads, steps, gateExcess, design);
  size_t off = 0;
  double worstFactor = 1, worstHold = 0;
  const Buffer *worst = nullptr;
  std::vector<Buffer> buffers = findBuffers(module, steps);
  for (const Buffer &b : buffers) {
    llvm::Expected<double> hold =
        tuneBuffer(module, steps, design, b, floors[b.modules.front()].level);
    if (!hold) {
      diags.warning(b.loc,
                    "buffer calibration: " + llvm::toString(hold.takeError()));
      continue;
    }
    double factor = std::max(*hold / b.target, b.target / *hold);
    if (factor - 1 <= 0.01)
      continue;
    ++off;
    if (factor > worstFactor)
      worstFactor = factor, worst = &b, worstHold = *hold;
  }
  if (!worst)
    return;
  diags.warning(worst->loc,
                llvm::Twine(off) + " of " + llvm::Twine(buffers.size()) +
                    " buffer modules do not hold map-rates' fraction within "
                    "1 %; the worst, of '" +
                    module.getSpecies(worst->species.x).name + "', holds " +
                    formatSignificant(worstHold, 3) + " for " +
                    formatSignificant(worst->target, 3) +
                    " (its gate at its bound; its floor is " +
                    describeFloor(floors[worst->modules.front()], loads,
                                  gateExcess, concUnitName(design.unit)) +
                    ")");
}
