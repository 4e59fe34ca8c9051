// Shared test data for the UI's unit tests: the administrator the first run creates and the form that creates them.
import type { FirstRunInput, SessionView } from "../ipc";

/** The signed-in administrator as the Rust side describes them. */
export const ADMIN: SessionView = {
  login: "wangfang",
  display_name: "王芳",
  role: "admin",
  role_label: "管理员",
  may_reveal_personal_data: true,
};

/** A complete first-run form in station mode with the demo city. */
export const FIRST_RUN_INPUT: FirstRunInput = {
  admin_login: "wangfang",
  admin_name: "王芳",
  admin_password: "admin2026",
  mode: "station",
  station_code: "XH-09",
  station_name: "光明路联络站",
  city_name: "平顶山市",
  load_demo: true,
};
