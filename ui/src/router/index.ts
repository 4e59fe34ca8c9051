// Routes: one per navigation item, hash history (works under tauri://localhost; users never see URLs).
import { createRouter, createWebHashHistory, createMemoryHistory, type RouteRecordRaw } from "vue-router";
import type { Component } from "vue";
import { NAV_ITEMS } from "../layout/nav";
import DashboardView from "../features/dashboard/DashboardView.vue";
import VisitsView from "../features/visits/VisitsView.vue";
import MattersView from "../features/matters/MattersView.vue";
import DutyView from "../features/duty/DutyView.vue";
import DeputiesView from "../features/deputies/DeputiesView.vue";
import StationsView from "../features/stations/StationsView.vue";
import QrcodesView from "../features/qrcodes/QrcodesView.vue";
import SyncView from "../features/sync/SyncView.vue";
import StatsView from "../features/stats/StatsView.vue";
import SettingsView from "../features/settings/SettingsView.vue";

const VIEWS: Record<string, Component> = {
  dashboard: DashboardView,
  visits: VisitsView,
  matters: MattersView,
  duty: DutyView,
  deputies: DeputiesView,
  stations: StationsView,
  qrcodes: QrcodesView,
  sync: SyncView,
  stats: StatsView,
  settings: SettingsView,
};

export const routes: RouteRecordRaw[] = [
  { path: "/", redirect: "/dashboard" },
  ...NAV_ITEMS.map((item) => {
    const component = VIEWS[item.key];
    if (!component) throw new Error(`no view for navigation item ${item.key}`);
    return { path: item.path, name: item.key, component, meta: { labelKey: item.labelKey } };
  }),
  { path: "/:pathMatch(.*)*", redirect: "/dashboard" },
];

/** `memory` is for unit tests (no URL bar in happy-dom needed). */
export function createAppRouter(history: "hash" | "memory" = "hash") {
  return createRouter({
    history: history === "hash" ? createWebHashHistory() : createMemoryHistory(),
    routes,
  });
}
