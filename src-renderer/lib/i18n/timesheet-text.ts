/** The codes of the timesheet grid's cells; their words are in timesheet-en.ts and timesheet-fa.ts. */
import type { DayStatus } from '../../../src-main/contract/domain.js';

/** What a grid cell shows: a day's status, with lateness apart from a plain present. */
export type CellCode = DayStatus | 'late';
