//===- LoweringAttributes.h - what the lowering decides ---------*- C++ -*-===//
//
// The contract between the lowering passes (lib/passes), which record their
// decisions in the module, and everything after them (the DSD backend, the
// protocol, a later `crnc compile` of a formal module), which reads them from
// the module and never from a second copy of the options. Every key once,
// with its type, through the typed get/set of ir/ModelAttributes.h.
//
//   module:  formal ("true": the lowering's output), cmax_nM, qmax_per_nM_s,
//            qmin_per_nM_s, conc_scale_nM, rate_time_scale, sequestration,
//            amount_factor, time_scale, join_order (map-rates); clock_strategy,
//            clock_phases
//            ("p1:C1,p2:C2", gate-phases).
//   species: rail_of (dual-rail); phase, clock_on, oscillator (gate-phases);
//            buffer_of, buffer_hold, gate_hold (map-rates).
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_IR_LOWERINGATTRIBUTES_H
#define CRNC_IR_LOWERINGATTRIBUTES_H

#include "ir/ModelAttributes.h"
#include "lib/support/EnumNames.h"

namespace crnc::ir::lowering {

/// C_max, the concentration of every fuel, when nobody chose one: the one
/// default of map-rates, `crnc compile --cmax` and the DSD backend.
inline constexpr double DefaultCmaxNM = 1000;

/// How gate-phases turns phases into chemistry: clock strands added by the
/// experimenter (external triggers) or a ring oscillator in the tube.
enum class GateStrategy { External, Autonomous };
llvm::ArrayRef<EnumName<GateStrategy>> gateStrategyNames();
llvm::StringRef gateStrategyName(GateStrategy strategy);
std::optional<GateStrategy> parseGateStrategy(llvm::StringRef name);
std::string formatValue(GateStrategy value);
bool parseValue(llvm::StringRef text, GateStrategy &out);

/// How map-rates orders the reactants of each direction (the first is the
/// one the gate holds): by least hold so far, or, for a scheme whose output
/// strands could displace a held reactant (soloveichik2010), also so that
/// none can (analysis::orderAgainstOutputCrosstalk).
enum class JoinOrder { LeastHeld, NoOutputCrosstalk };
llvm::ArrayRef<EnumName<JoinOrder>> joinOrderNames();
llvm::StringRef joinOrderName(JoinOrder order);
std::string formatValue(JoinOrder value);
bool parseValue(llvm::StringRef text, JoinOrder &out);

using model::get;
using model::Key;
using model::set;

// Module (map-rates).
inline constexpr Key<double> CmaxNM{"cmax_nM"};
inline constexpr Key<double> QmaxPerNMs{"qmax_per_nM_s"};
inline constexpr Key<double> QminPerNMs{"qmin_per_nM_s"};
inline constexpr Key<double> ConcScaleNM{"conc_scale_nM"};
inline constexpr Key<double> RateTimeScale{"rate_time_scale"};
inline constexpr Key<double> Sequestration{"sequestration"};
/// Lab amount of a signal (free and held in gates and buffers) per model
/// amount: 1 when the totals follow the model, 1 + sequestration when every
/// species is held alike and the free signals follow it (SSW's buffers).
inline constexpr Key<double> AmountFactor{"amount_factor"};
/// Lab seconds per model time unit (rate_time_scale x (1 + sequestration)).
inline constexpr Key<double> TimeScale{"time_scale"};
/// The order map-rates gave every direction's reactants (absent: the written
/// order); a scheme builds its gates in that order.
inline constexpr Key<JoinOrder> JoinInputOrder{"join_order"};
// Module (gate-phases).
inline constexpr Key<GateStrategy> ClockStrategy{"clock_strategy"};
inline constexpr Key<std::string> ClockPhases{"clock_phases"};
// Species.
inline constexpr Key<std::string> RailOf{"rail_of"};
inline constexpr Key<std::string> ClockPhase{"phase"};
inline constexpr Key<double> ClockOn{"clock_on"};
inline constexpr Key<std::string> Oscillator{"oscillator"};
inline constexpr Key<std::string> BufferOf{"buffer_of"};
/// The fraction of its species a buffer module must hold (on LS).
inline constexpr Key<double> BufferHold{"buffer_hold"};
/// The fraction of a species its gates hold in SSW's model (alpha_X: the sum
/// of q / qmax over the directions whose held reactant it is), set where
/// positive when map-rates modelled sequestration (buffers not off): what a
/// lab network of the formal CRN holds besides its buffers.
inline constexpr Key<double> GateHold{"gate_hold"};
/// The fraction of a species' free level that reduce-order's chains hold at
/// the sample's starting levels (h_X), set where positive when reduce-order
/// compensated the rates of the directions it takes part in.
inline constexpr Key<double> ChainHold{"chain_hold"};

/// True when map-rates marked the module as its output (`formal = "true"`):
/// lowering it again would add a second layer of fuels.
bool isFormal(const AttributeList &attrs);
void markFormal(AttributeList &attrs);

/// The number of clock phases recorded by gate-phases (0 without).
size_t clockPhaseCount(const AttributeList &attrs);

} // namespace crnc::ir::lowering

#endif
