/**
 * The "acknowledgements are piling up" alert against a real core bound to a real test SMSC on
 * 127.0.0.1: at an ack pace the queue grows whenever people punch faster than the pace lets acks
 * out, which is the pace at work, not the phone's SMS limit; acks that stop leaving are.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { dirname } from 'node:path';
import { startHarness, type Harness } from '../../support/core-harness.js';
import { phoneMessage } from '../../support/phone.js';
import { createAlertMonitor, type AlertMonitorOptions } from '../../../src-main/core/alerts/alert-monitor.js';
import { DEFAULT_ALERT_CONFIG } from '../../../src-main/core/alerts/alert-rules.js';
import { SMPP_STATUS } from '../../../src-main/core/gateway/smpp-status.js';
import type { Alert } from '../../../src-main/core/model.js';

const GATEWAY = '9102211824';
const RATE_PER_MINUTE = 300; // one ack every 200 ms: the default pace, 300 times faster
/** The default 10 minutes of growth, 300 times shorter too. */
const config = { ...DEFAULT_ALERT_CONFIG, ackQueueWindowMs: 2_000, ackQueueMin: 3 };

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

type Core = AlertMonitorOptions['core'];

/**
 * Four arrivals every 200 ms (20 a second, four times the pace) for 3.2 s, each from its own
 * phone; the monitors sample after each round's four are stored (their own timer is left out, so
 * a sample never falls between a round and the ack that left before it). Returns every alert code
 * each monitor raised.
 */
async function morningBurst(
  harness: Harness,
  cores: Core[],
): Promise<{ raised: Set<Alert['code']>[]; queued: number }> {
  const raised = cores.map(() => new Set<Alert['code']>());
  const monitors = cores.map((core, k) =>
    createAlertMonitor({
      core,
      folder: dirname(harness.dbPath),
      config: () => config,
      intervalMs: 3_600_000,
      freeBytes: () => 1e12,
      onChange: (list) => list.forEach((a) => raised[k]!.add(a.code)),
    }),
  );
  try {
    for (let round = 0; round < 16; round++) {
      await Promise.all(
        [0, 1, 2, 3].map((i) =>
          harness.smsc.deliver({
            source: `98912${String(3000000 + round * 4 + i).padStart(7, '0')}`,
            destination: GATEWAY,
            ...phoneMessage('Arrival 08:31'),
          }),
        ),
      );
      for (const monitor of monitors) monitor.check();
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return { raised, queued: harness.core.store.queuedAcks() };
  } finally {
    for (const monitor of monitors) monitor.stop();
  }
}

/** The same core, seen by a monitor as if it had no pace (the rule before the pace counted). */
function withoutPace(core: Harness['core']): Core {
  return {
    on: (event, listener) => core.on(event, listener),
    connectionState: () => core.connectionState(),
    store: core.store,
    ackQueue: () => ({ ...core.ackQueue(), ratePerMinute: 0 }),
  };
}

describe('the ack queue alert and the ack pace', () => {
  it('a queue that grows only because of the pace raises nothing (it would without the pace counted)', async () => {
    h = await startHarness({ ackRatePerMinute: RATE_PER_MINUTE });
    const { raised, queued } = await morningBurst(h, [h.core, withoutPace(h.core)]);
    expect(queued).toBeGreaterThanOrEqual(config.ackQueueMin); // it did pile up
    expect(h.smsc.submits.length).toBeGreaterThanOrEqual(8); // while acks left at the pace
    expect([...raised[0]!]).not.toContain('ackQueueGrowing');
    expect([...raised[1]!]).toContain('ackQueueGrowing');
  });

  it('acks that stop leaving while the queue grows raise it, pace or not', async () => {
    h = await startHarness({ ackRatePerMinute: RATE_PER_MINUTE });
    h.smsc.respondToSubmits({ status: SMPP_STATUS.ESME_RTHROTTLED }); // the phone at its SMS limit
    const { raised, queued } = await morningBurst(h, [h.core]);
    expect(queued).toBeGreaterThanOrEqual(config.ackQueueMin);
    expect([...raised[0]!]).toContain('ackQueueGrowing');
  });
});
