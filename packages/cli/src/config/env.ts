import { configurationError } from "../runtime/errors.js";
import type { TextPosition } from "./jsonc.js";

const reference = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

export interface Substitution {
  /** The value with every `${NAME}` replaced. */
  value: unknown;
  /** Values that came from the environment, by JSON path (`sps.clientSecret`). */
  substituted: Map<string, string>;
}

/**
 * Replaces `${NAME}` in every string of a parsed config with the environment variable NAME. A variable that is not
 * set (or empty) is a configuration error naming it and the field that uses it; its value is never part of a message.
 */
export function substituteEnv(
  input: unknown,
  env: Readonly<Record<string, string | undefined>>,
  /** Where a field is in the file, for the message. */
  locate?: (path: readonly (string | number)[]) => TextPosition,
): Substitution {
  const substituted = new Map<string, string>();
  const missing: { name: string; path: string; at: (string | number)[] }[] = [];
  const walk = (value: unknown, path: string, at: (string | number)[] = []): unknown => {
    if (typeof value === "string") {
      if (!value.includes("${")) return value;
      const replaced = value.replace(reference, (_, name: string) => {
        const found = env[name];
        if (found === undefined || found === "") {
          missing.push({ name, path, at });
          return "";
        }
        return found;
      });
      substituted.set(path, replaced);
      return replaced;
    }
    if (Array.isArray(value)) return value.map((item, index) => walk(item, `${path}[${index}]`, [...at, index]));
    if (typeof value === "object" && value !== null) {
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => [key, walk(item, path ? `${path}.${key}` : key, [...at, key])]),
      );
    }
    return value;
  };
  const usedBy = (m: (typeof missing)[number]) => {
    const place = locate?.(m.at);
    return place ? `${m.path} at line ${place.line}, column ${place.column}` : m.path;
  };
  const value = walk(input, "");
  if (missing.length > 0) {
    const names = [...new Set(missing.map((m) => m.name))];
    throw configurationError(
      `Environment variable ${names.join(", ")} ${names.length === 1 ? "is" : "are"} not set (used by ${missing.map(usedBy).join(", ")}).`,
      { missingEnv: names },
    );
  }
  return { value, substituted };
}
