//===- Compile.cpp - scheme registry and the DSD backend entry point ------===//
//
// Checks that the module is legal for a DSD scheme, then lets the chosen
// scheme build signals and fuels. The backend never lowers IR itself.
//
//===----------------------------------------------------------------------===//

#include "backends/dsd/InFlightHold.h"
#include "backends/dsd/RateCalibration.h"
#include "backends/dsd/ReversibleCalibration.h"
#include "backends/dsd/Schemes.h"
#include "ir/LoweringAttributes.h"
#include "ir/Printer.h"
#include "ir/Verifier.h"
#include "lib/dna/Domain.h"
#include "lib/support/Format.h"

using namespace crnc;
using namespace crnc::dsd;

double dsd::fuelConcentration(const ir::Module &module) {
  double nanomolar = ir::lowering::get(module.attrs, ir::lowering::CmaxNM)
                         .value_or(ir::lowering::DefaultCmaxNM);
  return convertConcentration(nanomolar, ConcUnit::nM, module.unit);
}

std::optional<dna::LabTime> dsd::labTimeOf(const ir::Module &module) {
  std::optional<double> scale =
      ir::lowering::get(module.attrs, ir::lowering::TimeScale);
  if (!scale)
    return std::nullopt;
  dna::LabTime t;
  t.secondsPerTimeUnit = *scale;
  std::optional<double> horizon =
      ir::model::get(module.attrs, ir::model::Horizon);
  if (!horizon)
    return t;
  t.secondsPerPhase = *horizon * *scale;
  size_t phases = ir::lowering::clockPhaseCount(module.attrs);
  if (phases && ir::findAttribute(module.attrs, ir::model::ModelKind.name))
    t.secondsPerTrainingSample = *t.secondsPerPhase * double(phases);
  return t;
}

static const SchemeInfo schemes[] = {
    {SchemeKind::Soloveichik2010, "soloveichik2010",
     "join and translator gates with backward strands; signals are "
     "history-toehold-long-toehold",
     "Soloveichik, Seelig & Winfree, PNAS 107:5393 (2010)",
     buildSoloveichik2010, ir::lowering::JoinOrder::NoOutputCrosstalk},
    {SchemeKind::Srinivas2015, "srinivas2015",
     "two-stage reactant and product gates with helper strands",
     "Srinivas, PhD thesis, Caltech (2015), chapter 3", buildSrinivas2015},
    {SchemeKind::Qian2011, "qian2011",
     "three-domain gates with one shared toehold, irreversible step after "
     "all reactants are consumed; reversible reactions in one gate",
     "Qian, Soloveichik & Winfree, DNA 16, LNCS 6518 (2011), corrected",
     buildQian2011},
    {SchemeKind::Cardelli2013, "cardelli2013",
     "two-domain n x m join/fork gates, no garbage collection",
     "Cardelli, Mathematical Structures in Computer Science 23 (2013)",
     buildCardelli2013},
};

llvm::ArrayRef<SchemeInfo> crnc::dsd::allSchemes() { return schemes; }

const SchemeInfo *crnc::dsd::lookupScheme(llvm::StringRef name) {
  for (const SchemeInfo &s : schemes)
    if (s.name == name)
      return &s;
  return nullptr;
}

const SchemeInfo &crnc::dsd::schemeInfo(SchemeKind kind) {
  for (const SchemeInfo &s : schemes)
    if (s.kind == kind)
      return s;
  llvm_unreachable("every scheme kind is registered");
}

static std::string schemeList() {
  std::string names;
  for (const SchemeInfo &s : schemes)
    names += (names.empty() ? "" : ", ") + s.name.str();
  return names;
}

llvm::Expected<SchemeKind> crnc::dsd::parseScheme(llvm::StringRef name) {
  if (const SchemeInfo *scheme = lookupScheme(name))
    return scheme->kind;
  return llvm::createStringError(
      std::make_error_code(std::errc::invalid_argument),
      "unknown scheme '" + name.str() + "' (known: " + schemeList() + ")");
}

/// Species names become PIL complex names, so they must be identifiers.
static LogicalResult checkNames(const ir::Module &module,
                                DiagnosticEngine &diags) {
  bool ok = true;
  for (const ir::Species &s : module.allSpecies()) {
    if (dna::isDomainName(s.name)) {
      if (llvm::StringRef("fwi").contains(s.name.front()))
        diags.warning(s.loc, "species '" + s.name +
                                 "' starts with 'f', 'w' or 'i': PIL readers "
                                 "that follow Nuskell's naming convention will "
                                 "not take its signal complex for a signal");
      continue;
    }
    diags.error(s.loc, "species '" + s.name +
                           "' cannot name a signal complex: use letters, "
                           "digits, '_' and '-' only");
    ok = false;
  }
  return success(ok);
}

llvm::Expected<dna::Design> crnc::dsd::compile(const ir::Module &module,
                                               const SchemeOptions &options,
                                               DiagnosticEngine &diags) {
  const SchemeInfo *scheme = &schemeInfo(options.kind);
  ir::LegalityConstraints legal;
  legal.maxReactants = 2;
  legal.allowSigned = false;
  legal.allowPhases = false;
  if (failed(ir::verify(module, diags)) ||
      failed(ir::verifyLegality(module, legal, diags)) ||
      failed(checkNames(module, diags)))
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "module '" + module.name + "' is not legal for DSD scheme '" +
            scheme->name + "' (run the lowering pipeline first)");
  dna::Design design;
  design.labTime = labTimeOf(module);
  design.scheme = scheme->name.str();
  design.unit = module.unit == ConcUnit::None ? ConcUnit::nM : module.unit;
  SchemeBuilder builder(module, options, design);
  // The CRN the design implements: gate fuels are part of the gates.
  for (const Step &step : builder.steps(/*keepReversible=*/true))
    design.formalReactions.push_back(step.equation);
  if (failed(scheme->build(builder)))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "DSD scheme '" + scheme->name + "' failed");
  if (options.calibrateRates && module.unit != ConcUnit::None &&
      ir::lowering::get(module.attrs, ir::lowering::CmaxNM)) {
    GateLoads loads = measureGateLoads(module);
    SchemeOptions calibration = options;
    calibration.tuneFuelStrands = options.kind == SchemeKind::Qian2011;
    calibrateRates(module, builder.moduleSteps(), design, calibration, loads,
                   diags);
    calibrateReversibleRates(module, builder.moduleSteps(), design, calibration,
                             loads, diags);
    if (options.kind == SchemeKind::Soloveichik2010 ||
        options.kind == SchemeKind::Srinivas2015)
      compensateInFlight(module, builder.moduleSteps(), design, options);
  }
  return design;
}
