// @ml-connector/sage-x3-client: a typed client of the Sage X3 api1 REST web services.

// Auth: (a) authorization code with rotating refresh tokens and the pairing helper, (b) connected app, (c) Basic
export {
  type AuthorizationCodeSettings,
  createAuthorizationCodeAuth,
  createSageX3Pairing,
  type PairingCallback,
  type PairingOptions,
  type SageX3Pairing,
  sageX3TokenKey,
} from "./auth/authorization-code.js";
export { type BasicSettings, createBasicAuth } from "./auth/basic.js";
export {
  type ConnectedAppClaims,
  type ConnectedAppSettings,
  createConnectedAppAuth,
  mintConnectedAppToken,
} from "./auth/connected-app.js";
export { REPAIR_HINT } from "./auth/token-endpoint.js";
// The client
export {
  type CallOptions,
  type ChangedSinceOptions,
  createSageX3Client,
  type PurchaseOrderNaturalKey,
  type QueryOptions,
  type SageX3AuthSettings,
  type SageX3Client,
  type SageX3ClientOptions,
  type SageX3Edit,
  type SageX3EditLine,
  type SageX3Input,
  type SageX3Page,
  type SalesOrderNaturalKey,
  type WhereInput,
} from "./client.js";

// Errors
export {
  isSageX3Error,
  parseDiagnoses,
  type SageX3Diagnosis,
  SageX3Error,
  type SageX3ErrorOptions,
  toSageX3Error,
} from "./errors/sage-x3-error.js";
// Generated OpenAPI types (src/generated, from openapi/sage-x3-api1.yaml)
export type { components as SageX3Components, paths as SageX3Paths } from "./generated/sage-x3.js";
// Queries
export { formatOrderBy, type OrderBy, type SortDirection } from "./query/order-by.js";
export {
  type WhereBuilder,
  WhereClause,
  where,
  whereFor,
  type X3DateValue,
  type X3Value,
  x3Date,
  x3Literal,
} from "./query/where.js";
// Classes and records
export {
  type ClassMapping,
  type ClassMappings,
  type FieldOf,
  type RecordOf,
  type SageX3Class,
  type SageX3Records,
  sageX3Classes,
} from "./resources/classes.js";
export { formatKey, keyFromLocation, type SageX3Key } from "./resources/keys.js";
export type {
  Customer,
  CustomerAddress,
  Delivery,
  DeliveryLine,
  Dimension,
  Invoice,
  InvoiceCharge,
  InvoiceLine,
  Product,
  PurchaseOrder,
  PurchaseOrderLine,
  SalesOrder,
  SalesOrderLine,
  Supplier,
} from "./resources/schemas.js";
