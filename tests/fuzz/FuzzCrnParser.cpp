// libFuzzer harness for the .crn front end: any byte string must give either
// a module that passes the verifier or located errors, never a crash, a hang
// or a sanitizer report. Round-trips every module through the textual IR.
#include "compiler/frontend/Frontend.h"
#include "ir/Parser.h"
#include "ir/Printer.h"
#include "ir/Verifier.h"
#include "llvm/Support/MemoryBuffer.h"
#include <cstdlib>

using namespace crnc;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  llvm::SourceMgr sm;
  DiagnosticEngine diags(sm, llvm::nulls());
  llvm::StringRef text(reinterpret_cast<const char *>(data), size);
  std::unique_ptr<ir::Module> module =
      frontend::compileString(text, diags, "fuzz.crn");
  if (!module) {
    if (!diags.hadErrors())
      std::abort(); // a failure must always be explained
    return 0;
  }
  std::string printed = ir::printModuleToString(*module);
  std::unique_ptr<ir::Module> reparsed =
      ir::parseModuleFromString(printed, diags, "fuzz.crnir");
  if (!reparsed || ir::printModuleToString(*reparsed) != printed)
    std::abort(); // the IR must round-trip exactly
  return 0;
}
