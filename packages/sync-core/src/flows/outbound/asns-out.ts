import {
  type Address,
  buildShipment,
  type CarrierTransMethodCode,
  type LineRef,
  type PackInput,
  RsxBuildError,
} from "@ml-connector/rsx";
import type { JsonValue, SequenceStore } from "@ml-connector/state";
import type { X3Delivery, X3DeliveryPack } from "../../ports/x3-change-feed.js";
import type { OutboundFlowDefinition } from "./outbound-flow.js";
import type { OutboundDeps, OutboundSettings } from "./publish.js";
import { hasShipTo, type ShipToAddress, shipToFromX3 } from "./ship-to.js";
import { findOrderOf, pairLines, withoutSource } from "./source-order.js";

export type ShipFromAddress = Omit<Address, "AddressTypeCode">;

export interface AsnsOutSettings extends OutboundSettings {
  /** GS1 company prefix (7-10 digits) for the SSCC-18 of every pack. Required. */
  gs1CompanyPrefix?: string | undefined;
  /** SSCC extension digit (0-9). Default 0. */
  extensionDigit?: number | undefined;
  /** Ship-from address: one for all sites, or per X3 site (STOFCY/SALFCY) with `default` as the fallback. */
  shipFrom?: ShipFromAddress | Record<string, ShipFromAddress> | undefined;
  /** X3 mode of delivery (MDL) → carrier transport method code (e.g. `{ ROAD: "M", AIR: "A" }`). */
  transportModes?: Record<string, CarrierTransMethodCode> | undefined;
}

/** The sequence SSCC serials are taken from: one per company prefix, never reused. */
export const ssccSequenceName = (prefix: string) => `sscc:${prefix}`;

/** Takes the next serial of a sequence for a pack (see `createSerialTaker`). */
export type SerialTaker = (sequence: string) => Promise<number>;

/**
 * SSCC serials taken one ahead of use. A sequence store hands a number out only once it is committed: in a store that
 * groups its commits (SQLite) that means waiting for its next commit, and, one document at a time, a commit more per
 * 856. Taken when the serial before it is used, a serial is committed with that 856's writes (its record and its
 * upload's effect) and is ready when the next 856 needs it. A serial taken ahead and never used (the process stops)
 * is lost, as the sequence store allows: never handed out twice. Takes are made in call order, so an 856's packs
 * get increasing serials.
 */
export function createSerialTaker(sequences: SequenceStore): SerialTaker {
  const ahead = new Map<string, Promise<number>>();
  const take = (sequence: string) => {
    const serial = sequences.next(sequence, { start: 1 });
    // Awaited by the pack that uses it; until then its failure is no unhandled rejection.
    serial.catch(() => {});
    return serial;
  };
  return (sequence) => {
    const serial = ahead.get(sequence) ?? take(sequence);
    ahead.set(sequence, take(sequence));
    return serial;
  };
}

function shipFromFor(settings: AsnsOutSettings, site: string | undefined): ShipFromAddress {
  const configured = settings.shipFrom;
  if (configured && isAddress(configured)) return configured;
  const bySite = configured as Record<string, ShipFromAddress> | undefined;
  const found = (site ? bySite?.[site] : undefined) ?? bySite?.default;
  return (
    found ?? {
      LocationCodeQualifier: "92",
      AddressLocationNumber: site ?? "SHIPFROM",
      AddressName: site ?? "Ship from",
    }
  );
}

function isAddress(value: ShipFromAddress | Record<string, ShipFromAddress>): value is ShipFromAddress {
  return Object.values(value).some((entry) => typeof entry === "string");
}

/** The delivery's packs: X3's packing when it has one, else the whole delivery as one unit (tracking, weight). */
function packsOf(delivery: X3Delivery): X3DeliveryPack[] {
  if (delivery.packs && delivery.packs.length > 0) return delivery.packs;
  return [
    {
      items: delivery.lines.map((line) => ({ lineNumber: line.lineNumber, quantity: line.quantity })),
      trackingNumber: delivery.trackingNumber,
      weightLb: delivery.grossWeightLb,
    },
  ];
}

/** The asns-out flow: an 856 for each validated delivery of an SPS partner's order. */
export function asnsOutDefinition(
  deps: OutboundDeps,
  settings: AsnsOutSettings,
  takeSerial: SerialTaker,
): OutboundFlowDefinition<"delivery", "Shipment"> {
  const prefix = settings.gs1CompanyPrefix;
  return {
    name: "asns-out",
    kind: "delivery",
    rsxType: "Shipment",
    documentType: "856",
    async prepare(delivery: X3Delivery, signal) {
      if (!delivery.validated) return { kind: "skip", reason: "delivery not validated" };
      const { order, found } = await findOrderOf(deps, delivery, delivery.orderKey, signal);
      if (found.kind !== "found") return withoutSource(found, delivery.reference);
      const source = found.source;
      if (!prefix) {
        return {
          kind: "invalid",
          partnerId: source.partnerId,
          poNumber: source.order.Header.OrderHeader.PurchaseOrderNumber,
          reasons: [
            {
              path: "settings.gs1CompanyPrefix",
              code: "configuration",
              message: "asns-out needs flows['asns-out'].gs1CompanyPrefix (7-10 digits) to number the packs (SSCC-18).",
            },
          ],
        };
      }
      // An order keyed in X3 has no 850 ship-to to echo: the partner's location of the X3 address it ships to.
      let shipTo: ShipToAddress | undefined;
      if (!hasShipTo(source.order)) {
        const found = await shipToFromX3(deps.mappings, {
          partnerId: source.partnerId,
          customer: delivery.customer,
          addressCode: delivery.shipToAddressCode ?? order?.shipToAddressCode,
          from: `delivery ${delivery.key} of order ${delivery.orderKey}`,
        });
        if (!found.ok) {
          return {
            kind: "invalid",
            partnerId: source.partnerId,
            poNumber: source.order.Header.OrderHeader.PurchaseOrderNumber,
            reasons: [found.reason],
          };
        }
        shipTo = found.address;
      }
      const pairs = order ? await pairLines(source, order.lines, deps.mappings) : new Map<number, LineRef>();
      const lineRefs = new Map<number, { ref: LineRef | undefined; orderLine: number }>();
      for (const line of delivery.lines) {
        lineRefs.set(line.lineNumber, { ref: pairs.get(line.orderLineNumber), orderLine: line.orderLineNumber });
      }
      const packs = packsOf(delivery);
      const shipFrom = shipFromFor(settings, delivery.site);
      const carrier = {
        ...(delivery.carrier ? { alphaCode: delivery.carrier } : {}),
        ...(delivery.deliveryMode ? { routing: delivery.deliveryMode } : {}),
        ...(delivery.deliveryMode && settings.transportModes?.[delivery.deliveryMode]
          ? { transMethodCode: settings.transportModes[delivery.deliveryMode] }
          : {}),
      };
      const content: JsonValue = {
        shipDate: delivery.shipDate,
        carrier: delivery.carrier ?? null,
        mode: delivery.deliveryMode ?? null,
        billOfLading: delivery.billOfLading ?? null,
        proNumber: delivery.proNumber ?? null,
        shipFrom: JSON.stringify(shipFrom),
        // Only when it comes from X3 (an 850's is part of the order): the content of every other 856 stays as it was.
        ...(shipTo ? { shipTo: shipTo.AddressLocationNumber ?? null } : {}),
        packs: packs.map((pack) => ({
          tracking: pack.trackingNumber ?? null,
          weight: pack.weightLb ?? null,
          items: pack.items.map((item) => [lineRefs.get(item.lineNumber)?.orderLine ?? null, item.quantity]),
        })),
      };
      return {
        kind: "draft",
        draft: {
          flow: "asns-out",
          rsxType: "Shipment",
          x3: { entity: "SDELIVERY", key: delivery.key, updatedAt: delivery.updatedAt },
          relation: "ships",
          source,
          content,
          salesOrder: { key: delivery.orderKey, relation: "fulfils" },
          async build({ revision, previous }) {
            // The same cartons keep their SSCC across revisions; new cartons take new, never reused serials.
            const kept = Array.isArray(previous?.metadata?.serials) ? previous.metadata.serials : [];
            // Taken together, in pack order: the packs wait for one commit at most, not one each.
            const serials = await Promise.all(
              packs.map((_, index) => {
                const old = kept[index];
                return typeof old === "number" ? old : takeSerial(ssccSequenceName(prefix));
              }),
            );
            const packInputs: PackInput[] = packs.map((pack, index) => ({
              serial: serials[index] ?? 0,
              items: pack.items.map((item) => {
                const ref = lineRefs.get(item.lineNumber);
                if (ref?.ref === undefined) {
                  throw new RsxBuildError(
                    `Delivery line ${item.lineNumber} (order line ${ref?.orderLine ?? "?"}) matches no line of PO ${source.order.Header.OrderHeader.PurchaseOrderNumber}.`,
                  );
                }
                return { line: ref.ref, quantity: item.quantity };
              }),
              ...(pack.trackingNumber ? { trackingNumber: pack.trackingNumber } : {}),
              ...(pack.weightLb !== undefined ? { weightLb: pack.weightLb } : {}),
              ...(packs.length === 1 && (delivery.packageCount ?? 1) > 1 ? { packLevelType: "T" as const } : {}),
            }));
            const document = buildShipment(source.order, {
              shipmentId: delivery.key,
              shipDate: delivery.shipDate,
              gs1CompanyPrefix: prefix,
              ...(settings.extensionDigit !== undefined ? { extensionDigit: settings.extensionDigit } : {}),
              shipFrom,
              ...(shipTo ? { shipTo } : {}),
              ...(Object.keys(carrier).length > 0 ? { carrier } : {}),
              ...(delivery.billOfLading ? { billOfLadingNumber: delivery.billOfLading } : {}),
              ...(delivery.proNumber ? { carrierProNumber: delivery.proNumber } : {}),
              packs: packInputs,
            });
            if (revision > 1) document.Header.ShipmentHeader.TsetPurposeCode = "05";
            return { document, metadata: { serials, packs: packs.length } };
          },
        },
      };
    },
  };
}
