//===- Pass.cpp - pass options and the registry ---------------------------===//

#include "lib/passes/Pass.h"
#include "lib/passes/Passes.h"
#include "lib/support/Format.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Format.h"

using namespace crnc;

void Pass::addNumberOption(llvm::StringRef name, double *storage,
                           llvm::StringRef description) {
  PassOption opt;
  opt.name = name.str();
  opt.description = description.str();
  opt.kind = PassOption::Kind::Number;
  opt.number = storage;
  opt.defaultText = formatNumber(*storage);
  optionTable.push_back(std::move(opt));
}

void Pass::addFlagOption(llvm::StringRef name, bool *storage,
                         llvm::StringRef description) {
  PassOption opt;
  opt.name = name.str();
  opt.description = description.str();
  opt.kind = PassOption::Kind::Flag;
  opt.flag = storage;
  opt.defaultText = *storage ? "true" : "false";
  optionTable.push_back(std::move(opt));
}

void Pass::addChoice(llvm::StringRef name, std::vector<std::string> choices,
                     llvm::StringRef defaultText, llvm::StringRef description,
                     std::function<bool(llvm::StringRef)> set) {
  PassOption opt;
  opt.name = name.str();
  opt.description = description.str();
  opt.kind = PassOption::Kind::Choice;
  opt.setChoice = std::move(set);
  opt.defaultText = defaultText.str();
  opt.choices = std::move(choices);
  optionTable.push_back(std::move(opt));
}

std::optional<std::string> Pass::setOption(llvm::StringRef key,
                                           llvm::StringRef value) {
  for (PassOption &opt : optionTable) {
    if (opt.name != key)
      continue;
    switch (opt.kind) {
    case PassOption::Kind::Number: {
      std::optional<double> number = parseNumber(value);
      if (!number)
        return "option '" + key.str() + "' of pass '" + name().str() +
               "' takes a number, not '" + value.str() + "'";
      *opt.number = *number;
      return std::nullopt;
    }
    case PassOption::Kind::Flag:
      if (value != "true" && value != "false" && value != "1" && value != "0")
        return "option '" + key.str() + "' of pass '" + name().str() +
               "' takes true or false, not '" + value.str() + "'";
      *opt.flag = value == "true" || value == "1";
      return std::nullopt;
    case PassOption::Kind::Choice:
      if (opt.setChoice(value))
        return std::nullopt;
      return "option '" + key.str() + "' of pass '" + name().str() +
             "' takes one of " + llvm::join(opt.choices, ", ") + ", not '" +
             value.str() + "'";
    }
  }
  return "pass '" + name().str() + "' has no option '" + key.str() + "'";
}

std::unique_ptr<Pass> crnc::createPassByName(llvm::StringRef name) {
#define CRNC_PASS(passName, factory)                                           \
  if (name == passName)                                                        \
    return factory();
#include "lib/passes/Passes.def"
  return nullptr;
}

std::vector<std::string> crnc::registeredPassNames() {
  std::vector<std::string> names;
#define CRNC_PASS(passName, factory) names.push_back(passName);
#include "lib/passes/Passes.def"
  return names;
}

void crnc::printPassList(llvm::raw_ostream &os) {
  for (const std::string &name : registeredPassNames()) {
    std::unique_ptr<Pass> pass = createPassByName(name);
    os << "  " << llvm::left_justify(name, 16) << " " << pass->summary()
       << "\n";
    for (const PassOption &opt : pass->options())
      os << "      " << opt.name << "=<" << opt.defaultText << ">  "
         << opt.description << "\n";
  }
}
