// The roster's paged loading without any screen: the first request sizes the list, only the pages under the
// visible rows are asked for (once each), and answers to an older filter or reload never reach the list.
import { describe, expect, it } from "vitest";
import { flushPromises } from "@vue/test-utils";
import type { DeputyListFilter, DeputyPage } from "../../ipc";
import { PAGE_SIZE, servingDeputies, useDeputyPages } from "./useDeputyPages";
import { pageOf, type Request } from "./testData";
import { deferred, type Deferred } from "../../test/fixtures";

const TOTAL = 90_000;

/** A fake deputyPage answering at once from a roster of `total` rows (names start with the filter text). */
function instantBackend(total = TOTAL) {
  const requests: Request[] = [];
  const fetch = (filter: DeputyListFilter, offset: number, limit: number) => {
    requests.push({ filter, offset, limit });
    return Promise.resolve(pageOf(total, offset, limit, filter.text || "代表"));
  };
  return { requests, fetch };
}

/** A fake deputyPage whose answers the test releases by hand. */
function heldBackend() {
  const held: (Request & { answer: Deferred<DeputyPage> })[] = [];
  const fetch = (filter: DeputyListFilter, offset: number, limit: number) => {
    const answer = deferred<DeputyPage>();
    held.push({ filter, offset, limit, answer });
    return answer.promise;
  };
  return { held, fetch };
}

const withText = (text: string): DeputyListFilter => ({ ...servingDeputies(), text });

/** The serving deputies with the rows around 1000 loaded; the requests made so far are forgotten, so a test sees only its own. */
async function scrolledToRow1000() {
  const backend = instantBackend();
  const pages = useDeputyPages(backend.fetch);
  await pages.reset(servingDeputies());
  pages.ensureRange(1_000, 1_010);
  await flushPromises();
  backend.requests.length = 0;
  return { backend, pages };
}

describe("useDeputyPages", () => {
  it("asks for the first page only, and sizes the list from its total", async () => {
    const backend = instantBackend();
    const pages = useDeputyPages(backend.fetch);
    await pages.reset(servingDeputies());

    expect(backend.requests).toEqual([{ filter: servingDeputies(), offset: 0, limit: PAGE_SIZE }]);
    expect(pages.total.value).toBe(TOTAL);
    expect(pages.slots.value).toHaveLength(TOTAL);
    expect(pages.slots.value[0]!.row?.name).toBe("代表0");
    expect(pages.slots.value[PAGE_SIZE - 1]!.row?.name).toBe(`代表${PAGE_SIZE - 1}`);
    expect(pages.slots.value[PAGE_SIZE]!.row).toBeNull(); // a placeholder until scrolled to
  });

  it("loads only the pages under the visible rows, each once", async () => {
    const backend = instantBackend();
    const pages = useDeputyPages(backend.fetch);
    await pages.reset(servingDeputies());

    // Rows 44,990..45,010 straddle pages 224 and 225.
    pages.ensureRange(44_990, 45_010);
    pages.ensureRange(44_995, 45_005); // the same pages again while they are on their way
    await flushPromises();
    pages.ensureRange(44_990, 45_010); // and once they arrived

    expect(backend.requests.map((r) => r.offset)).toEqual([0, 224 * PAGE_SIZE, 225 * PAGE_SIZE]);
    expect(pages.slots.value[45_000]!.row?.name).toBe("代表45000");
    expect(pages.slots.value[44_990]!.row?.name).toBe("代表44990");
    expect(pages.slots.value[30_000]!.row).toBeNull();
  });

  it("never asks past the end of the list", async () => {
    const backend = instantBackend(250);
    const pages = useDeputyPages(backend.fetch);
    await pages.reset(servingDeputies());
    pages.ensureRange(190, 5_000);
    await flushPromises();
    expect(backend.requests.map((r) => r.offset)).toEqual([0, PAGE_SIZE]);
    expect(pages.slots.value).toHaveLength(250);
    expect(pages.slots.value[249]!.row?.name).toBe("代表249");
  });

  it("drops the answer of an older filter that arrives after the newer one", async () => {
    const backend = heldBackend();
    const pages = useDeputyPages(backend.fetch);
    const first = pages.reset(withText("张"));
    const second = pages.reset(withText("李"));
    expect(backend.held.map((h) => h.filter.text)).toEqual(["张", "李"]);

    backend.held[1]!.answer.resolve(pageOf(3, 0, PAGE_SIZE, "李"));
    await second;
    backend.held[0]!.answer.resolve(pageOf(500, 0, PAGE_SIZE, "张")); // late: must not win
    await first;

    expect(pages.total.value).toBe(3);
    expect(pages.slots.value.map((s) => s.row?.name)).toEqual(["李0", "李1", "李2"]);
  });

  it("drops a page of the previous filter that arrives after the filter changed", async () => {
    const backend = heldBackend();
    const pages = useDeputyPages(backend.fetch);
    const first = pages.reset(withText("张"));
    backend.held[0]!.answer.resolve(pageOf(90_000, 0, PAGE_SIZE, "张"));
    await first;
    pages.ensureRange(1_000, 1_010); // page 5 of 张 on its way…
    expect(backend.held[1]).toMatchObject({ offset: 5 * PAGE_SIZE });

    const second = pages.reset(withText("李")); // …when the clerk types another name
    backend.held[2]!.answer.resolve(pageOf(90_000, 0, PAGE_SIZE, "李"));
    await second;
    backend.held[1]!.answer.resolve(pageOf(90_000, 5 * PAGE_SIZE, PAGE_SIZE, "张"));
    await flushPromises();

    expect(pages.slots.value[0]!.row?.name).toBe("李0");
    expect(pages.slots.value[1_000]!.row).toBeNull(); // not 张1000
  });

  it("a reload reads the first page and the rows on screen again", async () => {
    const { backend, pages } = await scrolledToRow1000();

    await pages.reload();
    await flushPromises();
    expect(backend.requests.map((r) => r.offset)).toEqual([0, 5 * PAGE_SIZE]);
    expect(pages.slots.value[1_005]!.row?.name).toBe("代表1005");
  });

  it("a new filter starts at the top and clears the loaded pages", async () => {
    const { backend, pages } = await scrolledToRow1000();

    await pages.reset({ ...servingDeputies(), status: "all" });
    await flushPromises();
    expect(backend.requests.map((r) => [r.offset, r.filter.status])).toEqual([[0, "all"]]);
    expect(pages.slots.value[1_005]!.row).toBeNull();
  });

  it("shows why a request failed and no rows of the previous filter", async () => {
    const backend = heldBackend();
    const pages = useDeputyPages(backend.fetch);
    const first = pages.reset(servingDeputies());
    backend.held[0]!.answer.resolve(pageOf(10, 0, PAGE_SIZE));
    await first;
    const second = pages.reset(withText("张"));
    backend.held[1]!.answer.reject(new Error("数据库读取失败"));
    await second;
    expect(pages.error.value).toBe("数据库读取失败");
    expect(pages.total.value).toBe(0);
    expect(pages.slots.value).toEqual([]);
  });
});
