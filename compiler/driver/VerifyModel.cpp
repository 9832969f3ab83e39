//===- VerifyModel.cpp - `crnc verify model.crn`: what it checks ----------===//

#include "compiler/driver/VerifyModel.h"
#include "backends/dsd/Scheme.h"
#include "backends/pil/PILReader.h"
#include "compiler/driver/DriverSupport.h"
#include "compiler/driver/Pipeline.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/WithColor.h"

using namespace crnc;
using namespace crnc::driver;

int driver::buildModelVerification(llvm::StringRef file, llvm::StringRef scheme,
                                   const enumerate::EnumerateOptions &limits,
                                   ModelVerification &out,
                                   DiagnosticEngine &diags) {
  if (llvm::Error e = dsd::parseScheme(scheme).takeError())
    return reportUsageError(llvm::toString(std::move(e)));
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
  llvm::Expected<dsd::SchemeKind> kind = dsd::parseScheme(scheme);
  if (!kind)
    return reportUsageError(llvm::toString(kind.takeError()));
  options.scheme.kind = *kind;
  options.stopAfterDesign = true;
  CompileResult result;
  if (failed(runCompilePipeline(*module, options, diags, result)))
    return result.settingsError ? ExitUsageError : ExitInputError;
  verify::PreparedDesign prepared =
      verify::prepareDesign(*module, std::move(*result.design), limits);
  out.formalModule = std::move(module);
  out.formal = std::move(prepared.formal);
  out.checkedAgainst = std::move(prepared.checkedAgainst);
  out.enumerated = std::move(prepared.enumerated);
  out.enumerationStopped = std::move(prepared.stopped);
  out.implementation = std::move(prepared.implementation);
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
  verify::PreparedDesign prepared =
      verify::prepareDesign(*formal.module, std::move(*design), limits);
  out.formalModule = std::move(formal.module);
  out.formal = std::move(prepared.formal);
  // The formal CRN is the file's as written (no lowering).
  llvm::StringRef described(prepared.checkedAgainst);
  described.consume_front("the lowered formal CRN");
  out.checkedAgainst =
      "the formal CRN of '" + formalFile.str() + "'" + described.str();
  out.enumerated = std::move(prepared.enumerated);
  out.enumerationStopped = std::move(prepared.stopped);
  out.implementation = std::move(prepared.implementation);
  return ExitSuccess;
}
