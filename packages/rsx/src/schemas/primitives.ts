import { z } from "zod";

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** The number written by the ASCII digits of `value` from `start` to `end`. */
function digitsAt(value: string, start: number, end: number): number {
  let number = 0;
  for (let index = start; index < end; index++) number = number * 10 + value.charCodeAt(index) - 48;
  return number;
}

function isCalendarDate(value: string): boolean {
  // Tested, then read by position: a match's groups made four strings per date of every document.
  if (!DATE_PATTERN.test(value)) return false;
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 5, 7);
  const day = digitsAt(value, 8, 10);
  if (month < 1 || month > 12 || day < 1) return false;
  // Arithmetic rather than a Date per value: this runs for every date of every document.
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const daysInMonth =
    month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return day <= daysInMonth;
}

/** An RSX date: a real calendar date written YYYY-MM-DD (four-digit year; 2026-02-30 is rejected). */
export const rsxDate = z.string().refine(isCalendarDate, {
  message: "Expected a calendar date YYYY-MM-DD",
});

/**
 * An RSX time: HH:MM:SS, optionally with fractional seconds and a UTC offset (`Z`, `-05:00`, `+0100`),
 * because SPS's own files carry all of these forms.
 */
export const rsxTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)?$/, {
    message: "Expected a time HH:MM:SS, optionally with fractional seconds and an offset such as -05:00 or Z",
  });

/** SPS's identifier of the trading relationship: 1-15 characters. */
export const tradingPartnerId = z.string().min(1).max(15);

/** A free RSX string element (SPS's 7.7 schemas set no length on these). */
export const rsxString = z.string();

/** A decimal element: a JSON number (amounts, quantities, weights). */
export const rsxDecimal = z.number();

/** An integer element (counts, batch totals). */
export const rsxInteger = z.number().int();
