/**
 * The national figures (docs/contract.md, Figures and Enforcement work), each defined in
 * one place, in plain Java: kept from case events and wanted flags in a way that any
 * order across cases, any replay and any duplicate delivery leave unchanged, and computed
 * for the instant asked about.
 */
package io.removaltracker.reporting.figures;
