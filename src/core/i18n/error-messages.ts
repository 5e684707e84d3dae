// Which catalog message tells the user about each DomainError code (see errors.ts): the one table
// describeError (view-builders/notice.ts) reads. A test scans src/ for every code thrown and fails when
// one has no message here, or its message is missing from a catalog.
import type { MessageKey } from './en.js';

export const ERROR_MESSAGES: Readonly<Record<string, MessageKey>> = {
  'CHECKIN.PERIOD_CLOSED': 'checkin.closed',
  'CHECKIN.PERIOD_NOT_OPEN': 'checkin.notOpen',
  'CHECKIN.NO_KPIS': 'checkin.noKpis',
  'AUTH.NOT_MANAGER': 'auth.notManager',
  'AUTH.NOT_IN_TEAM': 'auth.notInTeam',
  'AUTH.NOT_ALLOWED': 'auth.notAllowed',
  'AUTH.NOT_A_MEMBER': 'error.notAMember',
  'REPORT.UNKNOWN_TEAM': 'error.unknownTeam',
  'REPORT.BAD_DATE': 'error.badDate',
  'RUN.UNKNOWN_TEAM': 'error.unknownTeam',
  'PERIOD.MALFORMED': 'error.badPeriod',
  'PERIOD.OUT_OF_RANGE': 'error.badPeriod',
  'PERIOD.FISCAL_MISMATCH': 'error.badPeriod',
  'COMMAND.UNKNOWN': 'command.unknown',
  'COMMAND.BAD_DATE': 'command.badDate',
  'COMMAND.MISSING_DATES': 'command.missingDates',
  'COMMAND.BAD_RANGE': 'ooo.badRange',
  'COMMAND.UNKNOWN_RITUAL': 'command.unknownRitual',
  'BREACH.NOT_FOUND': 'breach.notFound',
  'BREACH.CLEARED': 'breach.cleared',
  'QBR.UNKNOWN_OBJECTIVE': 'qbr.unknownObjective',
  'FORM.BAD_METADATA': 'error.badForm',
  'CHART.NO_OBJECTIVE': 'chart.error.noObjective',
  'CHART.UNKNOWN_OBJECTIVE': 'chart.error.unknownObjective',
  'CHART.UNKNOWN_KPI': 'chart.error.unknownKpi',
  'CHART.TREND_NEEDS_MEMBER': 'chart.error.trendNeedsMember',
  'CHART.UNKNOWN_MEMBER': 'chart.error.unknownMember',
};
