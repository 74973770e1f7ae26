/**
 * The desktop shell's Windows session-end handling (electron/window-lifecycle.ts) against a real
 * core bound to a real test SMSC: the first warning unbinds at once; a cancelled shutdown binds
 * again by itself; a session that really ends does not.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SessionEnd, staysInTray } from '../../../src-main/electron/window-lifecycle.js';
import { startHarness, type Harness } from '../../support/core-harness.js';

describe('Windows session end', () => {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
  });

  it('unbinds at the warning, and binds again when the shutdown was cancelled', async () => {
    h = await startHarness({}, { connect: true });
    await h.waitForState('bound');
    const sessionEnd = new SessionEnd(h.core, 300);
    sessionEnd.query();
    sessionEnd.query(); // Windows may ask more than once
    await h.smsc.waitFor(() => h.smsc.unbinds === 1, 5_000, 'the unbind');
    expect(h.states.map((s) => s.kind)).toContain('disconnected');
    await h.smsc.waitFor(
      () => h.smsc.boundSessions() === 1 && h.smsc.binds === 2,
      5_000,
      'the bind after a cancelled shutdown',
    );
    await h.waitForState('bound');
  });

  it('does not bind again once the session has ended, and does nothing while disconnected', async () => {
    h = await startHarness({}, { connect: true });
    await h.waitForState('bound');
    const sessionEnd = new SessionEnd(h.core, 200);
    sessionEnd.query();
    sessionEnd.end();
    await h.smsc.waitFor(() => h.smsc.unbinds === 1, 5_000, 'the unbind');
    await new Promise((r) => setTimeout(r, 600));
    expect(h.smsc.binds).toBe(1);
    expect(h.core.connectionState().kind).toBe('disconnected');
    sessionEnd.query();
    await new Promise((r) => setTimeout(r, 400));
    expect(h.smsc.binds).toBe(1);
  });

  it('keeps the app in the tray while connecting, bound or retrying; not when disconnected or refused', () => {
    expect(staysInTray({ kind: 'bound', since: 0 })).toBe(true);
    expect(staysInTray({ kind: 'connecting', attempt: 1 })).toBe(true);
    expect(
      staysInTray({ kind: 'retrying', attempt: 2, inMs: 4000, reason: { code: 'connection-refused' }, at: 0 }),
    ).toBe(true);
    expect(staysInTray({ kind: 'disconnected' })).toBe(false);
    expect(staysInTray({ kind: 'refused', status: 'ESME_RINVPASWD', code: 14 })).toBe(false);
  });
});
