// Test data shared by the 联络站 tests: a small region tree (市 → 区 → 街道) and one platform in it with a
// withdrawn provincial rating and a city rating in force.
import type { PlatformView, Region } from "../../ipc";

export const REGIONS: Region[] = [
  { id: "r-city", code: "410400", name: "平顶山市", kind: "city", parent_id: null },
  { id: "r-xh", code: "410402", name: "新华区", kind: "district", parent_id: "r-city" },
  { id: "r-gm", code: "410402001", name: "光明路街道", kind: "subdistrict", parent_id: "r-xh" },
];

export const PLATFORM: PlatformView = {
  id: "p1",
  code: "XH-01",
  name: "光明路街道人大代表联络站",
  kind: "station",
  county: "新华区",
  region: "光明路街道",
  region_code: "410402001",
  address: "光明路 12 号",
  phone: "0375-2345678",
  opening_hours: "周一至周五 9:00-12:00",
  reception_days: [3, 1],
  star_level: "city",
  star_year: 2023,
  star_ratings: [
    { level: "province", year: 2021, withdrawn_on: "2023-05-01", reason: "台账不全" },
    { level: "city", year: 2023, reason: "" },
  ],
  head_name: "李华",
  clerks: ["王芳", "赵强"],
  status: "active",
  closed_on: null,
  deputy_count: 12,
};

