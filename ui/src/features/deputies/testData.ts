// Test data of the 代表名册 tests: a generated roster of any size (row i has number D{i+1}, name 代表{i}) and a
// fake deputyPage over it that records every request, optionally holding answers back to test their order.
import type { DeputyListFilter, DeputyPage, DeputyRow, DeputyView } from "../../ipc";

export function deputyRow(i: number, prefix = "代表"): DeputyRow {
  return {
    code: `D${String(i + 1).padStart(6, "0")}`,
    name: `${prefix}${i}`,
    gender: i % 2 ? "female" : "male",
    birth_month: "1970-05",
    levels: [{ level: "city", term: 12 }],
    station_code: "XH-01",
    station_name: "光明路联络站",
    county: "新华区",
    work_unit: "平顶山市某公司",
    title: "董事长",
    public_contact: "0375-2345678",
    private_phone_masked: "138****5678",
    status: "serving",
  };
}

/** One page of a roster of `total` deputies whose names start with `prefix`. */
export function pageOf(total: number, offset: number, limit: number, prefix = "代表"): DeputyPage {
  const rows: DeputyRow[] = [];
  for (let i = offset; i < Math.min(total, offset + limit); i++) rows.push(deputyRow(i, prefix));
  return { total, offset, rows };
}

export interface Request {
  filter: DeputyListFilter;
  offset: number;
  limit: number;
}


export const DETAIL: DeputyView = {
  id: "0190-d1",
  code: "D000001",
  name: "张明新",
  gender: "male",
  ethnicity: "汉族",
  birth_month: "1970-05",
  levels: [
    { level: "city", term: 12 },
    { level: "county", term: null },
  ],
  electoral_district: "第三选区",
  station_code: "XH-01",
  station_name: "光明路联络站",
  work_unit: "平顶山市某公司",
  title: "董事长",
  leading_cadre: false,
  entrepreneur: true,
  public_contact: "0375-2345678",
  private_phone_masked: "138****5678",
  id_number_masked: "410402********1234",
  status: "serving",
  ended_on: null,
};
