/**
 * ISO 8601 times with the local UTC offset (`2026-11-25T08:31:00+03:30`), to the second: what a
 * spreadsheet and a payroll import read unambiguously.
 *
 * Hand-written because neither `Date#toISOString` (UTC only) nor `Intl` (no ISO pattern) gives this
 * form, and no date library is a dependency. An export formats two times per row, so the offset of
 * a named zone is computed with Intl once per 15-minute slot of UTC and cached: every modern zone's
 * offset is a multiple of 15 minutes and changes at a local whole or half hour, which falls on that
 * grid, so all instants of a slot share one offset.
 */
const SLOT_MS = 15 * 60_000;
const MAX_CACHED_SLOTS = 100_000;

export type IsoFormatter = (ms: number) => string;

/** A formatter for `timeZone` (an IANA name), or the process's local zone when omitted. */
export function localIsoFormatter(timeZone?: string): IsoFormatter {
  const offsetOf = timeZone === undefined ? (ms: number) => -new Date(ms).getTimezoneOffset() : zoneOffset(timeZone);
  return (ms) => {
    const seconds = Math.floor(ms / 1000) * 1000;
    const offset = offsetOf(seconds);
    const local = new Date(seconds + offset * 60_000);
    const sign = offset < 0 ? '-' : '+';
    const abs = Math.abs(offset);
    return (
      `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
      `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
      `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
    );
  };
}

/** Offset in minutes east of UTC of a named zone. Throws a RangeError for an unknown zone. */
function zoneOffset(timeZone: string): (ms: number) => number {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const cache = new Map<number, number>();
  return (ms) => {
    const slot = Math.floor(ms / SLOT_MS);
    let offset = cache.get(slot);
    if (offset === undefined) {
      const at = slot * SLOT_MS;
      const parts: Record<string, number> = {};
      for (const p of format.formatToParts(at)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
      const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
      offset = Math.round((asUtc - at) / 60_000);
      if (cache.size >= MAX_CACHED_SLOTS) cache.clear();
      cache.set(slot, offset);
    }
    return offset;
  };
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}
