/**
 * Puts the demo office together around a core: starts the demo gateway, points the settings at it
 * with a fresh key and password, and fills the employee directory. Used by `npm run demo`
 * (the browser preview with `--demo`).
 */
import type { AppCore } from '../core/app-core-types.js';
import { EmployeeExistsError } from '../core/store/attendance-store.js';
import type { SettingsRepository } from '../core/settings/settings-repository.js';
import { startDemoGateway, type DemoGateway } from './demo-gateway.js';
import { DEMO_EMPLOYEES, demoSecrets } from './demo-office.js';

/** Starts the demo gateway and saves settings that connect to it. */
export async function startDemoOffice(settings: SettingsRepository): Promise<DemoGateway> {
  const secrets = demoSecrets();
  const gateway = await startDemoGateway({ ...secrets, employees: DEMO_EMPLOYEES });
  const { password: _password, key: _key, ...plain } = settings.current();
  await settings.save({
    ...plain,
    host: gateway.host,
    port: gateway.port,
    systemId: secrets.systemId,
    password: secrets.password,
    key: secrets.key,
  });
  return gateway;
}

/** Adds the demo staff to the directory (those already there are kept); returns how many were added. */
export function addDemoEmployees(core: AppCore): number {
  let added = 0;
  for (const employee of DEMO_EMPLOYEES) {
    try {
      core.store.addEmployee(employee);
      added += 1;
    } catch (error) {
      if (!(error instanceof EmployeeExistsError)) throw error;
    }
  }
  return added;
}
