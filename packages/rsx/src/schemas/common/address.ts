import { z } from "zod";
import { AddressTypeCode, ContactQual, ContactTypeCode, LocationCodeQualifier } from "../../code-lists/index.js";
import { datesSchema } from "./dates.js";
import { referencesSchema } from "./references.js";

export const additionalContactDetailsSchema = z.strictObject({
  ContactQual: ContactQual.schema.optional(),
  ContactID: z.string().optional(),
});
export type { AdditionalContactDetails } from "../../generated/document-types.js";

export const contactsSchema = z.strictObject({
  ContactTypeCode: ContactTypeCode.schema.optional(),
  ContactName: z.string().optional(),
  PrimaryPhone: z.string().optional(),
  PrimaryFax: z.string().optional(),
  PrimaryEmail: z.string().optional(),
  AdditionalContactDetails: z.array(additionalContactDetailsSchema).optional(),
  ContactReference: z.string().optional(),
});
export type { Contacts } from "../../generated/document-types.js";

export const addressSchema = z.strictObject({
  AddressTypeCode: AddressTypeCode.schema.optional(),
  LocationCodeQualifier: LocationCodeQualifier.schema.optional(),
  AddressLocationNumber: z.string().optional(),
  AddressName: z.string().optional(),
  AddressAlternateName: z.string().optional(),
  AddressAlternateName2: z.string().optional(),
  Address1: z.string().optional(),
  Address2: z.string().optional(),
  Address3: z.string().optional(),
  Address4: z.string().optional(),
  City: z.string().optional(),
  State: z.string().optional(),
  PostalCode: z.string().optional(),
  Country: z.string().optional(),
  LocationID: z.string().optional(),
  CountrySubDivision: z.string().optional(),
  AddressTaxIdNumber: z.string().optional(),
  AddressTaxExemptNumber: z.string().optional(),
  References: z.array(referencesSchema).optional(),
  Contacts: z.array(contactsSchema).optional(),
  Dates: z.array(datesSchema).optional(),
});
export type { Address } from "../../generated/document-types.js";

/** The Address inside CarrierInformation (every document): Address without References, Contacts. */
export const carrierInformationAddressSchema = addressSchema.omit({ References: true, Contacts: true });
export type { CarrierInformationAddress } from "../../generated/document-types.js";
