// The cascader tree from Rust's flat region list: children under their parent, siblings by code, the value the
// caller picks (id for filters, code for forms), no empty children on leaves, and bad data neither lost nor
// looping.
import { describe, expect, it } from "vitest";
import type { Region } from "../ipc";
import { regionTree } from "./regionTree";

const region = (id: string, code: string, name: string, parent_id: string | null): Region =>
  ({ id, code, name, kind: parent_id === null ? "city" : "county", parent_id }) as Region;

const CITY = region("r1", "4104", "平顶山市", null);
const LUSHAN = region("r3", "410423", "鲁山县", "r1");
const XINHUA = region("r2", "410402", "新华区", "r1");
const TOWN = region("r4", "410423100", "鲁阳街道", "r3");

describe("regionTree", () => {
  it("nests counties and townships under their parent, siblings by code", () => {
    expect(regionTree([CITY, LUSHAN, XINHUA, TOWN], (r) => r.id)).toEqual([
      {
        value: "r1",
        label: "平顶山市",
        children: [
          { value: "r2", label: "新华区" },
          { value: "r3", label: "鲁山县", children: [{ value: "r4", label: "鲁阳街道" }] },
        ],
      },
    ]);
  });

  it("uses the value the caller asks for", () => {
    expect(regionTree([CITY], (r) => r.code)).toEqual([{ value: "4104", label: "平顶山市" }]);
  });

  it("shows a region whose parent is missing at the top", () => {
    const orphan = region("r9", "410499", "某县", "gone");
    expect(regionTree([CITY, orphan], (r) => r.id).map((o) => o.label)).toEqual(["平顶山市", "某县"]);
  });
});
