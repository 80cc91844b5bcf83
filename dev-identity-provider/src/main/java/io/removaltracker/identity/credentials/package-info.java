/**
 * The development credentials file and how files holding secrets are written. Plain Java
 * (and Jackson), so the local-stack launcher can use it too.
 */
package io.removaltracker.identity.credentials;
