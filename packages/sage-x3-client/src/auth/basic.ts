import type { AuthStrategy } from "@ml-connector/transport";

/** On-premise Basic credentials (mode c). The client refuses them over plain http except on loopback. */
export interface BasicSettings {
  mode: "basic";
  username: string;
  password: string;
}

/** Static credentials: a 401 is final (nothing to refresh). */
export function createBasicAuth(settings: BasicSettings): AuthStrategy {
  const encoded = Buffer.from(`${settings.username}:${settings.password}`, "utf8").toString("base64");
  return {
    authorize: async () => `Basic ${encoded}`,
    invalidate: async () => false,
    secrets: () => [settings.password, encoded],
  };
}
