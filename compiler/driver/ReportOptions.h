//===- ReportOptions.h - `crnc compile`'s report settings -------*- C++ -*-===//
//
// The flags of the verification report (price per nucleotide for the order
// cost, rows of the crosstalk heat map), read into report::ReportSettings
// and range-checked before anything runs.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_DRIVER_REPORTOPTIONS_H
#define CRNC_DRIVER_REPORTOPTIONS_H

#include "backends/report/ReportData.h"
#include "llvm/Support/Error.h"

namespace crnc::driver {

/// The settings the flags give; an error (a usage error: exit 2) names the
/// flag and what it accepts.
llvm::Expected<report::ReportSettings> readReportOptions();

} // namespace crnc::driver

#endif
