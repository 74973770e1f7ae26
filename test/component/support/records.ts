/** Records for the component tests, complete as the main process returns them: messages (and a database of them), settings. */
import type { MessageQuery, SettingsView } from '../../../src-main/contract/app-api.js';
import type { MessageRecord } from '../../../src-main/core/model.js';

export function messageRecord(id: number, overrides: Partial<MessageRecord> = {}): MessageRecord {
  return {
    id,
    // 2025-11-25 08:31:00 in Tehran (UTC+03:30), the tests' time zone.
    receivedAt: Date.UTC(2025, 10, 25, 5, 1, 0) + id * 1000,
    source: '989102211824',
    destination: '9102211824',
    dataCoding: 0,
    plaintext: 'Arrival 08:31',
    outcome: 'recorded',
    reason: null,
    employeeName: 'Sara Ahmadi',
    eventId: id,
    flags: [],
    ackId: id,
    ackState: 'queued',
    ...overrides,
  };
}

/** A database of `count` messages (ids 1..count) answering listMessages as the store does: newest first, keyset by id. */
export function messageDatabase(count: number, outcomeOf: (id: number) => MessageRecord['outcome'] = () => 'recorded') {
  const rows = Array.from({ length: count }, (_, i) => messageRecord(i + 1, { outcome: outcomeOf(i + 1) }));
  const queries: MessageQuery[] = [];
  const listMessages = async (q: MessageQuery) => {
    queries.push(q);
    const matching = rows
      .filter((r) => (!q.outcome || r.outcome === q.outcome) && (q.beforeId === undefined || r.id < q.beforeId))
      .sort((a, b) => b.id - a.id);
    return {
      rows: matching.slice(0, q.limit),
      total: rows.filter((r) => !q.outcome || r.outcome === q.outcome).length,
    };
  };
  return { rows, queries, listMessages };
}

/** A key of the right length for the settings forms. */
export const KEY = 'k'.repeat(32);

/** Settings as the main process returns them. */
export const settingsView = (overrides: Partial<SettingsView> = {}): SettingsView => ({
  host: '192.168.1.20',
  port: 2775,
  systemId: 'office',
  ignoreNumbers: ['11111'],
  repeatWindowMinutes: 10,
  ackRatePerMinute: 0,
  language: 'en',
  defaultCountry: 'IR',
  lateToleranceMinutes: 10,
  futureToleranceMinutes: 2,
  backupDir: '',
  backupTime: '13:00',
  workingHours: { days: [6, 0, 1, 2, 3], from: '07:00', to: '19:00' },
  startAtLogin: null,
  hasPassword: true,
  hasKey: true,
  keyIsPublicDefault: false,
  secretStorage: 'keychain',
  ackUnknownSenders: true,
  publicKeyAcknowledged: false,
  ...overrides,
});
