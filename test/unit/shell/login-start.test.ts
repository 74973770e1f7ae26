import { describe, expect, it } from 'vitest';
import { AT_LOGIN_ARG, launchedAtLogin, loginItemSettings, startPlan } from '../../../src-main/electron/login-start.js';
import { alertCountText, newAlertNotifications } from '../../../src-main/electron/alert-notification.js';

describe('start at login', () => {
  it('registers the login item only once decided on, always starting hidden with our argument', () => {
    expect(loginItemSettings(null)).toEqual({ openAtLogin: false, openAsHidden: true, args: [AT_LOGIN_ARG] });
    expect(loginItemSettings(true).openAtLogin).toBe(true);
    expect(loginItemSettings(false).openAtLogin).toBe(false);
  });

  it('knows a launch from the login item', () => {
    expect(launchedAtLogin(['/opt/app/smpp-attendance', AT_LOGIN_ARG])).toBe(true);
    expect(launchedAtLogin(['/opt/app/smpp-attendance'])).toBe(false);
    expect(launchedAtLogin(['/Applications/SMPP Attendance.app'], true)).toBe(true);
  });

  it('at login: tray only and reconnect when it was connected; otherwise the window', () => {
    expect(startPlan({ atLogin: true, wasConnected: true, canConnect: true })).toEqual({
      showWindow: false,
      connect: true,
    });
    expect(startPlan({ atLogin: false, wasConnected: true, canConnect: true })).toEqual({
      showWindow: true,
      connect: true,
    });
    expect(startPlan({ atLogin: true, wasConnected: false, canConnect: true })).toEqual({
      showWindow: true,
      connect: false,
    });
    expect(startPlan({ atLogin: true, wasConnected: true, canConnect: false })).toEqual({
      showWindow: true,
      connect: false,
    });
    expect(startPlan({ atLogin: false, wasConnected: false, canConnect: true })).toEqual({
      showWindow: true,
      connect: false,
    });
  });
});

describe('alert notifications', () => {
  const down = { code: 'gatewayDown' as const, since: 0, minutes: 6 };
  const disk = { code: 'diskLow' as const, freeBytes: 1, folder: '/d' };
  it('one notification per newly raised alert, none for one already raised', () => {
    expect(newAlertNotifications([], [down], 'en')).toHaveLength(1);
    expect(newAlertNotifications([down], [{ ...down, minutes: 9 }], 'en')).toEqual([]);
    const fa = newAlertNotifications([down], [down, disk], 'fa');
    expect(fa).toHaveLength(1);
    expect(fa[0]!.body).toContain('دیسک');
  });
  it('counts alerts in the tooltip', () => {
    expect(alertCountText(0, 'en')).toBe('');
    expect(alertCountText(2, 'en')).toBe(' — 2 alerts');
    expect(alertCountText(1, 'fa')).toBe(' — ۱ هشدار');
  });
});
