//===- Pass.h - the pass interface ------------------------------*- C++ -*-===//
//
// A pass transforms one ir::Module in place. It has a kebab-case name, a
// one-line summary, typed options settable from `--pass-pipeline=name{k=v}`,
// and may check its own postconditions (run under `--verify-each`). Passes
// keep no global state: everything they need is in the module or the options.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_PASSES_PASS_H
#define CRNC_PASSES_PASS_H

#include "ir/Module.h"
#include "lib/support/Diagnostics.h"
#include "lib/support/LogicalResult.h"
#include "llvm/Support/raw_ostream.h"
#include <memory>
#include <string>
#include <vector>

namespace crnc {

/// One option of a pass: its name, meaning, and where its value lives.
struct PassOption {
  enum class Kind { Number, Flag, Choice };
  std::string name;
  std::string description;
  Kind kind = Kind::Number;
  double *number = nullptr;
  bool *flag = nullptr;
  std::string *choice = nullptr;
  std::vector<std::string> choices; ///< allowed values of a Choice
  /// The default, as text (for --list-passes).
  std::string defaultText;
};

class Pass {
public:
  virtual ~Pass() = default;
  /// kebab-case name used in pipelines (`reduce-order`).
  virtual llvm::StringRef name() const = 0;
  /// One line for `--list-passes`.
  virtual llvm::StringRef summary() const = 0;
  /// Transforms `module`; reports problems through `diags`.
  virtual LogicalResult run(ir::Module &module, DiagnosticEngine &diags) = 0;
  /// Checks the guarantees stated in the pass header (under --verify-each).
  virtual LogicalResult verifyPostconditions(const ir::Module &,
                                             DiagnosticEngine &) const {
    return success();
  }

  const std::vector<PassOption> &options() const { return optionTable; }
  /// Sets option `key` from text; on failure returns a message.
  std::optional<std::string> setOption(llvm::StringRef key,
                                       llvm::StringRef value);

protected:
  void addNumberOption(llvm::StringRef name, double *storage,
                       double defaultValue, llvm::StringRef description);
  void addFlagOption(llvm::StringRef name, bool *storage, bool defaultValue,
                     llvm::StringRef description);
  void addChoiceOption(llvm::StringRef name, std::string *storage,
                       std::vector<std::string> choices,
                       llvm::StringRef description);

private:
  std::vector<PassOption> optionTable;
};

/// Creates the pass called `name` (from Passes.def), or null when unknown.
std::unique_ptr<Pass> createPassByName(llvm::StringRef name);
/// Every registered pass name, in Passes.def order.
std::vector<std::string> registeredPassNames();
/// Prints every pass with its summary and options (`--list-passes`).
void printPassList(llvm::raw_ostream &os);

} // namespace crnc

#endif
