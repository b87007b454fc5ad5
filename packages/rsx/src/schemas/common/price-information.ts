import { z } from "zod";
import {
  ChangeReasonCode,
  ClassOfTradeCode,
  PriceMultiplierQual,
  PriceTypeIDCode,
  QuantityUOM,
  UnitPriceBasis,
} from "../../code-lists/index.js";
import { rsxDate } from "../primitives.js";

export const priceInformationSchema = z.strictObject({
  ChangeReasonCode: ChangeReasonCode.schema.optional(),
  EffectiveDate: rsxDate.optional(),
  PriceTypeIDCode: PriceTypeIDCode.schema.optional(),
  UnitPrice: z.number().optional(),
  UnitPriceBasis: UnitPriceBasis.schema.optional(),
  UnitPriceBasisMultiplier: z.number().optional(),
  Currency: z.string().optional(),
  PriceMultiplierQual: PriceMultiplierQual.schema.optional(),
  PriceMultiplier: z.number().optional(),
  RebateAmount: z.number().optional(),
  Quantity: z.number().optional(),
  QuantityUOM: QuantityUOM.schema.optional(),
  MultiplePriceQuantity: z.number().optional(),
  ClassOfTradeCode: ClassOfTradeCode.schema.optional(),
  ConditionValue: z.string().optional(),
  Description: z.string().optional(),
});
export type { PriceInformation } from "../../generated/document-types.js";
