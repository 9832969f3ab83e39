//===- DriverSupport.cpp - shared steps of the drivers --------------------===//

#include "compiler/driver/DriverSupport.h"
#include "backends/sbml/SBML.h"
#include "compiler/frontend/Frontend.h"
#include "ir/Parser.h"
#include "ir/Verifier.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/WithColor.h"

using namespace crnc;
using namespace crnc::driver;

LoadedModule driver::loadModule(llvm::StringRef path, DiagnosticEngine &diags) {
  LoadedModule result;
  auto buffer = llvm::MemoryBuffer::getFileOrSTDIN(path, /*IsText=*/true);
  if (!buffer) {
    llvm::WithColor::error(llvm::errs(), "crnc")
        << "cannot read '" << path << "': " << buffer.getError().message()
        << "\n";
    result.exitCode = ExitUsageError;
    return result;
  }
  unsigned id =
      diags.sourceMgr().AddNewSourceBuffer(std::move(*buffer), llvm::SMLoc());
  llvm::StringRef extension = llvm::sys::path::extension(path);
  if (extension == ".crnir" || extension == ".sbml" || extension == ".xml") {
    result.module = extension == ".crnir" ? ir::parseModule(id, diags)
                                          : sbml::readSBML(id, diags);
    if (result.module && failed(ir::verify(*result.module, diags)))
      result.module.reset();
  } else {
    result.module = frontend::compileSource(id, diags);
  }
  if (!result.module)
    result.exitCode = ExitInputError;
  return result;
}

llvm::Error driver::writeFileAtomically(
    llvm::StringRef path, llvm::function_ref<bool(llvm::raw_ostream &)> write) {
  if (path == "-") {
    write(llvm::outs());
    return llvm::Error::success();
  }
  llvm::SmallString<256> model(path);
  model += ".tmp-%%%%%%";
  bool abandoned = false;
  llvm::Error error = llvm::writeFileAtomically(
      model, path, [&](llvm::raw_ostream &os) -> llvm::Error {
        abandoned = !write(os);
        if (abandoned)
          return llvm::createStringError(
              std::make_error_code(std::errc::operation_canceled),
              "output abandoned");
        return llvm::Error::success();
      });
  if (error && abandoned)
    return llvm::createStringError(
        std::make_error_code(std::errc::operation_canceled),
        "nothing written to '" + path + "'");
  if (error)
    return llvm::createStringError(
        std::make_error_code(std::errc::io_error),
        "cannot write '" + path + "': " + llvm::toString(std::move(error)));
  return llvm::Error::success();
}

int driver::reportEnvironmentError(llvm::Error error) {
  llvm::WithColor::error(llvm::errs(), "crnc")
      << llvm::toString(std::move(error)) << "\n";
  return ExitUsageError;
}
