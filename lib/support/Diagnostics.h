//===- Diagnostics.h - located errors, warnings and notes -------*- C++ -*-===//
//
// The DiagnosticEngine prints `file:line:col: error: message`, the source line
// and a caret (through llvm::SourceMgr), counts errors and warnings, and can be
// captured by tests. Every user-facing error in crnc goes through it. Source
// lines are printed with control bytes and invalid UTF-8 escaped (\xNN); after
// the error limit further errors are counted but not printed, and warnings
// past the warning limit are summarised in one line when the engine ends.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_SUPPORT_DIAGNOSTICS_H
#define CRNC_SUPPORT_DIAGNOSTICS_H

#include "lib/support/Location.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/SMLoc.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"
#include <functional>
#include <string>
#include <vector>

namespace crnc {

enum class Severity { Error, Warning, Note, Remark };

/// One diagnostic as a value, for tests and for the JSON report.
struct Diagnostic {
  Severity severity;
  Location loc;
  std::string message;
};

/// Reports diagnostics against the buffers of a SourceMgr.
///
/// A Location whose file is a buffer of the SourceMgr is printed with its
/// source line and caret; any other known location is printed as
/// `file:line:col:`.
class DiagnosticEngine {
public:
  explicit DiagnosticEngine(llvm::SourceMgr &sourceMgr,
                            llvm::raw_ostream &os = llvm::errs());
  /// Prints how many warnings and errors the limits kept back.
  ~DiagnosticEngine();
  DiagnosticEngine(const DiagnosticEngine &) = delete;
  DiagnosticEngine &operator=(const DiagnosticEngine &) = delete;

  void error(Location loc, const llvm::Twine &message,
             llvm::ArrayRef<llvm::SMRange> ranges = {});
  void warning(Location loc, const llvm::Twine &message,
               llvm::ArrayRef<llvm::SMRange> ranges = {});
  void note(Location loc, const llvm::Twine &message);
  void remark(Location loc, const llvm::Twine &message);
  /// Reports at an SMLoc inside one of the SourceMgr's buffers.
  void report(Severity severity, llvm::SMLoc loc, const llvm::Twine &message,
              llvm::ArrayRef<llvm::SMRange> ranges = {});
  void report(Severity severity, Location loc, const llvm::Twine &message,
              llvm::ArrayRef<llvm::SMRange> ranges = {});

  /// Converts a buffer position into a Location (file, line, column).
  Location locationOf(llvm::SMLoc loc) const;
  /// Converts a Location into an SMLoc when its file is a loaded buffer.
  llvm::SMLoc smLocOf(Location loc) const;

  unsigned errorCount() const { return errors; }
  unsigned warningCount() const { return warnings; }
  bool hadErrors() const { return errors != 0; }

  /// Warnings are counted but not printed when suppressed.
  void setWarningsSuppressed(bool suppressed) { suppressWarnings = suppressed; }
  /// Errors printed before the rest are only counted (0: no limit).
  void setErrorLimit(unsigned limit) { errorLimit = limit; }
  /// Warnings printed before the rest are summarised (0: no limit).
  void setWarningLimit(unsigned limit) { warningLimit = limit; }
  /// The name in front of diagnostics without a location (`crnc: error:`).
  void setToolName(llvm::StringRef name) { toolName = name.str(); }
  /// Redirects every diagnostic to `handler` instead of printing it (tests).
  void setHandler(std::function<void(const Diagnostic &)> handler);

  llvm::SourceMgr &sourceMgr() { return srcMgr; }

private:
  llvm::SourceMgr &srcMgr;
  llvm::raw_ostream &os;
  std::function<void(const Diagnostic &)> handler;
  /// The last buffer locationOf resolved, and its interned name.
  mutable unsigned lastBuffer = 0;
  mutable const char *lastBufferName = nullptr;
  /// Counts the diagnostic; false when it is not to be printed.
  bool admit(Severity severity);

  unsigned errors = 0;
  unsigned warnings = 0;
  bool suppressWarnings = false;
  unsigned errorLimit = 20;
  unsigned warningLimit = 100;
  unsigned hiddenErrors = 0, hiddenWarnings = 0;
  /// A note after a hidden error or warning belongs to it: hidden too.
  bool lastHidden = false;
  std::string toolName = "crnc";
};

/// Collects diagnostics in a vector: the test-side view of a DiagnosticEngine.
class CapturedDiagnostics {
public:
  explicit CapturedDiagnostics(DiagnosticEngine &diags);
  const std::vector<Diagnostic> &all() const { return captured; }
  /// True when some error's message contains `fragment`.
  bool hasError(llvm::StringRef fragment) const;
  bool hasWarning(llvm::StringRef fragment) const;

private:
  std::vector<Diagnostic> captured;
};

} // namespace crnc

#endif
