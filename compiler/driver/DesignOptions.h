//===- DesignOptions.h - `crnc compile`'s lowering and DSD flags -*- C++
//-*-===//
//
// The flags that shape the formal CRN and its DNA design: the scheme, the
// gate strategy, C_max (`--cmax`), q_max, the concentration scale, buffer
// modules, domain lengths and the size limit. Each default is the one of
// the option struct it fills (lib/passes/PassOptions.h, dsd::SchemeOptions).
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_DRIVER_DESIGNOPTIONS_H
#define CRNC_DRIVER_DESIGNOPTIONS_H

#include "compiler/driver/Pipeline.h"
#include "llvm/Support/Error.h"
#include <optional>
#include <string>

namespace crnc::driver {

/// Checks the names given to --scheme and --gate (before any input is read);
/// the error (a usage error) names what was written and what is accepted.
llvm::Error checkDesignNames();

/// Reads the settings into `options`; false (after reporting a usage error
/// naming the valid range) when one is outside what DNA can do.
/// Requires: checkDesignNames() succeeded.
bool readDesignOptions(CompileOptions &options);

/// `--conc-scale` of compile and train (one meaning): 0 for 'auto' (the lab
/// scale search's choice, backends/protocol/ScaleSearch.h), else nM within
/// (0, `cmaxNM`]; nullopt after reporting a usage error.
std::optional<double> readConcScale(const std::string &text, double cmaxNM);

} // namespace crnc::driver

#endif
