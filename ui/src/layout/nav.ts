// The left navigation, in the order the desktop issue names it. One entry = one route = one feature folder.
// `labelKey` is an i18n key; `testId` is the stable hook used by the unit and end-to-end tests.
import type { Component } from "vue";
import {
  ChatDotRound,
  Calendar,
  Connection,
  DataAnalysis,
  EditPen,
  HomeFilled,
  OfficeBuilding,
  Postcard,
  Setting,
  UserFilled,
} from "@element-plus/icons-vue";

export interface NavItem {
  /** Route name and feature folder name. */
  key: string;
  path: string;
  labelKey: `menu.${string}`;
  icon: Component;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { key: "dashboard", path: "/dashboard", labelKey: "menu.dashboard", icon: HomeFilled },
  { key: "visits", path: "/visits", labelKey: "menu.visits", icon: EditPen },
  { key: "matters", path: "/matters", labelKey: "menu.matters", icon: ChatDotRound },
  { key: "duty", path: "/duty", labelKey: "menu.duty", icon: Calendar },
  { key: "deputies", path: "/deputies", labelKey: "menu.deputies", icon: UserFilled },
  { key: "stations", path: "/stations", labelKey: "menu.stations", icon: OfficeBuilding },
  { key: "qrcodes", path: "/qrcodes", labelKey: "menu.qrcodes", icon: Postcard },
  { key: "sync", path: "/sync", labelKey: "menu.sync", icon: Connection },
  { key: "stats", path: "/stats", labelKey: "menu.stats", icon: DataAnalysis },
  { key: "settings", path: "/settings", labelKey: "menu.settings", icon: Setting },
];
