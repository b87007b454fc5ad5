// The SPS Commerce simulator: auth server + Transaction API v5 over an in-memory mailbox.
export type { SpsSandboxClock, SpsSandboxCredentials, TokenRateLimit } from "./auth-server.js";
export {
  buildFunctionalAckFor,
  mirrorVerdict,
  type SpsFunctionalAckResponse,
  type SpsFunctionalAckRule,
} from "./functional-acks.js";
export {
  SPS_TYPE_FOLDERS,
  type SpsInboundFile,
  SpsMailbox,
  type SpsMailboxLayout,
  type SpsMailboxOptions,
  type SpsSandboxDeletion,
  type SpsSandboxHistoryEntry,
  type SpsSandboxHistoryStatus,
  type SpsUploadedFile,
  type SpsUploadIssue,
  type SpsUploadValidator,
  type SpsVerdictRule,
} from "./mailbox.js";
export { type SpsSandbox, type SpsSandboxOptions, startSpsSandbox } from "./sps-sandbox.js";
export { SPS_SANDBOX_ROUTES } from "./transaction-routes.js";
export { validateRsxUpload } from "./upload-validation.js";
