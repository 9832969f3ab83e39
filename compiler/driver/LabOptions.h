//===- LabOptions.h - `crnc compile`'s bench settings -----------*- C++ -*-===//
//
// The flags of the wet-lab protocol and order sheets (reaction volume, stock
// concentrations, dead volume, plate size, synthesis scale, purification),
// read into protocol::LabSettings and range-checked before anything runs.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_DRIVER_LABOPTIONS_H
#define CRNC_DRIVER_LABOPTIONS_H

#include "backends/protocol/Protocol.h"
#include "llvm/Support/Error.h"

namespace crnc::driver {

/// The settings the flags give; an error (a usage error: exit 2) names the
/// flag and what it accepts.
llvm::Expected<protocol::LabSettings> readLabOptions();

} // namespace crnc::driver

#endif
