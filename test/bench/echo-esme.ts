/**
 * The cheapest possible ESME, for measuring the load generator alone: it binds, answers each
 * deliver_sm at once and sends the message's expected ack as submit_sm, with no decryption and no
 * database. It runs in its own process (`run.js echo-esme ...`) so that it does not share the
 * generator's CPU; what the pair reaches is a floor under the generator's own capacity.
 */
import { connect } from 'node:net';
import {
  CMD,
  PduReader,
  STATUS,
  bindTransceiver,
  deliverSmResp,
  enquireLinkResp,
  submitSm,
  unbindResp,
} from '../support/smpp-wire.js';
import { GATEWAY_NUMBER, buildCorpus, type CorpusOptions } from './message-corpus.js';

export async function runEchoEsme(
  port: number,
  corpora: CorpusOptions[],
  credentials: { systemId: string; password: string },
): Promise<void> {
  const acks = new Map<number, Buffer>();
  for (const options of corpora) {
    const corpus = buildCorpus(options);
    corpus.ackOctets.forEach((octets, i) => acks.set(options.firstSequence + i, octets));
  }
  const socket = connect({ host: '127.0.0.1', port, noDelay: true });
  const reader = new PduReader();
  let sequence = 1;
  socket.write(bindTransceiver(sequence++, credentials));
  socket.on('data', (chunk: Buffer) => {
    socket.cork();
    for (const pdu of reader.push(chunk)) {
      if (pdu.commandId === CMD.deliver_sm) {
        socket.write(deliverSmResp(pdu.sequence, STATUS.ESME_ROK));
        const ack = acks.get(pdu.sequence);
        if (ack) {
          socket.write(
            submitSm(sequence++, {
              source: GATEWAY_NUMBER,
              destination: '0',
              registeredDelivery: 1,
              shortMessage: ack,
            }),
          );
        }
      } else if (pdu.commandId === CMD.enquire_link) {
        socket.write(enquireLinkResp(pdu.sequence));
      } else if (pdu.commandId === CMD.unbind) {
        socket.write(unbindResp(pdu.sequence));
        socket.end();
      }
    }
    process.nextTick(() => socket.uncork());
  });
  await new Promise<void>((resolve) => {
    socket.on('close', () => resolve());
    socket.on('error', () => resolve());
  });
}
