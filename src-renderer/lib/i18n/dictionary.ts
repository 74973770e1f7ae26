/**
 * The shape every language's strings must have. English and Persian are both typed as
 * `Dictionary`, so a key missing in one of them is a compile error, not a blank on screen.
 * Strings that carry values are functions; numbers and dates arrive already formatted for the
 * language (Persian digits, Jalali dates), so the dictionaries only place them.
 */
import type { OfficeDictionary } from './office-text.js';
import type { TimesheetDictionary } from './timesheet-text.js';
import type { AdminDictionary } from './admin-text.js';
import type {
  AckState,
  AttendanceStatus,
  MessageOutcome,
  PunchFlag,
  ReviewDecision,
} from '../../../src-main/core/model.js';
import type { ReasonTexts } from './problem-text.js';

export type Language = 'en' | 'fa';

/** Fields of the settings form, in the order they are shown. */
export type SettingsField =
  | 'host'
  | 'port'
  | 'systemId'
  | 'password'
  | 'key'
  | 'ignoreNumbers'
  | 'repeatWindowMinutes'
  | 'ackRatePerMinute'
  | 'lateToleranceMinutes'
  | 'futureToleranceMinutes'
  | 'defaultCountry'
  | 'language'
  | 'ackUnknownSenders'
  | 'publicKeyAcknowledged';

export type ViewName =
  | 'connection'
  | 'messages'
  | 'attendance'
  | 'review'
  | 'employees'
  | 'export'
  | 'backups'
  | 'timesheet'
  | 'dashboard'
  | 'calendar'
  | 'audit';

export interface Dictionary {
  appTitle: string;
  /** Alerts, backups, the demo, working hours and start at login (office-en.ts, office-fa.ts). */
  office: OfficeDictionary;
  /** The timesheet and the dashboard (timesheet-en.ts, timesheet-fa.ts). */
  timesheet: TimesheetDictionary;
  /** The date picker, shifts, holidays, leave, corrections and the audit log (admin-en.ts, admin-fa.ts). */
  admin: AdminDictionary;
  nav: Record<ViewName, string> & { label: string };
  switchLanguage: { label: string; text: string };
  common: {
    loading: string;
    retry: string;
    close: string;
    loadMore: string;
    unknownEmployee: string;
    none: string;
    failed: (what: string) => string;
  };
  connection: {
    heading: string;
    stateLabel: string;
    disconnected: string;
    disconnectedHint: string;
    connecting: (attempt: string) => string;
    connectingFirst: string;
    bound: string;
    boundSince: (time: string) => string;
    retrying: (seconds: string) => string;
    retryingNow: string;
    retryingReason: (reason: string, attempt: string) => string;
    refused: (status: string) => string;
    refusedHint: (hint: string) => string;
    connect: string;
    disconnect: string;
    connectFailed: (message: string) => string;
    /** Connect found fields on the form that are wrong or missing; they are marked. */
    fixFormFirst: string;
    statusHints: Record<
      | 'ESME_RINVPASWD'
      | 'ESME_RINVSYSID'
      | 'ESME_RBINDFAIL'
      | 'ESME_RALYBND'
      | 'ESME_RINVSYSTYP'
      | 'ESME_RSYSERR'
      | 'ESME_RTHROTTLED'
      | 'ESME_RINVBNDSTS',
      string
    >;
    statusHintUnknown: (code: string) => string;
  };
  settings: {
    heading: string;
    fields: Record<SettingsField, string>;
    hints: {
      port: string;
      ignoreNumbers: string;
      repeatWindowMinutes: string;
      ackRatePerMinute: string;
      lateToleranceMinutes: string;
      futureToleranceMinutes: string;
      defaultCountry: string;
      ackUnknownSenders: string;
      secretSaved: string;
      secretMissing: string;
      /** Under the password: a new host, port or system ID clears the saved password. */
      passwordGatewayBound: string;
    };
    saved: string;
    secretPlaceholderSaved: string;
    languageOptions: { auto: string; en: string; fa: string };
    /** Limits arrive formatted from the one home of the settings' limits (settings-defaults.ts). */
    invalid: {
      host: string;
      port: (min: string, max: string) => string;
      systemId: (max: string) => string;
      password: (max: string) => string;
      key: (bytes: string) => string;
      ignoreNumbers: (max: string) => string;
      repeatWindowMinutes: (min: string, max: string) => string;
      ackRatePerMinute: (min: string, max: string) => string;
      lateToleranceMinutes: (min: string, max: string) => string;
      futureToleranceMinutes: (min: string, max: string) => string;
      defaultCountry: string;
      language: string;
      ackUnknownSenders: string;
      publicKeyAcknowledged: string;
    };
    fixErrors: string;
    /** Under the key field when Connect finds no key typed and none saved. */
    neededToConnect: string;
    save: string;
    saving: string;
    savedNote: string;
    publicKeyWarning: string;
    /** Shown with the acknowledgement checkbox when the key typed (or kept) is the phone app's public one. */
    publicKeyTyped: string;
    storageWeak: string;
    storageMemory: string;
  };
  messages: {
    heading: string;
    listLabel: string;
    outcomeFilter: string;
    allOutcomes: string;
    columns: { time: string; number: string; employee: string; text: string; outcome: string; ack: string };
    outcome: Record<MessageOutcome, string>;
    ack: Record<AckState, string> & { none: string };
    empty: string;
    emptyFiltered: string;
    undecrypted: string;
    newRows: (count: string) => string;
    showNewest: string;
    newerHidden: string;
    endOfLog: string;
    shownCount: (shown: string, total: string) => string;
    details: {
      heading: string;
      pickOne: string;
      received: string;
      from: string;
      to: string;
      dataCoding: string;
      reason: string;
      rawBytes: string;
      envelope: string;
      plaintext: string;
      ackText: string;
      ackState: string;
      ackError: string;
      smscMessageId: string;
      gone: string;
    };
  };
  attendance: {
    heading: string;
    search: string;
    searchHint: string;
    inNow: string;
    inNowEmpty: string;
    inNowEmptySearch: string;
    since: string;
    day: string;
    dayLabel: string;
    dayEmpty: string;
    columns: {
      name: string;
      phone: string;
      department: string;
      firstArrival: string;
      lastExit: string;
      hours: string;
      events: string;
      time: string;
      status: string;
      reported: string;
    };
    stillIn: string;
    status: Record<AttendanceStatus, string>;
    history: string;
    historyOf: (name: string) => string;
    showHistory: (name: string) => string;
    historyEmpty: string;
    historyPick: string;
    unparsedTime: string;
    matching: string;
    matchingEmpty: string;
    today: string;
    /** "counted at 08:00 (reported 11:00)" under a punch whose counted time is not what the phone said. */
    countedAt: (time: string) => string;
    corrected: string;
    voided: string;
  };
  /** Punch flags (core/model.ts PUNCH_FLAGS): a short chip text and a sentence for its tooltip. */
  flags: { label: string; chip: Record<PunchFlag, string>; explain: Record<PunchFlag, string> };
  review: {
    heading: string;
    intro: string;
    pending: string;
    decided: string;
    pendingEmpty: string;
    decidedEmpty: string;
    reported: string;
    received: string;
    counted: string;
    noReported: string;
    why: string;
    whyPlaceholder: string;
    whyMissing: string;
    decision: Record<ReviewDecision, string>;
    decisionDone: Record<ReviewDecision, string>;
    decidedBy: (who: string, when: string) => string;
    saved: string;
  };
  employees: {
    heading: string;
    formAdd: string;
    formEdit: (name: string) => string;
    phone: string;
    name: string;
    department: string;
    add: string;
    saveChanges: string;
    stopEditing: string;
    added: (name: string) => string;
    updated: (name: string) => string;
    invalid: { phone: string; name: string; department: string };
    list: string;
    filter: string;
    showInactive: string;
    empty: string;
    emptyFiltered: string;
    active: string;
    inactive: string;
    ownKey: string;
    /** The own-key panel (one employee's key: generate, type, remove). */
    keys: {
      open: (name: string) => string;
      openText: string;
      heading: (name: string) => string;
      intro: string;
      none: string;
      isSet: string;
      generate: string;
      replace: string;
      typeLabel: string;
      typeHint: (bytes: string) => string;
      typeInvalid: (bytes: string) => string;
      saveTyped: string;
      remove: string;
      removeConfirm: (name: string) => string;
      removeYes: string;
      cancel: string;
      newKey: string;
      keyShape: (bytes: string) => string;
      shownOnce: string;
      qrAlt: (name: string) => string;
      done: string;
      saved: string;
      removed: string;
      close: string;
    };
    edit: (name: string) => string;
    deactivate: (name: string) => string;
    reactivate: (name: string) => string;
    editText: string;
    deactivateText: string;
    reactivateText: string;
    columns: { name: string; phone: string; department: string; status: string; actions: string };
    import: string;
    importHeading: string;
    importHint: string;
    importing: string;
    importResult: (added: string, updated: string) => string;
    importErrors: (count: string) => string;
    importLine: (line: string, message: string) => string;
    unknown: string;
    unknownHint: string;
    unknownEmpty: string;
    unknownRow: (messages: string, last: string) => string;
    addUnknown: (phone: string) => string;
    addUnknownText: string;
  };
  export: {
    heading: string;
    intro: string;
    from: string;
    to: string;
    rangeHint: string;
    jalali: (date: string) => string;
    export: string;
    cancel: string;
    running: string;
    progress: (rows: string, total: string) => string;
    progressLabel: string;
    saved: (path: string, rows: string) => string;
    downloaded: (fileName: string, rows: string) => string;
    cancelled: string;
    badRange: string;
  };
  status: {
    /** The ack outbox: how many wait, and when the last goes at the current pace. */
    ackQueue: (count: string, until: string) => string;
    ackQueueNow: (count: string) => string;
    ackQueueLabel: string;
    label: string;
    problems: string;
    problemKind: Record<'storage' | 'gateway' | 'settings', string>;
  };
  errors: {
    generic: string;
    timeout: (what: string) => string;
  };
  units: { hoursMinutes: (hours: string, minutes: string) => string; minutes: (minutes: string) => string };
  /** Between the items of a list written out in a sentence. */
  listSeparator: string;
  /** Every reason and problem the core reports, by its code (see problem-text.ts). */
  reasons: ReasonTexts;
}
