/** The shape of an ISO date, YYYY-MM-DD (whether the day exists is {@link isRealDate}). */
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** An ISO date, or a date and time (T or a space, optional seconds, fraction and offset); group 1 is the date. */
export const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ]([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)?)?$/;

/** True for an ISO YYYY-MM-DD string naming a day that exists (2025-02-30 does not). */
export function isRealDate(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

/** The parts of an ISO date, without any time-zone arithmetic. */
export function dateParts(iso: string): { year: number; month: number; day: number } {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

/** Midnight UTC of an ISO date. */
export const utcDate = (iso: string): Date => {
  const { year, month, day } = dateParts(iso);
  return new Date(Date.UTC(year, month - 1, day));
};
