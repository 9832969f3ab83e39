//===- ProtocolDocument.cpp - the protocol as Markdown and HTML -----------===//
//
// A Protocol becomes a list of sections of blocks (text, numbered steps,
// bullets, tables); Markdown and HTML render that one list, so both carry
// the same content.
//
//===----------------------------------------------------------------------===//

#include "backends/protocol/Protocol.h"
#include "lib/support/Format.h"
#include <cmath>

using namespace crnc;
using namespace crnc::protocol;

namespace {

struct Block {
  enum Kind { Text, Steps, Bullets, Table } kind = Text;
  std::vector<std::string> items; ///< paragraphs, steps or bullets
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

struct Section {
  std::string heading;
  std::vector<Block> blocks;
  void text(std::string t) {
    blocks.push_back({Block::Text, {std::move(t)}, {}, {}});
  }
  void list(Block::Kind kind, std::vector<std::string> items) {
    if (!items.empty())
      blocks.push_back({kind, std::move(items), {}, {}});
  }
  void table(std::vector<std::string> header,
             std::vector<std::vector<std::string>> rows) {
    blocks.push_back({Block::Table, {}, std::move(header), std::move(rows)});
  }
};

} // namespace

static std::string uL(double v) {
  return formatNumber(std::round(v * 100) / 100);
}
static std::string nM(double v) { return formatLabNumber(v); }

static void addMix(Section &sec, const Mix &mix) {
  std::vector<std::vector<std::string>> rows, dilutions;
  for (const MixLine &l : mix.lines) {
    std::string from = l.dilution
                           ? "dilution " + nM(l.dilution->factor) + "x (" +
                                 nM(l.dilution->concentrationNM) + " nM)"
                           : "stock";
    const Component &c = l.component;
    rows.push_back({c.name, c.isPool ? nM(c.stockNM) + "x" : nM(c.stockNM),
                    c.isPool ? "1x" : nM(c.finalNM), from, uL(l.volumeUL),
                    formatLabNumber(l.magnesiumMM, 3)});
    if (l.dilution)
      dilutions.push_back({l.component.name, nM(l.dilution->factor) + "x",
                           uL(l.dilution->stockUL), uL(l.dilution->diluentUL),
                           nM(l.dilution->concentrationNM)});
  }
  rows.push_back({"buffer stock", "", "", "", uL(mix.bufferUL),
                  formatLabNumber(mix.bufferMagnesiumMM, 3)});
  rows.push_back({"water", "", "", "", uL(mix.waterUL), "0"});
  rows.push_back({"total", "", "", "", uL(mix.preparedUL),
                  formatLabNumber(mix.finalMagnesiumMM, 3)});
  sec.text("Mix '" + mix.name + "': " + uL(mix.preparedUL) + " µL prepared (" +
           uL(mix.usableUL) + " µL usable plus dead-volume overage), final " +
           formatLabNumber(mix.finalBufferStrength, 3) + "x buffer, " +
           formatLabNumber(mix.finalMagnesiumMM, 3) + " mM Mg²⁺." +
           (mix.fits ? ""
                     : " DOES NOT FIT: the components need " +
                           uL(mix.requiredUL) + " µL."));
  if (!dilutions.empty()) {
    sec.text("Intermediate dilutions first (volumes under the smallest "
             "pipetted volume), in 1x buffer:");
    sec.table({"Component", "Dilution", "Stock (µL)", "1x buffer (µL)",
               "Diluted (nM)"},
              std::move(dilutions));
  }
  sec.table({"Component", "Stock (nM)", "Final (nM)", "From", "Volume (µL)",
             "Mg²⁺ (mM)"},
            std::move(rows));
}

static Section overview(const Protocol &p) {
  const LabSettings &s = p.settings;
  Section sec{"Wet-lab protocol: " + p.name, {}};
  size_t gates = 0;
  for (const AnnealRecipe &r : p.anneals)
    gates += r.gates.size();
  sec.text("Design '" + p.name + "' (scheme " + p.scheme +
           "): " + std::to_string(p.strands.size()) + " distinct strands, " +
           std::to_string(gates) + " gates to anneal, one " +
           uL(s.reactionVolumeUL) +
           " µL reaction. Units: nM, µL, minutes, °C.");
  std::vector<std::string> warnings;
  for (const std::string &w : p.warnings)
    warnings.push_back("Warning: " + w);
  sec.list(Block::Bullets, warnings);
  return sec;
}

static Section buffersAndStocks(const Protocol &p) {
  const LabSettings &s = p.settings;
  const BufferSpec &b = s.buffer;
  Section sec{"Buffer and stocks", {}};
  sec.list(
      Block::Bullets,
      {"Reaction buffer: " + formatLabNumber(b.finalStrength) + "x " + b.name +
           " with " + formatLabNumber(b.magnesiumAt1x) +
           " mM Mg²⁺, made from a " + formatLabNumber(b.stockStrength) +
           "x stock (" + formatLabNumber(b.magnesiumAt1x * b.stockStrength) +
           " mM Mg²⁺).",
       "Ordered strands: resuspend at " + formatLabNumber(s.strandStockUM) +
           " µM (" + nM(s.strandStockUM * 1e3) + " nM) in water.",
       "Purified gates: " + formatLabNumber(s.gateStockUM) + " µM (" +
           nM(s.gateStockUM * 1e3) + " nM) in 1x buffer.",
       "Dead-volume overage " + formatLabNumber(s.deadVolumePercent) +
           "% on every mix; nothing under " + uL(s.minPipetteUL) +
           " µL is pipetted directly."});
  std::vector<std::vector<std::string>> rows;
  for (const OrderStrand &st : p.strands) {
    Purification pur = purificationFor(st, s.order);
    rows.push_back({st.name, st.domains, std::to_string(st.length),
                    std::string(strandRoleName(st.role)),
                    purificationCode(pur).str() + ", " + scaleFor(pur, s.order),
                    st.sequence.empty() ? "(not yet designed)" : st.sequence});
  }
  sec.table({"Strand", "Domains (5'→3')", "Length (nt)", "Role", "Order as",
             "Sequence"},
            std::move(rows));
  return sec;
}

static Section annealing(const Protocol &p) {
  const LabSettings &s = p.settings;
  Section sec{"Gate annealing", {}};
  double minutes = (s.annealFromC - s.annealToC) / s.annealRateCPerMin;
  sec.list(Block::Steps,
           {"For each gate, mix its strands as in the table of its recipe: "
            "the limiting strand (the template that binds all others) at " +
                formatLabNumber(s.annealGateUM) + " µM, the others at " +
                formatLabNumber(s.annealExcess) +
                "x (their excess is removed by the gel).",
            "Heat to " + formatLabNumber(s.annealFromC) + " °C, then cool to " +
                formatLabNumber(s.annealToC) + " °C at " +
                formatLabNumber(s.annealRateCPerMin) + " °C/min (" +
                formatLabNumber(minutes) + " min) in a thermocycler."});
  if (p.anneals.empty())
    sec.text("This design has no multi-strand gates.");
  for (const AnnealRecipe &r : p.anneals) {
    addMix(sec, r.mix);
    std::vector<std::vector<std::string>> rows;
    for (const std::vector<std::string> &g : r.gates) {
      std::string excess;
      for (size_t i = 2; i < g.size(); ++i)
        excess += (i > 2 ? ", " : "") + g[i];
      rows.push_back({g[0], g[1], excess});
    }
    sec.table({"Gate", "Limiting strand (1x)",
               "Excess strands (" + formatLabNumber(s.annealExcess) + "x)"},
              std::move(rows));
  }
  return sec;
}

static Section timeline(const Protocol &p) {
  const Timeline &t = p.timeline;
  Section sec{"Experiment timeline", {}};
  sec.list(Block::Bullets, t.notes);
  std::vector<std::vector<std::string>> rows;
  for (const TimelineEvent &e : t.events)
    rows.push_back({formatLabNumber(e.minute, 5), e.action, e.what, e.amount});
  sec.table({"Minute", "Action", "What", "Amount"}, std::move(rows));
  if (!p.measure.empty())
    sec.text("Measure: " + [&] {
      std::string m;
      for (const std::string &s : p.measure)
        m += (m.empty() ? "" : ", ") + s;
      return m;
    }() + ".");
  for (const Mix &m : p.workingDilutions)
    addMix(sec, m);
  return sec;
}

static std::vector<Section> document(const Protocol &p) {
  std::vector<Section> doc = {overview(p), buffersAndStocks(p), annealing(p)};
  Section purify{"Gate purification", {}};
  purify.list(Block::Steps, p.purification);
  doc.push_back(std::move(purify));
  Section reaction{"Reaction mix (t = 0)", {}};
  if (!p.pools.empty())
    reaction.text("Premix the pools first; the reaction mix takes each as "
                  "one line (stock strength in x of its final "
                  "concentrations).");
  for (const Mix &pool : p.pools)
    addMix(reaction, pool);
  addMix(reaction, p.reaction);
  doc.push_back(std::move(reaction));
  doc.push_back(timeline(p));
  return doc;
}

static std::string escapeMarkdownCell(llvm::StringRef text) {
  std::string out;
  for (char c : text)
    out += c == '|' ? std::string("\\|") : std::string(1, c);
  return out;
}

void protocol::writeProtocolMarkdown(const Protocol &p, llvm::raw_ostream &os) {
  bool first = true;
  for (const Section &sec : document(p)) {
    os << (first ? "# " : "\n## ") << sec.heading << "\n";
    first = false;
    for (const Block &b : sec.blocks) {
      os << "\n";
      for (size_t i = 0; i < b.items.size(); ++i)
        os << (b.kind == Block::Steps     ? std::to_string(i + 1) + ". "
               : b.kind == Block::Bullets ? "- "
                                          : "")
           << b.items[i] << "\n";
      if (b.kind != Block::Table)
        continue;
      os << "|";
      for (const std::string &h : b.header)
        os << " " << h << " |";
      os << "\n|";
      for (size_t i = 0; i < b.header.size(); ++i)
        os << " --- |";
      os << "\n";
      for (const std::vector<std::string> &row : b.rows) {
        os << "|";
        for (const std::string &cell : row)
          os << " " << escapeMarkdownCell(cell) << " |";
        os << "\n";
      }
    }
  }
}

static void writeHTMLBlock(const Block &b, llvm::raw_ostream &os) {
  if (b.kind == Block::Text) {
    for (const std::string &t : b.items)
      os << "<p>" << escapeMarkup(t) << "</p>\n";
    return;
  }
  if (b.kind != Block::Table) {
    const char *tag = b.kind == Block::Steps ? "ol" : "ul";
    os << "<" << tag << ">\n";
    for (const std::string &t : b.items)
      os << "<li>" << escapeMarkup(t) << "</li>\n";
    os << "</" << tag << ">\n";
    return;
  }
  os << "<table>\n<tr>";
  for (const std::string &h : b.header)
    os << "<th>" << escapeMarkup(h) << "</th>";
  os << "</tr>\n";
  for (const std::vector<std::string> &row : b.rows) {
    os << "<tr>";
    for (const std::string &cell : row)
      os << "<td>" << escapeMarkup(cell) << "</td>";
    os << "</tr>\n";
  }
  os << "</table>\n";
}

void protocol::writeProtocolHTML(const Protocol &p, llvm::raw_ostream &os) {
  std::vector<Section> doc = document(p);
  os << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta "
        "charset=\"utf-8\">\n<title>"
     << escapeMarkup(doc.front().heading)
     << "</title>\n<style>\nbody{font-family:sans-serif;max-width:70em;"
        "margin:2em auto;padding:0 1em}\ntable{border-collapse:collapse;"
        "margin:1em 0}\nth,td{border:1px solid #999;padding:2px 8px;"
        "text-align:left}\nth{background:#eee}\n</style>\n</head>\n<body>\n";
  bool first = true;
  for (const Section &sec : doc) {
    os << (first ? "<h1>" : "<h2>") << escapeMarkup(sec.heading)
       << (first ? "</h1>\n" : "</h2>\n");
    first = false;
    for (const Block &b : sec.blocks)
      writeHTMLBlock(b, os);
  }
  os << "</body>\n</html>\n";
}
