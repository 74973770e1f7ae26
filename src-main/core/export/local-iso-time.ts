/**
 * ISO 8601 times with the local UTC offset (`2026-11-25T08:31:00+03:30`), to the second: what a
 * spreadsheet and a payroll import read unambiguously.
 *
 * Hand-written because neither `Date#toISOString` (UTC only) nor `Intl` (no ISO pattern) gives this
 * form, and no date library is a dependency. An export formats two times per row, so the offset of
 * the zone (named, with Intl, or the process's own) is computed once per 15-minute slot of UTC and
 * cached: every modern zone's
 * offset is a multiple of 15 minutes and changes at a local whole or half hour, which falls on that
 * grid, so all instants of a slot share one offset.
 */
const SLOT_MS = 15 * 60_000;
const DAY_MS = 86_400_000;
const MAX_CACHED_SLOTS = 100_000;

export type IsoFormatter = (ms: number) => string;

/** '00' ... '59'. */
const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'));

/**
 * A formatter for `timeZone` (an IANA name), or the process's local zone when omitted.
 *
 * An export formats two times per row, millions of times: the offset comes from the 15-minute
 * slot cache, the `YYYY-MM-DDT` prefix is kept for the last local day seen (rows come in time
 * order), and the clock and offset are put together from precomputed strings, with no Date
 * object per call.
 */
export function localIsoFormatter(timeZone?: string): IsoFormatter {
  const offsetOf = slotCached(offsetFunction(timeZone));
  const offsetTexts = new Map<number, string>();
  let prefixDay = NaN;
  let prefix = '';
  return (ms) => {
    const seconds = Math.floor(ms / 1000) * 1000;
    const offset = offsetOf(seconds);
    const local = seconds + offset * 60_000;
    const day = Math.floor(local / DAY_MS);
    if (day !== prefixDay) {
      const d = new Date(day * DAY_MS);
      prefix = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T`;
      prefixDay = day;
    }
    let offsetText = offsetTexts.get(offset);
    if (offsetText === undefined) {
      offsetText = offsetTextOf(offset);
      offsetTexts.set(offset, offsetText);
    }
    const secondOfDay = (local - day * DAY_MS) / 1000;
    const hours = Math.floor(secondOfDay / 3600);
    const minutes = Math.floor(secondOfDay / 60) % 60;
    return `${prefix}${TWO_DIGITS[hours]}:${TWO_DIGITS[minutes]}:${TWO_DIGITS[secondOfDay % 60]}${offsetText}`;
  };
}

/** One span of time with one UTC offset: `from <= ms < to` (both on the 15-minute grid). */
export interface OffsetSpan {
  from: number;
  to: number;
  /** Minutes east of UTC. */
  minutes: number;
  /** As the formatter writes it: `+03:30`. */
  text: string;
}

/** Six hours, in slots: the step at which offsetSpans looks for a change of offset. */
const SCAN_SLOTS = (6 * 3_600_000) / SLOT_MS;

/**
 * The offsets `localIsoFormatter(timeZone)` uses for the instants from `fromMs` to `toMs`, as
 * spans of one offset each (in time order, covering the range, the ends on the 15-minute grid),
 * so that something else (the export's SQL) can format those instants exactly as it does.
 *
 * The offset is looked up every six hours and, where it changed, the first slot with the new one
 * is found by bisection: a zone that changed its offset and back within six hours would be missed
 * (no zone's rules do that).
 */
export function offsetSpans(timeZone: string | undefined, fromMs: number, toMs: number): OffsetSpan[] {
  const offsetAt = offsetFunction(timeZone);
  const spans: OffsetSpan[] = [];
  const end = Math.ceil(toMs / SLOT_MS);
  let slot = Math.floor(fromMs / SLOT_MS);
  let spanStart = slot;
  let minutes = offsetAt(slot * SLOT_MS);
  const close = (until: number): void => {
    spans.push({ from: spanStart * SLOT_MS, to: until * SLOT_MS, minutes, text: offsetTextOf(minutes) });
  };
  while (slot < end) {
    const next = Math.min(slot + SCAN_SLOTS, end);
    if (offsetAt(next * SLOT_MS) === minutes) {
      slot = next;
      continue;
    }
    // The first slot after `slot` with another offset: the same offset at `lo`, another at `hi`.
    let lo = slot;
    let hi = next;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (offsetAt(mid * SLOT_MS) === minutes) lo = mid;
      else hi = mid;
    }
    if (hi >= end) break;
    close(hi);
    spanStart = hi;
    slot = hi;
    minutes = offsetAt(hi * SLOT_MS);
  }
  if (end > spanStart) close(end);
  return spans;
}

/** Offset in minutes east of UTC at an instant, in `timeZone` or the process's zone (not cached). */
function offsetFunction(timeZone: string | undefined): (ms: number) => number {
  return timeZone === undefined ? localZoneOffset() : zoneOffset(timeZone);
}

function offsetTextOf(minutes: number): string {
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Offset in minutes east of UTC of the process's zone. */
function localZoneOffset(): (ms: number) => number {
  // Rounded: a historical local mean time (Tehran before 1946: +03:25:44) has seconds in its offset.
  return (at) => Math.round(-new Date(at).getTimezoneOffset());
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
  return (at) => {
    const parts: Record<string, number> = {};
    for (const p of format.formatToParts(at)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
    const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
    return Math.round((asUtc - at) / 60_000);
  };
}

/** `offsetAt(slotStart)` for the 15-minute slot of `ms`, remembered (bounded) per slot. */
function slotCached(offsetAt: (slotStart: number) => number): (ms: number) => number {
  const cache = new Map<number, number>();
  return (ms) => {
    const slot = Math.floor(ms / SLOT_MS);
    let offset = cache.get(slot);
    if (offset === undefined) {
      offset = offsetAt(slot * SLOT_MS);
      if (cache.size >= MAX_CACHED_SLOTS) cache.clear();
      cache.set(slot, offset);
    }
    return offset;
  };
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}
