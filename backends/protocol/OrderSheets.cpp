//===- OrderSheets.cpp - IDT order sheets and plate layout ----------------===//

#include "backends/protocol/OrderSheets.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"

using namespace crnc;
using namespace crnc::protocol;

llvm::StringRef protocol::purificationCode(Purification p) {
  switch (p) {
  case Purification::Standard:
    return "STD";
  case Purification::PAGE:
    return "PAGE";
  case Purification::HPLC:
    return "HPLC";
  }
  return "STD";
}

std::optional<Purification> protocol::parsePurification(llvm::StringRef text) {
  std::string t = text.trim().lower();
  if (t == "std" || t == "desalt" || t == "standard")
    return Purification::Standard;
  if (t == "page")
    return Purification::PAGE;
  if (t == "hplc")
    return Purification::HPLC;
  return std::nullopt;
}

llvm::ArrayRef<llvm::StringRef> protocol::knownScales() {
  static const llvm::StringRef scales[] = {"25nm", "100nm", "250nm",
                                           "1um",  "5um",   "10um"};
  return scales;
}

unsigned protocol::plateMinimum(unsigned plateSize) {
  return plateSize == 384 ? 96 : 24;
}

static unsigned plateRows(unsigned plateSize) {
  return plateSize == 384 ? 16 : 8;
}

std::string protocol::wellName(unsigned index, unsigned plateSize) {
  unsigned rows = plateRows(plateSize);
  return std::string(1, char('A' + index % rows)) +
         std::to_string(index / rows + 1);
}

llvm::Error
protocol::checkOrderSettings(const OrderSettings &settings,
                             const std::vector<OrderStrand> *strands) {
  auto bad = [](const llvm::Twine &message) {
    return llvm::createStringError(std::errc::invalid_argument,
                                   message.str().c_str());
  };
  if (settings.plateSize != 96 && settings.plateSize != 384)
    return bad("unknown plate size " + llvm::Twine(settings.plateSize) +
               " (known: 96, 384)");
  if (!settings.scale.empty() &&
      !llvm::is_contained(knownScales(), settings.scale))
    return bad("unknown synthesis scale '" + settings.scale +
               "' (known: " + llvm::join(knownScales(), ", ") + ")");
  if (!strands)
    return llvm::Error::success();
  llvm::StringSet<> names;
  for (const OrderStrand &s : *strands)
    names.insert(s.name);
  for (const auto &entry : settings.perStrand)
    if (!names.count(entry.first))
      return bad("purification override for unknown strand '" + entry.first +
                 "'");
  return llvm::Error::success();
}

Purification protocol::purificationFor(const OrderStrand &s,
                                       const OrderSettings &settings) {
  auto it = settings.perStrand.find(s.name);
  if (it != settings.perStrand.end())
    return it->second;
  if (settings.purification)
    return *settings.purification;
  if (s.role == StrandRole::Gate || s.length >= settings.pageFromLength)
    return Purification::PAGE;
  return Purification::Standard;
}

std::string protocol::scaleFor(Purification purification,
                               const OrderSettings &settings) {
  if (!settings.scale.empty())
    return settings.scale;
  return purification == Purification::Standard ? "25nm" : "100nm";
}

static std::optional<std::string> normalizedSequence(llvm::StringRef seq) {
  std::string out = seq.upper();
  if (out.empty() || out.find_first_not_of("ACGT") != std::string::npos)
    return std::nullopt;
  return out;
}

std::vector<unsigned> protocol::plateSizes(size_t count, unsigned plateSize) {
  std::vector<unsigned> sizes;
  for (size_t left = count; left > 0;) {
    unsigned n = unsigned(std::min<size_t>(left, plateSize));
    sizes.push_back(n);
    left -= n;
  }
  unsigned minimum = plateMinimum(plateSize);
  if (sizes.size() >= 2 && sizes.back() < minimum) {
    unsigned move = minimum - sizes.back();
    sizes[sizes.size() - 2] -= move; // a full plate keeps >= the minimum
    sizes.back() += move;
  }
  return sizes;
}

llvm::Expected<Order>
protocol::buildOrder(const std::vector<OrderStrand> &strands,
                     const OrderSettings &settings) {
  if (llvm::Error e = checkOrderSettings(settings, &strands))
    return e;
  Order order;
  llvm::StringMap<size_t> bySequence;
  llvm::StringSet<> names;
  for (const OrderStrand &s : strands) {
    std::optional<std::string> seq = normalizedSequence(s.sequence);
    if (!seq)
      return llvm::createStringError(
          std::errc::invalid_argument,
          "strand '%s' has no DNA sequence (A, C, G, T) to order",
          s.name.c_str());
    auto [it, added] = bySequence.try_emplace(*seq, order.lines.size());
    if (!added) {
      order.lines[it->second].sameAs.push_back(s.name);
      continue;
    }
    OrderLine line;
    line.name = s.name;
    for (unsigned n = 2; !names.insert(line.name).second; ++n)
      line.name = s.name + "_" + std::to_string(n);
    line.sequence = *seq;
    line.purification = purificationFor(s, settings);
    line.scale = scaleFor(line.purification, settings);
    order.lines.push_back(std::move(line));
  }
  std::vector<unsigned> sizes =
      plateSizes(order.lines.size(), settings.plateSize);
  order.plates = unsigned(sizes.size());
  order.belowPlateMinimum =
      order.lines.size() > 0 &&
      order.lines.size() < plateMinimum(settings.plateSize);
  size_t next = 0;
  for (unsigned p = 0; p < sizes.size(); ++p)
    for (unsigned w = 0; w < sizes[p]; ++w)
      order.wells.push_back(
          PlateWell{p + 1, wellName(w, settings.plateSize), next++});
  return order;
}

/// A CSV field, quoted when it holds a comma or a quote.
static std::string csv(llvm::StringRef field) {
  if (field.find_first_of(",\"\n") == llvm::StringRef::npos)
    return field.str();
  std::string out = "\"";
  for (char c : field)
    out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

void protocol::writeIdtBulkCsv(const Order &order, llvm::raw_ostream &os) {
  os << "Name,Sequence,Scale,Purification\n";
  for (const OrderLine &line : order.lines)
    os << csv(line.name) << ',' << line.sequence << ',' << line.scale << ','
       << purificationCode(line.purification) << '\n';
}

void protocol::writePlatesCsv(const Order &order, llvm::raw_ostream &os) {
  os << "Plate,Well Position,Name,Sequence\n";
  for (const PlateWell &w : order.wells) {
    const OrderLine &line = order.lines[w.line];
    os << "Plate " << w.plate << ',' << w.well << ',' << csv(line.name) << ','
       << line.sequence << '\n';
  }
}
