import { describe, expect, it } from 'vitest';
import {
  deliveryReceiptText,
  isDeliveryReceipt,
  parseDeliveryReceipt,
  receiptIdCandidates,
} from '../../../src-main/core/protocol/delivery-receipt.js';

const CLASSIC =
  'id:0123456789 sub:001 dlvrd:001 submit date:2611250831 done date:2611250832 stat:DELIVRD err:000 text:$$5TDsa8iwYClV7OOb';

describe('isDeliveryReceipt', () => {
  it('reads the message type bits 5-2 of esm_class', () => {
    expect(isDeliveryReceipt(0x04)).toBe(true);
    expect(isDeliveryReceipt(0x44)).toBe(true); // with UDHI
    expect(isDeliveryReceipt(0x84)).toBe(true); // with reply path
    expect(isDeliveryReceipt(0x00)).toBe(false);
    expect(isDeliveryReceipt(0x40)).toBe(false);
    expect(isDeliveryReceipt(0x08)).toBe(false); // SME delivery acknowledgement
    expect(isDeliveryReceipt(0x20)).toBe(false); // intermediate delivery notification
    expect(isDeliveryReceipt(0x24)).toBe(true); // docs/protocol.md: bit 2 set means receipt
  });
});

describe('parseDeliveryReceipt', () => {
  it('prefers the TLVs', () => {
    expect(parseDeliveryReceipt({ text: CLASSIC, receiptedMessageId: '1A2B', messageState: 5 })).toEqual({
      ok: true,
      smscMessageId: '1A2B',
      state: 'failed',
      stat: 'UNDELIV',
    });
  });

  it('maps every message_state', () => {
    const expected: [number, string, string][] = [
      [1, 'pending', 'ENROUTE'],
      [2, 'delivered', 'DELIVRD'],
      [3, 'failed', 'EXPIRED'],
      [4, 'failed', 'DELETED'],
      [5, 'failed', 'UNDELIV'],
      [6, 'pending', 'ACCEPTD'],
      [7, 'pending', 'UNKNOWN'],
      [8, 'failed', 'REJECTD'],
    ];
    for (const [messageState, state, stat] of expected) {
      expect(parseDeliveryReceipt({ text: null, receiptedMessageId: 'abc', messageState })).toEqual({
        ok: true,
        smscMessageId: 'abc',
        state,
        stat,
      });
    }
    expect(parseDeliveryReceipt({ text: null, receiptedMessageId: 'abc', messageState: 9 })).toEqual({
      ok: false,
      reason: 'unknown message_state 9',
    });
  });

  it('reads the classic receipt text', () => {
    expect(parseDeliveryReceipt({ text: CLASSIC })).toEqual({
      ok: true,
      smscMessageId: '0123456789',
      state: 'delivered',
      stat: 'DELIVRD',
    });
    for (const [stat, state] of [
      ['EXPIRED', 'failed'],
      ['UNDELIV', 'failed'],
      ['REJECTD', 'failed'],
      ['DELETED', 'failed'],
      ['ENROUTE', 'pending'],
      ['ACCEPTD', 'pending'],
      ['UNKNOWN', 'pending'],
    ]) {
      expect(parseDeliveryReceipt({ text: CLASSIC.replace('DELIVRD', stat as string) })).toMatchObject({
        ok: true,
        state,
        stat,
      });
    }
    expect(parseDeliveryReceipt({ text: 'Id:ff00 Stat:delivrd' })).toEqual({
      ok: true,
      smscMessageId: 'ff00',
      state: 'delivered',
      stat: 'DELIVRD',
    });
  });

  it('fills a missing TLV from the text', () => {
    expect(parseDeliveryReceipt({ text: CLASSIC, receiptedMessageId: '75bcd15' })).toMatchObject({
      smscMessageId: '75bcd15',
      state: 'delivered',
    });
    expect(parseDeliveryReceipt({ text: CLASSIC, messageState: 3 })).toMatchObject({
      smscMessageId: '0123456789',
      state: 'failed',
      stat: 'EXPIRED',
    });
  });

  it('explains what it could not read', () => {
    expect(parseDeliveryReceipt({ text: null })).toEqual({ ok: false, reason: 'no receipt tlvs and unreadable text' });
    expect(parseDeliveryReceipt({ text: 'hello' })).toEqual({ ok: false, reason: 'no receipt id or stat' });
    expect(parseDeliveryReceipt({ text: 'stat:DELIVRD' })).toEqual({ ok: false, reason: 'no receipt message id' });
    expect(parseDeliveryReceipt({ text: 'id:42 err:000' })).toEqual({ ok: false, reason: 'no receipt stat' });
    expect(parseDeliveryReceipt({ text: 'id:42 stat:WEIRD' })).toEqual({
      ok: false,
      reason: 'unknown receipt stat WEIRD',
    });
    // "submit date:" must not be read as the id.
    expect(parseDeliveryReceipt({ text: 'submit date:2611250831 stat:DELIVRD' })).toEqual({
      ok: false,
      reason: 'no receipt message id',
    });
  });
});

describe('receiptIdCandidates', () => {
  it('offers hex and decimal alternates of a decimal id', () => {
    // 123456789 = 0x75bcd15; read as hex, "123456789" is 4886718345.
    expect(receiptIdCandidates('123456789')).toEqual(['123456789', '75bcd15', '4886718345']);
  });

  it('offers the decimal alternate of a hex id, lower-case without leading zeros', () => {
    expect(receiptIdCandidates('075BCD15')).toEqual(['075BCD15', '75bcd15', '123456789']);
  });

  it('strips leading zeros of a zero-padded decimal id', () => {
    expect(receiptIdCandidates('0123456789')).toContain('123456789');
    expect(receiptIdCandidates('0123456789')).toContain('75bcd15');
  });

  it('leaves other ids alone', () => {
    expect(receiptIdCandidates('msg-42')).toEqual(['msg-42']);
    expect(receiptIdCandidates('f'.repeat(41))).toEqual(['f'.repeat(41)]);
  });

  it('matches a hex submit_sm_resp id to a decimal receipt id both ways', () => {
    const submitted = '75bcd15';
    const inReceipt = '123456789';
    expect(receiptIdCandidates(inReceipt)).toContain(submitted);
    expect(receiptIdCandidates(submitted)).toContain(inReceipt);
  });
});

describe('deliveryReceiptText', () => {
  it('writes the classic text with YYMMDDhhmm local dates, and parseDeliveryReceipt reads it back', () => {
    const text = deliveryReceiptText({
      id: 'demo00002a',
      stat: 'DELIVRD',
      submittedAt: new Date(2026, 10, 25, 8, 31, 59),
      doneAt: new Date(2026, 10, 25, 8, 32, 0),
    });
    expect(text).toBe(
      'id:demo00002a sub:001 dlvrd:001 submit date:2611250831 done date:2611250832 stat:DELIVRD err:000 text:',
    );
    expect(parseDeliveryReceipt({ text })).toEqual({
      ok: true,
      smscMessageId: 'demo00002a',
      state: 'delivered',
      stat: 'DELIVRD',
    });
  });

  it('counts nothing delivered for another stat', () => {
    const at = new Date(2026, 0, 2, 3, 4);
    const text = deliveryReceiptText({ id: '7', stat: 'UNDELIV', submittedAt: at, doneAt: at });
    expect(text).toBe('id:7 sub:001 dlvrd:000 submit date:2601020304 done date:2601020304 stat:UNDELIV err:000 text:');
    expect(parseDeliveryReceipt({ text })).toMatchObject({ ok: true, state: 'failed' });
  });
});
