import { z } from "zod";
import {
  PaymentMethodCode,
  TermsBasisDateCode,
  TermsDueDateQual,
  TermsTimeRelationCode,
  TermsType,
} from "../../code-lists/index.js";
import { rsxDate } from "../primitives.js";

export const paymentTermsSchema = z.strictObject({
  TermsType: TermsType.schema.optional(),
  TermsBasisDateCode: TermsBasisDateCode.schema.optional(),
  TermsTimeRelationCode: TermsTimeRelationCode.schema.optional(),
  TermsDiscountPercentage: z.number().optional(),
  TermsDiscountDate: rsxDate.optional(),
  TermsDiscountDueDays: z.number().int().optional(),
  TermsNetDueDate: rsxDate.optional(),
  TermsNetDueDays: z.number().int().optional(),
  TermsDiscountAmount: z.number().optional(),
  TermsDeferredDueDate: rsxDate.optional(),
  TermsDeferredAmountDue: z.number().optional(),
  PercentOfInvoicePayable: z.number().optional(),
  TermsDescription: z.string().optional(),
  TermsDueDay: z.number().int().optional(),
  PaymentMethodCode: PaymentMethodCode.schema.optional(),
  PaymentMethodID: z.string().optional(),
  LatePaymentChargePercent: z.number().optional(),
  TermsStartDate: rsxDate.optional(),
  TermsDueDateQual: TermsDueDateQual.schema.optional(),
  AmountSubjectToDiscount: z.number().optional(),
  DiscountAmountDue: z.number().optional(),
});
export type { PaymentTerms } from "../../generated/document-types.js";
