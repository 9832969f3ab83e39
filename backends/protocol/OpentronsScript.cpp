//===- OpentronsScript.cpp - the mixing as an Opentrons protocol ----------===//
//
// The pipetting tables of a Protocol as a script for the Opentrons Protocol
// API v2 (apiLevel 2.13): intermediate dilutions in a 96-well plate, then
// the pools, then the reaction mix, each from the same volumes as the
// Markdown and HTML tables (signal strands last: the network starts when
// they are added). Stocks stand in 24-tube racks in the order of
// sourceTubes(); a P20 takes volumes up to 20 uL, a P300 the rest.
//
//===----------------------------------------------------------------------===//

#include "backends/protocol/Protocol.h"
#include "lib/support/Format.h"
#include "llvm/ADT/StringMap.h"

using namespace crnc;
using namespace crnc::protocol;

/// Slots of the deck: tips, the dilution plate, the mix rack; stock racks
/// take the remaining slots.
static const unsigned stockSlots[] = {4, 5, 6, 8, 9, 10, 11};
static const unsigned tubesPerRack = 24;

static std::string pyString(llvm::StringRef text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\')
      out += '\\';
    out += c;
  }
  return out + "\"";
}

/// Every stock the mixes draw from, in order of first use; "buffer stock"
/// and "water" first. Pools are made on the deck, not stocks.
static std::vector<std::string> sourceTubes(const Protocol &p) {
  std::vector<std::string> tubes = {"buffer stock", "water"};
  llvm::StringMap<bool> seen;
  std::vector<const Mix *> mixes;
  for (const Mix &m : p.pools)
    mixes.push_back(&m);
  mixes.push_back(&p.reaction);
  for (const Mix *m : mixes)
    for (const MixLine &l : m->lines)
      if (!l.component.isPool && seen.insert({l.component.name, true}).second)
        tubes.push_back(l.component.name);
  return tubes;
}

/// The P20's smallest volume.
static const double robotMinUL = 1;

static bool robotVolume(double uL) { return uL == 0 || uL >= robotMinUL; }

static bool robotMix(const Mix &m) {
  if (!robotVolume(m.waterUL) || !robotVolume(m.bufferUL))
    return false;
  for (const MixLine &l : m.lines) {
    if (!robotVolume(l.volumeUL))
      return false;
    if (l.dilution && (!robotVolume(l.dilution->stockUL) ||
                       !robotVolume(l.dilution->diluentUL)))
      return false;
  }
  return true;
}

std::optional<std::string> protocol::opentronsProblem(const Protocol &p) {
  if (!p.reaction.fits)
    return std::string("the reaction mix does not fit its volume");
  if (sourceTubes(p).size() + 1 > std::size(stockSlots) * tubesPerRack)
    return "more stocks than " +
           std::to_string(std::size(stockSlots) * tubesPerRack) +
           " tubes (7 racks of 24)";
  if (p.pools.size() + 1 > tubesPerRack)
    return std::string("more than 23 pools");
  bool ok = robotMix(p.reaction);
  for (const Mix &m : p.pools)
    ok = ok && robotMix(m);
  if (!ok)
    return std::string("a volume is below the P20's 1 uL (--min-pipette 1 "
                       "plans for the robot)");
  return std::nullopt;
}

static void header(const Protocol &p, const std::vector<std::string> &tubes,
                   llvm::raw_ostream &os) {
  os << "# Opentrons Protocol API v2 script of the mixes of '" << p.name
     << "' (crnc compile).\n# Place the stocks in the 24-tube racks in the "
        "order of STOCKS (rack by rack,\n# A1, B1, ... column by column); "
        "the mixes are made in the rack in slot 7.\n"
     << "from opentrons import protocol_api\n\n"
     << "metadata = {\"protocolName\": " << pyString(p.name + " mixes")
     << ", \"apiLevel\": \"2.13\"}\n\nSTOCKS = [\n";
  for (const std::string &t : tubes)
    os << "    " << pyString(t) << ",\n";
  os << "]\n";
}

static bool isSignal(const Protocol &p, llvm::StringRef name) {
  for (const OrderStrand &st : p.strands)
    if (st.name == name)
      return st.role == StrandRole::Signal || st.role == StrandRole::Input;
  return false;
}

/// `(component, volume uL, dilution factor or 0, stock uL, diluent uL)`:
/// water and buffer first, signal strands last.
static void mixTable(const std::string &var, const Protocol &p, const Mix &m,
                     llvm::raw_ostream &os) {
  os << var << " = [\n";
  os << "    (\"water\", " << formatNumber(m.waterUL) << ", 0, 0, 0),\n"
     << "    (\"buffer stock\", " << formatNumber(m.bufferUL)
     << ", 0, 0, 0),\n";
  for (bool signals : {false, true})
    for (const MixLine &l : m.lines) {
      if (isSignal(p, l.component.name) != signals)
        continue;
      const Dilution *d = l.dilution ? &*l.dilution : nullptr;
      os << "    (" << pyString(l.component.name) << ", "
         << formatNumber(l.volumeUL) << ", "
         << (d ? formatNumber(d->factor) : "0") << ", "
         << (d ? formatNumber(d->stockUL) : "0") << ", "
         << (d ? formatNumber(d->diluentUL) : "0") << "),\n";
    }
  os << "]\n";
}

static const char *runBody() {
  return R"(

def run(protocol: protocol_api.ProtocolContext):
    tips20 = [protocol.load_labware("opentrons_96_tiprack_20ul", 1)]
    tips300 = [protocol.load_labware("opentrons_96_tiprack_300ul", 2)]
    p20 = protocol.load_instrument("p20_single_gen2", "left", tip_racks=tips20)
    p300 = protocol.load_instrument("p300_single_gen2", "right",
                                    tip_racks=tips300)
    plate = protocol.load_labware("nest_96_wellplate_200ul_flat", 3)
    mixes = protocol.load_labware(
        "opentrons_24_tuberack_nest_1.5ml_snapcap", 7)
    racks = [protocol.load_labware("opentrons_24_tuberack_nest_1.5ml_snapcap",
                                   slot)
             for slot in STOCK_SLOTS[:(len(STOCKS) + 23) // 24]]
    tube = {}
    for i, name in enumerate(STOCKS):
        tube[name] = racks[i // 24].wells()[i % 24]
    wells = iter(plate.wells())

    def move(volume, source, dest):
        if volume <= 0:
            return
        pipette = p20 if volume <= 20 else p300
        pipette.transfer(volume, source, dest, new_tip="always")

    def make(table, dest):
        for name, volume, factor, stock, diluent in table:
            source = tube[name]
            if factor:
                # Intermediate dilution in 1x buffer (the buffer stock
                # diluted on the plate first).
                well = next(wells)
                move(diluent, tube["diluent"], well)
                move(stock, source, well)
                p20.pick_up_tip()
                p20.mix(3, min(20, (stock + diluent) / 2), well)
                p20.drop_tip()
                source = well
            move(volume, source, dest)

    for i, (name, table) in enumerate(POOLS):
        make(table, mixes.wells()[i])
        tube[name] = mixes.wells()[i]
    make(REACTION, mixes.wells()[len(POOLS)])
    protocol.comment("Reaction mix ready in slot 7, well " +
                     mixes.wells()[len(POOLS)].well_name +
                     ": start the timeline now.")
)";
}

void protocol::writeOpentronsScript(const Protocol &p, llvm::raw_ostream &os) {
  std::vector<std::string> tubes = sourceTubes(p);
  tubes.push_back("diluent");
  header(p, tubes, os);
  os << "# \"diluent\": 1x buffer for the intermediate dilutions.\n";
  os << "STOCK_SLOTS = [";
  for (unsigned s : stockSlots)
    os << s << (s == stockSlots[std::size(stockSlots) - 1] ? "" : ", ");
  os << "]\n\n";
  for (size_t i = 0; i < p.pools.size(); ++i)
    mixTable("POOL_" + std::to_string(i), p, p.pools[i], os);
  os << "POOLS = [";
  for (size_t i = 0; i < p.pools.size(); ++i)
    os << "(" << pyString(p.pools[i].name) << ", POOL_" << i << "), ";
  os << "]\n";
  mixTable("REACTION", p, p.reaction, os);
  os << runBody();
}
