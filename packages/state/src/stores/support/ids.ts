import { Buffer } from "node:buffer";
import { randomFillSync } from "node:crypto";

/** Random bytes drawn from the system's CSPRNG in batches (as randomUUID does): 10 per id. */
const random = new Uint8Array(10 * 256);
let randomUsed = random.byteLength;
/** The id's text as ASCII bytes, written in place and read out as one string. */
const text = Buffer.alloc(36);
const HEX = Uint8Array.from("0123456789abcdef", (digit) => digit.charCodeAt(0));
/** Where the random digits go (after the time and the version, `tttttttt-tttt-7`), two per random byte. */
const RANDOM_DIGITS_AT = [15, 16, 17, 20, 21, 22, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35];

/**
 * A new audit document id: a UUID of version 7 (RFC 9562), whose first 48 bits are the time in milliseconds (`now`,
 * the store's clock) and the other 74 random. Ids made one after the other sort together, so a SQL store adds each
 * new document at the end of its id index (and of the indexes keyed by it: the payload's, the attempts', the links')
 * instead of on a random page of each, which a large store has to read first.
 * Its text is written as bytes and read out as one flat string: a UUID's text joined piece by piece (randomUUID's)
 * and then cut and joined again made a chain of strings per id, and the id kept all of them.
 */
export function newDocumentId(now: number): string {
  const millisecond = Math.max(0, Math.floor(now));
  // Documents recorded in the same millisecond share the time's digits.
  if (millisecond !== lastMillisecond) {
    const time = millisecond.toString(16).padStart(12, "0").slice(-12);
    text.write(`${time.slice(0, 8)}-${time.slice(8)}-7`, 0, "latin1");
    text[18] = 0x2d; // -
    text[23] = 0x2d;
    lastMillisecond = millisecond;
  }
  if (randomUsed === random.byteLength) {
    randomFillSync(random);
    randomUsed = 0;
  }
  for (let digit = 0; digit < RANDOM_DIGITS_AT.length; digit += 2) {
    const byte = random[randomUsed + digit / 2] as number;
    text[RANDOM_DIGITS_AT[digit] as number] = HEX[byte >> 4] as number;
    text[RANDOM_DIGITS_AT[digit + 1] as number] = HEX[byte & 0x0f] as number;
  }
  // The variant (binary 10) and two random bits: the fourth group's first digit is 8, 9, a or b.
  text[19] = HEX[0x8 | ((random[randomUsed + 9] as number) & 0x3)] as number;
  randomUsed += 10;
  return text.toString("latin1", 0, 36);
}

let lastMillisecond = -1;
