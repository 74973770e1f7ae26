/**
 * A load-generating SMPP gateway on 127.0.0.1: accepts one bind_transceiver, pushes a prepared
 * corpus of deliver_sm as fast as a window allows (or at a steady rate), answers every submit_sm
 * at once, and times each message from its deliver_sm leaving to its ack's submit_sm arriving.
 *
 * Built on the raw PDU codec of test/support/smpp-wire.ts rather than the `smpp` package: the
 * generator must cost far less than the system under test, so it writes prepared Buffers and
 * parses only what it must (submit_sm bodies, to match acks to messages).
 */
import { createServer, type Server, type Socket } from 'node:net';
import {
  CMD,
  PduReader,
  STATUS,
  bindTransceiverResp,
  deliverSm,
  enquireLinkResp,
  genericNack,
  parseBindBody,
  parseShortMessageBody,
  submitSmResp,
  tlvs,
  unbindResp,
  type Pdu,
} from '../support/smpp-wire.js';
import type { MessageCorpus } from './message-corpus.js';

export interface LoadRunOptions {
  /** deliver_sm outstanding (sent, not yet answered) at most. */
  window: number;
  /** Send at this steady rate instead of as fast as the window allows. */
  ratePerSecond?: number;
  /** Answer each submit_sm with a delivery receipt (deliver_sm, esm_class 0x04), as real gateways do. */
  receipts?: boolean;
  /** The run fails if not every ack has arrived by then. */
  timeoutMs: number;
}

export interface LoadRunResult {
  count: number;
  /** performance.now() of each message's deliver_sm write, its deliver_sm_resp, its ack submit_sm. */
  sentAt: Float64Array;
  respAt: Float64Array;
  ackAt: Float64Array;
  startedAt: number;
  finishedAt: number;
  /** deliver_sm_resp with a non-zero status (the product asked for a retry); each was sent again. */
  retried: number;
  /** submit_sm that matched no message of the corpus, or a message already acked. */
  unexpectedAcks: number;
  duplicateAcks: number;
}

interface ActiveRun {
  corpus: MessageCorpus;
  options: LoadRunOptions;
  result: LoadRunResult;
  next: number;
  outstanding: number;
  acked: number;
  answered: number;
  done: (result: LoadRunResult) => void;
  fail: (error: Error) => void;
  timer: NodeJS.Timeout | null;
}

const RECEIPT_SEQUENCE_BASE = 0x60000000;

export class LoadSmsc {
  private readonly server: Server;
  private socket: Socket | null = null;
  /** Every accepted connection, bound or not, so that close() leaves nothing open. */
  private readonly sockets = new Set<Socket>();
  private run: ActiveRun | null = null;
  private submitCount = 0;
  private receiptSequence = RECEIPT_SEQUENCE_BASE;
  private bindWaiters: ((at: number) => void)[] = [];
  /** performance.now() of the last bind_transceiver answered with ESME_ROK. */
  boundAt: number | null = null;

  private constructor(private readonly credentials: { systemId: string; password: string }) {
    this.server = createServer((socket) => this.accept(socket));
  }

  static async start(credentials: { systemId: string; password: string }): Promise<LoadSmsc> {
    const smsc = new LoadSmsc(credentials);
    await new Promise<void>((resolve, reject) => {
      smsc.server.once('error', reject);
      smsc.server.listen(0, '127.0.0.1', () => resolve());
    });
    return smsc;
  }

  get port(): number {
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('the load SMSC is not listening');
    return address.port;
  }

  /** Resolves with performance.now() of the next successful bind (or the current one). */
  waitForBind(timeoutMs: number): Promise<number> {
    if (this.boundAt !== null && this.socket) return Promise.resolve(this.boundAt);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no bind_transceiver within ${timeoutMs} ms`)), timeoutMs);
      this.bindWaiters.push((at) => {
        clearTimeout(timer);
        resolve(at);
      });
    });
  }

  /** Pushes every message of the corpus and resolves once each one's ack has arrived. */
  push(corpus: MessageCorpus, options: LoadRunOptions): Promise<LoadRunResult> {
    if (!this.socket) return Promise.reject(new Error('nobody is bound to the load SMSC'));
    if (this.run) return Promise.reject(new Error('a load run is already going'));
    const count = corpus.pdus.length;
    return new Promise((resolve, reject) => {
      const run: ActiveRun = {
        corpus,
        options,
        result: {
          count,
          sentAt: new Float64Array(count).fill(NaN),
          respAt: new Float64Array(count).fill(NaN),
          ackAt: new Float64Array(count).fill(NaN),
          startedAt: performance.now(),
          finishedAt: NaN,
          retried: 0,
          unexpectedAcks: 0,
          duplicateAcks: 0,
        },
        next: 0,
        outstanding: 0,
        acked: 0,
        answered: 0,
        done: resolve,
        fail: reject,
        timer: null,
      };
      const deadline = setTimeout(() => {
        this.finish(
          run,
          new Error(
            `load run timed out after ${options.timeoutMs} ms: ${run.next} sent, ${run.answered} answered, ${run.acked} acked of ${count}`,
          ),
        );
      }, options.timeoutMs);
      const finishOk = run.done;
      run.done = (result) => {
        clearTimeout(deadline);
        finishOk(result);
      };
      const failOnce = run.fail;
      run.fail = (error) => {
        clearTimeout(deadline);
        failOnce(error);
      };
      this.run = run;
      if (options.ratePerSecond) this.paced(run);
      else this.fill(run);
    });
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.socket = null;
    if (this.run) this.finish(this.run, new Error('the load SMSC closed'));
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    socket.setNoDelay(true);
    const reader = new PduReader();
    socket.on('data', (chunk: Buffer) => {
      let pdus: Pdu[];
      try {
        pdus = reader.push(chunk);
      } catch (error) {
        socket.destroy();
        if (this.run) this.finish(this.run, error as Error);
        return;
      }
      socket.cork();
      for (const pdu of pdus) this.handle(socket, pdu);
      process.nextTick(() => socket.uncork());
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      this.sockets.delete(socket);
      if (this.socket === socket) {
        this.socket = null;
        this.boundAt = null;
        if (this.run) this.finish(this.run, new Error('the ESME closed the connection during a load run'));
      }
    });
  }

  private handle(socket: Socket, pdu: Pdu): void {
    switch (pdu.commandId) {
      case CMD.bind_transceiver: {
        const bind = parseBindBody(pdu.body);
        const ok = bind.systemId === this.credentials.systemId && bind.password === this.credentials.password;
        socket.write(bindTransceiverResp(pdu.sequence, ok ? STATUS.ESME_ROK : STATUS.ESME_RINVPASWD, 'load-smsc'));
        if (ok) {
          this.socket?.destroy();
          this.socket = socket;
          this.boundAt = performance.now();
          for (const waiter of this.bindWaiters.splice(0)) waiter(this.boundAt);
        }
        return;
      }
      case CMD.enquire_link:
        socket.write(enquireLinkResp(pdu.sequence));
        return;
      case CMD.unbind:
        socket.write(unbindResp(pdu.sequence));
        socket.end();
        return;
      case CMD.submit_sm:
        this.onSubmit(socket, pdu);
        return;
      case CMD.deliver_sm_resp:
        this.onDeliverResp(pdu);
        return;
      case CMD.enquire_link_resp:
      case CMD.unbind_resp:
      case CMD.generic_nack:
        return;
      default:
        socket.write(genericNack(pdu.sequence, STATUS.ESME_RINVCMDID));
    }
  }

  private onSubmit(socket: Socket, pdu: Pdu): void {
    const messageId = (++this.submitCount).toString(16);
    socket.write(submitSmResp(pdu.sequence, STATUS.ESME_ROK, messageId));
    const run = this.run;
    if (!run) return;
    const body = parseShortMessageBody(pdu.body);
    const index = run.corpus.indexOfAck.get(body.shortMessage.toString('latin1'));
    if (index === undefined) {
      run.result.unexpectedAcks++;
      return;
    }
    if (!Number.isNaN(run.result.ackAt[index]!)) {
      run.result.duplicateAcks++;
      return;
    }
    run.result.ackAt[index] = performance.now();
    run.acked++;
    if (run.options.receipts) {
      socket.write(
        deliverSm(this.receiptSequence++, {
          source: body.destination,
          destination: body.source,
          esmClass: 0x04,
          shortMessage: Buffer.from(
            `id:${messageId} sub:001 dlvrd:001 submit date:2611250831 done date:2611250831 stat:DELIVRD err:000 text:`,
            'latin1',
          ),
          tlvs: [tlvs.receiptedMessageId(messageId), tlvs.messageState(2)],
        }),
      );
    }
    this.checkDone(run);
  }

  private onDeliverResp(pdu: Pdu): void {
    if (pdu.sequence >= RECEIPT_SEQUENCE_BASE) return;
    const run = this.run;
    if (!run) return;
    const index = pdu.sequence - run.corpus.options.firstSequence;
    if (index < 0 || index >= run.result.count) return;
    run.outstanding--;
    if (pdu.status !== STATUS.ESME_ROK) {
      // The product could not store it and asks the gateway to keep it: send it again, as a gateway would.
      run.result.retried++;
      setTimeout(() => this.send(run, index), 10);
      return;
    }
    run.result.respAt[index] = performance.now();
    run.answered++;
    if (!run.options.ratePerSecond) this.fill(run);
    this.checkDone(run);
  }

  private send(run: ActiveRun, index: number): void {
    if (this.run !== run || !this.socket) return;
    run.outstanding++;
    run.result.sentAt[index] = performance.now();
    this.socket.write(run.corpus.pdus[index]!);
  }

  private fill(run: ActiveRun): void {
    while (run.outstanding < run.options.window && run.next < run.result.count) this.send(run, run.next++);
  }

  /** Sends message k at startedAt + k / rate (catching up after a late timer), never beyond the window. */
  private paced(run: ActiveRun): void {
    const rate = run.options.ratePerSecond!;
    const tick = (): void => {
      run.timer = null;
      if (this.run !== run) return;
      const now = performance.now();
      const due = Math.min(run.result.count, Math.floor(((now - run.result.startedAt) * rate) / 1000) + 1);
      this.socket?.cork();
      while (run.next < due && run.outstanding < run.options.window) this.send(run, run.next++);
      this.socket?.uncork();
      if (run.next < run.result.count) {
        const nextAt = run.result.startedAt + (run.next * 1000) / rate;
        // A full window waits for answers: poll each millisecond rather than spin.
        const wait = run.outstanding >= run.options.window ? 1 : Math.max(0, nextAt - performance.now());
        run.timer = setTimeout(tick, wait);
      }
    };
    tick();
  }

  private checkDone(run: ActiveRun): void {
    if (run.acked === run.result.count && run.answered === run.result.count) {
      run.result.finishedAt = performance.now();
      this.finish(run, null);
    }
  }

  private finish(run: ActiveRun, error: Error | null): void {
    if (this.run !== run) return;
    this.run = null;
    if (run.timer) clearTimeout(run.timer);
    if (error) run.fail(error);
    else run.done(run.result);
  }
}
