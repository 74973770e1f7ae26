// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import ConnectionBadge from '../../../src-renderer/components/ConnectionBadge.svelte';
import { i18n } from '../../../src-renderer/lib/i18n/i18n.svelte.js';
import { secondsLeft } from '../../../src-renderer/lib/connection/connection-summary.js';

const T0 = Date.UTC(2025, 10, 25, 5, 0, 0);

describe('ConnectionBadge', () => {
  beforeEach(() => {
    i18n.language = 'en';
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('names each state in words', () => {
    const { rerender, container } = render(ConnectionBadge, {
      state: { kind: 'disconnected' },
      receivedAt: T0,
      detailed: true,
    });
    expect(container.textContent).toContain('Disconnected');
    expect(container.textContent).toContain('press Connect');

    rerender({ state: { kind: 'connecting', attempt: 1 }, receivedAt: T0, detailed: true });
    expect(container.textContent).toContain('Connecting…');
    expect(container.textContent).not.toContain('attempt');
    rerender({ state: { kind: 'connecting', attempt: 3 }, receivedAt: T0, detailed: true });
    expect(container.textContent).toContain('Connecting… (attempt 3)');

    rerender({ state: { kind: 'bound', since: T0 }, receivedAt: T0, detailed: true });
    expect(container.querySelector('[data-state]')?.getAttribute('data-state')).toBe('bound');
    expect(container.textContent).toContain('Connected (bound)');
    expect(container.textContent).toContain('since 08:30'); // 05:00 UTC is 08:30 in Tehran
  });

  it('explains a refused bind with the SMPP status and a plain-words hint', () => {
    const { container, rerender } = render(ConnectionBadge, {
      state: { kind: 'refused', status: 'ESME_RINVPASWD', code: 0x0e },
      receivedAt: T0,
      detailed: true,
    });
    expect(container.textContent).toContain('Refused: ESME_RINVPASWD');
    expect(container.textContent).toContain('The gateway rejected the password');

    rerender({ state: { kind: 'refused', status: 'ESME_RX_R_APPN', code: 0x65 }, receivedAt: T0, detailed: true });
    expect(container.textContent).toContain('Refused: ESME_RX_R_APPN');
    expect(container.textContent).toContain('status 0x00000065');
  });

  it('counts down a retry live, with the reason', () => {
    vi.useFakeTimers({ now: T0 });
    const { container } = render(ConnectionBadge, {
      state: { kind: 'retrying', attempt: 2, inMs: 5000, reason: { code: 'connection-refused' }, at: T0 },
      receivedAt: T0,
      detailed: true,
    });
    expect(container.textContent).toContain('Retrying in 5 s');
    expect(container.textContent).toContain('The link dropped: Connection refused (attempt 2).');
    vi.advanceTimersByTime(2100);
    flushSync();
    expect(container.textContent).toContain('Retrying in 3 s');
    vi.advanceTimersByTime(3000);
    flushSync();
    expect(container.textContent).toContain('Retrying now…');
  });

  it('speaks Persian with Persian digits', () => {
    vi.useFakeTimers({ now: T0 });
    i18n.language = 'fa';
    const { container } = render(ConnectionBadge, {
      state: {
        kind: 'retrying',
        attempt: 2,
        inMs: 12_000,
        reason: { code: 'connect-timeout', params: { seconds: 10 } },
        at: T0,
      },
      receivedAt: T0,
      detailed: true,
    });
    expect(container.textContent).toContain('تلاش دوباره تا ۱۲ ثانیهٔ دیگر');
    expect(container.textContent).toContain('اتصال در ۱۰ ثانیه برقرار نشد');
    expect(container.textContent).not.toMatch(/[0-9]/);
  });

  it('is the status bar live region only when asked', () => {
    render(ConnectionBadge, { state: { kind: 'disconnected' }, receivedAt: T0, live: true });
    expect(screen.getByRole('status', { name: 'Connection state' }).textContent).toContain('Disconnected');
  });
});

describe('secondsLeft', () => {
  const retrying = {
    kind: 'retrying',
    attempt: 1,
    inMs: 10_000,
    reason: { code: 'connection-refused' },
    at: T0,
  } as const;
  it('counts from the main process deadline', () => {
    expect(secondsLeft(retrying, T0, T0)).toBe(10);
    expect(secondsLeft(retrying, T0 + 1000, T0 + 4500)).toBe(6);
    expect(secondsLeft(retrying, T0, T0 + 12_000)).toBe(0);
  });
  it('never shows more than the wait itself when the clocks disagree', () => {
    // The main process's clock is a minute ahead of this window's.
    expect(secondsLeft({ ...retrying, at: T0 + 60_000 }, T0, T0)).toBe(10);
    // ...or behind: the state arrived after its deadline by our clock.
    expect(secondsLeft({ ...retrying, at: T0 - 60_000 }, T0, T0)).toBe(0);
  });
});
