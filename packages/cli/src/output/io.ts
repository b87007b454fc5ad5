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

/**
 * stdout/stderr with every known secret redacted, whatever a command writes. A command run with `--json` gets a
 * JSON-only Output: its lines for people are dropped and stdout carries exactly one JSON document, from `json()`.
 */
export class Output {
  readonly #io: CliIo;
  readonly #secrets: Set<string>;
  readonly #jsonOnly: boolean;

  constructor(io: CliIo, options: { jsonOnly?: boolean; secrets?: Set<string> } = {}) {
    this.#io = io;
    this.#jsonOnly = options.jsonOnly === true;
    this.#secrets = options.secrets ?? new Set<string>();
  }

  /** The same streams and secrets, for `--json`. */
  jsonOnly(): Output {
    return new Output(this.#io, { jsonOnly: true, secrets: this.#secrets });
  }

  /** Whether this Output prints only the JSON result (`--json`). */
  get isJsonOnly(): boolean {
    return this.#jsonOnly;
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

  /** Writes raw text (no newline added); nothing under `--json`. */
  write(text: string): void {
    if (!this.#jsonOnly) this.#io.stdout.write(this.redact(text));
  }

  line(text = ""): void {
    this.write(`${text}\n`);
  }

  error(text: string): void {
    this.#io.stderr.write(`${this.redact(text)}\n`);
  }

  /** A command's result as JSON: what `--json` prints, and `audit` without a terminal. */
  json(value: unknown): void {
    this.#io.stdout.write(this.redact(`${JSON.stringify(value, null, 2)}\n`));
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
