// @ml-connector/sandbox: real HTTP simulators of SPS Commerce and Sage X3 on loopback, for tests, examples and the demo.

// Shared server pieces: routing, request counters, fault injection.
export * from "./core/index.js";
export * from "./sage-x3/index.js";
export * from "./sps/index.js";
