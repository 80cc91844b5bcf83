/**
 * The fault-injection suite ({@code ./chaos}): the packaged stack under load, one fault
 * at a time, every result checked against an oracle counted by hand from the contract.
 */
package io.removaltracker.localstack.chaos;
