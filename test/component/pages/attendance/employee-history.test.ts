// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import type { EventQuery } from '../../../../src-main/contract/app-api.js';
import type { EventRecord } from '../../../../src-main/core/model.js';
import EmployeeHistory from '../../../../src-renderer/pages/attendance/EmployeeHistory.svelte';
import { AttendancePage } from '../../../../src-renderer/pages/attendance/attendance-page.svelte.js';
import { en } from '../../../../src-renderer/lib/i18n/en.js';
import { i18n } from '../../../../src-renderer/lib/i18n/i18n.svelte.js';
import { createFakeApi } from '../../support/fake-api.js';
import { apiContext } from '../../../../src-renderer/lib/api/api-context.js';

/** `count` events of one phone, newest first, answered by offset as the store does. */
function events(phone: string, count: number) {
  const rows: EventRecord[] = Array.from({ length: count }, (_, i) => ({
    id: count - i,
    phone,
    employeeId: 1,
    employeeName: 'Sara Ahmadi',
    status: i % 2 === 0 ? 'exit' : 'arrival',
    reportedTime: ' 08:31',
    occurredAt: Date.UTC(2025, 10, 25, 5, 1) - i * 3_600_000,
    receivedAt: Date.UTC(2025, 10, 25, 5, 1) - i * 3_600_000,
    countedAt: Date.UTC(2025, 10, 25, 5, 1) - i * 3_600_000,
    flags: [],
    correction: null,
    messageId: count - i,
  }));
  return rows;
}

describe('EmployeeHistory', () => {
  beforeEach(() => {
    i18n.language = 'en';
  });

  it("reads a person's history a page at a time, and shows only the person picked", async () => {
    const queries: EventQuery[] = [];
    const byPhone: Record<string, EventRecord[]> = {
      '989100000001': events('989100000001', 130),
      '989100000002': events('989100000002', 2),
    };
    const api = createFakeApi({
      listAudit: async () => ({ rows: [], total: 0 }),
      listEvents: async (q) => {
        queries.push(q);
        const all = byPhone[q.phone ?? ''] ?? [];
        return { rows: all.slice(q.offset, q.offset + q.limit), total: all.length };
      },
    });
    const page = new AttendancePage(api);
    const { rerender } = render(EmployeeHistory, {
      props: { person: page.person, history: page.history, onclose: () => page.closeHistory() },
      context: apiContext(api),
    });
    expect(screen.getByText(en.attendance.historyPick)).toBeTruthy();

    page.pick({ name: 'Sara Ahmadi', phone: '989100000001' });
    await rerender({ person: page.person });
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(100));
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe(en.attendance.historyOf('Sara Ahmadi'));
    await fireEvent.click(screen.getByRole('button', { name: en.common.loadMore }));
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(130));
    expect(screen.queryByRole('button', { name: en.common.loadMore })).toBeNull();
    expect(queries.map((q) => [q.phone, q.offset])).toEqual([
      ['989100000001', 0],
      ['989100000001', 100],
    ]);

    page.pick({ name: null, phone: '989100000002' });
    await rerender({ person: page.person });
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(2));
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe(en.attendance.historyOf('0910 000 0002'));

    await fireEvent.click(screen.getByRole('button', { name: en.common.close }));
    await rerender({ person: page.person });
    expect(screen.getByText(en.attendance.historyPick)).toBeTruthy();
    expect(page.history.rows).toEqual([]);
  });

  it('says when someone has no arrivals or exits', async () => {
    const api = createFakeApi({
      listEvents: async () => ({ rows: [], total: 0 }),
      listAudit: async () => ({ rows: [], total: 0 }),
    });
    const page = new AttendancePage(api);
    page.pick({ name: 'New Person', phone: '989100000003' });
    render(EmployeeHistory, {
      props: { person: page.person, history: page.history, onclose: () => {} },
      context: apiContext(api),
    });
    await waitFor(() => expect(screen.getByText(en.attendance.historyEmpty)).toBeTruthy());
  });
});
