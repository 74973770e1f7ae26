/**
 * Who the desktop app is to the operating system. `APP_ID` is electron-builder's `appId` (the
 * Windows AppUserModelID of the installed shortcuts, the macOS bundle id); `PRODUCT_NAME` is
 * package.json's `productName`, which names the user-data folder (the database, the settings, the
 * single-instance lock). A test keeps both equal to the packaging configuration.
 */
export const APP_ID = 'org.smpp-attendance.app';
export const PRODUCT_NAME = 'SMPP Attendance';

/**
 * The user-data folder's name: the installed app's, or a separate one for `npm start` from source,
 * so that a developer's run never opens the office's real database nor takes its instance lock.
 */
export function userDataFolderName(isPackaged: boolean): string {
  return isPackaged ? PRODUCT_NAME : `${PRODUCT_NAME} (dev)`;
}

/** The Windows AppUserModelID: the installed app's, or a separate one for a run from source. */
export function appUserModelId(isPackaged: boolean): string {
  return isPackaged ? APP_ID : `${APP_ID}.dev`;
}
