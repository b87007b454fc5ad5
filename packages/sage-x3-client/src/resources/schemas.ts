import { z } from "zod";
import type { components } from "../generated/sage-x3.js";

type Schemas = components["schemas"];

/** The records of each class, as the OpenAPI spec describes them (X3 may send more fields). */
export type SalesOrder = Schemas["SalesOrder"];
export type SalesOrderLine = Schemas["SalesOrderLine"];
export type Delivery = Schemas["Delivery"];
export type DeliveryLine = Schemas["DeliveryLine"];
export type Invoice = Schemas["Invoice"];
export type InvoiceLine = Schemas["InvoiceLine"];
export type InvoiceCharge = Schemas["InvoiceCharge"];
export type PurchaseOrder = Schemas["PurchaseOrder"];
export type PurchaseOrderLine = Schemas["PurchaseOrderLine"];
export type Customer = Schemas["Customer"];
export type CustomerAddress = Schemas["CustomerAddress"];
export type Supplier = Schemas["Supplier"];
export type Product = Schemas["Product"];
export type Dimension = Schemas["Dimension"];

// The zod schemas check what the SDK relies on and let every other field through (X3 sends many more).
const str = z.string();
const num = z.number();
const int = z.number().int();
const strArray = z.array(z.string());
const technical = { CREDATTIM: str.optional(), UPDDATTIM: str.optional() };

const salesOrderLine = z.looseObject({
  SOPLIN: int.optional(),
  ITMREF: str,
  ITMDES1: str.optional(),
  QTY: num,
  SAU: str.optional(),
  GROPRI: num.optional(),
  NETPRI: num.optional(),
  ALLQTY: num.optional(),
  DLVQTY: num.optional(),
  INVQTY: num.optional(),
  DEMDLVDAT: str.optional(),
  SHIDAT: str.optional(),
  SOQSTA: int.optional(),
  LINALLSTA: int.optional(),
  ITMREFBPC: str.optional(),
});

export const salesOrderSchema = z.looseObject({
  ...technical,
  SOHNUM: str,
  SOHTYP: str.optional(),
  SALFCY: str.optional(),
  STOFCY: str.optional(),
  CPY: str.optional(),
  BPCORD: str,
  BPCINV: str.optional(),
  BPAADD: str.optional(),
  CUSORDREF: str.optional(),
  ORDDAT: str.optional(),
  DEMDLVDAT: str.optional(),
  SHIDAT: str.optional(),
  CUR: str.optional(),
  PTE: str.optional(),
  ORDNOT: num.optional(),
  ORDATI: num.optional(),
  ORDSTA: int.optional(),
  ALLSTA: int.optional(),
  DLVSTA: int.optional(),
  INVSTA: int.optional(),
  CFMFLG: int.optional(),
  DIE: strArray.optional(),
  CCE: strArray.optional(),
  SOHSOP: z.array(salesOrderLine).optional(),
}) satisfies z.ZodType<SalesOrder>;

const deliveryLine = z.looseObject({
  SDDLIN: int.optional(),
  SOHNUM: str.optional(),
  SOPLIN: int.optional(),
  ITMREF: str,
  ITMDES1: str.optional(),
  QTY: num,
  SAU: str.optional(),
  GROPRI: num.optional(),
  NETPRI: num.optional(),
  PCKNUM: str.optional(),
});

export const deliverySchema = z.looseObject({
  ...technical,
  SDHNUM: str,
  SDHTYP: str.optional(),
  SALFCY: str.optional(),
  STOFCY: str.optional(),
  CPY: str.optional(),
  BPCORD: str,
  BPCINV: str.optional(),
  BPAADD: str.optional(),
  SOHNUM: str.optional(),
  CUSORDREF: str.optional(),
  DLVDAT: str.optional(),
  SHIDAT: str.optional(),
  CFMFLG: int.optional(),
  BPTNUM: str.optional(),
  MDL: str.optional(),
  BOLNUM: str.optional(),
  TRKNUM: str.optional(),
  PACNBR: int.optional(),
  GROWEI: num.optional(),
  WEU: str.optional(),
  SDHSDD: z.array(deliveryLine).optional(),
}) satisfies z.ZodType<Delivery>;

const invoiceLine = z.looseObject({
  SIDLIN: int.optional(),
  ITMREF: str,
  ITMDES1: str.optional(),
  QTY: num,
  SAU: str.optional(),
  GROPRI: num.optional(),
  NETPRI: num.optional(),
  AMTNOTLIN: num.optional(),
  AMTATILIN: num.optional(),
  SOHNUM: str.optional(),
  SOPLIN: int.optional(),
  SDHNUM: str.optional(),
  SDDLIN: int.optional(),
});

export const invoiceSchema = z.looseObject({
  ...technical,
  NUM: str,
  SIVTYP: str.optional(),
  INVTYP: int.optional(),
  CPY: str.optional(),
  SALFCY: str.optional(),
  BPR: str.optional(),
  BPCINV: str.optional(),
  BPCORD: str.optional(),
  BPAADD: str.optional(),
  INVDAT: str.optional(),
  ACCDAT: str.optional(),
  CUR: str.optional(),
  PTE: str.optional(),
  AMTNOT: num.optional(),
  AMTATI: num.optional(),
  AMTTAX: num.optional(),
  INVSTA: int.optional(),
  STA: int.optional(),
  SOHNUM: str.optional(),
  CUSORDREF: str.optional(),
  SIVSID: z.array(invoiceLine).optional(),
  SIVINVDTA: z.array(z.looseObject({ INVDTA: str, INVDTADES: str.optional(), INVDTAAMT: num })).optional(),
}) satisfies z.ZodType<Invoice>;

const purchaseOrderLine = z.looseObject({
  POPLIN: int.optional(),
  ITMREF: str,
  ITMDES1: str.optional(),
  QTYUOM: num,
  UOM: str.optional(),
  GROPRI: num.optional(),
  NETPRI: num.optional(),
  LINAMT: num.optional(),
  EXTRCPDAT: str.optional(),
  LINSTA: int.optional(),
});

export const purchaseOrderSchema = z.looseObject({
  ...technical,
  POHNUM: str,
  POHFCY: str.optional(),
  BPSNUM: str,
  BPSINV: str.optional(),
  CPY: str.optional(),
  ORDDAT: str.optional(),
  ORDREF: str.optional(),
  CUR: str.optional(),
  BUY: str.optional(),
  TOTORD: num.optional(),
  TTVORD: num.optional(),
  CLEFLG: int.optional(),
  RCPFLG: int.optional(),
  INVFLG: int.optional(),
  DIE: strArray.optional(),
  CCE: strArray.optional(),
  POHPOP: z.array(purchaseOrderLine).optional(),
}) satisfies z.ZodType<PurchaseOrder>;

export const customerSchema = z.looseObject({
  ...technical,
  BPCNUM: str,
  BPCNAM: str.optional(),
  BPCSTA: int.optional(),
  CUR: str.optional(),
  PTE: str.optional(),
  BPCINV: str.optional(),
  BPAADD: str.optional(),
  BPCBPA: z
    .array(
      z.looseObject({
        BPAADD: str,
        BPADES: str.optional(),
        BPAADDLIG: strArray.optional(),
        POSCOD: str.optional(),
        CTY: str.optional(),
        SAT: str.optional(),
        CRY: str.optional(),
        EXTNUM: str.optional(),
      }),
    )
    .optional(),
}) satisfies z.ZodType<Customer>;

export const supplierSchema = z.looseObject({
  ...technical,
  BPSNUM: str,
  BPSNAM: str.optional(),
  BPSSHO: str.optional(),
  CUR: str.optional(),
}) satisfies z.ZodType<Supplier>;

export const productSchema = z.looseObject({
  ...technical,
  ITMREF: str,
  ITMDES1: str.optional(),
  TCLCOD: str.optional(),
  ITMSTA: int.optional(),
  STU: str.optional(),
  SAU: str.optional(),
  SAUSTUCOE: num.optional(),
  PUU: str.optional(),
  EANCOD: str.optional(),
  UPCCOD: str.optional(),
  BASPRI: num.optional(),
}) satisfies z.ZodType<Product>;

export const dimensionSchema = z.looseObject({
  ...technical,
  DIE: str,
  CCE: str,
  DES: str.optional(),
  DESSHO: str.optional(),
}) satisfies z.ZodType<Dimension>;
