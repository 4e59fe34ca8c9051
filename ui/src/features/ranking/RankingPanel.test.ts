// 承办单位测评 with a mocked ../../ipc: the panel asks for the page's period's ranking on mount; ranked units show their
// rank, the bottom three 末位·待复评, unranked units 未参评, rates as percentages ("—" with nothing to divide);
// 导出测评表 asks where to save, then writes; a cancelled dialog writes nothing; Rust's refusal is shown in Chinese.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { flushPromises, type VueWrapper } from "@vue/test-utils";
import { ElMessageBox } from "element-plus";
import * as ipc from "../../ipc";
import type { Evaluation, RankedUnit, UnitRanking } from "../../ipc";
import { SETUP } from "../../test/fixtures";
import { $, mountSignedIn, signedIn } from "../../test/dom";
import { defaultPeriod, periodString } from "../../components/ledgers/period";
import RankingPanel from "./RankingPanel.vue";
import { percent } from "./format";

vi.mock("../../ipc", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../ipc")>();
  return {
    ...actual,
    unitRanking: vi.fn(),
    chooseRankingFile: vi.fn(),
    exportUnitRanking: vi.fn(),
    recordUnitRanking: vi.fn(),
    unitEvaluations: vi.fn(),
  };
});
const rust = vi.mocked(ipc);

function unit(code: string, name: string, rank: number | null, flagged: boolean, satisfaction: number | null): RankedUnit {
  return {
    unit_code: code,
    unit_name: name,
    rank,
    flagged,
    on_time_rate: satisfaction === null ? null : 0.875,
    satisfaction_rate: satisfaction,
    figures: {
      received: 8,
      co_handled: 1,
      acknowledged_in_time: 8,
      handled: 8,
      handled_in_time: 7,
      overdue_open: 0,
      rated: satisfaction === null ? 0 : 4,
      satisfied: 3,
      unsatisfied: 1,
      rehandled: 1,
      returns: 0,
      signals: 0,
    },
  } as RankedUnit;
}

const RANKING: UnitRanking = {
  period_label: "2026年第三季度",
  judged_on: "2026-11-25",
  reevaluation_on: "2026-12-31",
  rows: [unit("JYJ", "教育局", 1, false, 1), unit("ZJJ", "住建局", 2, true, 0.75), unit("MZJ", "民政局", null, false, null)],
};

describe("承办单位测评", { timeout: 20_000 }, () => {
  let wrapper: VueWrapper | undefined;

  beforeEach(() => {
    vi.clearAllMocks();
    rust.unitRanking.mockResolvedValue(RANKING);
    rust.chooseRankingFile.mockResolvedValue("/home/wf/测评.xlsx");
    rust.exportUnitRanking.mockResolvedValue({ path: "/home/wf/测评.xlsx", rows: 3 });
    rust.unitEvaluations.mockResolvedValue([]);
  });
  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
    document.body.innerHTML = "";
  });

  async function mount(): Promise<void> {
    wrapper = mountSignedIn(RankingPanel, signedIn(SETUP), { period: periodString(defaultPeriod()) });
    await flushPromises();
  }

  it("shows this quarter's ranking with the bottom three tagged and unranked units last", async () => {
    await mount();
    expect(rust.unitRanking).toHaveBeenCalledWith(periodString(defaultPeriod()));
    expect($("ranking-rank-JYJ")?.textContent).toBe("1");
    expect($("ranking-rank-MZJ")?.textContent).toBe("未参评");
    expect($("ranking-flagged-ZJJ")?.textContent).toContain("末位");
    expect($("ranking-flagged-JYJ")).toBeNull();
    expect($("ranking-satisfaction-ZJJ")?.textContent).toBe("75.0%");
    expect($("ranking-satisfaction-MZJ")?.textContent).toBe("—");
    expect($("ranking-note")?.textContent).toContain("2026-12-31");
  });

  it("exports where the save dialog says, and writes nothing when it is cancelled", async () => {
    await mount();
    $("ranking-export")!.click();
    await flushPromises();
    expect(rust.exportUnitRanking).toHaveBeenCalledWith(periodString(defaultPeriod()), "/home/wf/测评.xlsx");

    rust.exportUnitRanking.mockClear();
    rust.chooseRankingFile.mockResolvedValue(null);
    $("ranking-export")!.click();
    await flushPromises();
    expect(rust.exportUnitRanking).not.toHaveBeenCalled();
  });

  it("shows Rust's refusal in Chinese", async () => {
    rust.unitRanking.mockRejectedValue(new Error("统计周期格式不正确"));
    await mount();
    expect($("ranking-error")?.textContent).toContain("测评结果读取失败：统计周期格式不正确");
  });

  it("records the period after a confirmation and lists the bottom three's re-evaluation with their change", async () => {
    const flagged = { unit_code: "ZJJ", unit_name: "住建局", rank: 2, reevaluation_day: "2026-12-31" };
    const recorded: Evaluation = {
      period_start: "2026-07-01",
      period_end: "2026-09-30",
      label: "2026年第三季度",
      recorded_at: "2026-11-25T02:00:00Z",
      operator: "王芳",
      reevaluation_day: "2026-12-31",
      rows: RANKING.rows,
      flagged: [{ ...flagged, change: null }],
    };
    rust.recordUnitRanking.mockResolvedValue(recorded);
    const confirm = vi.spyOn(ElMessageBox, "confirm").mockResolvedValue("confirm" as never);
    await mount();
    $("ranking-record")!.click();
    await flushPromises();
    await flushPromises();
    expect(confirm).toHaveBeenCalledTimes(1);
    expect(rust.recordUnitRanking).toHaveBeenCalledWith(periodString(defaultPeriod()));

    rust.unitEvaluations.mockResolvedValue([
      {
        ...recorded,
        flagged: [
          {
            ...flagged,
            change: {
              unit_code: "ZJJ",
              unit_name: "住建局",
              rank_before: 2,
              rank_after: 1,
              satisfaction_before: 0.75,
              satisfaction_after: 1,
              on_time_before: 0.5,
              on_time_after: 1,
              still_flagged: false,
            },
          },
        ],
      },
    ]);
    $("ranking-record")!.click();
    await flushPromises();
    const schedule = $("ranking-schedule")?.textContent ?? "";
    expect(schedule).toContain("住建局");
    expect(schedule).toContain("名次 第2名 → 第1名；满意率 75.0% → 100.0%");
  });

  it("writes rates as the sheet does", () => {
    expect(percent(0.8333)).toBe("83.3%");
    expect(percent(null)).toBe("—");
  });
});
