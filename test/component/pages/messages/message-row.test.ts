// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import MessageRow from '../../../../src-renderer/pages/messages/MessageRow.svelte';
import { i18n } from '../../../../src-renderer/lib/i18n/i18n.svelte.js';
import { hexLines } from '../../../../src-renderer/lib/messages/row-texts.js';
import { messageRecord } from '../../support/records.js';

const cells = (container: HTMLElement): string[] =>
  [...container.querySelectorAll('button.row > span')].map((s) => s.textContent?.replace(/\s+/g, ' ').trim() ?? '');

describe('MessageRow', () => {
  beforeEach(() => {
    i18n.language = 'en';
  });

  it('shows time, number, employee, decrypted text, outcome and ack state', () => {
    const { container } = render(MessageRow, {
      row: messageRecord(1, { receivedAt: Date.UTC(2025, 10, 25, 5, 1, 0), ackState: 'delivered' }),
    });
    expect(cells(container)).toEqual([
      '08:31',
      '0910 221 1824',
      'Sara Ahmadi',
      'Arrival 08:31',
      'Recorded',
      'Delivered',
    ]);
  });

  it('says what is missing and why a message was rejected', () => {
    const row = messageRecord(2, {
      plaintext: null,
      employeeName: null,
      outcome: 'rejected',
      reason: { code: 'wrong-key' },
      ackState: null,
      ackId: null,
    });
    const { container } = render(MessageRow, { row });
    expect(cells(container)).toEqual([
      '08:31',
      '0910 221 1824',
      'Unknown number',
      '(not decrypted)',
      'Rejected Wrong key or bad padding',
      'No ack',
    ]);
    expect(container.querySelector('[data-outcome]')?.getAttribute('data-outcome')).toBe('rejected');
  });

  it('reads in Persian with Persian digits; the number in the national format, in ASCII digits', () => {
    i18n.language = 'fa';
    const { container } = render(MessageRow, { row: messageRecord(3, { outcome: 'repeat', ackState: 'failed' }) });
    const [time, phone, , , outcome, ack] = cells(container);
    expect(time).toBe('۰۸:۳۱');
    expect(phone).toBe('0910 221 1824'); // in the national format, ASCII digits as on the phone's screen
    expect(outcome).toBe('تکراری');
    expect(ack).toBe('ناموفق');
  });

  it('selects the row when pressed', async () => {
    const onselect = vi.fn();
    render(MessageRow, { row: messageRecord(42), onselect });
    await fireEvent.click(screen.getByRole('button'));
    expect(onselect).toHaveBeenCalledWith(42);
  });
});

describe('hexLines', () => {
  it('groups raw bytes in lines of eight pairs', () => {
    expect(hexLines('0202724875686853ABCD')).toEqual(['02 02 72 48 75 68 68 53', 'ab cd']);
    expect(hexLines('')).toEqual([]);
  });
});
