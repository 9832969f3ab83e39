//===- SBML.h - SBML Level 3 export and import of a CRN ---------*- C++ -*-===//
//
// Writes any ir::Module as SBML Level 3 Version 2 through libSBML, so COPASI,
// Tellurium or any SBML simulator reproduces crnc's trajectories, and reads
// such a file back into an ir::Module (`crnc simulate model.sbml`).
//
// The model (one compartment `solution` of 1 litre):
//  - species carry initialConcentration in the module's unit (unit
//    definitions: substance in mole x 10^e, volume in litres, so a
//    concentration is in M x 10^e: nM for e = -9); a constant species is a
//    boundary species (boundaryCondition and constant true);
//  - each reaction direction has a global rate-constant parameter
//    (`k_<n>`, `kr_<n>` for the reverse; units conc^(1-order)/s);
//  - kinetic laws are stoichiometric mass action, exactly as lib/sim:
//    `solution * k * A^2 * B` for 2A + B -> ...; a reversible reaction is one
//    SBML reaction with `solution * (k * prod(reactants) - kr *
//    prod(products))`;
//  - a gated reaction (phase p) has the factor `phase_<p>`, a non-constant
//    parameter at 1 (set it to 0 to switch the phase off, as lib/sim's phase
//    mask does).
// Species roles and attributes are crnc annotations and are not written.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_BACKENDS_SBML_SBML_H
#define CRNC_BACKENDS_SBML_SBML_H

#include "ir/Module.h"
#include "lib/support/Diagnostics.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"
#include <memory>
#include <string>

namespace crnc::sbml {

/// Renders `module` as an SBML L3V2 document.
/// Requires: a verified module (ir::verify).
/// Guarantees: the text passes libSBML's consistency checks without errors
/// (checkSBMLConsistency) and reads back through readSBML into a module with
/// the same species, initial values, constancy, reactions and rates.
std::string writeSBML(const ir::Module &module);

/// Errors (severity error or fatal) that libSBML's full consistency check
/// finds in `text`, one message per line; empty when there are none.
std::string checkSBMLConsistency(llvm::StringRef text);

/// Reads buffer `bufferId` of the engine's SourceMgr as SBML (Level 2 or 3).
/// Accepted: one compartment; species with an initial concentration or
/// amount; global or local constant parameters; reactions whose kinetic law
/// is mass action in their reactants (and products, for a reversible law),
/// with or without the compartment factor; `phase_<p>` factors as written by
/// writeSBML. Rules, events, constraints, function definitions and any other
/// kinetic law are reported as located errors. Time is taken in seconds.
/// Returns null when an error was reported.
std::unique_ptr<ir::Module> readSBML(unsigned bufferId,
                                     DiagnosticEngine &diags);

} // namespace crnc::sbml

#endif
