import type { CarrierTransMethodCode, ItemStatusCode } from "../code-lists/index.js";
import { sscc18 } from "../rules/gs1.js";
import {
  type Address,
  addressSchema,
  type Order,
  type Shipment,
  type ShipmentItemLevel,
  type ShipmentPackLevel,
} from "../schemas/index.js";
import { echoInto, RsxBuildError, roundMoney } from "./echo.js";
import { echoedDescriptions, echoedLineIdentifiers, type LineRef, resolveLine, shipToOf } from "./lines.js";

/** One carton (or pallet) and what is in it. */
export interface PackInput {
  /** Serial reference for the SSCC-18 (unique per company prefix). */
  readonly serial: number | string;
  readonly items: ReadonlyArray<{
    readonly line: LineRef;
    readonly quantity: number;
    readonly status?: ItemStatusCode;
  }>;
  /** "P" pack (default) or "T" tare (pallet). */
  readonly packLevelType?: "P" | "T";
  /** Carrier tracking number. */
  readonly trackingNumber?: string;
  /** Gross weight in pounds. */
  readonly weightLb?: number;
  /** Store the pack is marked for (mark-for, AddressTypeCode Z7), for cross-dock and multi-store orders. */
  readonly markForLocation?: string;
}

export interface ShipmentOptions {
  /** Your shipment id (ShipmentIdentification), e.g. the X3 delivery number. */
  readonly shipmentId: string;
  readonly shipDate: string;
  readonly shipTime?: string;
  /** Defaults to shipDate. */
  readonly shipNoticeDate?: string;
  /** GS1 company prefix (7-10 digits) and extension digit for the SSCC-18 pack ids. */
  readonly gs1CompanyPrefix: string;
  readonly extensionDigit?: number;
  /** The ship-from address (AddressTypeCode SF is set for you). */
  readonly shipFrom: Omit<Address, "AddressTypeCode">;
  /** The ship-to address; defaults to the 850's ST address. */
  readonly shipTo?: Omit<Address, "AddressTypeCode">;
  readonly carrier?: {
    readonly alphaCode?: string;
    readonly routing?: string;
    readonly transMethodCode?: CarrierTransMethodCode;
  };
  readonly billOfLadingNumber?: string;
  readonly carrierProNumber?: string;
  readonly packs: readonly PackInput[];
}

/**
 * Builds the 856 for an 850 as Shipment / Order / Pack / Item (ASNStructureCode 0001): ship-from and ship-to,
 * one OrderLevel echoing the PO, one PackLevel per carton with an SSCC-18 ShippingSerialID ("00" + 18 digits,
 * correct check digit), one ItemLevel per line in the carton, and a Summary counting them.
 * Pure; throws RsxBuildError when a pack ships an unknown line, a non-positive quantity or more than was ordered.
 */
export function buildShipment(order: Order, options: ShipmentOptions): Shipment {
  if (options.packs.length === 0) throw new RsxBuildError("A shipment needs at least one pack");
  const shipTo = options.shipTo ?? shipToOf(order);
  if (!shipTo) throw new RsxBuildError("The 850 has no ship-to (ST) address; pass options.shipTo");
  const orderHeader = order.Header.OrderHeader;
  const shippedByLine = new Map<number, number>();
  let itemCount = 0;
  let weight = 0;
  let weightKnown = true;

  const packLevels = options.packs.map((pack): ShipmentPackLevel => {
    if (pack.items.length === 0) throw new RsxBuildError(`Pack ${String(pack.serial)} is empty`);
    const itemLevels = pack.items.map((entry): ShipmentItemLevel => {
      const { index, item } = resolveLine(order, entry.line);
      const line = item.OrderLine ?? {};
      if (!(entry.quantity > 0)) {
        throw new RsxBuildError(
          `Pack ${String(pack.serial)}: quantity for line ${String(entry.line)} must be greater than 0`,
        );
      }
      const shipped = (shippedByLine.get(index) ?? 0) + entry.quantity;
      if (line.OrderQty !== undefined && shipped > line.OrderQty + 1e-9) {
        throw new RsxBuildError(
          `Line ${line.LineSequenceNumber ?? index}: ${shipped} shipped but only ${line.OrderQty} ordered`,
        );
      }
      shippedByLine.set(index, shipped);
      itemCount++;
      const description = echoedDescriptions(item);
      return {
        ShipmentLine: {
          ...echoedLineIdentifiers(line),
          ...(line.OrderQty !== undefined ? { OrderQty: line.OrderQty } : {}),
          ...(line.OrderQtyUOM !== undefined ? { OrderQtyUOM: line.OrderQtyUOM } : {}),
          ...(line.PurchasePrice !== undefined ? { PurchasePrice: line.PurchasePrice } : {}),
          ...(entry.status !== undefined ? { ItemStatusCode: entry.status } : {}),
          ShipQty: entry.quantity,
          ...(line.OrderQtyUOM !== undefined ? { ShipQtyUOM: line.OrderQtyUOM } : {}),
        },
        ...(description ? { ProductOrItemDescription: description } : {}),
      };
    });
    if (pack.weightLb === undefined) weightKnown = false;
    else weight += pack.weightLb;
    const sscc = sscc18(options.gs1CompanyPrefix, pack.serial, { extensionDigit: options.extensionDigit ?? 0 });
    return {
      Pack: {
        PackLevelType: pack.packLevelType ?? "P",
        ShippingSerialID: `00${sscc}`,
        ...(pack.trackingNumber !== undefined ? { CarrierPackageID: pack.trackingNumber } : {}),
      },
      ...(pack.weightLb !== undefined
        ? {
            PhysicalDetails: [
              { PackQualifier: "OU", WeightQualifier: "G", PackWeight: pack.weightLb, PackWeightUOM: "LB" },
            ],
          }
        : {}),
      ...(pack.markForLocation !== undefined
        ? {
            Address: [
              { AddressTypeCode: "Z7", LocationCodeQualifier: "92", AddressLocationNumber: pack.markForLocation },
            ],
          }
        : {}),
      ItemLevel: itemLevels,
    };
  });

  const shipToAddress = echoInto(addressSchema, { ...shipTo, AddressTypeCode: "ST" });
  const shipFromAddress = echoInto(addressSchema, { ...options.shipFrom, AddressTypeCode: "SF" });
  const carrier = options.carrier;
  return {
    Header: {
      ShipmentHeader: {
        TradingPartnerId: orderHeader.TradingPartnerId,
        ShipmentIdentification: options.shipmentId,
        ShipDate: options.shipDate,
        ...(options.shipTime !== undefined ? { ShipmentTime: options.shipTime } : {}),
        TsetPurposeCode: "00",
        ShipNoticeDate: options.shipNoticeDate ?? options.shipDate,
        ASNStructureCode: "0001",
        ...(options.billOfLadingNumber !== undefined ? { BillOfLadingNumber: options.billOfLadingNumber } : {}),
        ...(options.carrierProNumber !== undefined ? { CarrierProNumber: options.carrierProNumber } : {}),
      },
      Address: [shipFromAddress, shipToAddress].filter((a): a is Address => a !== undefined),
      ...(carrier
        ? {
            CarrierInformation: [
              {
                ...(carrier.transMethodCode !== undefined ? { CarrierTransMethodCode: carrier.transMethodCode } : {}),
                ...(carrier.alphaCode !== undefined ? { CarrierAlphaCode: carrier.alphaCode } : {}),
                ...(carrier.routing !== undefined ? { CarrierRouting: carrier.routing } : {}),
              },
            ],
          }
        : {}),
      QuantityAndWeight: [
        {
          PackingMedium: "CTN",
          LadingQuantity: options.packs.length,
          ...(weightKnown ? { WeightQualifier: "G", Weight: roundMoney(weight), WeightUOM: "LB" } : {}),
        },
      ],
    },
    OrderLevel: [
      {
        OrderHeader: {
          PurchaseOrderNumber: orderHeader.PurchaseOrderNumber,
          ...(orderHeader.PurchaseOrderDate !== undefined ? { PurchaseOrderDate: orderHeader.PurchaseOrderDate } : {}),
          ...(orderHeader.ReleaseNumber !== undefined ? { ReleaseNumber: orderHeader.ReleaseNumber } : {}),
          ...(orderHeader.Department !== undefined ? { Department: orderHeader.Department } : {}),
          ...(orderHeader.Vendor !== undefined ? { Vendor: orderHeader.Vendor } : {}),
          ...(orderHeader.Division !== undefined ? { Division: orderHeader.Division } : {}),
          ...(orderHeader.CustomerOrderNumber !== undefined
            ? { CustomerOrderNumber: orderHeader.CustomerOrderNumber }
            : {}),
        },
        PackLevel: packLevels,
      },
    ],
    Summary: { TotalOrders: 1, TotalLineItemNumber: itemCount },
  };
}
