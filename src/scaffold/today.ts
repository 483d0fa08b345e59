/** Today's date on this computer's clock, YYYY-MM-DD (the secretary's own day, not UTC's). */
export function today(now: Date = new Date()): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}
