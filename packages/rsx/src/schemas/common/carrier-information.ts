import { z } from "zod";
import {
  CarrierTransMethodCode,
  EquipmentDescriptionCode,
  OwnershipCode,
  RoutingSequenceCode,
  SealStatusCode,
  ServiceLevelCode,
  StatusCode,
  TransitDirectionCode,
  TransitTimeQual,
  YesOrNoResponse,
} from "../../code-lists/index.js";
import { carrierInformationAddressSchema } from "./address.js";

export const serviceLevelCodesSchema = z.strictObject({
  ServiceLevelCode: ServiceLevelCode.schema.optional(),
});
export type { ServiceLevelCodes } from "../../generated/document-types.js";

export const sealNumbersSchema = z.strictObject({
  SealStatusCode: SealStatusCode.schema.optional(),
  SealNumber: z.string().optional(),
});
export type { SealNumbers } from "../../generated/document-types.js";

export const carrierInformationSchema = z.strictObject({
  StatusCode: StatusCode.schema.optional(),
  CarrierTransMethodCode: CarrierTransMethodCode.schema.optional(),
  CarrierAlphaCode: z.string().optional(),
  CarrierRouting: z.string().optional(),
  EquipmentDescriptionCode: EquipmentDescriptionCode.schema.optional(),
  CarrierEquipmentInitial: z.string().optional(),
  CarrierEquipmentNumber: z.string().optional(),
  EquipmentType: z.string().optional(),
  OwnershipCode: OwnershipCode.schema.optional(),
  RoutingSequenceCode: RoutingSequenceCode.schema.optional(),
  TransitDirectionCode: TransitDirectionCode.schema.optional(),
  TransitTimeQual: TransitTimeQual.schema.optional(),
  TransitTime: z.number().optional(),
  ServiceLevelCodes: z.array(serviceLevelCodesSchema).optional(),
  Address: z.array(carrierInformationAddressSchema).optional(),
  SealNumbers: z.array(sealNumbersSchema).optional(),
});
export type { CarrierInformation } from "../../generated/document-types.js";

export const carrierSpecialHandlingDetailSchema = z.strictObject({
  SpecialHandlingCode: z.string().optional(),
  HazardousMaterialCode: z.string().optional(),
  HazardousMaterialClass: z.string().optional(),
  Description: z.string().optional(),
  YesOrNoResponse: YesOrNoResponse.schema.optional(),
});
export type { CarrierSpecialHandlingDetail } from "../../generated/document-types.js";
