/**
 * Characterises the smpp 0.5.1 behaviour FramedSession exists for. If an smpp upgrade fixes it,
 * this test fails, and the override can be reconsidered.
 */
import { createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import smpp from 'smpp';
import type { PDU } from 'smpp';
import { CMD, deliverSm, enquireLink } from '../../support/smpp-wire.js';
import { FramedSession } from '../../../src-main/core/gateway/framed-session.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A peer that, on connect, writes a PDU smpp's parser throws on, then a valid enquire_link. */
async function badThenGoodPeer(): Promise<number> {
  const sockets = new Set<Socket>();
  // deliver_sm whose last TLV is an int8 with length 0 at the very end: smpp reads past the buffer (RangeError).
  const bad = Buffer.concat([
    deliverSm(7, { source: '1', destination: '2', shortMessage: Buffer.from('x') }),
    Buffer.from([0x04, 0x27, 0x00, 0x00]),
  ]);
  bad.writeUInt32BE(bad.length, 0);
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.write(Buffer.concat([bad, enquireLink(8)]));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  cleanups.push(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => server.close(() => r()));
  });
  return (server.address() as AddressInfo).port;
}

it("smpp's stock Session stops reading for good after a parse error", async () => {
  const port = await badThenGoodPeer();
  const session = new smpp.Session({ host: '127.0.0.1', port });
  cleanups.push(() => session.destroy());
  const errors: string[] = [];
  const commands: string[] = [];
  session.on('error', (e: Error) => errors.push(e.name));
  session.on('pdu', (pdu: PDU) => commands.push(pdu.command));
  await new Promise((r) => setTimeout(r, 300));
  expect(errors).toEqual(['RangeError']);
  expect(commands).toEqual([]); // the enquire_link behind it is never read
});

it('FramedSession reports the bad PDU and reads the enquire_link behind it', async () => {
  const port = await badThenGoodPeer();
  const session = new FramedSession({ host: '127.0.0.1', port });
  cleanups.push(() => session.destroy());
  const bad: unknown[] = [];
  const commands: string[] = [];
  session.on('error', () => {});
  session.on('bad_pdu', (b: unknown) => bad.push(b));
  session.on('pdu', (pdu: PDU) => commands.push(pdu.command));
  await new Promise((r) => setTimeout(r, 300));
  expect(bad).toEqual([expect.objectContaining({ kind: 'malformed', commandId: CMD.deliver_sm, sequenceNumber: 7 })]);
  expect(commands).toEqual(['enquire_link']);
});
