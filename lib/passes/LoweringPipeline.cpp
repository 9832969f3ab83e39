//===- LoweringPipeline.cpp - the standard lowering order -----------------===//

#include "lib/passes/LoweringPipeline.h"
#include "lib/support/Format.h"
#include "llvm/Support/ErrorHandling.h"
#include <cassert>

using namespace crnc;

/// Creates pass `name` and sets its options (names and values known good).
static std::unique_ptr<Pass>
makePass(llvm::StringRef name,
         std::initializer_list<std::pair<const char *, std::string>> options) {
  std::unique_ptr<Pass> pass = createPassByName(name);
  assert(pass && "lowering names an unregistered pass");
  for (const auto &[key, value] : options) {
    std::optional<std::string> problem = pass->setOption(key, value);
    assert(!problem && "lowering sets an unknown option");
    (void)problem;
  }
  return pass;
}

llvm::StringRef crnc::bufferModeName(BufferMode mode) {
  switch (mode) {
  case BufferMode::Auto:
    return "auto";
  case BufferMode::On:
    return "on";
  case BufferMode::Off:
    return "off";
  }
  llvm_unreachable("unknown buffer mode");
}

void crnc::buildLoweringPipeline(PassManager &pm, const LoweringOptions &o) {
  pm.addPass(makePass("canonicalize", {}));
  pm.addPass(makePass("remove-dead", {}));
  pm.addPass(makePass(
      "dual-rail", {{"annihilation-rate", formatNumber(o.annihilationRate)}}));
  pm.addPass(
      makePass("gate-phases", {{"strategy", o.gateStrategy},
                               {"clock-conc", formatNumber(o.clockConc)}}));
  pm.addPass(makePass("reduce-order",
                      {{"epsilon", formatNumber(o.epsilon)},
                       {"max-products", formatNumber(o.maxProducts)}}));
  pm.addPass(
      makePass("map-rates", {{"cmax", formatNumber(o.cmax)},
                             {"qmax", formatNumber(o.qmax)},
                             {"qmin", formatNumber(o.qmin)},
                             {"conc-scale", formatNumber(o.concScale)},
                             {"fuel-excess", formatNumber(o.fuelExcess)},
                             {"buffers", bufferModeName(o.buffers).str()}}));
}

bool crnc::isFormal(const ir::Module &module) {
  return ir::findAttribute(module.attrs, "formal") == llvm::StringRef("true");
}

LoweringOptions crnc::formalSettings(const ir::Module &module,
                                     LoweringOptions o) {
  auto number = [&](llvm::StringRef key) {
    return parseNumber(ir::findAttribute(module.attrs, key).value_or(""));
  };
  if (std::optional<double> cmax = number("cmax_nM"))
    o.cmax = *cmax;
  if (std::optional<double> qmax = number("qmax_per_nM_s"))
    o.qmax = *qmax * 1e9;
  if (std::optional<double> qmin = number("qmin_per_nM_s"))
    o.qmin = *qmin * 1e9;
  return o;
}

ir::LegalityConstraints crnc::dsdLegality(const LoweringOptions &o) {
  ir::LegalityConstraints c;
  c.maxReactants = 2;
  if (o.maxProducts >= 2)
    c.maxProducts = static_cast<unsigned>(o.maxProducts);
  c.allowSigned = false;
  c.allowPhases = false;
  c.minRate = o.qmin * 1e-9 * (1 - 1e-12);
  c.maxRate = o.qmax * 1e-9 * (1 + 1e-12);
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
