/**
 * The architecture every service is held to, as ArchUnit rules: the domain rules in plain
 * Java, dependencies inside a service pointing one way, no service reaching into another
 * or into the tooling. Each service runs them on its own main classes.
 */
package io.removaltracker.testing.architecture;
