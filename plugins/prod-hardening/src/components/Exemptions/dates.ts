/** YYYY-MM-DD of the UTC day `days` after `from`. */
export function addDays(from: Date, days: number): string {
  return new Date(from.getTime() + days * 24 * 60 * 60_000)
    .toISOString()
    .slice(0, 10);
}

/**
 * The instant an exemption chosen "until <day>" ends: the end of that UTC day, so
 * "until Friday" still covers Friday.
 */
export function expiryOfDay(day: string): string {
  return `${day}T23:59:59.000Z`;
}
