import { SpsError } from "../errors/sps-error.js";

/** The mailbox directories every SPS account has. `out/` holds documents for us, `in/` takes ours. */
export const SPS_DIRECTORIES = {
  outbound: "out",
  inbound: "in",
  testOutbound: "testout",
  testInbound: "testin",
} as const;

/**
 * The test-mailbox twin of a folder or file path: `out/` → `testout/`, `in/PR/` → `testin/PR/`. A path already in a
 * test mailbox is returned as it is; one outside `in`/`out` is refused.
 */
export function testMailboxPath(path: string): string {
  const leading = path.startsWith("/") ? "/" : "";
  const rest = leading ? path.slice(1) : path;
  const slash = rest.indexOf("/");
  const top = slash === -1 ? rest : rest.slice(0, slash);
  const tail = slash === -1 ? "" : rest.slice(slash);
  if (top === SPS_DIRECTORIES.testOutbound || top === SPS_DIRECTORIES.testInbound) return path;
  if (top === SPS_DIRECTORIES.outbound) return `${leading}${SPS_DIRECTORIES.testOutbound}${tail}`;
  if (top === SPS_DIRECTORIES.inbound) return `${leading}${SPS_DIRECTORIES.testInbound}${tail}`;
  throw new SpsError(`"${path.slice(0, 200)}" is not under out/ or in/, so it has no test-mailbox twin.`, {
    kind: "configuration",
    retryable: false,
  });
}

const MAX_PATH_LENGTH = 1024;
// Characters that change a URL's meaning (or hide a separator) when they appear in a path.
const forbiddenCharacters = /[\\?#%]/;

/** C0 controls, DEL and C1 controls: never part of a mailbox file name. */
function hasControlCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}

function refuse(path: string, reason: string): never {
  throw new SpsError(`Refused the mailbox path ${JSON.stringify(path.slice(0, 200))}: ${reason}.`, {
    kind: "security",
    retryable: false,
    details: { reason },
  });
}

function segmentsOf(path: string, what: "file" | "directory"): string[] {
  if (typeof path !== "string") refuse(String(path), "not a string");
  if (path.length === 0) refuse(path, "it is empty");
  if (path.length > MAX_PATH_LENGTH) refuse(path, `longer than ${MAX_PATH_LENGTH} characters`);
  if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith("//")) {
    refuse(path, "absolute URLs are not accepted, only paths inside the mailbox");
  }
  if (forbiddenCharacters.test(path) || hasControlCharacter(path)) {
    refuse(path, "it contains a control character, a backslash, or one of ? # %");
  }
  let rest = path.startsWith("/") ? path.slice(1) : path;
  if (what === "directory" && rest.endsWith("/")) rest = rest.slice(0, -1);
  if (what === "file" && rest.endsWith("/")) refuse(path, "a file path cannot end with /");
  if (rest.length === 0) refuse(path, "it names the mailbox root");
  const segments = rest.split("/");
  for (const segment of segments) {
    if (segment === "") refuse(path, "it has an empty segment (//)");
    if (segment === "." || segment === "..") refuse(path, "it has a . or .. segment");
    if (segment.trim() !== segment) refuse(path, "a segment starts or ends with whitespace");
  }
  return segments;
}

/**
 * A path every rule of segmentsOf accepts as it is: segments of letters, digits, `_`, `-` and `.` that do not start
 * with a dot (so no `.` or `..`), one `/` between them, a leading `/` allowed. Most paths are of this kind and need
 * neither the checks one by one nor a split and a join.
 */
const plainRelativePath = /^\/?[\w-][\w.-]*(?:\/[\w-][\w.-]*)*$/;

/** `path` normalised when it is a plain path (see plainRelativePath), else undefined. */
function plainPathOf(path: string): string | undefined {
  if (typeof path !== "string" || path.length > MAX_PATH_LENGTH || !plainRelativePath.test(path)) return undefined;
  return path.charCodeAt(0) === 47 /* / */ ? path.slice(1) : path;
}

/** Checks a file path (`out/PO1-v7.7-BulkImport.json`; a leading `/` is accepted) and returns it normalised. */
export function normalizeFilePath(path: string): string {
  return plainPathOf(path) ?? segmentsOf(path, "file").join("/");
}

/** Checks a directory path (`out`, `out/`, `/out/PO/`) and returns it normalised without slashes at either end. */
export function normalizeDirectoryPath(path: string): string {
  return plainPathOf(path) ?? segmentsOf(path, "directory").join("/");
}

/** Characters that `encodeURIComponent` leaves as they are, and `/`: a path of only these is its own encoding. */
const plainPath = /^[A-Za-z0-9\-_.!~*'()/]*$/;

/** A normalised path as it goes into a URL: each segment percent-encoded, joined by `/`. */
export function encodeMailboxPath(normalized: string): string {
  return plainPath.test(normalized) ? normalized : normalized.split("/").map(encodeURIComponent).join("/");
}
