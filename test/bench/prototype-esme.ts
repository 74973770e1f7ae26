/**
 * The bare prototype of the product's stack, as the reference line of the ingest benchmark: the
 * `smpp` package, AES, and one better-sqlite3 transaction (WAL, synchronous=FULL) per turn of the
 * event loop; each deliver_sm is answered only after the commit that holds it, then its ack goes
 * out as submit_sm. Nothing else: no message log, no outbox, no dedupe, no receipts, no employees.
 * Runs in its own process (`run.js prototype PORT DB`), as `serve` does.
 */
import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import smpp from 'smpp';
import type { PDU } from 'smpp';
import { installRawMessageFields } from '../../src-main/core/gateway/raw-message-fields.js';
import { FIELD_KEY } from '../support/phone.js';
import { GATEWAY_NUMBER } from './message-corpus.js';

const KEY = Buffer.from(FIELD_KEY, 'utf8');
const IV = Buffer.alloc(16);
const DOLLAR = 0x02; // `$` in GSM 03.38

export async function runPrototype(port: number, dbPath: string, credentials: { systemId: string; password: string }) {
  installRawMessageFields(); // short_message as the octets sent, as the product reads it
  const db = new Database(dbPath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, phone TEXT NOT NULL, kind TEXT NOT NULL,
             at TEXT NOT NULL, received_at INTEGER NOT NULL)`);
  const insert = db.prepare('INSERT INTO events (phone, kind, at, received_at) VALUES (?, ?, ?, ?)');
  type Pending = { pdu: PDU; phone: string; plaintext: string };
  let pending: Pending[] = [];
  const commit = db.transaction((batch: Pending[]) => {
    const now = Date.now();
    for (const p of batch) {
      const space = p.plaintext.indexOf(' ');
      insert.run(p.phone, p.plaintext.slice(0, space), p.plaintext.slice(space + 1), now);
    }
  });

  const session = new smpp.Session({ host: '127.0.0.1', port });
  const flush = (): void => {
    const batch = pending;
    pending = [];
    commit(batch);
    for (const p of batch) {
      session.send(p.pdu.response());
      const digest = createHash('sha256').update(p.plaintext, 'utf8').digest('hex');
      const cipher = createCipheriv('aes-256-cbc', KEY, IV);
      const body = Buffer.concat([cipher.update(`${digest} | AFTSTC`, 'utf8'), cipher.final()]).toString('base64');
      const text = Buffer.from(`$$${body}$$`, 'latin1');
      text[0] = text[1] = text[text.length - 1] = text[text.length - 2] = DOLLAR;
      session.submit_sm({
        source_addr: GATEWAY_NUMBER,
        destination_addr: p.phone,
        registered_delivery: 1,
        short_message: text,
      });
    }
  };
  session.on('connect', () => session.socket.setNoDelay(true));
  session.on('connect', () =>
    session.bind_transceiver({ system_id: credentials.systemId, password: credentials.password }),
  );
  session.on('deliver_sm', (pdu: PDU) => {
    const octets = pdu.short_message as unknown as Buffer;
    const base64 = octets.subarray(2, octets.length - 2).toString('latin1');
    const decipher = createDecipheriv('aes-256-cbc', KEY, IV);
    const plaintext = Buffer.concat([decipher.update(base64, 'base64'), decipher.final()]).toString('utf8');
    if (pending.length === 0) setImmediate(flush);
    pending.push({ pdu, phone: pdu.source_addr as string, plaintext });
  });
  session.on('enquire_link', (pdu: PDU) => session.send(pdu.response()));
  session.on('unbind', (pdu: PDU) => {
    session.send(pdu.response());
    session.close();
  });
  const onTerm = (): void => session.close();
  process.once('SIGTERM', onTerm);
  await new Promise<void>((resolve) => {
    session.on('close', () => resolve());
    session.on('error', () => resolve());
  });
  process.off('SIGTERM', onTerm);
  db.close();
}
