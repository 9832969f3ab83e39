//===- OrderSheets.h - IDT order sheets and plate layout --------*- C++ -*-===//
//
// Turns strands with sequences into what a synthesis company takes: IDT's
// bulk oligo input (`Name,Sequence,Scale,Purification`, one strand per line)
// and a plate order (`Plate,Well Position,Name,Sequence`). Identical
// sequences are ordered once; plates are filled column-major (A1, B1, ...,
// H1, A2, ...), hold at least a plate minimum (24 strands on a 96-well
// plate, IDT's; 96 on a 384-well plate), and the last plate is rebalanced from
// the one before it when it would fall short.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_BACKENDS_PROTOCOL_ORDERSHEETS_H
#define CRNC_BACKENDS_PROTOCOL_ORDERSHEETS_H

#include "backends/protocol/Strands.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace crnc::protocol {

enum class Purification { Standard, PAGE, HPLC };
/// IDT's codes: "STD", "PAGE", "HPLC".
llvm::StringRef purificationCode(Purification p);
/// Parses "STD" (or "desalt", "standard"), "PAGE", "HPLC", any case.
std::optional<Purification> parsePurification(llvm::StringRef text);

/// Synthesis scales IDT accepts in a bulk order, smallest first.
llvm::ArrayRef<llvm::StringRef> knownScales();

/// Choices about an order. Defaults: PAGE for gate strands and strands of
/// at least `pageFromLength` nt, standard desalting otherwise; 100 nmol scale
/// for PAGE strands (gel purification loses much of a synthesis), 25 nmol
/// otherwise.
struct OrderSettings {
  unsigned plateSize = 96;                  ///< 96 or 384
  unsigned pageFromLength = 60;             ///< nt
  std::string scale;                        ///< empty: by purification (above)
  std::optional<Purification> purification; ///< for every strand
  std::map<std::string, Purification> perStrand; ///< by strand name; wins
};

/// The purification and scale `settings` give `strand` (the order's rule).
Purification purificationFor(const OrderStrand &strand,
                             const OrderSettings &settings);
std::string scaleFor(Purification purification, const OrderSettings &settings);

/// The fewest strands one plate of `plateSize` wells is ordered with: 24 on
/// a 96-well plate (IDT's plate minimum), the same quarter (96) on a
/// 384-well plate.
unsigned plateMinimum(unsigned plateSize);
/// "A1", "B1", ... for well `index` (0-based, column-major) of a plate.
std::string wellName(unsigned index, unsigned plateSize);

struct OrderLine {
  std::string name;
  std::string sequence;
  std::string scale;
  Purification purification = Purification::Standard;
  std::vector<std::string> sameAs; ///< other strands with this sequence
};

struct PlateWell {
  unsigned plate = 1; ///< 1-based
  std::string well;   ///< "A1"
  size_t line = 0;    ///< index into Order::lines
};

struct Order {
  std::vector<OrderLine> lines;
  std::vector<PlateWell> wells;
  unsigned plates = 0;
  /// Set when the whole order is below one plate's minimum (order tubes).
  bool belowPlateMinimum = false;
};

/// Checks settings: plate size 96 or 384, a known scale, per-strand
/// overrides naming strands that exist (when `strands` is given).
llvm::Error checkOrderSettings(const OrderSettings &settings,
                               const std::vector<OrderStrand> *strands);

/// Builds the order. Requires: every strand has a sequence of A, C, G, T
/// (any case; written upper case); otherwise an error names the strand.
llvm::Expected<Order> buildOrder(const std::vector<OrderStrand> &strands,
                                 const OrderSettings &settings);

/// Plate sizes for `count` strands: full plates, the last one raised to the
/// minimum by taking strands from the one before it.
std::vector<unsigned> plateSizes(size_t count, unsigned plateSize);

void writeIdtBulkCsv(const Order &order, llvm::raw_ostream &os);
void writePlatesCsv(const Order &order, llvm::raw_ostream &os);

} // namespace crnc::protocol

#endif
