// Turns the flat region list from Rust (regionList(): each region with its parent's id) into the tree an
// el-cascader shows: 市 → 县（市、区） → 乡镇（街道）, siblings by code (the order Rust lists them in). One builder
// for every region picker (the deputies' and stations' filters, the station form), so they all show the same
// tree. Filters pick a region by id, forms by code, hence `valueOf`.
import type { Region } from "../ipc";

export interface RegionOption {
  value: string;
  label: string;
  /** Absent on leaves, so the cascader does not offer an empty next column. */
  children?: RegionOption[];
  /** el-cascader's option type is an open record. */
  [key: string]: unknown;
}

export function regionTree(regions: readonly Region[], valueOf: (region: Region) => string): RegionOption[] {
  const ids = new Set(regions.map((r) => r.id));
  const byParent = new Map<string | null, Region[]>();
  for (const region of regions) {
    // A region whose parent is not in the list (should not happen) is shown at the top rather than lost.
    const parent = region.parent_id !== null && ids.has(region.parent_id) ? region.parent_id : null;
    const siblings = byParent.get(parent) ?? [];
    siblings.push(region);
    byParent.set(parent, siblings);
  }
  const build = (parent: string | null, seen: Set<string>): RegionOption[] =>
    (byParent.get(parent) ?? [])
      .slice()
      .sort((a, b) => a.code.localeCompare(b.code))
      .filter((r) => !seen.has(r.id)) // a cycle in bad data must not hang the screen
      .map((r) => {
        const children = build(r.id, new Set(seen).add(r.id));
        return children.length ? { value: valueOf(r), label: r.name, children } : { value: valueOf(r), label: r.name };
      });
  return build(null, new Set());
}
