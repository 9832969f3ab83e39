//===- SampleData.cpp - the data rows a command reads ---------------------===//

#include "compiler/driver/SampleData.h"
#include "compiler/driver/Commands.h"
#include "compiler/driver/DriverSupport.h"
#include "lib/support/Format.h"
#include "lib/train/ModelInterface.h"
#include "lib/train/ProbeSample.h"
#include "llvm/Support/WithColor.h"

using namespace crnc;
using namespace crnc::driver;
namespace cl = llvm::cl;

namespace {
#define DATA_OPT                                                               \
  cl::sub(driver::trainCommand), cl::sub(driver::compileCommand),              \
      cl::cat(crncCategory)
cl::opt<std::string> featuresText("features",
                                  cl::desc("1-based feature columns to keep"),
                                  cl::value_desc("list"), DATA_OPT);
cl::opt<std::string> classesText("classes",
                                 cl::desc("labels to keep (renumbered 0..)"),
                                 cl::value_desc("list"), DATA_OPT);
#undef DATA_OPT
cl::opt<std::string> sampleData(
    "data",
    cl::desc("Neural CRN model: re-simulate over the first row of this CSV "
             "(as crnc train reads it; --features, --classes) instead of a "
             "probe sample"),
    cl::value_desc("path"), cl::sub(driver::compileCommand),
    cl::cat(crncCategory));
} // namespace

bool driver::readDataSelection(train::DataOptions &options) {
  if (!featuresText.empty() &&
      !train::parseIndexList(featuresText, true, options.features)) {
    reportUsageError("--features: expected 1-based column numbers, got '" +
                     featuresText + "'");
    return false;
  }
  if (!classesText.empty() &&
      !train::parseIndexList(classesText, false, options.classes)) {
    reportUsageError("--classes: expected labels, got '" + classesText + "'");
    return false;
  }
  return true;
}

/// The row against the model: its width and label (usage errors, as crnc
/// train), its signs (an input error).
static int checkRow(const train::ModelInterface &mi,
                    const train::RecordedSample &row) {
  if (row.inputs.size() != mi.inputs)
    return reportUsageError("the model has " + llvm::Twine(mi.inputs) +
                            " inputs but the data has " +
                            llvm::Twine(row.inputs.size()) + " features");
  train::PreparedData one;
  one.train.x.push_back(row.inputs);
  one.train.target.push_back(row.target);
  if (std::optional<double> bad = train::foreignLabel(mi, one))
    return reportUsageError("label " + formatNumber(*bad) +
                            " is not a class of the model (classes 0.." +
                            llvm::Twine(mi.classes ? mi.classes - 1 : 0) +
                            "); select classes with --classes");
  for (const train::LoadSpec &load : mi.loads)
    if (!load.isTarget && !load.signal.neg && load.index < row.inputs.size() &&
        row.inputs[load.index] < 0) {
      llvm::WithColor::error(llvm::errs(), "crnc")
          << sampleData << ": feature " << load.index + 1
          << " of the first row is " << formatNumber(row.inputs[load.index])
          << " but the model's inputs are non-negative; declare "
             "'signed_inputs = 1' or give another row\n";
      return ExitInputError;
    }
  return ExitSuccess;
}

int driver::readSampleData(const ir::Module &module, CompileOptions &options) {
  train::DataOptions selection;
  if (!readDataSelection(selection))
    return ExitUsageError;
  if (sampleData.empty())
    return selection.features.empty() && selection.classes.empty()
               ? ExitSuccess
               : reportUsageError("--features and --classes select from the "
                                  "rows of --data");
  if (!options.verify)
    return reportUsageError("--data gives the sample the re-simulation "
                            "presents, which --no-verify skips");
  llvm::Expected<train::ModelInterface> mi =
      train::ModelInterface::fromModule(module);
  if (!mi) {
    llvm::consumeError(mi.takeError());
    return reportUsageError("--data gives a sample to a Neural CRN model; '" +
                            module.name + "' declares none");
  }
  llvm::Expected<train::Dataset> data = train::loadDataset(sampleData);
  if (!data)
    return reportEnvironmentError(data.takeError());
  llvm::Expected<train::RecordedSample> row = train::firstRow(*data, selection);
  if (!row) {
    llvm::WithColor::error(llvm::errs(), "crnc")
        << sampleData << ": " << llvm::toString(row.takeError()) << "\n";
    return ExitInputError;
  }
  if (int code = checkRow(*mi, *row))
    return code;
  options.verification.sample = std::move(*row);
  buildForLoadLevels(options, train::loadLevels(*data, selection));
  options.verification.sampleOrigin = "the first row of " + sampleData;
  return ExitSuccess;
}
