// The region filter's cascader options: regionList() is flat (each region names its parent), the cascader wants
// a tree. City → counties → townships, in the order Rust sent them.
import type { Region } from "../../ipc";

export interface RegionOption {
  value: string;
  label: string;
  children?: RegionOption[];
}

export function regionTree(regions: readonly Region[]): RegionOption[] {
  const nodes = new Map<string, RegionOption>();
  for (const r of regions) nodes.set(r.id, { value: r.id, label: r.name });
  const roots: RegionOption[] = [];
  for (const r of regions) {
    const node = nodes.get(r.id)!;
    const parent = r.parent_id === null ? undefined : nodes.get(r.parent_id);
    // A region whose parent is unknown (or itself) is shown at the top rather than lost.
    if (parent && parent !== node) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  return roots;
}
