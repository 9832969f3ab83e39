//===- DriverSupport.h - shared steps of the drivers ------------*- C++ -*-===//
//
// Loading an input by its extension (.crn source, .crnir textual IR), writing
// outputs atomically (nothing half-written on failure), and the exit codes.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_DRIVER_DRIVERSUPPORT_H
#define CRNC_DRIVER_DRIVERSUPPORT_H

#include "ir/Module.h"
#include "lib/support/Diagnostics.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/Error.h"
#include <chrono>
#include <memory>

namespace crnc::driver {

/// 3: a check (`crnc verify`, compile's verification) found the design wrong.
enum ExitCode {
  ExitSuccess = 0,
  ExitInputError = 1,
  ExitUsageError = 2,
  ExitCheckFailed = 3
};

/// The result of loading an input: a module, or an exit code to return.
struct LoadedModule {
  std::unique_ptr<ir::Module> module;
  int exitCode = ExitSuccess;
};

/// Reads `path` ("-" for stdin) into the engine's SourceMgr and builds a
/// verified module: `.crnir` through the IR parser, `.sbml`/`.xml` through the
/// SBML reader, anything else through the .crn front end. Reports problems and
/// sets the exit code.
LoadedModule loadModule(llvm::StringRef path, DiagnosticEngine &diags);

/// loadModule, except that a `.pil` file with domain-level reactions
/// (Peppercorn's output, `crnc enumerate`) is read through the PIL reader
/// and becomes its reaction network (verify::moduleFromDesign).
LoadedModule loadNetwork(llvm::StringRef path, DiagnosticEngine &diags);

/// Writes `path` through a temporary file renamed into place, so a failure
/// never leaves a half-written file. `write` returns false to abandon. "-"
/// is stdout (a failed write is an error); a device or pipe is written in
/// place (never replaced); a directory is refused.
llvm::Error
writeFileAtomically(llvm::StringRef path,
                    llvm::function_ref<bool(llvm::raw_ostream &)> write);

/// One file of a multi-file output.
struct OutputFile {
  std::string path;
  std::string contents;
};

/// Writes every file or none: targets that are directories are refused
/// before anything is written, every file goes to a temporary file first,
/// and the temporary files are renamed into place only when all are written.
llvm::Error writeFilesAtomically(llvm::ArrayRef<OutputFile> files);

/// Flushes stdout; an error when something written to it was lost (a full
/// device, a closed pipe).
llvm::Error flushStdout();

/// Prints an environment error once, as `crnc: error: ...`; returns 2.
int reportEnvironmentError(llvm::Error error);

/// Prints a usage error, `crnc: error: <message>`; returns 2.
int reportUsageError(const llvm::Twine &message);

/// A `\r`-rewritten "simulating... 42%" line on stderr, shown only when
/// `enabled` (a terminal, no --no-progress) and erased when destroyed.
class ProgressLine {
public:
  explicit ProgressLine(bool enabled) : enabled(enabled) {}
  ProgressLine(const ProgressLine &) = delete;
  ProgressLine &operator=(const ProgressLine &) = delete;
  ~ProgressLine();
  void show(double fraction);

private:
  bool enabled;
  int last = -1;
};

/// A "[####....] 8/40 samples, ETA 3 s" bar on stderr, shown only when
/// `enabled` (a terminal, no --no-progress) and erased when destroyed.
class ProgressBar {
public:
  explicit ProgressBar(bool enabled);
  ProgressBar(const ProgressBar &) = delete;
  ProgressBar &operator=(const ProgressBar &) = delete;
  ~ProgressBar();
  void show(size_t done, size_t total);

private:
  bool enabled, shown = false;
  std::chrono::steady_clock::time_point start;
};

/// True when `value` is finite and within [lo, hi]; otherwise reports
/// `--<flag> must be between <lo> and <hi> <unit> (got <value>)`.
bool checkRange(llvm::StringRef flag, double value, double lo, double hi,
                llvm::StringRef unit = "");

} // namespace crnc::driver

#endif
