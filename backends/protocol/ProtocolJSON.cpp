//===- ProtocolJSON.cpp - the protocol as JSON ----------------------------===//
//
// The machine-readable form of a Protocol: every number in lab units (keys
// name the unit: _nM, _uL, _min, _C, _mM), in the order of the document.
//
//===----------------------------------------------------------------------===//

#include "backends/protocol/Protocol.h"
#include <nlohmann/json.hpp>
#include <string>

using namespace crnc;
using namespace crnc::protocol;
using nlohmann::ordered_json;

/// Six significant digits: the figures are pipetting quantities.
static double lab(double value) { return std::stod(formatLabNumber(value, 6)); }

static ordered_json mixJSON(const Mix &mix) {
  ordered_json lines = ordered_json::array();
  for (const MixLine &l : mix.lines) {
    ordered_json j{{"name", l.component.name},
                   {"pool", l.component.isPool},
                   {"stock_nM", lab(l.component.stockNM)},
                   {"final_nM", lab(l.component.finalNM)},
                   {"volume_uL", l.volumeUL},
                   {"magnesium_mM", lab(l.magnesiumMM)}};
    if (l.dilution)
      j["dilution"] = {{"factor", l.dilution->factor},
                       {"stock_uL", l.dilution->stockUL},
                       {"diluent_1x_buffer_uL", l.dilution->diluentUL},
                       {"concentration_nM", lab(l.dilution->concentrationNM)}};
    lines.push_back(std::move(j));
  }
  return ordered_json{{"name", mix.name},
                      {"prepared_uL", mix.preparedUL},
                      {"usable_uL", mix.usableUL},
                      {"fits", mix.fits},
                      {"required_uL", mix.requiredUL},
                      {"lines", std::move(lines)},
                      {"buffer_stock_uL", mix.bufferUL},
                      {"water_uL", mix.waterUL},
                      {"buffer_magnesium_mM", lab(mix.bufferMagnesiumMM)},
                      {"final_magnesium_mM", lab(mix.finalMagnesiumMM)},
                      {"final_buffer_x", lab(mix.finalBufferStrength)}};
}

static ordered_json annealJSON(const Protocol &p) {
  const LabSettings &s = p.settings;
  ordered_json recipes = ordered_json::array();
  for (const AnnealRecipe &r : p.anneals) {
    ordered_json gates = ordered_json::array();
    for (const std::vector<std::string> &g : r.gates)
      gates.push_back({{"gate", g[0]},
                       {"limiting_strand", g[1]},
                       {"excess_strands",
                        std::vector<std::string>(g.begin() + 2, g.end())}});
    recipes.push_back({{"strands_per_gate", r.strandsPerGate},
                       {"mix_per_gate", mixJSON(r.mix)},
                       {"gates", std::move(gates)}});
  }
  return ordered_json{
      {"gate_nM", s.annealGateUM * 1e3},
      {"excess", s.annealExcess},
      {"from_C", s.annealFromC},
      {"to_C", s.annealToC},
      {"rate_C_per_min", s.annealRateCPerMin},
      {"duration_min", (s.annealFromC - s.annealToC) / s.annealRateCPerMin},
      {"recipes", std::move(recipes)}};
}

static ordered_json timelineJSON(const Timeline &t) {
  ordered_json events = ordered_json::array();
  for (const TimelineEvent &e : t.events)
    events.push_back({{"minute", e.minute},
                      {"action", e.action},
                      {"what", e.what},
                      {"amount", e.amount}});
  return ordered_json{
      {"kind", t.kind},
      {"lab_seconds_per_model_time", t.labSecondsPerModelTime},
      {"time_axis", t.timeAxis.empty() ? "map-rates' time_scale" : t.timeAxis},
      {"nM_per_model_unit", t.nanomolarPerModelUnit},
      {"nM_added_per_model_unit", t.addedNanomolarPerModelUnit},
      {"cycle_min", t.cycleMinutes},
      {"events", std::move(events)},
      {"notes", t.notes}};
}

void protocol::writeProtocolJSON(const Protocol &p, llvm::raw_ostream &os) {
  const LabSettings &s = p.settings;
  ordered_json strands = ordered_json::array();
  for (const OrderStrand &st : p.strands) {
    Purification pur = purificationFor(st, s.order);
    strands.push_back({{"name", st.name},
                       {"domains", st.domains},
                       {"length_nt", st.length},
                       {"role", strandRoleName(st.role)},
                       {"purification", purificationCode(pur)},
                       {"scale", scaleFor(pur, s.order)},
                       {"sequence", st.sequence}});
  }
  ordered_json mixes = ordered_json::array();
  for (const Mix &m : p.pools)
    mixes.push_back(mixJSON(m));
  mixes.push_back(mixJSON(p.reaction));
  for (const Mix &m : p.workingDilutions)
    mixes.push_back(mixJSON(m));
  ordered_json j{{"name", p.name},
                 {"scheme", p.scheme},
                 {"warnings", p.warnings},
                 {"buffer",
                  {{"name", s.buffer.name},
                   {"stock_x", s.buffer.stockStrength},
                   {"final_x", s.buffer.finalStrength},
                   {"magnesium_mM_at_1x", s.buffer.magnesiumAt1x}}},
                 {"stocks",
                  {{"strand_nM", s.strandStockUM * 1e3},
                   {"strand_solvent", "water"},
                   {"gate_nM", s.gateStockUM * 1e3},
                   {"gate_solvent", "1x buffer"}}},
                 {"reaction_volume_uL", s.reactionVolumeUL},
                 {"dead_volume_percent", s.deadVolumePercent},
                 {"min_pipette_uL", s.minPipetteUL},
                 {"strands", std::move(strands)},
                 {"annealing", annealJSON(p)},
                 {"purification", p.purification},
                 {"mixes", std::move(mixes)},
                 {"timeline", timelineJSON(p.timeline)},
                 {"measure", p.measure}};
  os << j.dump(1) << "\n";
}
