import { ConnectorError, isConnectorError } from "../errors/connector-error.js";

/**
 * A request header that caps the bytes of the answer's body read whole (`text()`, `json()`, `arrayBuffer()`,
 * `bytes()`): past it the body is dropped unread and the read fails with a `security` ConnectorError (see
 * bodyLimitExceeded). An announced length (Content-Length) past the cap fails the read before any byte is read. A body
 * read as a stream (`response.body`) is the reader's to count. Read and removed by the transport; never on the wire.
 */
export const MAX_BODY_BYTES_HEADER = "x-ml-connector-max-body-bytes";

/** What a body past its cap failed with: the cap, and the length the server announced when it did. */
export interface BodyLimitExceeded {
  maxBodyBytes: number;
  declaredBytes: number | undefined;
}

export function bodyTooLarge(maxBodyBytes: number, declaredBytes?: number): ConnectorError {
  return new ConnectorError(
    `The answer's body ${declaredBytes === undefined ? "is larger than" : `(${declaredBytes} bytes) exceeds`} the ${maxBodyBytes}-byte limit: it was not read.`,
    {
      kind: "security",
      retryable: false,
      details: { maxBodyBytes, ...(declaredBytes === undefined ? {} : { declaredBytes }) },
    },
  );
}

/** The cap a body read failed on (see MAX_BODY_BYTES_HEADER), or undefined for any other error. */
export function bodyLimitExceeded(error: unknown): BodyLimitExceeded | undefined {
  if (!isConnectorError(error) || error.kind !== "security") return undefined;
  const details = error.details as { maxBodyBytes?: unknown; declaredBytes?: unknown } | undefined;
  if (typeof details?.maxBodyBytes !== "number") return undefined;
  return {
    maxBodyBytes: details.maxBodyBytes,
    declaredBytes: typeof details.declaredBytes === "number" ? details.declaredBytes : undefined,
  };
}

/**
 * The length of the body as it is read, when the answer announces it: its Content-Length, unless it is compressed
 * (the announced length is then that of the compressed bytes).
 */
export function declaredBodyLength(headers: { get(name: string): string | null }): number | undefined {
  const encoding = headers.get("content-encoding");
  if (encoding !== null && encoding.trim().toLowerCase() !== "identity") return undefined;
  const raw = headers.get("content-length")?.trim();
  if (raw === undefined || !/^\d+$/.test(raw)) return undefined;
  return Number(raw);
}

/** The cap a request carries in MAX_BODY_BYTES_HEADER (removed from `headers`), or undefined. */
export function takeBodyLimit(headers: Record<string, string>): number | undefined {
  const text = headers[MAX_BODY_BYTES_HEADER];
  if (text === undefined) return undefined;
  delete headers[MAX_BODY_BYTES_HEADER];
  const limit = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(limit)) {
    throw new ConnectorError(`${MAX_BODY_BYTES_HEADER} must be a whole number of bytes, not "${text.slice(0, 40)}".`, {
      kind: "configuration",
    });
  }
  return limit;
}

/**
 * Reads a fetch `Response`'s body whole, at most `maxBodyBytes` of it: the announced length is checked first, and
 * the stream is cancelled as soon as it goes past the cap.
 */
export async function readBodyWithin(response: Response, maxBodyBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = declaredBodyLength(response.headers);
  if (declared !== undefined && declared > maxBodyBytes) {
    await response.body?.cancel().catch(() => {});
    throw bodyTooLarge(maxBodyBytes, declared);
  }
  const body = response.body;
  if (body === null) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) break;
      total += chunk.value.byteLength;
      if (total > maxBodyBytes) {
        await reader.cancel().catch(() => {});
        throw bodyTooLarge(maxBodyBytes);
      }
      chunks.push(chunk.value);
    }
  } finally {
    reader.releaseLock();
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
