//===- VerifyCommand.cpp - `crnc verify` ----------------------------------===//
//
// Checks that an implementation CRN (for example the condensed reactions of
// an enumerated DSD design) implements a formal CRN: CRN bisimulation and
// pathway decomposition (lib/verify). With a positional model.crn, compiles
// it to a DSD design, enumerates that and checks it against the lowered
// formal CRN (VerifyModel.h); with --formal and --pil, enumerates a design
// made elsewhere (Nuskell's _sys.pil) the same way. Prints one line per
// check, then counterexamples and the interpretation. Exit 0 when every check
// holds, 3 when one is incorrect or unknown, 1 for input errors, 2 for usage.
//
//===----------------------------------------------------------------------===//

#include "backends/dsd/Scheme.h"
#include "compiler/driver/Commands.h"
#include "compiler/driver/DriverSupport.h"
#include "compiler/driver/VerifyModel.h"
#include "compiler/driver/VerifyOptions.h"
#include "compiler/driver/VerifyReportLines.h"
#include "compiler/driver/VerifyResimulation.h"
#include "lib/support/Format.h"
#include "lib/verify/GateModules.h"
#include "lib/verify/PathwayDecomposition.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/WithColor.h"

using namespace crnc;
using namespace crnc::driver;
namespace cl = llvm::cl;

cl::SubCommand
    driver::verifyCommand("verify",
                          "Check an implementation CRN against a formal CRN");

namespace {
enum class Notion { Bisimulation, Pathway, All };
#define VERIFY_OPT cl::sub(driver::verifyCommand), cl::cat(crncCategory)
cl::opt<std::string> modelFile(cl::Positional, cl::desc("[<model.crn>]"),
                               cl::Optional, VERIFY_OPT);
cl::opt<std::string>
    schemeName("scheme",
               cl::desc("DSD scheme <model.crn> is compiled with (default "
                        "soloveichik2010)"),
               VERIFY_OPT);
cl::opt<std::string> formalFile("formal", cl::desc("The formal CRN (.crn)"),
                                cl::value_desc("file"), VERIFY_OPT);
cl::opt<std::string> implFile("implementation",
                              cl::desc("The implementation CRN (.crn)"),
                              cl::value_desc("file"), VERIFY_OPT);
cl::opt<std::string> pilFile("pil",
                             cl::desc("A DSD design (PIL, e.g. Nuskell's "
                                      "_sys.pil) to enumerate and check "
                                      "against --formal"),
                             cl::value_desc("file"), VERIFY_OPT);
cl::list<std::string> fuelNames("fuels",
                                cl::desc("Fuel species, removed before "
                                         "checking (constant species of the "
                                         "implementation are fuels too)"),
                                cl::CommaSeparated, cl::value_desc("f1,f2"),
                                VERIFY_OPT);
cl::opt<std::string> interpretationFile(
    "interpretation",
    cl::desc("Interpretation as reactions 'x -> A + B' (partial: the rest "
             "is searched for)"),
    cl::value_desc("file"), VERIFY_OPT);
cl::opt<bool> ignoreNames("ignore-names",
                          cl::desc("Do not interpret species named after "
                                   "formal species; search from scratch"),
                          VERIFY_OPT);
cl::opt<Notion> notion(
    "notion", cl::desc("Which checks to run"),
    cl::values(clEnumValN(Notion::Bisimulation, "crn-bisimulation",
                          "CRN bisimulation (Johnson, Dong & Winfree 2019)"),
               clEnumValN(Notion::Pathway, "pathway-decomposition",
                          "pathway decomposition (Shin, Thachuk & Winfree "
                          "2019)"),
               clEnumValN(Notion::All, "all", "both")),
    cl::init(Notion::All), VERIFY_OPT);
cl::opt<bool> modular("modular",
                      cl::desc("Check CRN bisimulation module by module first "
                               "also when the names leave one module"),
                      VERIFY_OPT);
cl::opt<bool> monolithic("monolithic",
                         cl::desc("Check CRN bisimulation on the whole "
                                  "system only"),
                         VERIFY_OPT);
cl::opt<double> timeLimit("time-limit",
                          cl::desc("Seconds per check before it answers "
                                   "'unknown' (0: none)"),
                          cl::init(30), VERIFY_OPT);
#undef VERIFY_OPT

struct Inputs {
  std::unique_ptr<ir::Module> formalModule, implModule;
  verify::Crn formal, implementation;
  std::vector<verify::SpeciesIndex> fuelIndices;
  verify::Interpretation partial;
  std::vector<int32_t> gateModule; ///< per species, for a design's modules
  std::vector<std::string> moduleEquations; ///< per design module
  std::vector<std::string> fuels, wastes;
  /// A DNA design's (--pil): per implementation species, a free signal
  /// strand; empty for an implementation CRN.
  std::vector<bool> signalStrands;
  /// Pathway decomposition sees history variants merged into their signal
  /// (a design compiled here, whose variants are found by structure).
  bool mergeVariants = false;
};

/// Loads both CRNs, removes fuels, reads or infers the interpretation.
int loadInputs(Inputs &in, DiagnosticEngine &diags) {
  LoadedModule formal = loadModule(formalFile, diags);
  if (!formal.module)
    return formal.exitCode;
  LoadedModule impl = loadModule(implFile, diags);
  if (!impl.module)
    return impl.exitCode;
  in.formal = verify::crnFromModule(*formal.module);
  in.implementation = verify::crnFromModule(*impl.module);
  in.formalModule = std::move(formal.module);
  in.implModule = std::move(impl.module);
  std::vector<std::string> implNames = in.implementation.speciesNames;
  if (std::optional<std::string> unknown = verify::removeFuels(
          in.formal, in.implementation, fuelNames, in.fuelIndices))
    return reportUsageError("--fuels: '" + *unknown +
                            "' is not a species of '" + implFile + "'");
  for (verify::SpeciesIndex s : in.fuelIndices)
    in.fuels.push_back(implNames[s]);
  in.partial.assign(in.implementation.speciesCount(), std::nullopt);
  if (!ignoreNames)
    in.partial = verify::interpretationFromNames(in.implementation, in.formal);
  if (!interpretationFile.empty()) {
    LoadedModule file = loadModule(interpretationFile, diags);
    if (!file.module)
      return file.exitCode;
    if (!verify::readInterpretation(*file.module, in.implementation, in.formal,
                                    in.partial, diags))
      return ExitInputError;
  }
  return ExitSuccess;
}

/// `crnc verify model.crn`: the design of the model, enumerated, against the
/// lowered formal CRN. Prints what is checked against; a stopped enumeration
/// is reported as unknown verdicts (exit 3).
int loadModel(Inputs &in, DiagnosticEngine &diags) {
  if ((!formalFile.empty() && pilFile.empty()) || !implFile.empty() ||
      !fuelNames.empty() || !interpretationFile.empty() ||
      (pilFile.empty() && resimulationRequested())) {
    llvm::WithColor::error(llvm::errs(), "crnc")
        << (pilFile.empty()
                ? "verify <model.crn> takes no --formal, --implementation, "
                  "--fuels, --interpretation or --resimulate\n"
                : "verify --pil takes no --implementation, --fuels or "
                  "--interpretation\n");
    return ExitUsageError;
  }
  if (!schemeName.getNumOccurrences()) // dsd::SchemeOptions' default
    schemeName = dsd::schemeInfo(dsd::SchemeOptions().kind).name.str();
  driver::ModelVerification model;
  std::optional<enumerate::EnumerateOptions> limits = readVerifyCommandLimits();
  if (!limits)
    return ExitUsageError;
  if (int code = pilFile.empty()
                     ? driver::buildModelVerification(modelFile, schemeName,
                                                      *limits, model, diags)
                     : driver::buildDesignVerification(formalFile, pilFile,
                                                       *limits, model, diags))
    return code;
  if (!driver::printModelHeader(model, pilFile.empty() ? schemeName : pilFile,
                                notion != Notion::Pathway,
                                notion != Notion::Bisimulation, llvm::outs()))
    return ExitCheckFailed;
  in.formalModule = std::move(model.formalModule);
  in.formal = std::move(model.formal);
  in.implementation = std::move(model.implementation.crn);
  in.fuelIndices = model.implementation.fuels;
  for (verify::SpeciesIndex s : in.fuelIndices)
    in.fuels.push_back(in.implementation.speciesNames[s]);
  for (const std::optional<verify::Multiset> &meaning :
       model.implementation.partial) // re-simulation's quasi-steady axis
    in.signalStrands.push_back(meaning && !meaning->empty());
  in.partial = ignoreNames ? verify::Interpretation(
                                 in.implementation.speciesCount(), std::nullopt)
                           : std::move(model.implementation.partial);
  in.mergeVariants = true;
  in.implModule =
      std::make_unique<ir::Module>(std::move(model.implementation.module));
  if (!ignoreNames) // the gate modules meet at the named signals
    in.gateModule = std::move(model.implementation.gateModule);
  in.moduleEquations = std::move(model.implementation.moduleEquations);
  return ExitSuccess;
}
} // namespace

int driver::runVerify() {
  if (modular && monolithic)
    return reportUsageError("--modular and --monolithic exclude each other");
  if (!checkResimulationFlags())
    return ExitUsageError;
  bool fromFiles = modelFile.empty() && pilFile.empty();
  if ((fromFiles && (formalFile.empty() || implFile.empty())) ||
      (!pilFile.empty() && (formalFile.empty() || !modelFile.empty()))) {
    llvm::WithColor::error(llvm::errs(), "crnc")
        << "verify needs <model.crn>, or --formal <file> and "
           "--implementation <file> (or --pil <file>)\n";
    return ExitUsageError;
  }
  llvm::SourceMgr sourceMgr;
  DiagnosticEngine diags(sourceMgr);
  Inputs in;
  if (int code = fromFiles ? loadInputs(in, diags) : loadModel(in, diags))
    return code;
  in.wastes = verify::wasteNames(in.implementation, in.partial);
  bool allHold = true;
  std::vector<NamedCounterexample> problems;
  std::string interpretationText, modularLine;
  verify::Interpretation simulated = in.partial;
  if (notion != Notion::Pathway) {
    verify::StrategyResult both = verify::checkCrnBisimulation(
        in.formal, in.implementation, {in.partial, timeLimit},
        monolithic ? verify::BisimulationStrategy::Monolithic
        : modular  ? verify::BisimulationStrategy::Modular
                   : verify::BisimulationStrategy::Auto,
        in.gateModule);
    const verify::BisimulationResult &r = both.bisimulation;
    llvm::outs() << "crn-bisimulation: " << verify::verdictName(r.verdict)
                 << (r.unknownReason.empty() ? ""
                                             : " (" + r.unknownReason + ")")
                 << "\n";
    if (both.modular)
      modularLine = describeModular(*both.modular, problems);
    allHold &= r.verdict == verify::Verdict::Correct;
    if (r.counterexample)
      problems.push_back({"crn-bisimulation", *r.counterexample});
    if (r.verdict == verify::Verdict::Correct)
      simulated = r.interpretation;
    if (r.verdict == verify::Verdict::Correct)
      interpretationText = verify::formatInterpretation(
          r.interpretation, in.implementation, in.formal);
  }
  if (notion != Notion::Bisimulation) {
    verify::PathwayResult r = verify::checkPathwayDecomposition(
        in.formal,
        in.mergeVariants ? verify::mergeSignalVariants(in.implementation,
                                                       in.partial, in.formal)
                         : in.implementation,
        {timeLimit});
    llvm::outs() << "pathway-decomposition: " << verify::verdictName(r.verdict)
                 << (r.unknownReason.empty() ? ""
                                             : " (" + r.unknownReason + ")")
                 << "\n";
    allHold &= r.verdict == verify::Verdict::Correct;
    if (r.counterexample)
      problems.push_back({"pathway-decomposition", *r.counterexample});
  }
  if (resimulationRequested())
    allHold &= resimulateAndReport(
        *in.formalModule, in.formal, *in.implModule, in.implementation,
        simulated, in.fuelIndices,
        in.signalStrands.empty() ? nullptr : &in.signalStrands);
  if (auto crosstalk = verify::describeGateCrosstalk(
          in.implementation, in.gateModule, in.moduleEquations);
      crosstalk && !allHold)
    modularLine += "crosstalk: " + *crosstalk + "\n";
  printVerifyDetails(problems, modularLine, in.fuels, in.wastes,
                     interpretationText, verifyListLimit());
  return allHold ? ExitSuccess : ExitCheckFailed;
}
