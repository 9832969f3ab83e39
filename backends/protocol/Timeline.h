//===- Timeline.h - the experiment's schedule in lab minutes ----*- C++ -*-===//
//
// Reads the schedule a formal module implies, the way lib/sim and lib/train
// run it, and states it in lab minutes (one model time unit lasts
// map-rates' time_scale seconds at the bench; one concentration unit is
// conc_scale_nM nM free, and the lab adds amount_factor times that per
// unit, since the gates and buffer modules hold the rest):
//  - a learning network (model_kind, clock_phases, load/transient/output
//    attributes; see lib/train/ModelInterface.h) presents one sample per
//    cycle: inputs and target onto their rails and the first phase's
//    trigger at the cycle start (the target with the second phase's trigger
//    when LabSettings::targetWithSecondPhase), outputs read and the second
//    phase switched on after `horizon`, the second phase switched off after 2 x
//    horizon (an external trigger is switched off by its full complement,
//    anti_<trigger>, which joins the strands to order);
//  - any other network starts when its signals are mixed and runs freely.
// Inputs and triggers are added from working dilutions sized so one model
// unit is at least the smallest pipetted volume.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_BACKENDS_PROTOCOL_TIMELINE_H
#define CRNC_BACKENDS_PROTOCOL_TIMELINE_H

#include "backends/protocol/Protocol.h"

namespace crnc::protocol {

/// Fills p.timeline, p.workingDilutions, p.measure (and p.warnings); adds
/// the anti-trigger strands to p.strands.
llvm::Error buildTimeline(const ir::Module &formal, const LabSettings &s,
                          Protocol &p);

} // namespace crnc::protocol

#endif
