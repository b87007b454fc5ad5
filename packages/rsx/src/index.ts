// @ml-connector/rsx: RSX 7.7 documents for SPS Commerce. Pure: no I/O; depends on zod only (XML is read by its own bounded reader).
// This file is the whole public surface.

// Builders (outbound flows)
export { RsxBuildError } from "./builders/echo.js";
export {
  buildInvoice,
  type InvoiceChargeInput,
  type InvoiceLineInput,
  type InvoiceOptions,
  type InvoiceTermsInput,
} from "./builders/invoice.js";
export type { LineRef } from "./builders/lines.js";
export {
  acknowledgementTypeFor,
  buildOrderAck,
  type LineDecision,
  type OrderAckOptions,
} from "./builders/order-ack.js";
export { buildShipment, type PackInput, type ShipmentOptions } from "./builders/shipment.js";
// Schemas, document types and code lists
export * from "./code-lists/index.js";
// File names
export {
  type ParsedRsxFileName,
  parseRsxFileName,
  type RsxFileDocumentType,
  type RsxFileFormat,
  type RsxFileNameParts,
  type RsxFilePrefix,
  type RsxModel,
  rsxFileName,
  rsxFilePrefixes,
} from "./file-names/file-names.js";
// 997 functional acknowledgments (our schema: SPS publishes none)
export {
  controlNumberFor,
  type FunctionalAckParseOptions,
  type FunctionalAckParseResult,
  type FunctionalAckResult,
  functionalAckFileName,
  functionalAckResults,
  isFunctionalAckFileName,
  looksLikeFunctionalAck,
  parseFunctionalAck,
  serializeFunctionalAck,
} from "./functional-ack/functional-ack.js";
export {
  type DataSegmentNote,
  elementErrorCodes,
  type FunctionalAck,
  type FunctionalAckCode,
  type FunctionalAckHeader,
  functionalAckCodes,
  functionalAckSchema,
  functionalAckXmlNames,
  groupErrorCodes,
  segmentErrorCodes,
  type TransactionSetResponse,
  transactionSetErrorCodes,
} from "./functional-ack/schema.js";
// The document model: named types and the schemas declared with them (generated from src/schemas).
export type * from "./generated/document-types.js";
export * from "./generated/schemas.js";
// Meta
export {
  type ControlNumbers,
  type MetaParty,
  type MetaPatch,
  nextControlNumber,
  readMeta,
  withMeta,
} from "./meta/meta.js";
// Parse, serialize, validate
export { DEFAULT_MAX_DEPTH } from "./parse/depth.js";
export {
  DEFAULT_MAX_BYTES,
  type ParseFailure,
  type ParseOptions,
  type ParseResult,
  type ParseSuccess,
  parseRsx,
} from "./parse/parse.js";
// Rules
export { commonRules } from "./rules/common.js";
export {
  type CustomRule,
  defineRuleSet,
  type RelatedDocuments,
  type RuleBlock,
  type RuleContext,
  type RuleSet,
  type RuleSetDefinition,
} from "./rules/define.js";
export {
  gs1CheckDigit,
  hasValidGs1CheckDigit,
  isValidGtin,
  isValidSscc,
  type Sscc18Options,
  sscc18,
} from "./rules/gs1.js";
export { type MissingValue, type SelectedValue, type Selection, select } from "./rules/paths.js";
export {
  type RsxDocumentMap,
  type RsxDocumentType,
  rsxDocumentSchemas,
  rsxDocumentTypes,
  rsxDocumentTypesByTransactionSet,
  rsxXmlRoots,
  type X12TransactionSet,
  x12FunctionalGroups,
  x12TransactionSets,
  x12TransactionSetsByGroup,
} from "./schemas/documents.js";
export { rsxDate, rsxDecimal, rsxInteger, rsxString, rsxTime, tradingPartnerId } from "./schemas/primitives.js";
export { type RsxFormat, RsxSerializeError, type SerializeOptions, serializeRsx } from "./serialize/serialize.js";
export type { RsxIssue, RsxIssueCode, RsxPath } from "./validate/issues.js";
export {
  type CodeStrictness,
  checkRules,
  defaultCodeStrictness,
  type ValidateOptions,
  type ValidationResult,
  validateRsx,
} from "./validate/validate.js";
// Versions
export { type RsxVersion, rsxVersions } from "./versions/rsx-76.js";
// XML
export { type ForbiddenCharacters, RSX_NAMESPACE } from "./xml/value-to-xml.js";
