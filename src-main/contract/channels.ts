/**
 * The names that cross the IPC boundary, and nothing else: the request names, the push names, the
 * renderer's subscribe verbs and the channel strings built from them. Kept apart from app-api.ts
 * (which re-exports them) so that the preload, which needs only these lists, does not bundle zod.
 * app-api.ts checks at compile time that its schemas (`satisfies`) and push events match these lists.
 */

import { adminRequestNames } from './admin-channels.js';

/** Every request of the contract, in the order of app-api.ts's `requestSchemas`. */
export const requestNames = [
  'getSettings',
  'saveSettings',
  'connect',
  'disconnect',
  'getConnectionState',
  'listMessages',
  'getMessage',
  'whoIsIn',
  'daySummary',
  'listEvents',
  'listEmployees',
  'addEmployee',
  'updateEmployee',
  'setEmployeeActive',
  'importEmployeesCsv',
  'unknownSenders',
  'reviewList',
  'decideReview',
  'setEmployeeKey',
  'generateEmployeeKey',
  'removeEmployeeKey',
  'getAckQueue',
  'exportCsv',
  'cancelExport',
  'appInfo',
  'saveAppSettings',
  'backupOverview',
  'backupNow',
  'restoreBackup',
  'listAlerts',
  'startDemo',
  // the timesheet and the dashboard
  'timesheet',
  'departmentSummary',
  'employeeMonth',
  'dashboard',
  'exportTimesheet',
  'listPeriods',
  'closePeriod',
  'reopenPeriod',
  'printTimesheet',
  ...adminRequestNames,
] as const;
export type RequestName = (typeof requestNames)[number];

/** Every event pushed to the renderer. */
export const pushNames = ['connectionState', 'messages', 'ackUpdates', 'exportProgress', 'problem', 'alerts'] as const;
export type PushName = (typeof pushNames)[number];

/** The renderer's subscribe verbs and the push each one listens to. */
export const pushSubscribers = {
  onConnectionState: 'connectionState',
  onMessages: 'messages',
  onAckUpdates: 'ackUpdates',
  onExportProgress: 'exportProgress',
  onProblem: 'problem',
  onAlerts: 'alerts',
} as const satisfies Record<string, PushName>;

/** The one prefix of every IPC channel, so that no bare channel string appears elsewhere. */
export const ipcChannel = {
  request: (name: RequestName) => `attendance:req:${name}`,
  push: (name: PushName) => `attendance:push:${name}`,
};
