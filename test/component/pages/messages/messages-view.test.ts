// @vitest-environment jsdom
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { render, screen, waitFor, fireEvent } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import MessagesView from '../../../../src-renderer/pages/messages/MessagesView.svelte';
import { apiContext } from '../../../../src-renderer/lib/api/api-context.js';
import { i18n } from '../../../../src-renderer/lib/i18n/i18n.svelte.js';
import { MessageLog } from '../../../../src-renderer/lib/state/message-log.svelte.js';
import { createFakeApi } from '../../support/fake-api.js';
import { messageDatabase, messageRecord } from '../../support/records.js';

describe('MessagesView', () => {
  // jsdom does no layout: give every element the size of a 800x600 list viewport.
  const original = {
    height: Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'offsetHeight'),
    width: Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'offsetWidth'),
  };
  beforeAll(() => {
    Object.defineProperty(HTMLElement.prototype, 'offsetHeight', { configurable: true, get: () => 600 });
    Object.defineProperty(HTMLElement.prototype, 'offsetWidth', { configurable: true, get: () => 800 });
  });
  afterAll(() => {
    if (original.height) Object.defineProperty(HTMLElement.prototype, 'offsetHeight', original.height);
    if (original.width) Object.defineProperty(HTMLElement.prototype, 'offsetWidth', original.width);
  });

  it('renders only the visible slice of a long log and opens the details with raw bytes', async () => {
    i18n.language = 'en';
    const db = messageDatabase(5000);
    const api = createFakeApi({
      listMessages: db.listMessages,
      getMessage: async (id) => ({
        ...messageRecord(id),
        rawHex: '0202724875',
        envelope: 'rHuh',
        ackText: null,
        ackError: null,
        smscMessageId: null,
      }),
    });
    const log = new MessageLog();
    log.start(api);
    render(MessagesView, { props: { log }, context: apiContext(api) });
    await waitFor(() => expect(screen.getAllByRole('listitem').length).toBeGreaterThan(5));
    const shown = screen.getAllByRole('listitem').length;
    expect(shown).toBeLessThan(60);
    expect(screen.getByText('200 of 5,000 shown')).toBeTruthy();

    await fireEvent.click(screen.getAllByRole('button', { pressed: false })[0]!);
    await waitFor(() => expect(screen.getByTestId('raw-hex').textContent).toBe('02 02 72 48 75'));
    expect(api.getMessage).toHaveBeenCalledWith(5000);

    api.push('messages', [messageRecord(5001, { plaintext: 'Exit 17:05' })]);
    flushSync();
    await waitFor(() => expect(screen.getByText('Exit 17:05')).toBeTruthy());
  });

  it('says what to do when there are no messages', async () => {
    i18n.language = 'en';
    const api = createFakeApi({ listMessages: async () => ({ rows: [], total: 0 }) });
    const log = new MessageLog();
    log.start(api);
    render(MessagesView, { props: { log }, context: apiContext(api) });
    await waitFor(() =>
      expect(screen.getByText('No messages yet. Connect to the gateway on the Connection view.')).toBeTruthy(),
    );
  });

  it('shows a failed page with a retry, and does not ask again by itself', async () => {
    i18n.language = 'en';
    const db = messageDatabase(300);
    let failing = true;
    // Failing a macrotask later, so that a retry loop would show as many calls rather than hang the test.
    const locked = () =>
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('listMessages: the database is locked')), 0));
    const api = createFakeApi({
      listMessages: (q) => (failing && q.beforeId !== undefined ? locked() : db.listMessages(q)),
    });
    const log = new MessageLog({ pageSize: 10 });
    log.start(api);
    render(MessagesView, { props: { log }, context: apiContext(api) });
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toContain('listMessages: the database is locked'),
    );
    await new Promise((r) => setTimeout(r, 50));
    // The first page, then one older page that failed: no retry loop behind the user's back.
    expect(db.queries).toHaveLength(1);
    expect(api.listMessages).toHaveBeenCalledTimes(2);
    failing = false;
    await fireEvent.click(screen.getByRole('button', { name: i18n.t.common.retry }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(log.rows[0]?.id).toBe(300);
  });
});
