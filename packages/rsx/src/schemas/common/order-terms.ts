import { z } from "zod";
import {
  ActionCode,
  AgencyQualifierCode,
  CreditDebitFlag,
  LeadTimeCode,
  LeadTimePeriodInterval,
  MonetaryAmountCode,
  POTypeCode,
  QuantityQualifier,
} from "../../code-lists/index.js";
import { rsxDate } from "../primitives.js";
import { notesSchema } from "./notes.js";
import { productIDSchema } from "./product.js";
import { referencesSchema } from "./references.js";

export const additionalPOTypeCodesSchema = z.strictObject({
  POTypeCode: POTypeCode.schema.optional(),
  POTypeDescription: z.string().optional(),
});
export type { AdditionalPOTypeCodes } from "../../generated/document-types.js";

export const restrictionsOrConditionsSchema = z.strictObject({
  RestrictionsConditionsQualifier: z.string().optional(),
  Description: z.string().optional(),
  QuantityQualifier: QuantityQualifier.schema.optional(),
  Quantity1: z.number().optional(),
  AmountQualifier: z.string().optional(),
  Amount: z.number().optional(),
});
export type { RestrictionsOrConditions } from "../../generated/document-types.js";

export const leadTimeSchema = z.strictObject({
  LeadTimeCode: LeadTimeCode.schema.optional(),
  LeadTimeQuantity: z.number().optional(),
  LeadTimePeriodInterval: LeadTimePeriodInterval.schema.optional(),
  LeadTimeDate: rsxDate.optional(),
  References: z.array(referencesSchema).optional(),
  Notes: z.array(notesSchema).optional(),
});
export type { LeadTime } from "../../generated/document-types.js";

export const monetaryAmountsSchema = z.strictObject({
  MonetaryAmountCode: MonetaryAmountCode.schema.optional(),
  MonetaryAmount: z.number().optional(),
  CreditDebitFlag: CreditDebitFlag.schema.optional(),
});
export type { MonetaryAmounts } from "../../generated/document-types.js";

export const conditionOfSaleSchema = z.strictObject({
  LineSequenceNumber: z.string().optional(),
  SalesRequirementCode: z.string().optional(),
  ActionCode: ActionCode.schema.optional(),
  Amount: z.number().optional(),
  AccountNumber: z.string().optional(),
  Date: rsxDate.optional(),
  AgencyQualifierCode: AgencyQualifierCode.schema.optional(),
  SubstitutionCode: z.string().optional(),
  ApplicationId: z.string().optional(),
  BuyerPartNumber: z.string().optional(),
  VendorPartNumber: z.string().optional(),
  ConsumerPackageCode: z.string().optional(),
  EAN: z.string().optional(),
  GTIN: z.string().optional(),
  UPCCaseCode: z.string().optional(),
  NatlDrugCode: z.string().optional(),
  InternationalStandardBookNumber: z.string().optional(),
  ProductID: z.array(productIDSchema).optional(),
});
export type { ConditionOfSale } from "../../generated/document-types.js";
