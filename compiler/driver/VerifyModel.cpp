//===- VerifyModel.cpp - `crnc verify model.crn`: what it checks ----------===//

#include "compiler/driver/VerifyModel.h"
#include "backends/dsd/Scheme.h"
#include "backends/pil/PILReader.h"
#include "compiler/driver/DriverSupport.h"
#include "compiler/driver/Pipeline.h"
#include "lib/verify/DesignVerification.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/WithColor.h"

using namespace crnc;
using namespace crnc::driver;

enumerate::EnumerateOptions driver::nuskellEnumerateOptions() {
  enumerate::EnumerateOptions options;
  options.maxComplexSize = 10;
  options.maxComplexCount = 5000;
  options.maxReactionCount = 10000;
  options.releaseCutoff = 7;
  return options;
}

static std::string plural(size_t n, llvm::StringRef word) {
  return std::to_string(n) + " " + word.str() + (n == 1 ? "" : "s");
}

int driver::buildModelVerification(llvm::StringRef file, llvm::StringRef scheme,
                                   const enumerate::EnumerateOptions &limits,
                                   ModelVerification &out,
                                   DiagnosticEngine &diags) {
  if (!dsd::lookupScheme(scheme)) {
    llvm::WithColor::error(llvm::errs(), "crnc")
        << "unknown scheme '" << scheme << "' (see crnc --list-schemes)\n";
    return ExitUsageError;
  }
  LoadedModule loaded = loadModule(file.str(), diags);
  if (!loaded.module)
    return loaded.exitCode;
  return buildModelVerification(std::move(loaded.module), scheme, limits, out,
                                diags);
}

int driver::buildModelVerification(std::unique_ptr<ir::Module> module,
                                   llvm::StringRef scheme,
                                   const enumerate::EnumerateOptions &limits,
                                   ModelVerification &out,
                                   DiagnosticEngine &diags) {
  CompileOptions options;
  options.scheme.scheme = scheme.str();
  options.stopAfterDesign = true;
  CompileResult result;
  if (failed(runCompilePipeline(*module, options, diags, result)))
    return result.settingsError ? ExitUsageError : ExitInputError;
  out.formalModule = std::move(module);
  out.formal = verify::crnFromModule(*out.formalModule);
  out.checkedAgainst = "the lowered formal CRN (" +
                       std::to_string(out.formal.usedSpecies().size()) +
                       " species, " +
                       plural(out.formal.reactions.size(), "reaction");
  // Every signal takes part, also those initially absent (Nuskell
  // enumerates every signal): their amount stays 0, as the adapter reads it.
  dna::Design &design = *result.design;
  for (dna::ComplexIndex i = 0; i < design.complexCount(); ++i) {
    dna::NamedComplex &c = design.getComplex(i);
    if (c.role == dna::ComplexRole::Signal && c.concentration == 0.0)
      c.concentration.reset();
  }
  llvm::Expected<enumerate::EnumeratedSystem> system =
      enumerate::enumerateDesign(design, limits);
  if (!system) {
    out.enumerationStopped = llvm::toString(system.takeError());
    out.checkedAgainst += ")";
    return ExitSuccess;
  }
  out.enumerated = std::to_string(system->complexes.size()) + " complexes, " +
                   plural(system->macrostates.size(), "resting macrostate") +
                   ", " +
                   plural(system->condensed.size(), "condensed reaction");
  if (system->ignoredBySize)
    out.enumerated += " (" + std::to_string(system->ignoredBySize) +
                      " binding reactions ignored: product above " +
                      std::to_string(limits.maxComplexSize) + " strands)";
  // Signal variants whose history domains differ stand for their signal,
  // as Nuskell names them (X_<n>_).
  verify::nameHistoryVariants(*system, *result.design);
  out.implementation = verify::implementationFromEnumeration(
      *system, *result.design, out.formal, out.formalModule->unit);
  std::vector<std::string> removed = verify::removeFormalFuels(
      out.formal, out.implementation.crn, out.implementation.fuels);
  out.implementation.partial =
      verify::interpretationFromNames(out.implementation.crn, out.formal);
  for (size_t i = 0; i < removed.size(); ++i)
    out.checkedAgainst += (i ? ", " : "; fuels ") + removed[i] +
                          (i + 1 == removed.size() ? " removed" : "");
  out.checkedAgainst += ")";
  return ExitSuccess;
}

bool driver::printModelHeader(const ModelVerification &model,
                              llvm::StringRef scheme, bool bisimulation,
                              bool pathway, llvm::raw_ostream &os) {
  os << "checked against: " << model.checkedAgainst << "\n";
  os << "enumeration (" << scheme << "): ";
  if (model.enumerationStopped.empty()) {
    os << model.enumerated << "\n";
    return true;
  }
  os << "stopped: " << model.enumerationStopped << "\n";
  if (bisimulation)
    os << "crn-bisimulation: unknown\n";
  if (pathway)
    os << "pathway-decomposition: unknown\n";
  return false;
}

int driver::buildDesignVerification(llvm::StringRef formalFile,
                                    llvm::StringRef pilFile,
                                    const enumerate::EnumerateOptions &limits,
                                    ModelVerification &out,
                                    DiagnosticEngine &diags) {
  LoadedModule formal = loadModule(formalFile, diags);
  if (!formal.module)
    return formal.exitCode;
  auto buffer = llvm::MemoryBuffer::getFileOrSTDIN(pilFile, /*IsText=*/true);
  if (!buffer)
    return reportEnvironmentError(llvm::createStringError(
        buffer.getError(),
        "cannot read '" + pilFile + "': " + buffer.getError().message()));
  unsigned id =
      diags.sourceMgr().AddNewSourceBuffer(std::move(*buffer), llvm::SMLoc());
  std::optional<dna::Design> design = pil::readPIL(id, diags);
  if (!design)
    return ExitInputError;
  out.formalModule = std::move(formal.module);
  verify::DesignImplementation checked = verify::implementationFromDesign(
      std::move(*design), verify::crnFromModule(*out.formalModule),
      out.formalModule->unit, limits);
  out.formal = std::move(checked.formal);
  out.implementation = std::move(checked.implementation);
  out.enumerated = std::move(checked.enumerated);
  out.enumerationStopped = std::move(checked.enumerationStopped);
  out.checkedAgainst = "the formal CRN of '" + formalFile.str() + "' (" +
                       std::to_string(out.formal.usedSpecies().size()) +
                       " species, " +
                       plural(out.formal.reactions.size(), "reaction");
  for (size_t i = 0; i < checked.formalFuels.size(); ++i)
    out.checkedAgainst +=
        (i ? ", " : "; fuels ") + checked.formalFuels[i] +
        (i + 1 == checked.formalFuels.size() ? " removed" : "");
  out.checkedAgainst += ")";
  return ExitSuccess;
}
