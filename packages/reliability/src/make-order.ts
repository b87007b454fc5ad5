// The sample 850 factory lives in @ml-connector/sandbox (shared with the reliability suite and the benchmarks).
export {
  acmeMappings,
  bytesOf,
  changeFileNameOf,
  fileNameOf,
  make850,
  make860,
  type OrderChangeLineSpec,
  type OrderLineSpec,
  type OrderModel,
  type OrderSpec,
} from "@ml-connector/sandbox";
