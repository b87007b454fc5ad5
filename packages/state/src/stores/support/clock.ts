// One clock for the whole connector: the transport's (epoch milliseconds from `now()`), which the clients take too.
export { type Clock, systemClock } from "@ml-connector/transport";
