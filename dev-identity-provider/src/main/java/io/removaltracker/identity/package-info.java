/**
 * A development OpenID Connect provider (Spring Authorization Server) with the clients
 * and the person of docs/contract.md (Access), their secrets in the local stack's
 * credentials file. For local runs and tests only, as the development schema registry is;
 * production points the services at the organisation's own issuer.
 */
package io.removaltracker.identity;
