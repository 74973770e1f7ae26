/**
 * `serve`'s alerts in its log: a test gateway that goes silent (the link drops and every bind is
 * refused) raises "the gateway phone has not been connected" with what to do, and binding again
 * clears it. Minutes made seconds with --alert-after; --working-hours all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { startTestSmsc, type TestSmsc } from '../../support/test-smsc.js';
import { FIELD_KEY } from '../../support/phone.js';
import { PASSWORD, SYSTEM_ID, tempDir } from '../../support/core-harness.js';
import { serveArgs, startCli } from '../../support/cli-process.js';

const ESME_RSYSERR = 0x08;

describe('serve alerts', () => {
  let smsc: TestSmsc;
  const tmp = tempDir('cli-alerts-');

  beforeAll(async () => {
    smsc = await startTestSmsc({ systemId: SYSTEM_ID, password: PASSWORD });
  });
  afterAll(async () => {
    await smsc.close();
    tmp.cleanup();
  });

  it('logs an alert with what to do while the gateway is silent, and its end when it binds again', async () => {
    const serve = startCli(
      serveArgs(smsc.port, join(tmp.dir, 'office.db'), '--alert-after', '0.03', '--working-hours', 'all'),
      { env: { SMPP_PASSWORD: PASSWORD, ATTENDANCE_KEY: FIELD_KEY } },
    );
    try {
      await smsc.waitFor(() => smsc.boundSessions() === 1, 15_000, 'serve to bind');
      await new Promise((r) => setTimeout(r, 2500)); // bound for longer than --alert-after: nothing raised
      expect(serve.output).not.toMatch(/alert:/);

      smsc.refuseBinds(ESME_RSYSERR);
      smsc.dropConnections();
      await smsc.waitFor(
        () => /alert: The gateway phone has not been connected/.test(serve.output),
        15_000,
        'the alert',
      );
      expect(serve.output).toMatch(
        /alert: .*Check that the phone is on, on the office Wi-Fi, and that the gateway app is running\./,
      );

      smsc.refuseBinds(null);
      await smsc.waitFor(() => /alert cleared: gatewayDown/.test(serve.output), 20_000, 'the alert cleared');
      expect(smsc.boundSessions()).toBe(1);
      expect(await serve.stop()).toBe(0);
    } finally {
      serve.kill();
    }
    expect(serve.output.match(/alert: The gateway phone/g)).toHaveLength(1);
  });
});
