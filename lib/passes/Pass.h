//===- Pass.h - the pass interface ------------------------------*- C++ -*-===//
//
// A pass transforms one ir::Module in place. It has a kebab-case name, a
// one-line summary, a typed options struct (PassOptions.h) whose fields it
// binds to option names for `--pass-pipeline=name{k=v}`, and may check its
// own postconditions (run under `--verify-each`). Passes keep no global
// state: everything they need is in the module or the options.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_PASSES_PASS_H
#define CRNC_PASSES_PASS_H

#include "ir/Module.h"
#include "lib/support/Diagnostics.h"
#include "lib/support/EnumNames.h"
#include "lib/support/LogicalResult.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/raw_ostream.h"
#include <functional>
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
  /// Sets a Choice from one of `choices`; false for any other text.
  std::function<bool(llvm::StringRef)> setChoice;
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
  /// Binds option `name` to `*storage`; its current value is the default.
  void addNumberOption(llvm::StringRef name, double *storage,
                       llvm::StringRef description);
  void addFlagOption(llvm::StringRef name, bool *storage,
                     llvm::StringRef description);
  template <typename E>
  void addEnumOption(llvm::StringRef name, E *storage,
                     llvm::ArrayRef<EnumName<E>> names,
                     llvm::StringRef description) {
    std::vector<std::string> choices;
    std::string defaultText;
    for (const EnumName<E> &row : names) {
      choices.push_back(row.name.str());
      if (row.value == *storage && defaultText.empty())
        defaultText = row.name.str();
    }
    addChoice(name, std::move(choices), defaultText, description,
              [storage, names](llvm::StringRef text) {
                for (const EnumName<E> &row : names)
                  if (row.name == text) {
                    *storage = row.value;
                    return true;
                  }
                return false;
              });
  }

private:
  void addChoice(llvm::StringRef name, std::vector<std::string> choices,
                 llvm::StringRef defaultText, llvm::StringRef description,
                 std::function<bool(llvm::StringRef)> set);

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
