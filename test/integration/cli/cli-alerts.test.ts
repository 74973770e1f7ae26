/**
 * `serve`'s alerts in its log: a test gateway that goes silent (the link drops and every bind is
 * refused) raises "the gateway phone has not been connected" with what to do, and binding again
 * clears it. Minutes made seconds with --alert-after; --working-hours all.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';

import { cliWorld, SERVE_SECRETS, serveArgs, startCli } from '../../support/cli-process.js';

const ESME_RSYSERR = 0x08;

describe('serve alerts', () => {
  const world = cliWorld('cli-alerts-');

  it('logs an alert with what to do while the gateway is silent, and its end when it binds again', async () => {
    const serve = startCli(
      serveArgs(world.smsc.port, join(world.dir, 'office.db'), '--alert-after', '0.03', '--working-hours', 'all'),
      { env: SERVE_SECRETS },
    );
    try {
      await world.smsc.waitFor(() => world.smsc.boundSessions() === 1, 15_000, 'serve to bind');
      await new Promise((r) => setTimeout(r, 2500)); // bound for longer than --alert-after: nothing raised
      expect(serve.output).not.toMatch(/alert:/);

      world.smsc.refuseBinds(ESME_RSYSERR);
      world.smsc.dropConnections();
      await world.smsc.waitFor(
        () => /alert: The gateway phone has not been connected/.test(serve.output),
        15_000,
        'the alert',
      );
      expect(serve.output).toMatch(
        /alert: .*Check that the phone is on, on the office Wi-Fi, and that the gateway app is running\./,
      );

      world.smsc.refuseBinds(null);
      await world.smsc.waitFor(() => /alert cleared: gatewayDown/.test(serve.output), 20_000, 'the alert cleared');
      expect(world.smsc.boundSessions()).toBe(1);
      expect(await serve.stop()).toBe(0);
    } finally {
      serve.kill();
    }
    expect(serve.output.match(/alert: The gateway phone/g)).toHaveLength(1);
  });
});
