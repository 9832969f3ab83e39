//===- LoweringPipeline.cpp - the standard lowering order -----------------===//

#include "lib/passes/LoweringPipeline.h"
#include "lib/passes/Passes.h"
#include "lib/support/Format.h"

using namespace crnc;

static const EnumName<BufferMode> bufferModeTable[] = {
    {BufferMode::Auto, "auto"},
    {BufferMode::On, "on"},
    {BufferMode::Off, "off"},
};

llvm::ArrayRef<EnumName<BufferMode>> crnc::bufferModeNames() {
  return bufferModeTable;
}

llvm::StringRef crnc::bufferModeName(BufferMode mode) {
  return nameOf(bufferModeTable, mode);
}

void crnc::buildLoweringPipeline(PassManager &pm, const LoweringOptions &o) {
  pm.addPass(createCanonicalizePass());
  pm.addPass(createRemoveDeadPass());
  pm.addPass(createDualRailPass(o.dualRail));
  pm.addPass(createGatePhasesPass(o.gatePhases));
  pm.addPass(createReduceOrderPass(o.reduceOrder));
  pm.addPass(createMapRatesPass(o.mapRates));
}

bool crnc::isFormal(const ir::Module &module) {
  return ir::lowering::isFormal(module.attrs);
}

LoweringOptions crnc::formalSettings(const ir::Module &module,
                                     LoweringOptions o) {
  namespace lw = ir::lowering;
  if (std::optional<double> cmax = lw::get(module.attrs, lw::CmaxNM))
    o.mapRates.cmax = *cmax;
  if (std::optional<double> qmax = lw::get(module.attrs, lw::QmaxPerNMs))
    o.mapRates.qmaxPerMolar = *qmax * 1e9;
  if (std::optional<double> qmin = lw::get(module.attrs, lw::QminPerNMs))
    o.mapRates.qminPerMolar = *qmin * 1e9;
  return o;
}

ir::LegalityConstraints crnc::dsdLegality(const LoweringOptions &o) {
  ir::LegalityConstraints c;
  c.maxReactants = 2;
  if (o.reduceOrder.maxProducts >= 2)
    c.maxProducts = static_cast<unsigned>(o.reduceOrder.maxProducts);
  c.allowSigned = false;
  c.allowPhases = false;
  c.minRate = o.mapRates.qminPerMolar * 1e-9 * (1 - 1e-12);
  c.maxRate = o.mapRates.qmaxPerMolar * 1e-9 * (1 + 1e-12);
  return c;
}

LogicalResult crnc::verifyLowered(const ir::Module &module,
                                  const LoweringOptions &options,
                                  DiagnosticEngine &diags) {
  bool ok = succeeded(ir::verify(module, diags));
  for (const ir::Species &s : module.allSpecies()) {
    if (s.initial >= 0)
      continue;
    diags.error(s.loc,
                "species '" + s.name + "' starts negative after lowering");
    ok = false;
  }
  if (module.unit != ConcUnit::nM) {
    diags.error(Location(), "the lowered module is not in nM");
    ok = false;
  }
  ok &= succeeded(ir::verifyLegality(module, dsdLegality(options), diags));
  return success(ok);
}
