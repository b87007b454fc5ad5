// @ml-connector/zod-check: zod's compiled check of a schema, in parts V8 optimises (rsx's documents, X3's records).
export { type CompiledCheck, childSchemas, compiledCheckOf } from "./compiled-check.js";
