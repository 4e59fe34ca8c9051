// The 代表名册's rows, read page by page. A city has up to ~90,000 deputies: the table is virtual, and only the
// pages under the visible rows are asked from Rust (SQLite pages with LIMIT/OFFSET). The first page also gives the
// total, which sizes the table; the other rows stay placeholders until their page arrives.
//
// Filter changes and reloads start a new generation: answers of an older generation are dropped, so a slow
// answer for the previous search never lands in the current list.
import { ref, shallowRef } from "vue";
import { deputyPage, type DeputyListFilter, type DeputyPage, type DeputyRow } from "../../ipc";

/** Rows per request: a few screens' worth, so scrolling a little does not ask again. */
export const PAGE_SIZE = 200;

/** One table row: its position and the deputy, or null while its page is not loaded. */
export interface RowSlot {
  key: number;
  row: DeputyRow | null;
}

export type FetchPage = (filter: DeputyListFilter, offset: number, limit: number) => Promise<DeputyPage>;

export function useDeputyPages(fetchPage: FetchPage = deputyPage, pageSize = PAGE_SIZE) {
  /** Matching deputies (from the latest first page). */
  const total = ref(0);
  /** The table's data: `total` slots; a new array whenever pages arrive (the virtual table compares by identity). */
  const slots = shallowRef<RowSlot[]>([]);
  /** True while the first page of the current generation is on its way. */
  const loading = ref(false);
  /** Why the last request failed (Chinese, from Rust), or null. */
  const error = ref<string | null>(null);

  let filter: DeputyListFilter | null = null;
  let generation = 0;
  /** Whether the current generation's first page arrived (the total is known). */
  let ready = false;
  const loaded = new Set<number>();
  const pending = new Set<number>();
  /** The rows the table last showed; kept across reloads so a reload refreshes what is on screen. */
  let visible: [number, number] = [0, 0];

  function fill(page: DeputyPage): void {
    const next = slots.value.slice();
    page.rows.forEach((row, i) => {
      const index = page.offset + i;
      if (index < next.length) next[index] = { key: index, row };
    });
    slots.value = next;
  }

  async function loadPage(index: number, gen: number): Promise<DeputyPage | null> {
    if (filter === null) return null;
    pending.add(index);
    try {
      const page = await fetchPage(filter, index * pageSize, pageSize);
      if (gen !== generation) return null; // a newer filter or reload owns the table now
      loaded.add(index);
      return page;
    } catch (e) {
      if (gen === generation) error.value = e instanceof Error ? e.message : String(e);
      return null;
    } finally {
      if (gen === generation) pending.delete(index);
    }
  }

  /** Asks for the pages under rows start..end (inclusive) that are neither loaded nor on their way. */
  function ensureRange(start: number, end: number): void {
    visible = [Math.max(0, start), Math.max(start, end)];
    if (!ready) return; // the first page decides the total; the range is remembered for then
    const last = Math.min(Math.floor(visible[1] / pageSize), Math.max(0, Math.ceil(total.value / pageSize) - 1));
    const gen = generation;
    for (let index = Math.floor(visible[0] / pageSize); index <= last; index++) {
      if (loaded.has(index) || pending.has(index)) continue;
      void loadPage(index, gen).then((page) => {
        if (page) fill(page);
      });
    }
  }

  /**
   * Shows the deputies matching `next`. `keepPosition` (a reload after a save or an import) keeps the rows on
   * screen and refreshes them; otherwise the list starts at the top.
   */
  async function reset(next: DeputyListFilter, keepPosition = false): Promise<void> {
    filter = next;
    const gen = ++generation;
    ready = false;
    loaded.clear();
    pending.clear();
    if (!keepPosition) visible = [0, 0];
    loading.value = true;
    error.value = null;
    const first = await loadPage(0, gen);
    if (gen !== generation) return;
    loading.value = false;
    if (!first) {
      // `error` says why; rows of the previous filter would be misleading under the new one.
      total.value = 0;
      slots.value = [];
      return;
    }
    total.value = first.total;
    slots.value = Array.from({ length: first.total }, (_, key): RowSlot => ({ key, row: null }));
    fill(first);
    ready = true;
    ensureRange(visible[0], visible[1]);
  }

  /** Reads the current filter again (after a save or an import), keeping the scroll position. */
  function reload(): Promise<void> {
    return filter === null ? Promise.resolve() : reset(filter, true);
  }

  return { total, slots, loading, error, reset, reload, ensureRange };
}

/** The list as it opens: every serving deputy, no search text. */
export function servingDeputies(): DeputyListFilter {
  return {
    text: "",
    level: null,
    region_id: null,
    station_code: null,
    leading_cadre: false,
    entrepreneur: false,
    status: "serving",
  };
}
