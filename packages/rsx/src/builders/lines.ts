import { type Order, type OrderLine, type OrderLineItem, productOrItemDescriptionSchema } from "../schemas/index.js";
import { echoInto, RsxBuildError } from "./echo.js";

/** Points at a line of the 850: its LineSequenceNumber (string) or its 0-based position (number). */
export type LineRef = string | number;

export interface ResolvedLine {
  readonly index: number;
  readonly item: OrderLineItem;
}

/** Finds the 850 line a reference points at; throws RsxBuildError when there is none. */
export function resolveLine(order: Order, ref: LineRef): ResolvedLine {
  const items = order.LineItem ?? [];
  if (typeof ref === "number") {
    const item = items[ref];
    if (!Number.isInteger(ref) || item === undefined) {
      throw new RsxBuildError(`Line index ${ref} does not exist: the 850 has ${items.length} line(s)`);
    }
    return { index: ref, item };
  }
  const index = items.findIndex((item) => item.OrderLine?.LineSequenceNumber === ref);
  const item = items[index];
  if (item === undefined) {
    throw new RsxBuildError(`No 850 line has LineSequenceNumber "${ref}"`);
  }
  return { index, item };
}

/** The 850's ship-to (ST) address, if any. */
export function shipToOf(order: Order): NonNullable<Order["Header"]["Address"]>[number] | undefined {
  return order.Header.Address?.find((a) => a.AddressTypeCode === "ST");
}

/** The identifiers of an 850 line that a shipment or invoice line echoes, in RSX order (only those the 850 has). */
export function echoedLineIdentifiers(
  line: OrderLine,
): Pick<
  OrderLine,
  "LineSequenceNumber" | "BuyerPartNumber" | "VendorPartNumber" | "ConsumerPackageCode" | "GTIN" | "UPCCaseCode"
> {
  // Set one by one rather than spread from conditional objects: this runs for every line of every 856 and 810.
  const identifiers: ReturnType<typeof echoedLineIdentifiers> = {};
  if (line.LineSequenceNumber !== undefined) identifiers.LineSequenceNumber = line.LineSequenceNumber;
  if (line.BuyerPartNumber !== undefined) identifiers.BuyerPartNumber = line.BuyerPartNumber;
  if (line.VendorPartNumber !== undefined) identifiers.VendorPartNumber = line.VendorPartNumber;
  if (line.ConsumerPackageCode !== undefined) identifiers.ConsumerPackageCode = line.ConsumerPackageCode;
  if (line.GTIN !== undefined) identifiers.GTIN = line.GTIN;
  if (line.UPCCaseCode !== undefined) identifiers.UPCCaseCode = line.UPCCaseCode;
  return identifiers;
}

// Built once: a schema made per call is also a shape plan built per call (the plans are cached by schema).
const productDescriptionsSchema = productOrItemDescriptionSchema.array();

/** The product descriptions of an 850 line that a shipment or invoice line echoes (undefined when it has none). */
export function echoedDescriptions(item: OrderLineItem) {
  return echoInto(productDescriptionsSchema, item.ProductOrItemDescription);
}
