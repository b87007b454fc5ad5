/**
 * GS1 check digits (GTIN-8/12/13/14, SSCC-18): weights 3,1,3,1... from the right of the payload,
 * check digit = (10 - sum mod 10) mod 10.
 */
export function gs1CheckDigit(payload: string): number {
  if (!/^\d+$/.test(payload)) throw new RangeError(`gs1CheckDigit needs digits only, got "${payload}"`);
  let sum = 0;
  for (let i = payload.length - 1, weight = 3; i >= 0; i--, weight = weight === 3 ? 1 : 3) {
    sum += (payload.charCodeAt(i) - 48) * weight;
  }
  return (10 - (sum % 10)) % 10;
}

/** Whether `code` is all digits and its last digit is the correct GS1 check digit. */
export function hasValidGs1CheckDigit(code: string): boolean {
  if (!/^\d{2,}$/.test(code)) return false;
  return gs1CheckDigit(code.slice(0, -1)) === Number(code[code.length - 1]);
}

/** A GTIN-8, -12 (UPC-A), -13 (EAN) or -14 with a correct check digit. */
export function isValidGtin(code: string): boolean {
  return /^(\d{8}|\d{12}|\d{13}|\d{14})$/.test(code) && hasValidGs1CheckDigit(code);
}

/** An SSCC-18 (18 digits with a correct check digit), optionally preceded by its application identifier "00". */
export function isValidSscc(code: string): boolean {
  if (/^00\d{18}$/.test(code)) return hasValidGs1CheckDigit(code.slice(2));
  return /^\d{18}$/.test(code) && hasValidGs1CheckDigit(code);
}

export interface Sscc18Options {
  /** The extension digit (0-9) chosen by the company, 0 by default. */
  readonly extensionDigit?: number;
}

/**
 * Builds an SSCC-18 from a GS1 company prefix (7-10 digits) and a serial reference:
 * extension digit + company prefix + serial (zero-padded to fill 16 digits) + check digit.
 *
 * `sscc18("0614141", 12345)` -> `"006141410000123454"`. For RSX's ShippingSerialID prefix it with "00"
 * (the application identifier): 20 digits.
 */
export function sscc18(companyPrefix: string, serial: number | string, options: Sscc18Options = {}): string {
  const extension = options.extensionDigit ?? 0;
  if (!Number.isInteger(extension) || extension < 0 || extension > 9) {
    throw new RangeError(`SSCC extension digit must be 0-9, got ${extension}`);
  }
  if (!/^\d{7,10}$/.test(companyPrefix)) {
    throw new RangeError(`A GS1 company prefix has 7 to 10 digits, got "${companyPrefix}"`);
  }
  const serialText = typeof serial === "number" ? String(serial) : serial;
  if (!/^\d+$/.test(serialText) || (typeof serial === "number" && !Number.isSafeInteger(serial))) {
    throw new RangeError(`The SSCC serial reference must be a non-negative integer, got "${serialText}"`);
  }
  const serialWidth = 16 - companyPrefix.length;
  if (serialText.length > serialWidth) {
    throw new RangeError(
      `Serial ${serialText} does not fit: with a ${companyPrefix.length}-digit company prefix the serial has at most ${serialWidth} digits`,
    );
  }
  const payload = `${extension}${companyPrefix}${serialText.padStart(serialWidth, "0")}`;
  return `${payload}${gs1CheckDigit(payload)}`;
}
