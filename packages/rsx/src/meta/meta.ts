import type { RsxMeta } from "../schemas/index.js";

/** A party of the interchange: its id (ISA/GS id at SPS) and name. */
export interface MetaParty {
  readonly id: string;
  readonly name?: string;
}

/** Control numbers of the interchange, group and document. */
export interface ControlNumbers {
  readonly interchange?: string;
  readonly group?: string;
  readonly document?: string;
}

/** What `withMeta` sets: friendly names, plus any raw Meta field. */
export interface MetaPatch extends Partial<RsxMeta> {
  readonly sender?: MetaParty;
  readonly receiver?: MetaParty;
  readonly controlNumbers?: ControlNumbers;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Returns a copy of the document with its `Meta` block updated (the document itself is not changed):
 *
 * ```ts
 * withMeta(ack, { sender: { id: "ACMESUPPLY", name: "Acme Supply" }, receiver: { id: "SPS" }, controlNumbers: { interchange: "000000123" } })
 * ```
 * sets SenderUniqueID/SenderCompanyName (a party without a name drops the old name), ReceiverUniqueID/ReceiverCompanyName and the control numbers
 * (InterchangeControlNumber, GroupControlNumber, DocumentControlNumber). Other Meta fields pass through as given.
 */
export function withMeta<D extends { readonly Meta?: RsxMeta }>(document: D, patch: MetaPatch): D {
  const { sender, receiver, controlNumbers, ...raw } = patch;
  const meta: Record<string, unknown> = { ...(document.Meta ?? {}) };
  for (const key in raw) {
    const value = raw[key as keyof typeof raw];
    if (value !== undefined) meta[key] = value;
  }
  if (sender) {
    meta.SenderUniqueID = sender.id;
    if (sender.name !== undefined) meta.SenderCompanyName = sender.name;
    else delete meta.SenderCompanyName;
  }
  if (receiver) {
    meta.ReceiverUniqueID = receiver.id;
    if (receiver.name !== undefined) meta.ReceiverCompanyName = receiver.name;
    else delete meta.ReceiverCompanyName;
  }
  if (controlNumbers) {
    if (controlNumbers.interchange !== undefined) meta.InterchangeControlNumber = controlNumbers.interchange;
    if (controlNumbers.group !== undefined) meta.GroupControlNumber = controlNumbers.group;
    if (controlNumbers.document !== undefined) meta.DocumentControlNumber = controlNumbers.document;
  }
  // Meta first, where the schema has it: a document built in schema order stays in it (and is written without a copy).
  const { Meta: _replaced, ...rest } = document;
  return { Meta: meta as RsxMeta, ...rest } as unknown as D;
}

/** Reads sender, receiver and control numbers back from a document's Meta. */
export function readMeta(document: { readonly Meta?: RsxMeta }): {
  sender?: MetaParty;
  receiver?: MetaParty;
  controlNumbers: ControlNumbers;
} {
  const meta = (document.Meta ?? {}) as Record<string, unknown>;
  const str = (key: string): string | undefined => (typeof meta[key] === "string" ? (meta[key] as string) : undefined);
  const party = (idKey: string, nameKey: string): MetaParty | undefined => {
    const id = str(idKey);
    if (id === undefined) return undefined;
    const name = str(nameKey);
    return name === undefined ? { id } : { id, name };
  };
  const sender = party("SenderUniqueID", "SenderCompanyName");
  const receiver = party("ReceiverUniqueID", "ReceiverCompanyName");
  return {
    ...(sender ? { sender } : {}),
    ...(receiver ? { receiver } : {}),
    controlNumbers: definedOnly({
      interchange: str("InterchangeControlNumber"),
      group: str("GroupControlNumber"),
      document: str("DocumentControlNumber"),
    }),
  };
}

/**
 * The next control number after `current`, zero-padded to the same width (at least `width`), wrapping to 1 after
 * all nines: `nextControlNumber("000000123")` -> `"000000124"`.
 */
export function nextControlNumber(current: string | undefined, width = 9): string {
  const size = Math.max(width, current?.length ?? 0);
  const value = current && /^\d+$/.test(current) ? BigInt(current) + 1n : 1n;
  const text = value.toString();
  return text.length > size ? "1".padStart(size, "0") : text.padStart(size, "0");
}
