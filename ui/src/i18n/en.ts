// English messages: the second language. Same keys as zh-CN.ts (a unit test checks); language names stay in
// their own language so a user can always find theirs.
import type { MessageSchema } from "./zh-CN";

const en: MessageSchema = {
  app: {
    name: "Liaison Desk",
  },
  menu: {
    dashboard: "Dashboard",
    visits: "Visits",
    matters: "Suggestions",
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
  common: {
    comingSoon: "This feature will be available in a later version",
  },
};

export default en;
