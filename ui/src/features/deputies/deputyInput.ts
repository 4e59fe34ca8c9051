// The form's starting values: empty for 新增代表, or a deputy's detail for 编辑. The detail carries the private
// phone and ID number masked (e.g. 138****5678); the form sends them back as they are unless the clerk types new
// ones, and Rust keeps the stored values for an unchanged masked value.
import type { DeputyInput, DeputyView, Gender } from "../../ipc";

export function emptyDeputyInput(): DeputyInput {
  return {
    code: "",
    name: "",
    gender: null,
    ethnicity: "",
    birth_month: "",
    levels: [],
    electoral_district: "",
    station_code: null,
    work_unit: "",
    title: "",
    leading_cadre: false,
    entrepreneur: false,
    public_contact: "",
    private_phone: "",
    id_number: "",
    ended_on: null,
  };
}

export function deputyInputOf(view: DeputyView): DeputyInput {
  const gender: Gender | null = view.gender === "male" || view.gender === "female" ? view.gender : null;
  return {
    code: view.code,
    name: view.name,
    gender,
    ethnicity: view.ethnicity,
    birth_month: view.birth_month,
    // Copies: the form edits these rows in place, the detail must stay as read.
    levels: view.levels.map((l) => ({ level: l.level, term: l.term ?? null })),
    electoral_district: view.electoral_district,
    station_code: view.station_code,
    work_unit: view.work_unit,
    title: view.title,
    leading_cadre: view.leading_cadre,
    entrepreneur: view.entrepreneur,
    public_contact: view.public_contact,
    private_phone: view.private_phone_masked,
    id_number: view.id_number_masked,
    ended_on: view.ended_on,
  };
}
