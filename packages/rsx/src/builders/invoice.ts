import type { AllowChrgCode } from "../code-lists/index.js";
import {
  type Address,
  addressSchema,
  type ChargesAllowances,
  chargesAllowancesSchema,
  type Invoice,
  type InvoiceLine,
  type InvoiceLineItem,
  type Order,
  type PaymentTerms,
} from "../schemas/index.js";
import { addDays, echoInto, RsxBuildError, roundMoney } from "./echo.js";
import { echoedDescriptions, echoedLineIdentifiers, type LineRef, resolveLine } from "./lines.js";

export interface InvoiceLineInput {
  readonly line: LineRef;
  /** Invoiced quantity; defaults to the ordered quantity. */
  readonly quantity?: number;
  /** Unit price; defaults to the 850's price. */
  readonly unitPrice?: number;
  /** Quantity shipped, when it differs from the invoiced quantity. */
  readonly shippedQuantity?: number;
}

export interface InvoiceTermsInput {
  /** Discount percentage (e.g. 2 for 2%) and the days it applies within. */
  readonly discountPercent?: number;
  readonly discountDays?: number;
  /** Days until the net amount is due. */
  readonly netDays: number;
  readonly description?: string;
}

export interface InvoiceChargeInput {
  /** "C" charge or "A" allowance. */
  readonly indicator: "C" | "A";
  readonly code: AllowChrgCode;
  readonly amount: number;
  readonly description?: string;
}

export interface InvoiceOptions {
  readonly invoiceNumber: string;
  /** YYYY-MM-DD (builders are pure: no clock). */
  readonly invoiceDate: string;
  /** The lines to invoice; all 850 lines at their ordered quantity and price by default. */
  readonly lines?: readonly InvoiceLineInput[];
  /** Payment terms; by default the 850's first PaymentTerms, with due dates computed from the invoice date. */
  readonly terms?: InvoiceTermsInput;
  /** Header charges and allowances; by default the 850's. */
  readonly charges?: readonly InvoiceChargeInput[];
  /** Remit-to address (AddressTypeCode RI is set for you). */
  readonly remitTo?: Omit<Address, "AddressTypeCode">;
  readonly shipDate?: string;
  readonly billOfLadingNumber?: string;
  readonly carrierProNumber?: string;
}

// Built once: a schema made per call is also a shape plan built per call (the plans are cached by schema).
const chargesAllowancesListSchema = chargesAllowancesSchema.array();

function termsFrom(order: Order, options: InvoiceOptions): InvoiceTermsInput | undefined {
  if (options.terms) return options.terms;
  const first = order.Header.PaymentTerms?.[0];
  if (!first || first.TermsNetDueDays === undefined) return undefined;
  return {
    netDays: first.TermsNetDueDays,
    ...(first.TermsDiscountPercentage !== undefined ? { discountPercent: first.TermsDiscountPercentage } : {}),
    ...(first.TermsDiscountDueDays !== undefined ? { discountDays: first.TermsDiscountDueDays } : {}),
    ...(first.TermsDescription !== undefined ? { description: first.TermsDescription } : {}),
  };
}

/**
 * Builds the 810 for an 850: the invoice header echoing the PO (number, date, department, vendor), bill-to, ship-to
 * and remit-to parties, one line per invoiced 850 line (quantity x price = ExtendedItemTotal), payment terms with
 * their due dates, header charges/allowances, and a Summary whose totals add up:
 * TotalSalesAmount = sum of lines; TotalAmount = TotalSalesAmount + charges - allowances.
 * Pure; throws RsxBuildError on an unknown line or a non-positive quantity.
 */
export function buildInvoice(order: Order, options: InvoiceOptions): Invoice {
  const orderHeader = order.Header.OrderHeader;
  const inputs: readonly InvoiceLineInput[] =
    options.lines ?? (order.LineItem ?? []).map((_, index) => ({ line: index }));
  if (inputs.length === 0) throw new RsxBuildError("An invoice needs at least one line");

  let sales = 0;
  const lineItems = inputs.map((input): InvoiceLineItem => {
    const { index, item } = resolveLine(order, input.line);
    const line = item.OrderLine ?? {};
    const quantity = input.quantity ?? line.OrderQty;
    const price = input.unitPrice ?? line.PurchasePrice;
    if (quantity === undefined || !(quantity > 0)) {
      throw new RsxBuildError(`Line ${line.LineSequenceNumber ?? index}: the invoiced quantity must be greater than 0`);
    }
    if (price === undefined)
      throw new RsxBuildError(`Line ${line.LineSequenceNumber ?? index}: no unit price to invoice`);
    const extended = roundMoney(quantity * price);
    sales += extended;
    const description = echoedDescriptions(item);
    // Set one by one, in RSX order, rather than spread from conditional objects: this runs for every line.
    const invoiceLine: InvoiceLine = echoedLineIdentifiers(line);
    invoiceLine.InvoiceQty = quantity;
    if (line.OrderQtyUOM !== undefined) invoiceLine.InvoiceQtyUOM = line.OrderQtyUOM;
    if (line.OrderQty !== undefined) invoiceLine.OrderQty = line.OrderQty;
    if (line.OrderQtyUOM !== undefined) invoiceLine.OrderQtyUOM = line.OrderQtyUOM;
    invoiceLine.PurchasePrice = price;
    if (line.PurchasePriceBasis !== undefined) invoiceLine.PurchasePriceBasis = line.PurchasePriceBasis;
    invoiceLine.ShipQty = input.shippedQuantity ?? quantity;
    if (line.OrderQtyUOM !== undefined) invoiceLine.ShipQtyUOM = line.OrderQtyUOM;
    invoiceLine.ExtendedItemTotal = extended;
    const lineItem: InvoiceLineItem = { InvoiceLine: invoiceLine };
    if (description) lineItem.ProductOrItemDescription = description;
    return lineItem;
  });
  sales = roundMoney(sales);

  const charges: ChargesAllowances[] =
    options.charges !== undefined
      ? options.charges.map((c) => ({
          AllowChrgIndicator: c.indicator,
          AllowChrgCode: c.code,
          AllowChrgAmt: roundMoney(c.amount),
          ...(c.description !== undefined ? { AllowChrgHandlingDescription: c.description } : {}),
        }))
      : (echoInto(chargesAllowancesListSchema, order.Header.ChargesAllowances) ?? []);
  let chargeTotal = 0;
  let allowanceTotal = 0;
  for (const c of charges) {
    if (c.AllowChrgAmt === undefined) continue;
    if (c.AllowChrgIndicator === "C") chargeTotal += c.AllowChrgAmt;
    else if (c.AllowChrgIndicator === "A") allowanceTotal += c.AllowChrgAmt;
  }
  const total = roundMoney(sales + chargeTotal - allowanceTotal);

  const terms = termsFrom(order, options);
  const discount = terms?.discountPercent !== undefined ? roundMoney((sales * terms.discountPercent) / 100) : undefined;
  const paymentTerms: PaymentTerms | undefined = terms
    ? {
        TermsType: discount !== undefined ? "08" : "01",
        TermsBasisDateCode: "3",
        ...(terms.discountPercent !== undefined ? { TermsDiscountPercentage: terms.discountPercent } : {}),
        ...(terms.discountDays !== undefined
          ? {
              TermsDiscountDate: addDays(options.invoiceDate, terms.discountDays),
              TermsDiscountDueDays: terms.discountDays,
            }
          : {}),
        TermsNetDueDate: addDays(options.invoiceDate, terms.netDays),
        TermsNetDueDays: terms.netDays,
        ...(discount !== undefined ? { TermsDiscountAmount: discount } : {}),
        ...(terms.description !== undefined ? { TermsDescription: terms.description } : {}),
      }
    : undefined;

  const addresses: Address[] = [];
  for (const code of ["BT", "ST"] as const) {
    const address = order.Header.Address?.find((a) => a.AddressTypeCode === code);
    const echoed = address ? echoInto(addressSchema, address) : undefined;
    if (echoed) addresses.push(echoed);
  }
  if (options.remitTo) {
    const remit = echoInto(addressSchema, { ...options.remitTo, AddressTypeCode: "RI" });
    if (remit) addresses.push(remit);
  }

  // Set one by one, in RSX order, rather than spread from conditional objects.
  const invoiceHeader: Invoice["Header"]["InvoiceHeader"] = {
    TradingPartnerId: orderHeader.TradingPartnerId,
    InvoiceNumber: options.invoiceNumber,
    InvoiceDate: options.invoiceDate,
  };
  if (orderHeader.PurchaseOrderDate !== undefined) invoiceHeader.PurchaseOrderDate = orderHeader.PurchaseOrderDate;
  invoiceHeader.PurchaseOrderNumber = orderHeader.PurchaseOrderNumber;
  if (orderHeader.PrimaryPOTypeCode !== undefined) invoiceHeader.PrimaryPOTypeCode = orderHeader.PrimaryPOTypeCode;
  if (orderHeader.ReleaseNumber !== undefined) invoiceHeader.ReleaseNumber = orderHeader.ReleaseNumber;
  invoiceHeader.InvoiceTypeCode = "DR";
  invoiceHeader.TsetPurposeCode = "00";
  if (orderHeader.BuyersCurrency !== undefined) invoiceHeader.BuyersCurrency = orderHeader.BuyersCurrency;
  if (orderHeader.Department !== undefined) invoiceHeader.Department = orderHeader.Department;
  if (orderHeader.Vendor !== undefined) invoiceHeader.Vendor = orderHeader.Vendor;
  if (orderHeader.Division !== undefined) invoiceHeader.Division = orderHeader.Division;
  if (orderHeader.CustomerOrderNumber !== undefined) {
    invoiceHeader.CustomerOrderNumber = orderHeader.CustomerOrderNumber;
  }
  if (options.carrierProNumber !== undefined) invoiceHeader.CarrierProNumber = options.carrierProNumber;
  if (options.billOfLadingNumber !== undefined) invoiceHeader.BillOfLadingNumber = options.billOfLadingNumber;
  if (options.shipDate !== undefined) invoiceHeader.ShipDate = options.shipDate;
  const header: Invoice["Header"] = { InvoiceHeader: invoiceHeader };
  if (paymentTerms) header.PaymentTerms = [paymentTerms];
  if (addresses.length > 0) header.Address = addresses;
  if (charges.length > 0) header.ChargesAllowances = charges;

  // Property by property, in schema order (where SPS's schema puts TotalChargesAmount: last), so the document is
  // written as built, without a reordered copy.
  const summary: NonNullable<Invoice["Summary"]> = { TotalAmount: total, TotalSalesAmount: sales };
  if (discount !== undefined) summary.TotalTermsDiscountAmount = discount;
  if (allowanceTotal !== 0) summary.TotalAllowancesAmount = roundMoney(allowanceTotal);
  summary.TotalLineItemNumber = lineItems.length;
  if (discount !== undefined) summary.InvoiceAmtDueByTermsDate = roundMoney(total - discount);
  if (chargeTotal !== 0) summary.TotalChargesAmount = roundMoney(chargeTotal);

  return { Header: header, LineItem: lineItems, Summary: summary };
}
