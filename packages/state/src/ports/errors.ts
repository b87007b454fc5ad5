/**
 * The stores and the mapping loader throw the one error class of ml-connector, `ConnectorError` from
 * @ml-connector/transport, with these kinds: `conflict` (a compare-and-set lost, an id taken, a done effect failed),
 * `not-found` (an unknown document or effect), `validation` (a bad argument such as a page size or TTL), `mapping`
 * (a mapping record or file that does not validate; `details` names the file, row and column) and `configuration`
 * (a database newer than the code).
 */
export { ConnectorError, type ConnectorErrorOptions, type ErrorKind, isConnectorError } from "@ml-connector/transport";
