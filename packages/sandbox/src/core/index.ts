export { RequestCounters } from "./counters.js";
export { ANSWER_ANOMALIES, type AnswerAnomaly, FaultInjector, type FaultRule } from "./faults.js";
export { type RunningHttpServer, type StartHttpServerOptions, startHttpServer } from "./http-server.js";
export { type RouteHandler, Router, type SandboxRequest, type SandboxResponse } from "./router.js";
