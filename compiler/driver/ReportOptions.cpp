//===- ReportOptions.cpp - `crnc compile`'s report settings ---------------===//

#include "compiler/driver/ReportOptions.h"
#include "compiler/driver/Commands.h"
#include "lib/support/Format.h"
#include <cmath>

using namespace crnc;
using namespace crnc::driver;
namespace cl = llvm::cl;

namespace {

const report::ReportSettings defaults;

#define REPORT_OPT cl::sub(driver::compileCommand), cl::cat(crncCategory)

cl::opt<std::string> pricePerNt(
    "price-per-nt",
    cl::desc("Price of one synthesised nucleotide in USD: the report adds "
             "the order cost"),
    cl::value_desc("usd"), REPORT_OPT);
cl::opt<unsigned> heatMapRows(
    "heat-map-rows",
    cl::desc("Strands in the report's crosstalk heat map (beyond: those with "
             "the strongest crosstalk)"),
    cl::init(defaults.heatMapRows), REPORT_OPT);

cl::opt<unsigned> crosstalkStrands(
    "crosstalk-strands",
    cl::desc("Strands whose pairs the report's crosstalk section measures "
             "(single strands first; the pairs grow quadratically)"),
    cl::init(defaults.crosstalkStrands), REPORT_OPT);

#undef REPORT_OPT

llvm::Error usage(const llvm::Twine &message) {
  return llvm::createStringError(std::errc::invalid_argument,
                                 message.str().c_str());
}

} // namespace

llvm::Expected<report::ReportSettings> driver::readReportOptions() {
  report::ReportSettings s;
  if (pricePerNt.getNumOccurrences()) {
    std::optional<double> price = parseNumber(pricePerNt);
    if (!price || *price < 0)
      return usage("--price-per-nt must be a non-negative number of USD per "
                   "nucleotide, not '" +
                   pricePerNt + "'");
    s.pricePerNt = *price;
  }
  if (heatMapRows < 2 || heatMapRows > 200)
    return usage("--heat-map-rows must be between 2 and 200, not " +
                 llvm::Twine(heatMapRows.getValue()));
  s.heatMapRows = heatMapRows;
  if (crosstalkStrands < 2)
    return usage("--crosstalk-strands must be at least 2");
  s.crosstalkStrands = crosstalkStrands;
  return s;
}
