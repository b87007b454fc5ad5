/** The time source of a store: epoch milliseconds. Tests may inject a fake one. */
export type Clock = () => number;
export const systemClock: Clock = () => Date.now();
