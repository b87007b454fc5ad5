import { redactText } from "@ml-connector/transport";

/** A writable text stream (process.stdout, or a buffer in tests). */
export interface TextSink {
  write(chunk: string): unknown;
  isTTY?: boolean | undefined;
  columns?: number | undefined;
}

/** What a command may touch of the outside world: injected, so tests run the CLI in-process. */
export interface CliIo {
  stdout: TextSink;
  stderr: TextSink;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Lines typed by the user (e.g. the callback URL pasted during `auth sage-x3`). */
  stdin?: AsyncIterable<string | Uint8Array> | undefined;
  /** Aborted on SIGINT/SIGTERM: long-running commands (sync, sandbox, auth) stop gracefully. */
  signal?: AbortSignal | undefined;
}

/** stdout/stderr with every known secret redacted, whatever a command writes. */
export class Output {
  readonly #io: CliIo;
  readonly #secrets = new Set<string>();

  constructor(io: CliIo) {
    this.#io = io;
  }

  /** Values that must never be printed (from the config, the sandboxes...). */
  addSecrets(values: Iterable<string>): void {
    for (const value of values) if (value.length >= 4) this.#secrets.add(value);
  }

  get isTTY(): boolean {
    return this.#io.stdout.isTTY === true;
  }

  get columns(): number {
    return this.#io.stdout.columns ?? 100;
  }

  /** Also masks passwords written inside URLs (a config's URLs, a driver's message), known as secrets or not. */
  redact(text: string): string {
    return redactText(text, [...this.#secrets]);
  }

  /** Writes raw text (no newline added). */
  write(text: string): void {
    this.#io.stdout.write(this.redact(text));
  }

  line(text = ""): void {
    this.write(`${text}\n`);
  }

  error(text: string): void {
    this.#io.stderr.write(`${this.redact(text)}\n`);
  }

  json(value: unknown): void {
    this.line(JSON.stringify(value, null, 2));
  }
}

/** Resolves on SIGINT/SIGTERM (the CLI's signal); never without one. For commands that serve until Ctrl-C. */
export function untilStopped(io: CliIo): Promise<void> {
  return new Promise<void>((resolveStop) => {
    if (!io.signal) return;
    if (io.signal.aborted) resolveStop();
    else io.signal.addEventListener("abort", () => resolveStop(), { once: true });
  });
}
