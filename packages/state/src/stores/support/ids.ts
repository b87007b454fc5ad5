import { randomUUID } from "node:crypto";

/**
 * A new audit document id: a UUID of version 7 (RFC 9562), whose first 48 bits are the time in milliseconds (`now`,
 * the store's clock) and the other 74 random. Ids made one after the other sort together, so a SQL store adds each
 * new document at the end of its id index (and of the indexes keyed by it: the payload's, the attempts', the links')
 * instead of on a random page of each, which a large store has to read first.
 */
export function newDocumentId(now: number): string {
  // randomUUID draws from a cached pool of random bytes: its version 4 nibble gives way to 7, its variant stays.
  const random = randomUUID();
  const millisecond = Math.max(0, Math.floor(now));
  // Documents recorded in the same millisecond share its text.
  if (millisecond !== lastMillisecond) {
    const time = millisecond.toString(16).padStart(12, "0").slice(-12);
    lastMillisecond = millisecond;
    lastTimeText = `${time.slice(0, 8)}-${time.slice(8)}-7`;
  }
  return lastTimeText + random.slice(15);
}

let lastMillisecond = -1;
let lastTimeText = "";
