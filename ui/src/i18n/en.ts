// English messages: the second language. Same keys as zh-CN.ts (a unit test checks); language names stay in
// their own language so a user can always find theirs.
import deputies from "../features/deputies/messages";
import stations from "../features/stations/messages";
import rosterFiles from "../features/roster-files/messages";
import settings from "../features/settings/messages";
import visits from "../features/visits/messages";
import dashboard from "../features/dashboard/messages";
import matters from "../features/matters/messages";
import ledgers from "../components/ledgers/messages";
import qr from "../components/qr/messages";
import qrcodes from "../features/qrcodes/messages";
import duty from "../features/duty/messages";
import sync from "../features/sync/messages";
import ranking from "../features/ranking/messages";
import stats from "../features/stats/messages";
import type { MessageSchema } from "./zh-CN";

const en: MessageSchema = {
  app: {
    name: "Liaison Desk",
  },
  menu: {
    dashboard: "Dashboard",
    visits: "Visits",
    matters: "Suggestions",
    duty: "Station duty",
    deputies: "Deputies",
    stations: "Stations",
    qrcodes: "QR codes",
    sync: "Sync",
    stats: "Statistics",
    settings: "Settings",
    label: "Main navigation",
  },
  header: {
    station: "Station",
    operator: "Operator",
    mode: "Mode",
    notSet: "Not set",
    factLabel: "{label}:",
    collapse: "Collapse menu",
    expand: "Expand menu",
    language: "Language",
    modes: {
      station: "Station mode",
      office: "Office mode",
    },
    wholeCity: "Whole city",
  },
  lang: {
    "zh-CN": "中文",
    en: "English",
  },
  firstRun: {
    title: "First-run setup",
    intro: "Welcome to Liaison Desk. Create the administrator account and choose how this computer is used.",
    adminSection: "Administrator account",
    setupSection: "This installation",
    login: "Login",
    name: "Name",
    password: "Password",
    passwordAgain: "Repeat password",
    mode: "Mode",
    modes: {
      station: "Liaison station",
      office: "City people's congress office",
    },
    stationCode: "Station code",
    stationName: "Station name",
    cityName: "City",
    loadDemo: "Load demo data (Pingdingshan example)",
    loadDemoHint: "Loads about 9,000 deputies and 273 platforms to get to know the program; takes a few seconds",
    submit: "Finish setup",
    working: "Saving the setup, please wait",
    placeholders: {
      login: "Enter a login",
      name: "Enter a name",
      password: "At least 8 characters with letters and digits",
      passwordAgain: "Enter the password again",
      stationCode: "Enter the station code",
      stationName: "Enter the station name",
      cityName: "Enter the city, e.g. Pingdingshan",
    },
    rules: {
      loginRequired: "Login is required",
      loginLength: "2 to 32 characters",
      loginChars: "Letters, digits and . _ - {'@'} only",
      nameRequired: "Name is required",
      passwordRequired: "Password is required",
      passwordPolicy: "At least 8 characters, with both letters and digits",
      passwordAgainRequired: "Enter the password again",
      passwordMismatch: "The two passwords differ",
      stationRequired: "Station mode needs a station code or name",
    },
  },
  signIn: {
    title: "Sign in",
    login: "Login",
    password: "Password",
    submit: "Sign in",
    lockedByIdle: "Locked after a period of inactivity; please sign in again",
    placeholders: {
      login: "Enter your login",
      password: "Enter your password",
    },
    rules: {
      loginRequired: "Login is required",
      passwordRequired: "Password is required",
    },
  },
  session: {
    loading: "Loading",
    failed: "The database of this computer could not be read",
    retry: "Retry",
    signOut: "Sign out",
    operator: "{name} ({role})",
  },
  roles: {
    clerk: "Clerk",
    station_head: "Station head",
    office_staff: "Office staff",
    admin: "Administrator",
  },
  deputies: deputies.en,
  stations: stations.en,
  rosterFiles: rosterFiles.en,
  settings: settings.en,
  visits: visits.en,
  dashboard: dashboard.en,
  matters: matters.en,
  ledgers: ledgers.en,
  qr: qr.en,
  qrcodes: qrcodes.en,
  duty: duty.en,
  sync: sync.en,
  ranking: ranking.en,
  stats: stats.en,
  common: {
    /** The title of confirmations and refusal alerts. */
    confirmTitle: "Confirm",
    none: "-",
    /** The buttons of a form dialog. */
    ok: "OK",
    cancel: "Cancel",
  },
};

export default en;
