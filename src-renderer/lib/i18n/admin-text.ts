/**
 * Strings of the office manager's screens for the timesheet's inputs: the date picker, shifts,
 * holidays, leave, corrections of punches and the audit log. Kept in their own part of the
 * dictionary (like office-text.ts). Values arrive formatted for the language.
 */
export interface DatePickerDictionary {
  /** The button that opens the month grid. */
  open: string;
  dialog: string;
  previousMonth: string;
  nextMonth: string;
  today: string;
  clear: string;
  /** What the text box expects, in the UI's calendar. */
  placeholder: string;
  invalid: string;
  /** The UI's calendar: Jalali month names in Persian, Gregorian in English. */
  months: readonly string[];
  /** By Date#getDay: 0 Sunday … 6 Saturday. */
  weekdays: readonly string[];
  weekdaysShort: readonly string[];
  monthTitle: (month: string, year: string) => string;
}

export interface AdminDictionary {
  datePicker: DatePickerDictionary;
  /** The employee form's employment dates. */
  employment: { start: string; end: string; hint: string; badRange: string };
  operator: {
    recordedAs: (name: string) => string;
    ask: string;
    askHint: string;
    name: string;
    use: string;
    change: string;
  };
  calendar: {
    heading: string;
    intro: string;
    shifts: string;
    shiftsIntro: string;
    defaultShift: string;
    makeDefault: string;
    edit: string;
    remove: string;
    newShift: string;
    editShift: (name: string) => string;
    addShift: string;
    saveShift: string;
    cancel: string;
    shiftSaved: (name: string) => string;
    name: string;
    weekday: string;
    workday: string;
    start: string;
    end: string;
    hours: (start: string, end: string) => string;
    off: string;
    lateGrace: string;
    earlyGrace: string;
    unpaidBreak: string;
    breakFrom: string;
    breakTo: string;
    earlyWorkIsOvertime: string;
    overtimeMinimum: string;
    overtimeCap: string;
    overtimeCapHint: string;
    graces: (late: string, early: string) => string;
    badTime: string;
    badShift: string;
    assignments: string;
    assignmentsIntro: string;
    assignmentsEmpty: string;
    shift: string;
    target: string;
    toEmployee: string;
    toDepartment: string;
    employee: string;
    department: string;
    fromDate: string;
    assign: string;
    assignedFrom: (target: string, shift: string, from: string) => string;
    holidays: string;
    holidaysIntro: string;
    year: string;
    previousYear: string;
    nextYear: string;
    holidaysEmpty: string;
    builtIn: string;
    holidayDate: string;
    holidayName: string;
    addHoliday: string;
    importHolidays: string;
    importHint: string;
    importButton: string;
    imported: (count: string) => string;
    /** Iran's fixed holidays by their Jalali month and day (`1-1` … `12-29`): the built-in names. */
    builtInNames: Record<string, string>;
    leave: string;
    leaveIntro: string;
    leaveEmpty: string;
    leaveFrom: string;
    leaveTo: string;
    date: string;
    kind: string;
    kinds: Record<'paid' | 'unpaid' | 'sick' | 'mission', string>;
    wholeDay: string;
    hourly: string;
    note: string;
    addLeave: string;
    leaveHours: (from: string, to: string) => string;
    pickEmployee: string;
  };
  audit: {
    heading: string;
    intro: string;
    entity: string;
    allEntities: string;
    entities: Record<
      'employee' | 'key' | 'shift' | 'assignment' | 'holiday' | 'leave' | 'settings' | 'punch' | 'period',
      string
    >;
    /** The log's action codes in words (an unknown code shows as it is). */
    actions: Record<string, string>;
    search: string;
    searchHint: string;
    empty: string;
    when: string;
    who: string;
    what: string;
    subject: string;
    why: string;
    before: string;
    after: string;
    details: string;
    export: string;
    exported: (file: string, rows: string) => string;
    count: (n: string) => string;
  };
  correction: {
    correct: string;
    correctLabel: (when: string) => string;
    addMissing: string;
    heading: string;
    addHeading: string;
    kind: string;
    changeTime: string;
    void: string;
    status: string;
    date: string;
    time: string;
    why: string;
    whyPlaceholder: string;
    whyMissing: string;
    save: string;
    cancel: string;
    saved: string;
    original: string;
    originalWas: (status: string, time: string) => string;
    correctedBy: (who: string, when: string) => string;
    history: string;
    historyEmpty: string;
    /** The person's punches added by hand or imported. */
    added: string;
    addedHeading: string;
    /** What the dialog shows of an added punch: how it was added. */
    addedWas: (status: string, time: string, source: string) => string;
    addedBy: (who: string, when: string) => string;
    source: { manual: string; import: string };
  };
}
