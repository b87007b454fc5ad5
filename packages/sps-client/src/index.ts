// @ml-connector/sps-client: a typed SPS Commerce client (OAuth2 + Transaction API v5), generated from our OpenAPI
// spec (openapi/sps.yaml) and running on the shared transport (retries, token cache, origin guard, redaction).

// Authentication
export type { SpsAuthorizeRequest, SpsPairing, SpsPairingOptions } from "./auth/pairing.js";
export { SPS_AUDIENCE, type SpsAuthFlow, type SpsCredentials, spsTokenKey } from "./auth/sps-auth.js";
// The client
export {
  type CreateSpsPairingOptions,
  createSpsClient,
  createSpsPairing,
  SPS_AUTH_URL,
  SPS_BASE_URL,
  type SpsClient,
  type SpsClientOptions,
  type SpsHttpOptions,
} from "./client/create-sps-client.js";
// Errors
export { isSpsError, SpsError, type SpsErrorOptions, type SpsProblem } from "./errors/sps-error.js";
// The generated OpenAPI types, for callers who need the raw wire shapes
export type { components as SpsComponents, paths as SpsPaths } from "./generated/sps.js";

// Mailbox paths
export {
  encodeMailboxPath,
  normalizeDirectoryPath,
  normalizeFilePath,
  SPS_DIRECTORIES,
  testMailboxPath,
} from "./paths/mailbox-path.js";
// Transaction API v5 (the file mailbox)
export type { SpsTransactionApi } from "./transactions/transaction-api.js";
export type {
  SpsDownloadOptions,
  SpsHistoryEntry,
  SpsHistoryOptions,
  SpsHistoryStatus,
  SpsListEntry,
  SpsListOptions,
  SpsUploadOptions,
  SpsUploadResult,
} from "./transactions/types.js";
