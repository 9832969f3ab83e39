//===- PassManager.cpp - runs a pipeline of passes ------------------------===//

#include "lib/passes/PassManager.h"
#include "ir/Printer.h"
#include "ir/Verifier.h"
#include "lib/support/Format.h"
#include "llvm/Support/Format.h"
#include <chrono>

using namespace crnc;

PassManager::PassManager(PassManagerOptions options,
                         llvm::raw_ostream &instrumentationStream)
    : options(options), instrumentation(instrumentationStream) {}

/// Splits `text` at top-level commas (commas inside `{...}` belong to options).
static std::vector<llvm::StringRef> splitPipeline(llvm::StringRef text) {
  std::vector<llvm::StringRef> items;
  int depth = 0;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{')
      ++depth;
    else if (text[i] == '}')
      --depth;
    else if (text[i] == ',' && depth == 0) {
      items.push_back(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  items.push_back(text.substr(start).trim());
  return items;
}

LogicalResult PassManager::addPipeline(llvm::StringRef pipeline,
                                       DiagnosticEngine &diags) {
  if (pipeline.trim().empty())
    return success();
  for (llvm::StringRef item : splitPipeline(pipeline)) {
    llvm::StringRef name = item.take_until([](char c) { return c == '{'; });
    llvm::StringRef optionText = item.drop_front(name.size());
    name = name.trim();
    std::unique_ptr<Pass> pass = createPassByName(name);
    if (!pass) {
      diags.error(Location(), "unknown pass '" + name +
                                  "' in pipeline (see --list-passes)");
      return failure();
    }
    if (!optionText.empty()) {
      if (!optionText.consume_front("{") || !optionText.consume_back("}")) {
        diags.error(Location(), "malformed options for pass '" + name +
                                    "': expected name{key=value,...}");
        return failure();
      }
      llvm::SmallVector<llvm::StringRef, 4> assignments;
      optionText.split(assignments, ',', -1, /*KeepEmpty=*/false);
      for (llvm::StringRef assignment : assignments) {
        auto [key, value] = assignment.split('=');
        if (std::optional<std::string> problem =
                pass->setOption(key.trim(), value.trim())) {
          diags.error(Location(), *problem);
          return failure();
        }
      }
    }
    addPass(std::move(pass));
  }
  return success();
}

LogicalResult PassManager::verifyAfter(const Pass &pass,
                                       const ir::Module &module,
                                       DiagnosticEngine &diags) {
  if (succeeded(ir::verify(module, diags)) &&
      succeeded(pass.verifyPostconditions(module, diags)))
    return success();
  diags.error(Location(),
              "the module is invalid after pass '" + pass.name() + "'");
  return failure();
}

void PassManager::printTimes(llvm::ArrayRef<double> seconds) {
  double total = 0;
  for (double s : seconds)
    total += s;
  instrumentation << "===-------------------------------------------===\n"
                  << "  pass execution times (wall clock)\n"
                  << "===-------------------------------------------===\n";
  for (size_t i = 0; i < seconds.size(); ++i)
    instrumentation << llvm::format("  %10.6f s  %5.1f%%  ", seconds[i],
                                    total > 0 ? 100 * seconds[i] / total : 0.0)
                    << passes[i]->name() << "\n";
  instrumentation << llvm::format("  %10.6f s  100.0%%  total\n", total);
}

LogicalResult PassManager::run(ir::Module &module, DiagnosticEngine &diags) {
  std::vector<double> seconds;
  for (auto &pass : passes) {
    auto start = std::chrono::steady_clock::now();
    LogicalResult result = pass->run(module, diags);
    seconds.push_back(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count());
    if (failed(result))
      return failure();
    if (options.afterPass)
      options.afterPass(*pass, module, seconds.back());
    if (options.verifyEach && failed(verifyAfter(*pass, module, diags)))
      return failure();
    if (options.printIRAfterAll) {
      instrumentation << "// ----- IR after " << pass->name() << " -----\n";
      ir::printModule(module, instrumentation);
    }
  }
  if (options.timePasses)
    printTimes(seconds);
  return success();
}
