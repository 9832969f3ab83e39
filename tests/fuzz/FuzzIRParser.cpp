// libFuzzer harness for the textual IR parser: any byte string parses to a
// module that prints and re-parses to identical text, or fails with errors.
#include "ir/Parser.h"
#include "ir/Printer.h"
#include "ir/Verifier.h"
#include <cstdlib>

using namespace crnc;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  llvm::SourceMgr sm;
  DiagnosticEngine diags(sm, llvm::nulls());
  llvm::StringRef text(reinterpret_cast<const char *>(data), size);
  std::unique_ptr<ir::Module> module =
      ir::parseModuleFromString(text, diags, "fuzz.crnir");
  if (!module) {
    if (!diags.hadErrors())
      std::abort();
    return 0;
  }
  (void)ir::verify(*module, diags);
  ir::PrintOptions options;
  options.printLocations = true;
  std::string printed = ir::printModuleToString(*module, options);
  std::unique_ptr<ir::Module> reparsed =
      ir::parseModuleFromString(printed, diags, "fuzz2.crnir");
  if (!reparsed || ir::printModuleToString(*reparsed, options) != printed)
    std::abort();
  return 0;
}
