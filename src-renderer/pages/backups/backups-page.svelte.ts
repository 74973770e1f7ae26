/**
 * The Backups view's state: the overview (the last good backup, the files, the folder and daily
 * time), and what the user does there: back up now, change the folder and time, restore a file
 * after confirming it.
 */
import type { AppApi, BackupEntry, BackupOverview, RestoreOutcome } from '../../../src-main/contract/app-api.js';
import { CLOCK_TIME_PATTERN } from '../../../src-main/contract/domain.js';
import { Action } from '../../lib/state/action.svelte.js';
import { Loader } from '../../lib/state/loader.svelte.js';
import type { SettingsStore } from '../../lib/state/settings.svelte.js';

export class BackupsPage {
  /** Read when the view opens; replaced by the newer overview that backing up and saving return. */
  readonly overview = new Loader<BackupOverview>();
  readonly backupNow = new Action();
  backedUp = $state(false);
  readonly saveSettings = new Action();
  folder = $state('');
  time = $state('');
  settingsSaved = $state(false);
  timeInvalid = $state(false);
  /** The backup the user asked to restore: shown with the confirmation. */
  confirming = $state.raw<BackupEntry | null>(null);
  readonly restore = new Action();
  restored = $state.raw<RestoreOutcome | null>(null);

  constructor(private readonly api: AppApi) {}

  load(): Promise<void> {
    return this.overview.load(() => this.api.backupOverview());
  }

  /** The folder and time fields as saved. */
  fill(saved: { backupDir: string; backupTime: string }): void {
    this.folder = saved.backupDir;
    this.time = saved.backupTime;
  }

  async takeNow(): Promise<void> {
    this.backedUp = false;
    this.backedUp = await this.backupNow.run(async () => {
      this.overview.value = await this.api.backupNow();
    });
  }

  async saveFolderAndTime(settings: SettingsStore): Promise<void> {
    this.settingsSaved = false;
    this.timeInvalid = !CLOCK_TIME_PATTERN.test(this.time.trim());
    if (this.timeInvalid) return;
    this.settingsSaved = await this.saveSettings.run(async () => {
      await settings.saveApp(this.api, { backupDir: this.folder.trim(), backupTime: this.time.trim() });
      this.overview.value = await this.api.backupOverview();
    });
  }

  async confirmRestore(): Promise<void> {
    const entry = this.confirming;
    if (!entry) return;
    await this.restore.run(async () => {
      this.restored = await this.api.restoreBackup({ file: entry.file });
      this.confirming = null;
    });
  }
}
