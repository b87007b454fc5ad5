import { defineRuleSet, hasValidGs1CheckDigit } from "@ml-connector/rsx";

/**
 * A big-box retailer's guide, in a few lines. The RSX schema requires almost nothing; a retailer's EDI guide says
 * what it really needs. "MegaMart" is made up, but every rule is the kind of thing such guides ask for.
 */
export const megamartRules = defineRuleSet({
  name: "megamart",
  documents: {
    Order: {
      required: [
        "Header.OrderHeader.Department", // every PO belongs to a merchandising department
        "Header.Address[AddressTypeCode=ST].AddressLocationNumber", // ship-to identified by GLN...
        "LineItem[*].OrderLine.BuyerPartNumber", // ...and each line by the retailer's item number
      ],
      allowed: {
        "Header.Address[AddressTypeCode=ST].LocationCodeQualifier": ["UL"], // UL = GLN
        "LineItem[*].OrderLine.OrderQtyUOM": ["EA", "CA"],
      },
      pattern: { "Header.Address[AddressTypeCode=ST].AddressLocationNumber": /^\d{13}$/ },
      maxLength: { "Header.OrderHeader.PurchaseOrderNumber": 10, "LineItem[*].OrderLine.BuyerPartNumber": 20 },
      custom: [
        (order, ctx) => {
          ctx.select("Header.Address[AddressTypeCode=ST].AddressLocationNumber").found.forEach(({ path, value }) => {
            if (typeof value === "string" && /^\d{13}$/.test(value) && !hasValidGs1CheckDigit(value)) {
              ctx.report(path, "megamart_gln", `Ship-to GLN ${value} has a wrong check digit.`);
            }
          });
          if ((order.LineItem?.length ?? 0) > 200)
            ctx.report("LineItem", "megamart_lines", "At most 200 lines per PO.");
        },
      ],
    },
    // The same set checks what we send back: 856s need a bill of lading and a carrier.
    Shipment: {
      required: ["Header.ShipmentHeader.BillOfLadingNumber", "Header.CarrierInformation[0].CarrierAlphaCode"],
    },
  },
});
