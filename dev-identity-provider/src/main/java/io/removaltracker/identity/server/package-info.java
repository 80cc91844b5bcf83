/**
 * The authorization server: its endpoints and sign-in page, the registered clients and
 * people taken from the credentials file, the persisted signing key, the claims of an
 * access token.
 */
package io.removaltracker.identity.server;
