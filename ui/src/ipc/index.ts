// The one module UI code imports to reach Rust. It wraps the generated `commands` of ./bindings.ts (tauri-specta,
// regenerated from the Rust types; never edited by hand) so that callers get plain values and one error type:
// a command either resolves with its data or rejects with an `IpcCallError` carrying a stable `code` and the
// Chinese `message` from Rust. Failures that never reached a command (no Tauri backend, an unknown command,
// badly typed arguments) reject with code "internal" and the raw reason as the message.
import { commands, events } from "./bindings";
import type {
  Board,
  Evaluation,
  ChartTableInput,
  Acted,
  DocumentsWritten,
  ReportFormat,
  UnitRanking,
  ExportedView,
  InboxJobStatus,
  ReceiptRow,
  ResolutionInput,
  SyncFolderKind,
  SyncOverview,
  CardPreview,
  PrintJobStarted,
  PrintJobStatus,
  PrintRequest,
  QrKind,
  QrSettingsView,
  QrVerdictView,
  QrView,
  QueueCounts,
  AttachmentView,
  ActivityInput,
  ActivityView,
  Announcement,
  Coverage,
  DutyFile,
  LeaderVisitInput,
  LeaderVisitView,
  RotaEntry,
  RotaInput,
  RotaSpanInput,
  CalendarYearView,
  CategoryRule,
  DeadlinePreview,
  DeputyInput,
  DeputyListFilter,
  DeputyPage,
  DeputyView,
  ErrorCode,
  ExportSummary,
  FieldIssue,
  FirstRunInput,
  FirstRunOutcome,
  FirstRunStatus,
  Event,
  ImportProgress,
  ImportReport,
  InstallationInfo,
  InstallationSetup,
  IpcError,
  LedgerKind,
  LimitRule,
  MatterFilter,
  MatterSummary,
  MatterView,
  MergeOutcome,
  SimilarFilter,
  SimilarGroup,
  NewOperator,
  OperatorView,
  PlatformInput,
  PlatformListFilter,
  PlatformView,
  PrivateData,
  Region,
  RegisteredVisit,
  Role,
  RosterKind,
  RosterStats,
  RulesView,
  RungRule,
  Saved,
  SearchFilterInput,
  SearchHit,
  SessionView,
  SignOutReason,
  UnitView,
  VisitInput,
  YearSummary,
} from "./bindings";

export type {
  Board,
  Chart,
  ChartTableInput,
  Headline,
  Ratio,
  Series,
  Slice,
  RatePoint,
  OverdueByUnit,
  Acted,
  ConflictRow,
  ExportedView,
  GapRow,
  InboxFileRow,
  InboxJobState,
  InboxJobStatus,
  InboxReportView,
  PeerRow,
  ReceiptRow,
  ResolutionInput,
  SyncFolderKind,
  SyncFolders,
  SyncOverview,
  CardPreview,
  PrintJobStarted,
  PrintJobState,
  PrintJobStatus,
  PrintRequest,
  QrKind,
  QrSettingsView,
  QrVerdictView,
  QrView,
  QueueCounts,
  QueueKey,
  AttachmentView,
  ActivityInput,
  ActivityKind,
  ActivityStatus,
  ActivityView,
  Announcement,
  AttendanceInput,
  AttendanceStatus,
  AttendanceView,
  Coverage,
  DutyFile,
  DutyTotals,
  FileActivity,
  FileMatter,
  FileVisit,
  LeaderVisitInput,
  LeaderVisitView,
  RotaEntry,
  RotaInput,
  RotaSpanInput,
  Session,
  StationBrief,
  AllowedAct,
  CalendarDay,
  CalendarYearView,
  CategoryRule,
  DeadlinePreview,
  LedgerKind,
  DocumentsWritten,
  ReportFormat,
  Evaluation,
  Reevaluation,
  FlaggedChange,
  RankedUnit,
  UnitRanking,
  LimitRule,
  PreviewStep,
  Route,
  RulesView,
  RungRule,
  YearSummary,
  CitizenInput,
  CitizenView,
  Deadlines,
  EscalationTime,
  Event,
  MatterFilter,
  MatterInput,
  MatterSummary,
  MatterView,
  LeadOfMerged,
  MergedMatter,
  MergeOutcome,
  RegisteredVisit,
  SimilarFilter,
  SimilarGroup,
  SimilarMatter,
  Signals,
  State,
  TimelineEntry,
  UnitView,
  VisitInput,
  Count,
  DeputyInput,
  DeputyListFilter,
  DeputyPage,
  DeputyRow,
  ExportSummary,
  FieldIssue,
  Gender,
  ImportProgress,
  ImportReport,
  NewOperator,
  OperatorView,
  PlatformInput,
  PlatformKind,
  PlatformListFilter,
  PlatformView,
  PrivateData,
  Region,
  RegionKind,
  RosterKind,
  RowError,
  Saved,
  SaveOutcome,
  SheetReport,
  StarLevel,
  StarRating,
  StatusFilter,
  CountyRow,
  DeputyView,
  DocKind,
  ErrorCode,
  FirstRunInput,
  FirstRunOutcome,
  FirstRunStatus,
  InstallationInfo,
  InstallationSetup,
  IpcError,
  Level,
  LevelTerm,
  Mode,
  RosterStats,
  SearchFilterInput,
  SearchHit,
  SessionView,
  SignOutReason,
  Role,
} from "./bindings";

/**
 * A failed IPC call. `code` is stable (switch on it); `message` is Chinese text from Rust, for the UI; `fields`
 * names the form fields that failed validation (only for code "invalid"; empty otherwise).
 */
export class IpcCallError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldIssue[];

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; fields?: FieldIssue[] }) {
    super(message, options);
    this.name = "IpcCallError";
    this.code = code;
    this.fields = options?.fields ?? [];
  }
}

function isIpcError(value: unknown): value is IpcError {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as IpcError).code === "string" &&
    typeof (value as IpcError).message === "string"
  );
}

function toCallError(error: unknown): IpcCallError {
  if (error instanceof IpcCallError) return error;
  if (isIpcError(error)) {
    return new IpcCallError(error.code, error.message, { fields: Array.isArray(error.fields) ? error.fields : [] });
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new IpcCallError("internal", reason, { cause: error });
}

type Outcome<T> = { status: "ok"; data: T } | { status: "error"; error: unknown };

/** Resolves with the data of a generated command or rejects with an `IpcCallError`. */
async function unwrap<T>(call: () => Promise<Outcome<T>>): Promise<T> {
  let outcome: Outcome<T>;
  try {
    outcome = await call();
  } catch (error) {
    throw toCallError(error);
  }
  if (outcome.status === "error") throw toCallError(outcome.error);
  return outcome.data;
}

/** The search filter with nothing filtered (the core's defaults). */
export const NO_FILTER: Readonly<SearchFilterInput> = Object.freeze({
  kinds: [],
  level: null,
  region_id: null,
  station_id: null,
  leading_cadre: false,
  entrepreneur: false,
  include_inactive: false,
  limit: null,
});

/** This installation: database, node id, schema version, and the setup (`null` before the first run). */
export function appInfo(): Promise<InstallationInfo> {
  return unwrap(() => commands.appInfo());
}

/** The store's clock (RFC 3339): the time Rust counts deadlines from, and the default of dates in forms. */
export function clockNow(): Promise<string> {
  return unwrap(() => commands.clockNow());
}

/** The roster's numbers. */
export function rosterStats(): Promise<RosterStats> {
  return unwrap(() => commands.rosterStats());
}

/** Search-as-you-type over deputies and platforms; unset filter fields take their defaults. */
export function searchRoster(text: string, filter: Partial<SearchFilterInput> = {}): Promise<SearchHit[]> {
  return unwrap(() => commands.searchRoster(text, { ...NO_FILTER, ...filter }));
}

/** One deputy by number, private phone and ID number masked; rejects with code "not_found" when unknown. */
export function deputyDetail(code: string): Promise<DeputyView> {
  return unwrap(() => commands.deputyDetail(code));
}

/** Whether a setup was saved and whether any operator exists (none: the first run is still to do). */
export function firstRunStatus(): Promise<FirstRunStatus> {
  return unwrap(() => commands.firstRunStatus());
}

/** The first run: the first administrator, the setup, optionally the demo city; signs the administrator in. */
export function completeFirstRun(input: FirstRunInput): Promise<FirstRunOutcome> {
  return unwrap(() => commands.completeFirstRun(input));
}

/** Signs an operator in; rejects with the Chinese reason (用户名或密码错误, or the lock message). */
export function signIn(login: string, password: string): Promise<SessionView> {
  return unwrap(() => commands.signIn(login, password));
}

/** Ends the session on the Rust side (by the operator, or by the idle lock). */
export async function signOut(reason: SignOutReason): Promise<void> {
  await unwrap(() => commands.signOut(reason));
}

/** The signed-in operator, or null. */
export function currentSession(): Promise<SessionView | null> {
  return unwrap(() => commands.currentSession());
}

/** The deputies list: one page of rows matching `filter` (by number; by search rank when `filter.text` is set). */
export function deputyPage(filter: DeputyListFilter, offset: number, limit: number): Promise<DeputyPage> {
  return unwrap(() => commands.deputyPage(filter, offset, limit));
}

/** Creates (empty `code`) or updates a deputy; rejects with code "invalid" and `fields` on bad input. */
export function saveDeputy(input: DeputyInput): Promise<Saved> {
  return unwrap(() => commands.saveDeputy(input));
}

/** A deputy's private phone and ID number, unmasked; only for roles that may see them, and recorded. */
export function revealDeputyPrivate(code: string, reason: string): Promise<PrivateData> {
  return unwrap(() => commands.revealDeputyPrivate(code, reason));
}

/** The platforms matching `filter`, by code. */
export function platformList(filter: PlatformListFilter): Promise<PlatformView[]> {
  return unwrap(() => commands.platformList(filter));
}

/** One platform by code; rejects with code "not_found" when unknown. */
export function platformDetail(code: string): Promise<PlatformView> {
  return unwrap(() => commands.platformDetail(code));
}

/** Creates or updates the platform with `input.code`; rejects with code "invalid" and `fields` on bad input. */
export function savePlatform(input: PlatformInput): Promise<Saved> {
  return unwrap(() => commands.savePlatform(input));
}

/** Every region (city, counties, townships), for filters and forms. */
export function regionList(): Promise<Region[]> {
  return unwrap(() => commands.regionList());
}

/** Asks for a roster workbook with the system's open dialog; null when the clerk cancels. */
export function chooseImportFile(): Promise<string | null> {
  return unwrap(() => commands.chooseImportFile());
}

/** Asks where to save a roster workbook with the system's save dialog; null when the clerk cancels. */
export function chooseExportFile(kind: RosterKind): Promise<string | null> {
  return unwrap(() => commands.chooseExportFile(kind));
}

/** What importing the workbook at `path` would do; nothing is written. */
export function importPreview(path: string): Promise<ImportReport> {
  return unwrap(() => commands.importPreview(path));
}

/** Imports the workbook at `path` in one transaction; rejects with code "cancelled" after `cancelImport`. */
export function importCommit(path: string): Promise<ImportReport> {
  return unwrap(() => commands.importCommit(path));
}

/** Stops the running import; it then rejects with code "cancelled" and writes nothing. */
export async function cancelImport(): Promise<void> {
  await unwrap(() => commands.cancelImport());
}

/** Calls `listener` with the running import's progress; resolves with the function that stops listening. */
export function onImportProgress(listener: (progress: ImportProgress) => void): Promise<() => void> {
  return events.importProgress.listen((event) => listener(event.payload));
}

/** Writes the roster (deputies or platforms) to an XLSX file; personal data masked. */
export function exportRoster(kind: RosterKind, path: string): Promise<ExportSummary> {
  return unwrap(() => commands.exportRoster(kind, path));
}

/** Writes the empty import template (headers and an example row) to an XLSX file. */
export function importTemplate(kind: RosterKind, path: string): Promise<ExportSummary> {
  return unwrap(() => commands.importTemplate(kind, path));
}

/** Changes the installation setup (administrators only); resolves with the setup as saved. */
export function saveSetup(setup: InstallationSetup): Promise<InstallationSetup> {
  return unwrap(() => commands.saveSetup(setup));
}

/** Every operator (administrators only). */
export function listOperators(): Promise<OperatorView[]> {
  return unwrap(() => commands.listOperators());
}

/** Adds an operator (administrators only). */
export function createOperator(input: NewOperator): Promise<OperatorView> {
  return unwrap(() => commands.createOperator(input));
}

/** Gives an operator another role (administrators only). */
export async function setOperatorRole(login: string, role: Role): Promise<void> {
  await unwrap(() => commands.setOperatorRole(login, role));
}

/** Deactivates or reactivates an operator (administrators only). */
export async function setOperatorActive(login: string, active: boolean): Promise<void> {
  await unwrap(() => commands.setOperatorActive(login, active));
}

/** Sets another operator's password (administrators only). */
export async function resetOperatorPassword(login: string, password: string): Promise<void> {
  await unwrap(() => commands.resetOperatorPassword(login, password));
}

/** Changes the signed-in operator's own password. */
export async function changeOwnPassword(current: string, next: string): Promise<void> {
  await unwrap(() => commands.changeOwnPassword(current, next));
}

/** Registers a visit and its matters; rejects with code "invalid" and `fields` (e.g. `matters[1].first_responder`). */
export function registerVisit(input: VisitInput): Promise<RegisteredVisit> {
  return unwrap(() => commands.registerVisit(input));
}

/** The matters matching `filter`, with state and the current step's deadline (as of the app's clock). */
export function matterList(filter: MatterFilter): Promise<MatterSummary[]> {
  return unwrap(() => commands.matterList(filter));
}

/** One matter in full by id or code: timeline, deadlines, escalations, signals, the acts allowed next. */
export function matterDetail(matter: string): Promise<MatterView> {
  return unwrap(() => commands.matterDetail(matter));
}

/** Records an act on a matter; an act its state does not allow rejects with the Chinese reason. */
export function matterAct(matter: string, event: Event): Promise<Acted> {
  return unwrap(() => commands.matterAct(matter, event));
}

/** 汇总梳理: groups of similar matters not yet assigned, across stations, each with the reason it is a group. */
export function matterSimilar(filter: SimilarFilter): Promise<SimilarGroup[]> {
  return unwrap(() => commands.matterSimilar(filter));
}

/** 并案: merges `others` into the lead matter, all or none; a refusal carries Rust's Chinese reason. */
export function matterMerge(lead: string, others: string[]): Promise<MergeOutcome> {
  return unwrap(() => commands.matterMerge(lead, others));
}

/** The 工作台 counts of one station's matters (null: every station's), counted by Rust with its clock. */
export function matterQueues(stationCode: string | null): Promise<QueueCounts> {
  return unwrap(() => commands.matterQueues(stationCode));
}

/** The handling units (承办单位). */
export function handlingUnits(): Promise<UnitView[]> {
  return unwrap(() => commands.handlingUnits());
}

/** A deputy's or platform's QR code: its text and module matrix (drawn by the window). */
export function qrCode(kind: QrKind, code: string): Promise<QrView> {
  return unwrap(() => commands.qrCode(kind, code));
}

/** Prints a deputy's card to a PDF where the clerk chooses (Rust's save dialog); the path, or null when cancelled. */
export function printDeputyCard(code: string, back: boolean): Promise<string | null> {
  return unwrap(() => commands.printDeputyCard(code, back));
}

/** Prints a platform's A4 poster to a PDF where the clerk chooses; the path, or null when cancelled. */
export function printPlatformPoster(code: string): Promise<string | null> {
  return unwrap(() => commands.printPlatformPoster(code));
}

/** A deputy's card as the PDF prints it (Rust's wording of the level lines) and its code, for the preview. */
export function cardPreview(code: string): Promise<CardPreview> {
  return unwrap(() => commands.cardPreview(code));
}

/** Starts a background print job (A4 card sheets, a code-image zip or posters) for what the filter selects, after
 *  the save dialog; null when the dialog is cancelled. */
export function startPrintJob(request: PrintRequest): Promise<PrintJobStarted | null> {
  return unwrap(() => commands.startPrintJob(request));
}

/** How a print job is doing (poll it for the progress bar). */
export function printJobStatus(id: number): Promise<PrintJobStatus> {
  return unwrap(() => commands.printJobStatus(id));
}

/** Asks a print job to stop; it writes nothing. */
export function cancelPrintJob(id: number): Promise<null> {
  return unwrap(() => commands.cancelPrintJob(id));
}

/** Opens a finished job's file with the system's viewer. */
export function openPrintJobFile(id: number): Promise<null> {
  return unwrap(() => commands.openPrintJobFile(id));
}

/** The QR settings (templates, the office's public key, whether this installation signs). */
export function qrSettingsView(): Promise<QrSettingsView> {
  return unwrap(() => commands.qrSettingsView());
}

/** Saves the URL templates (administrators only). */
export function qrSetTemplates(deputy: string, station: string): Promise<QrSettingsView> {
  return unwrap(() => commands.qrSetTemplates(deputy, station));
}

/** Records the office's public key (administrators only). */
export function qrSetPublicKey(key: string): Promise<QrSettingsView> {
  return unwrap(() => commands.qrSetPublicKey(key));
}

/** Makes the office's signing key (an office installation's administrator, once). */
export function qrGenerateOfficeKey(): Promise<QrSettingsView> {
  return unwrap(() => commands.qrGenerateOfficeKey());
}

/** Lets an administrator pick the font file printing uses first (checked for Chinese glyphs); null when cancelled. */
export function choosePrintFont(): Promise<QrSettingsView | null> {
  return unwrap(() => commands.choosePrintFont());
}

/** Goes back to the system's fonts for printing. */
export function clearPrintFont(): Promise<QrSettingsView> {
  return unwrap(() => commands.clearPrintFont());
}

/** The font families printing would use now, main font first. */
export function printFontFamilies(): Promise<string[]> {
  return unwrap(() => commands.printFontFamilies());
}

/** Checks a scanned text offline: genuine, forged, unsigned or not ours. */
export function qrVerify(text: string): Promise<QrVerdictView> {
  return unwrap(() => commands.qrVerify(text));
}

/** A matter's attachments (附件), oldest first. */
export function matterAttachments(matter: string): Promise<AttachmentView[]> {
  return unwrap(() => commands.matterAttachments(matter));
}

/** The system's open dialog for a file to attach; null when cancelled. */
export function chooseAttachmentFile(): Promise<string | null> {
  return unwrap(() => commands.chooseAttachmentFile());
}

/** Attaches the file at `path` (Rust checks its size and type from its content). */
export function attachFile(matter: string, path: string): Promise<AttachmentView> {
  return unwrap(() => commands.attachFile(matter, path));
}

/** Saves a copy of an attachment where the clerk chooses; the path, or null when cancelled. */
export function saveAttachment(id: string): Promise<string | null> {
  return unwrap(() => commands.saveAttachment(id));
}

/** Removes an attachment from its matter. */
export async function removeAttachment(id: string): Promise<void> {
  await unwrap(() => commands.removeAttachment(id));
}

/** The workflow rules in force: time limits (defaults `*` first), the escalation ladder, the categories. */
export function rulesView(): Promise<RulesView> {
  return unwrap(() => commands.rulesView());
}

/** Sets one time limit (the default `*` or a category's override); office staff and administrators only. */
export async function setTimeLimit(rule: LimitRule): Promise<void> {
  await unwrap(() => commands.setTimeLimit(rule));
}

/** Removes a category's override of one step (the default applies again). */
export async function clearTimeLimit(category: string, step: string): Promise<void> {
  await unwrap(() => commands.clearTimeLimit(category, step));
}

/** Replaces the escalation ladder as a whole. */
export async function setEscalationLadder(ladder: RungRule[]): Promise<void> {
  await unwrap(() => commands.setEscalationLadder(ladder));
}

/** Replaces the category list (order and suggested routes) as a whole. */
export async function setCategories(categories: CategoryRule[]): Promise<void> {
  await unwrap(() => commands.setCategories(categories));
}

/** The route a category suggests and the deadlines a matter registered today would get. */
export function deadlinePreview(category: string): Promise<DeadlinePreview> {
  return unwrap(() => commands.deadlinePreview(category));
}

/** One year of the holiday calendar (`null`: this year by the store's clock). */
export function calendarYear(year: number | null): Promise<CalendarYearView> {
  return unwrap(() => commands.calendarYear(year));
}

/** Sets one day: holiday (`off: true`), make-up working day (`off: false`), or back to the weekday rule (`null`). */
export async function calendarSetDay(date: string, off: boolean | null, name: string): Promise<void> {
  await unwrap(() => commands.calendarSetDay(date, off, name));
}

/** Asks for a year's calendar file with the system's open dialog; null when the clerk cancels. */
export function chooseCalendarFile(): Promise<string | null> {
  return unwrap(() => commands.chooseCalendarFile());
}

/** Imports a year's calendar file, replacing that year. */
export function calendarImport(path: string): Promise<YearSummary> {
  return unwrap(() => commands.calendarImport(path));
}

/** Asks where to save a ledger (`period`: `2026`, `2026-Q3`, `2026-07`); null when the clerk cancels. */
export function chooseLedgerFile(kind: LedgerKind, period: string): Promise<string | null> {
  return unwrap(() => commands.chooseLedgerFile(kind, period));
}

/**
 * Writes a ledger (one station, or every station with `null`) for `period` to the XLSX file at `path`. Citizens'
 * names and phones are masked unless a `revealReason` is given (roles that may see personal data; audited).
 */
export function exportLedger(
  kind: LedgerKind,
  stationCode: string | null,
  period: string,
  path: string,
  revealReason: string | null = null,
): Promise<ExportSummary> {
  return unwrap(() => commands.exportLedger(kind, stationCode, period, path, revealReason));
}

/** Records the ranking of `period` and its bottom three's re-evaluation (refused to clerks). */
export function recordUnitRanking(period: string): Promise<Evaluation> {
  return unwrap(() => commands.recordUnitRanking(period));
}

/** Every recorded ranking with its re-evaluation schedule and each flagged unit's change. */
export function unitEvaluations(): Promise<Evaluation[]> {
  return unwrap(() => commands.unitEvaluations());
}

/** Writes the 交办单 of a handling unit (code or name) where the save dialog says; null when cancelled. */
export function printDispatchSheet(unit: string): Promise<DocumentsWritten | null> {
  return unwrap(() => commands.printDispatchSheet(unit));
}

/** Writes the 催办/督办 notices, one PDF per unit holding overdue matters, into a chosen folder; null when cancelled. */
export function writeSupervisionNotices(): Promise<DocumentsWritten | null> {
  return unwrap(() => commands.writeSupervisionNotices());
}

/** Writes the period's report (PDF or XLSX) where the save dialog says; null when cancelled. */
export function exportReport(period: string, format: ReportFormat): Promise<DocumentsWritten | null> {
  return unwrap(() => commands.exportReport(period, format));
}

/** The ranking of handling units for `period` (`2026`, `2026-Q3`, `2026-07`), as of the store's clock. */
export function unitRanking(period: string): Promise<UnitRanking> {
  return unwrap(() => commands.unitRanking(period));
}

/** Asks where to save the ranking sheet of `period`; null when cancelled. */
export function chooseRankingFile(period: string): Promise<string | null> {
  return unwrap(() => commands.chooseRankingFile(period));
}

/** Writes the ranking of `period` to the XLSX file at `path`. */
export function exportUnitRanking(period: string, path: string): Promise<ExportSummary> {
  return unwrap(() => commands.exportUnitRanking(period, path));
}

/** The deputies on duty today (the store's clock) at one station, or at every station with `null`. */
export function dutyToday(stationCode: string | null): Promise<RotaEntry[]> {
  return unwrap(() => commands.dutyToday(stationCode));
}

/** The rota of one station (or every station with `null`) from `from` to `to` (`YYYY-MM-DD`, both included). */
export function rotaList(stationCode: string | null, from: string, to: string): Promise<RotaEntry[]> {
  return unwrap(() => commands.rotaList(stationCode, from, to));
}

/** Puts deputies on the rota for one session of one day; resolves with the slots as saved. */
export function rotaAdd(input: RotaInput): Promise<RotaEntry[]> {
  return unwrap(() => commands.rotaAdd(input));
}

/** Takes deputies off the rota for one session of one day; resolves with how many slots were removed. */
export function rotaRemove(input: RotaInput): Promise<number> {
  return unwrap(() => commands.rotaRemove(input));
}

/** Which week's rota must be posted next, and by when (announced three days ahead). */
export function rotaAnnouncement(): Promise<Announcement> {
  return unwrap(() => commands.rotaAnnouncement());
}

/** Writes a station's printed rota (a week or a month); Rust asks where to save; null when the clerk cancels. */
export function exportRota(stationCode: string, span: RotaSpanInput): Promise<ExportSummary | null> {
  return unwrap(() => commands.exportRota(stationCode, span));
}

/** Records a station activity (held with its attendance, or planned); rejects with code "invalid" and `fields`. */
export function activityRecord(input: ActivityInput): Promise<ActivityView> {
  return unwrap(() => commands.activityRecord(input));
}

/** The activities of one station (or all with `null`) in a period (`2026`, `2026-Q3`, `2026-07`). */
export function activityList(stationCode: string | null, period: string): Promise<ActivityView[]> {
  return unwrap(() => commands.activityList(stationCode, period));
}

/** Records a leader's visit to a station; rejects with code "invalid" and `fields` on bad input. */
export function leaderVisitRecord(input: LeaderVisitInput): Promise<LeaderVisitView> {
  return unwrap(() => commands.leaderVisitRecord(input));
}

/** Leaders' visits to one station (or all with `null`) in a period. */
export function leaderVisitList(stationCode: string | null, period: string): Promise<LeaderVisitView[]> {
  return unwrap(() => commands.leaderVisitList(stationCode, period));
}

/** Leaders' coverage of the stations in a region's subtree (or all with `null`) in a period. */
export function leaderCoverage(regionCode: string | null, period: string): Promise<Coverage> {
  return unwrap(() => commands.leaderCoverage(regionCode, period));
}

/** A deputy's duty file (履职档案) over a period: rota, activities, visits received, matters first-responded. */
export function deputyDutyFile(deputyCode: string, period: string): Promise<DutyFile> {
  return unwrap(() => commands.deputyDutyFile(deputyCode, period));
}

// --- 同步 (sync): stations export to and import from the office; the office enrolls stations and imports its inbox.

/** The 同步 screen's state: peers, import history, gaps, unsettled conflicts and remembered folders. */
export function syncOverview(): Promise<SyncOverview> {
  return unwrap(() => commands.syncOverview());
}

/** Rust shows the folder dialog and remembers the choice; null when the clerk cancels. */
export function syncChooseFolder(which: SyncFolderKind): Promise<string | null> {
  return unwrap(() => commands.syncChooseFolder(which));
}

/** 导出给机关: Rust asks for the folder, then writes the next bundle for the office; null when cancelled. */
export function syncExportToOffice(): Promise<ExportedView | null> {
  return unwrap(() => commands.syncExportToOffice());
}

/** Imports a bundle Rust asks for (open dialog): its receipt, or null when cancelled; an unverifiable file rejects. */
export function syncImportBundle(): Promise<ReceiptRow | null> {
  return unwrap(() => commands.syncImportBundle());
}

/** Accepts the office's enrollment file (open dialog): the station code, or null when cancelled. */
export function syncAcceptEnrollment(): Promise<string | null> {
  return unwrap(() => commands.syncAcceptEnrollment());
}

/** 登记联络站 / 重新登记: Rust asks where to save the enrollment file; its path, or null when cancelled. */
export function syncEnrollStation(stationCode: string, reenroll: boolean): Promise<string | null> {
  return unwrap(() => commands.syncEnrollStation(stationCode, reenroll));
}

/** Settles a conflict: keep the value in force, or restore the losing one. */
export function syncResolveConflict(id: number, how: ResolutionInput): Promise<null> {
  return unwrap(() => commands.syncResolveConflict(id, how));
}

/** 全部导入: starts the office's inbox run in the background (poll `syncInboxStatus`). */
export function syncInboxStart(): Promise<null> {
  return unwrap(() => commands.syncInboxStart());
}

/** The inbox run's progress and, when done, its per-file result; null when none was started. */
export function syncInboxStatus(): Promise<InboxJobStatus | null> {
  return unwrap(() => commands.syncInboxStatus());
}

/** Asks the inbox run to stop before its next file. */
export function syncInboxCancel(): Promise<null> {
  return unwrap(() => commands.syncInboxCancel());
}

/** The 统计 screen for `period` (`2026`, `2026-Q3`, `2026-07`): the city, or one station (office; a station's
 *  installation always gets its own). */
export function statsBoard(period: string, stationCode: string | null): Promise<Board> {
  return unwrap(() => commands.statsBoard(period, stationCode));
}

/** Saves a chart's table as XLSX through the save dialog; `null` when cancelled. */
export function exportChartData(table: ChartTableInput): Promise<ExportSummary | null> {
  return unwrap(() => commands.exportChartData(table));
}

/** Saves a chart's picture (a PNG data URL) through the save dialog; the path, or `null` when cancelled. */
export function exportChartImage(title: string, dataUrl: string): Promise<string | null> {
  return unwrap(() => commands.exportChartImage(title, dataUrl));
}
