// @ml-connector/sandbox: real HTTP simulators of SPS Commerce and Sage X3 on loopback, for tests, examples and the demo.

// Shared server pieces: routing, request counters, fault injection.
export * from "./core/index.js";
// Both sandboxes started together, and the settings the SPS and Sage X3 clients need to reach them.
export {
  type SandboxClientSettings,
  type SandboxPair,
  type SandboxPairOptions,
  sandboxClientSettings,
  startSandboxPair,
} from "./pair/sandbox-pair.js";
// A forward proxy (CONNECT tunnels and absolute-form requests) that counts what went through it.
export { type ProxySandboxOptions, type RunningProxySandbox, startProxySandbox } from "./proxy/index.js";
export * from "./sage-x3/index.js";
// Hostile and very large XML 850s (benchmarks, the reliability suite, the chaos run).
export { type HostileXmlKind, hostileXml, hostileXmlKinds, largeXmlOrder } from "./sample-orders/hostile-xml.js";
// Sample 850s of the four SPS models, sample 860s (order changes), and the partner mappings and ship-from settings that
// match the Sage X3 sandbox's seed.
export {
  acmeMappings,
  acmeSandboxMappings,
  bytesOf,
  changeFileNameOf,
  fileNameOf,
  make850,
  make860,
  type OrderChangeLineSpec,
  type OrderChangeSpec,
  type OrderLineSpec,
  type OrderModel,
  type OrderSpec,
  sandboxShipmentSettings,
  supplyPartnerMappings,
  withSupplyPartner,
} from "./sample-orders/make-order.js";
export * from "./sps/index.js";
