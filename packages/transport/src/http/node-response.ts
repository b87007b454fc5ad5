import type { IncomingMessage } from "node:http";
import { bodyTooLarge, declaredBodyLength } from "./body-limit.js";

/**
 * Told when a reply's body has been received whole, has failed, or will not be read (the transport's attempt), so
 * that the attempt's timeout has nothing left to guard.
 */
export interface BodyWatcher {
  /**
   * How the sender ends the request (see SendControl). Dropped when the body is over: it holds the request, its reply
   * and their socket callbacks, which a finished request must not keep alive through its watcher (the watcher can be
   * referenced longer, e.g. by a removed listener of the caller's AbortSignal).
   */
  interrupt?: ((reason: unknown) => void) | undefined;
  /** The most bytes of the body read whole (see MAX_BODY_BYTES_HEADER); undefined: no cap. */
  readonly maxBodyBytes?: number | undefined;
  settled(): void;
}

/** Set on a reply to end its attempt's timeout early (see `releaseResponse`). */
export const releaseKey = Symbol("ml-connector.transport.release");

/** On a message whose body a NodeResponse reads: that reply, until the body is over. */
const replyKey = Symbol("ml-connector.transport.reply");
type ListenedMessage = IncomingMessage & { [replyKey]?: NodeResponse | undefined };

/** A paused reply stops pulling from the socket once this much is waiting for a reader. */
const PAUSE_BYTES = 64 * 1024;

/**
 * The response headers as the server sent them (`IncomingMessage.rawHeaders`), read the way `Headers` reads them:
 * names case-insensitively, repeated fields joined with ", ". Nothing is copied until a name is asked for.
 */
export class RawHeaders {
  readonly #raw: string[];

  constructor(raw: string[]) {
    this.#raw = raw;
  }

  get(name: string): string | null {
    const raw = this.#raw;
    const lower = name.toLowerCase();
    let found: string | null = null;
    for (let i = 0; i < raw.length; i += 2) {
      const key = raw[i] as string;
      if (key.length === lower.length && (key === lower || key.toLowerCase() === lower)) {
        found = found === null ? (raw[i + 1] as string) : `${found}, ${raw[i + 1]}`;
      }
    }
    return found;
  }

  has(name: string): boolean {
    return this.get(name) !== null;
  }

  forEach(callback: (value: string, name: string, headers: RawHeaders) => void): void {
    for (const [name, value] of this.entries()) callback(value, name, this);
  }

  /** Lower-case names in order, repeated fields joined, as `Headers` iterates. */
  *entries(): IterableIterator<[string, string]> {
    const names = [...new Set(this.#raw.filter((_, i) => i % 2 === 0).map((name) => name.toLowerCase()))].sort();
    for (const name of names) yield [name, this.get(name) as string];
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }

  /** A real `Headers` with the same fields. */
  toHeaders(): Headers {
    const headers = new Headers();
    for (let i = 0; i < this.#raw.length; i += 2) headers.append(this.#raw[i] as string, this.#raw[i + 1] as string);
    return headers;
  }
}

/**
 * A reply of the node:http path, shaped like the part of a fetch `Response` that openapi-fetch and the clients read:
 * `status`, `ok`, `statusText`, `headers.get`, the body once through `text()`, `json()`, `arrayBuffer()`, `bytes()`,
 * or as a stream through `body`. A WHATWG `Response` (its `Headers`, its `ReadableStream`, the body mixin) costs more
 * than the request itself; this builds the stream only when `body` is read, and `toResponse()` builds a real
 * `Response` for a caller that wants one (`blob()`, `formData()` and `clone()` go through it).
 *
 * The body is read from the socket as it arrives, as fetch does (so a reply nobody reads does not hold its socket),
 * up to 64 KiB ahead of a reader; then the socket waits for one.
 */
export class NodeResponse {
  readonly status: number;
  readonly statusText: string;
  readonly ok: boolean;
  readonly headers: RawHeaders;
  readonly url: string;
  readonly redirected = false;
  readonly type = "basic";
  /** The message while its body arrives; let go of once the body is over (see #settle). */
  #incoming: IncomingMessage | undefined;
  readonly #hasBody: boolean;
  readonly #watcher: BodyWatcher;
  readonly #maxBytes: number | undefined;
  #chunks: Buffer[] = [];
  #buffered = 0;
  #ended = false;
  #error: unknown;
  #used = false;
  /** A reader waiting for the end of the body (text(), json()...). */
  #waiting: ((error: unknown) => void) | undefined;
  #stream: ReadableStream<Uint8Array> | undefined;
  #controller: ReadableStreamDefaultController<Uint8Array> | undefined;

  /** `hasBody` false: a 204, a 304 or an answer to HEAD; whatever the socket holds is drained, and nobody waits. */
  constructor(url: string, incoming: IncomingMessage, hasBody: boolean, watcher: BodyWatcher) {
    this.url = url;
    this.status = incoming.statusCode ?? 0;
    this.statusText = incoming.statusMessage ?? "";
    this.ok = this.status >= 200 && this.status < 300;
    this.headers = new RawHeaders(incoming.rawHeaders);
    this.#watcher = watcher;
    this.#maxBytes = watcher.maxBodyBytes;
    this.#hasBody = hasBody;
    if (!hasBody) {
      this.#incoming = undefined;
      this.#ended = true;
      incoming.resume();
      this.#settle();
      return;
    }
    this.#incoming = incoming;
    (incoming as ListenedMessage)[replyKey] = this;
    incoming.on("data", NodeResponse.#incomingData);
    incoming.on("end", NodeResponse.#incomingEnd);
    incoming.on("error", NodeResponse.#incomingError);
    // A socket closed before the body's end, with or without an error event.
    incoming.on("close", NodeResponse.#incomingClose);
  }

  get body(): ReadableStream<Uint8Array> | null {
    if (!this.#hasBody) return null;
    this.#stream ??= this.#openStream();
    return this.#stream;
  }

  get bodyUsed(): boolean {
    return this.#used || (this.#stream?.locked ?? false);
  }

  /**
   * Ends the body early: the socket is destroyed (it cannot be reused with unread data) and readers see `reason`.
   * The transport's timeout and the caller's signal come through here.
   */
  interrupt(reason: unknown): void {
    if (this.#ended) return;
    const incoming = this.#incoming;
    this.#fail(reason, false);
    incoming?.destroy();
  }

  /** Drops a body nobody will read (a 401 before its retry, a redirect refused, an anomaly). */
  discard(): void {
    this.#used = true;
    this.#chunks = [];
    this.#buffered = 0;
    if (this.#ended) return;
    this.#ended = true;
    this.#incoming?.destroy();
    this.#settle();
  }

  [releaseKey](): void {
    this.#watcher.settled();
  }

  /*
   * The body's listeners are shared functions that find their reply through the message, and the message lets go of
   * it once the body is over. With a closure per listener, a finished message (dead, but not collected until V8's
   * next full collection once it had been promoted) kept its reply alive through every young-generation collection,
   * the reply its request, and so on to the next: most of each request was promoted to the old generation, whose
   * growth between full collections is the connector's peak RSS (docs/performance.md, memory).
   */
  static readonly #incomingData = function (this: ListenedMessage, chunk: Buffer): void {
    const reply = this[replyKey];
    if (reply) reply.#onData(chunk);
  };

  static readonly #incomingEnd = function (this: ListenedMessage): void {
    const reply = this[replyKey];
    if (reply) reply.#onEnd();
  };

  static readonly #incomingError = function (this: ListenedMessage, error: Error): void {
    const reply = this[replyKey];
    if (reply) reply.#fail(error, true);
  };

  static readonly #incomingClose = function (this: ListenedMessage): void {
    const reply = this[replyKey];
    if (reply) reply.#fail(undefined, true);
  };

  /** The body is over (received, failed or dropped): its watcher is told, and let go of the request. */
  #settle(): void {
    const incoming = this.#incoming as ListenedMessage | undefined;
    if (incoming) incoming[replyKey] = undefined;
    this.#incoming = undefined;
    this.#watcher.interrupt = undefined;
    this.#watcher.settled();
  }

  // Each reader is one promise, settled with the body already converted: no continuation of a promise of bytes.
  text(): Promise<string> {
    return this.#readAll(utf8Text);
  }

  json(): Promise<unknown> {
    return this.#readAll(parseJson);
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    return this.#readAll(arrayBufferOf);
  }

  bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return this.#readAll(uint8ArrayOf);
  }

  blob(): Promise<Blob> {
    return this.toResponse().blob();
  }

  formData(): Promise<FormData> {
    return this.toResponse().formData();
  }

  clone(): Response {
    return this.toResponse().clone();
  }

  /** A fetch `Response` with this reply's status, headers and (unread) body. */
  toResponse(): Response {
    return new Response(this.body, {
      status: this.status,
      statusText: this.statusText,
      headers: this.headers.toHeaders(),
    });
  }

  /** The body whole, as `convert` gives it (a conversion that throws, as JSON.parse can, rejects the read). */
  #readAll<T>(convert: (bytes: Buffer) => T): Promise<T> {
    if (this.#stream) {
      // Whoever took `body` may still read it; as fetch does, the methods read the same stream.
      return new Response(this.#stream).arrayBuffer().then((buffer) => convert(Buffer.from(buffer)));
    }
    if (this.#used) return Promise.reject(new TypeError("Body is unusable: Body has already been read"));
    this.#used = true;
    const maxBytes = this.#maxBytes;
    if (maxBytes !== undefined) {
      const declared = declaredBodyLength(this.headers);
      if (declared !== undefined && declared > maxBytes) {
        const error = bodyTooLarge(maxBytes, declared);
        this.interrupt(error);
        this.#chunks = [];
        return Promise.reject(error);
      }
    }
    if (this.#ended) {
      if (this.#error !== undefined) return Promise.reject(this.#error);
      try {
        return Promise.resolve(convert(this.#takeChunks()));
      } catch (error) {
        return Promise.reject(error);
      }
    }
    this.#incoming?.resume();
    return new Promise<T>((resolve, reject) => {
      this.#waiting = (error) => {
        if (error !== undefined) reject(error);
        else {
          try {
            resolve(convert(this.#takeChunks()));
          } catch (failure) {
            reject(failure);
          }
        }
      };
    });
  }

  /** The body received, as one buffer. */
  #takeChunks(): Buffer {
    const chunks = this.#chunks;
    this.#chunks = [];
    return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, this.#buffered);
  }

  #onData(chunk: Buffer): void {
    const controller = this.#controller;
    if (controller) {
      controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      if ((controller.desiredSize ?? 1) <= 0) this.#incoming?.pause();
      return;
    }
    this.#chunks.push(chunk);
    this.#buffered += chunk.byteLength;
    if (this.#maxBytes !== undefined && this.#buffered > this.#maxBytes) {
      // Past the cap: dropped unread, and the reader told why.
      this.interrupt(bodyTooLarge(this.#maxBytes));
      return;
    }
    if (this.#buffered >= PAUSE_BYTES && !this.#waiting) this.#incoming?.pause();
  }

  #onEnd(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#settle();
    this.#controller?.close();
    this.#wake(undefined);
  }

  /** `reason` undefined: the connection ended early (the error is built only then). */
  #fail(reason: unknown, fromSocket: boolean): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#error = fromSocket
      ? new TypeError("terminated", {
          cause: reason ?? new Error("the connection closed before the end of the body"),
        })
      : reason;
    this.#chunks = [];
    this.#settle();
    this.#controller?.error(this.#error);
    this.#wake(this.#error);
  }

  #wake(error: unknown): void {
    const waiting = this.#waiting;
    this.#waiting = undefined;
    waiting?.(error);
  }

  #openStream(): ReadableStream<Uint8Array> {
    const incoming = this.#incoming;
    return new ReadableStream<Uint8Array>({
      start: (controller) => {
        if (this.#used) {
          controller.error(new TypeError("Body is unusable: Body has already been read"));
          return;
        }
        this.#controller = controller;
        for (const chunk of this.#chunks) {
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        }
        this.#chunks = [];
        if (this.#error !== undefined) controller.error(this.#error);
        else if (this.#ended) controller.close();
      },
      pull: () => {
        incoming?.resume();
      },
      cancel: () => this.discard(),
    });
  }
}

/** As fetch's text(): UTF-8, a byte order mark dropped. */
function utf8Text(bytes: Buffer): string {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return bytes.toString("utf8", start);
}

function parseJson(bytes: Buffer): unknown {
  return JSON.parse(utf8Text(bytes));
}

function arrayBufferOf(bytes: Buffer): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

function uint8ArrayOf(bytes: Buffer): Uint8Array<ArrayBuffer> {
  return new Uint8Array(arrayBufferOf(bytes));
}
