/**
 * What kind of app this is (a demo? backups here?) and the alerts the owner raised, as view state:
 * asked for once at start, then the alerts follow the owner's pushes.
 */
import type { Alert, AppApi, AppInfo } from '../../../src-main/contract/app-api.js';

export class OfficeStore {
  info = $state.raw<AppInfo | null>(null);
  alerts = $state.raw<Alert[]>([]);

  start(api: AppApi): () => void {
    void api.appInfo().then(
      (info) => (this.info = info),
      () => undefined,
    );
    let pushed = false;
    const stop = api.onAlerts((alerts) => {
      pushed = true;
      this.alerts = alerts;
    });
    void api.listAlerts().then(
      (alerts) => {
        if (!pushed) this.alerts = alerts;
      },
      () => undefined,
    );
    return stop;
  }
}
