import { createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SMPP_STATUS } from '../../../src-main/core/gateway/smpp-status.js';
import { startTestSmsc } from '../../support/test-smsc.js';
import type { TestSmsc } from '../../support/test-smsc.js';
import { kinds, startSession } from './session-harness.js';
import type { SessionHarness } from './session-harness.js';

let smsc: TestSmsc | null = null;
let h: SessionHarness | null = null;

afterEach(async () => {
  await h?.session.stop();
  await smsc?.close();
  h = null;
  smsc = null;
});

describe('bind and unbind', () => {
  it('binds as transceiver with SMPP 3.4, then stop() unbinds and ends disconnected', async () => {
    smsc = await startTestSmsc();
    h = startSession(smsc);
    await h.waitForState('bound');
    expect(kinds(h.states)).toEqual(['connecting', 'bound']);
    expect(h.states[0]).toEqual({ kind: 'connecting', attempt: 1 });
    const bind = smsc.receivedOf('bind_transceiver')[0]!.pdu;
    expect(bind).toMatchObject({ system_id: 'office', password: 'secret1', interface_version: 0x34 });
    expect(smsc.boundSessions()).toBe(1);
    expect(h.events).toEqual(['bound']);

    await h.session.stop();
    expect(smsc.unbinds).toBe(1);
    expect(h.session.state).toEqual({ kind: 'disconnected' });
    expect(h.events).toEqual(['bound', 'unbound: stopped']);
    await smsc.waitFor(() => smsc!.boundSessions() === 0, 2_000, 'the SMSC to see the connection close');
  });

  it('stop() is idempotent, never rejects, and start() after stop() binds again', async () => {
    smsc = await startTestSmsc();
    h = startSession(smsc);
    await h.waitForState('bound');
    await Promise.all([h.session.stop(), h.session.stop()]);
    await h.session.stop();
    expect(smsc.unbinds).toBe(1);
    h.session.start();
    await h.waitForState('bound');
    expect(smsc.binds).toBe(2);
  });

  it('stop() while retrying cancels the retry: no more connection attempts', async () => {
    smsc = await startTestSmsc();
    smsc.refuseBinds(SMPP_STATUS.ESME_RBINDFAIL);
    h = startSession(smsc, { backoff: { initialMs: 200, maxMs: 200 } });
    await h.waitForState('retrying');
    await h.session.stop();
    const attempts = smsc.bindRequests;
    // A control session with the same backoff, not stopped: once it has retried twice, the stopped
    // one has had time for two retries too, however slow this machine is.
    const control = await startTestSmsc();
    control.refuseBinds(SMPP_STATUS.ESME_RBINDFAIL);
    const retrying = startSession(control, { backoff: { initialMs: 200, maxMs: 200 } });
    try {
      await control.waitFor(() => control.bindRequests >= 3, 5_000, 'the control session to retry twice');
    } finally {
      await retrying.session.stop();
      await control.close();
    }
    expect(smsc.bindRequests).toBe(attempts);
    expect(h.session.state).toEqual({ kind: 'disconnected' });
  });
});

describe('refused binds', () => {
  it.each([
    ['a wrong password', { password: 'wrong' }, 'ESME_RINVPASWD', 0x0e],
    ['an unknown system id', { systemId: 'nobody' }, 'ESME_RINVSYSID', 0x0f],
  ])('stops retrying after %s and names the status', async (_what, creds, status, code) => {
    smsc = await startTestSmsc();
    h = startSession(smsc, creds);
    await h.waitForState('refused');
    expect(h.session.state).toEqual({ kind: 'refused', status, code });
    // A control session with the same backoff, refused with a temporary status: once it has retried
    // twice, the refused one has had time for two retries too.
    const control = await startTestSmsc();
    control.refuseBinds(SMPP_STATUS.ESME_RBINDFAIL);
    const retrying = startSession(control);
    try {
      await control.waitFor(() => control.bindRequests >= 3, 5_000, 'the control session to retry twice');
    } finally {
      await retrying.session.stop();
      await control.close();
    }
    expect(smsc.bindRequests).toBe(1);
    expect(kinds(h.states)).toEqual(['connecting', 'refused']);
  });

  it('retries ESME_RALYBND with a new connection each time and binds once the gateway accepts', async () => {
    smsc = await startTestSmsc();
    smsc.refuseBinds(SMPP_STATUS.ESME_RALYBND);
    h = startSession(smsc);
    await smsc.waitFor(() => smsc!.bindRequests >= 3, 5_000, 'three refused binds');
    smsc.refuseBinds(null);
    await h.waitForState('bound');
    const retrying = h.states.filter((s) => s.kind === 'retrying');
    expect(retrying[0]).toMatchObject({
      kind: 'retrying',
      attempt: 1,
      reason: { code: 'bind-refused', params: { status: 'ESME_RALYBND' } },
    });
    expect(retrying.map((s) => (s.kind === 'retrying' ? s.attempt : 0)).slice(0, 3)).toEqual([1, 2, 3]);
    // Every bind went over its own TCP connection (a reconnect needs a new session).
    expect(smsc.connections).toBe(smsc.bindRequests);
    expect(smsc.boundSessions()).toBe(1);
  });

  it.each([
    ['ESME_RBINDFAIL', SMPP_STATUS.ESME_RBINDFAIL],
    ['ESME_RSYSERR', SMPP_STATUS.ESME_RSYSERR],
  ])('treats %s as temporary', async (name, code) => {
    smsc = await startTestSmsc();
    smsc.refuseBinds(code);
    h = startSession(smsc);
    await h.waitForState('retrying');
    expect(h.session.state).toMatchObject({ reason: { code: 'bind-refused', params: { status: name } } });
  });
});

describe('reconnecting', () => {
  it('reports "connection refused" with growing backoff, and binds when the gateway appears', async () => {
    // Reserve a port, then free it: nothing listens there.
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    smsc = await startTestSmsc();
    h = startSession(smsc, { port, random: () => 0.5, backoff: { initialMs: 20, maxMs: 1000 }, now: () => 1234 });
    await smsc.waitFor(() => h!.states.filter((s) => s.kind === 'retrying').length >= 3, 5_000, 'three retries');
    const retries = h.states.filter((s) => s.kind === 'retrying');
    expect(retries.slice(0, 3)).toEqual([
      { kind: 'retrying', attempt: 1, inMs: 20, reason: { code: 'connection-refused' }, at: 1234 },
      { kind: 'retrying', attempt: 2, inMs: 30, reason: { code: 'connection-refused' }, at: 1234 },
      { kind: 'retrying', attempt: 3, inMs: 50, reason: { code: 'connection-refused' }, at: 1234 },
    ]);
    await h.session.stop();
    await smsc.close();
    smsc = await startTestSmsc({ port });
    h.session.start();
    await h.waitForState('bound');
  });

  it('turns an impossible address into a retry with the reason, not an exception from start()', async () => {
    smsc = await startTestSmsc();
    h = startSession(smsc, { port: 70_000 });
    await h.waitForState('retrying');
    expect(h.session.state).toMatchObject({
      attempt: 1,
      reason: { code: 'cannot-connect', params: { detail: expect.stringMatching(/70000/) } },
    });
  });

  it('reconnects after the TCP connection drops: bound → retrying → bound, on a new connection', async () => {
    smsc = await startTestSmsc();
    h = startSession(smsc);
    await h.waitForState('bound');
    smsc.dropConnections();
    await smsc.waitFor(() => smsc!.binds === 2 && h!.session.state.kind === 'bound', 5_000, 'the rebind');
    expect(kinds(h.states)).toEqual(['connecting', 'bound', 'retrying', 'connecting', 'bound']);
    expect(h.states[2]).toMatchObject({
      attempt: 1,
      reason: { code: expect.stringMatching(/^(connection-reset|gateway-closed)$/) },
    });
    expect(smsc.connections).toBe(2);
    expect(h.events[1]).toMatch(/^unbound: /);
    // The new link works.
    expect((await smsc.deliver({ source: '989102211824', shortMessage: Buffer.from('hi') })).commandStatus).toBe(0);
  });

  it('detects a dead link when enquire_link goes unanswered, and reconnects', async () => {
    smsc = await startTestSmsc();
    h = startSession(smsc, { enquireLinkMs: 50 });
    await h.waitForState('bound');
    await smsc.waitFor(() => smsc!.enquireLinks >= 3, 2_000, 'answered keep-alives');
    expect(h.session.state.kind).toBe('bound');
    smsc.respondToEnquireLinks(false);
    await h.waitForState('retrying', 2_000);
    expect(h.session.state).toMatchObject({
      reason: { code: 'no-response', params: { command: 'enquire_link', seconds: 0.05 } },
    });
    smsc.respondToEnquireLinks(true);
    await smsc.waitFor(() => smsc!.binds === 2 && h!.session.state.kind === 'bound', 5_000, 'the rebind');
  });

  it("answers the gateway's unbind, closes, and binds again", async () => {
    smsc = await startTestSmsc();
    h = startSession(smsc);
    await h.waitForState('bound');
    await smsc.sendUnbind();
    await smsc.waitFor(() => smsc!.binds === 2 && h!.session.state.kind === 'bound', 5_000, 'the rebind');
    expect(h.states.find((s) => s.kind === 'retrying')).toMatchObject({ reason: { code: 'gateway-unbound' } });
    expect(h.events).toEqual(['bound', 'unbound: gateway sent unbind', 'bound']);
  });

  it("answers the gateway's enquire_link", async () => {
    smsc = await startTestSmsc();
    h = startSession(smsc);
    await h.waitForState('bound');
    const { default: smpp } = await import('smpp');
    // The SMSC has no enquire_link helper; a raw one with a known sequence number.
    smsc.sendRaw(new smpp.PDU('enquire_link', { sequence_number: 0x10001 }).toBuffer());
    await smsc.waitFor(() => smsc!.receivedOf('enquire_link_resp').length === 1, 2_000, 'enquire_link_resp');
    expect(smsc.receivedOf('enquire_link_resp')[0]).toMatchObject({ sequenceNumber: 0x10001, commandStatus: 0 });
  });

  it('gives up on a gateway that accepts TCP but never answers the bind', async () => {
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => {});
    });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    try {
      smsc = await startTestSmsc();
      h = startSession(smsc, { port: (silent.address() as AddressInfo).port, responseTimeoutMs: 100 });
      await h.waitForState('retrying', 2_000);
      expect(h.session.state).toMatchObject({
        reason: { code: 'no-response', params: { command: 'bind_transceiver', seconds: 0.1 } },
      });
      await h.session.stop();
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((r) => silent.close(() => r()));
    }
  });
});
