//===- Commands.h - the subcommands of `crnc` -------------------*- C++ -*-===//
//
// Each subcommand lives in its own file (`CompileCommand.cpp`, ...), declares
// its options with `cl::sub(<its SubCommand>)`, and exposes one entry point.
// crnc.cpp dispatches on the SubCommand that llvm::cl selected. Exit codes:
// 0 success, 1 errors in the input were reported, 2 usage or I/O failure.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_DRIVER_COMMANDS_H
#define CRNC_DRIVER_COMMANDS_H

#include "lib/support/Diagnostics.h"
#include "llvm/Support/CommandLine.h"

namespace crnc::driver {

/// A subcommand: its llvm::cl registration and what runs when it is chosen.
struct Command {
  llvm::cl::SubCommand &subCommand;
  int (*run)();
};

/// The category every crnc option belongs to; other (LLVM) options are hidden.
extern llvm::cl::OptionCategory crncCategory;

/// Applies the options every command shares (`--error-limit`) to `diags`.
void applyDiagnosticOptions(DiagnosticEngine &diags);

extern llvm::cl::SubCommand compileCommand;
int runCompile();
extern llvm::cl::SubCommand simulateCommand;
int runSimulate();
extern llvm::cl::SubCommand trainCommand;
int runTrain();
extern llvm::cl::SubCommand genDataCommand;
int runGenData();
extern llvm::cl::SubCommand enumerateCommand;
int runEnumerate();
extern llvm::cl::SubCommand verifyCommand;
int runVerify();
extern llvm::cl::SubCommand dnaCommand;
int runDna();

} // namespace crnc::driver

#endif
