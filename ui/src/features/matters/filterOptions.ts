// The choices of the 意见建议 filter bar, read once when the screen opens: categories and handling units for
// everyone; counties (county-level regions) and stations only in office mode, where the list spans the city — a
// station installation always lists its own station's matters.
import { computed, ref } from "vue";
import { handlingUnits, platformList, regionList, rulesView, type PlatformView, type Region, type UnitView } from "../../ipc";
import { useStationScope } from "../../session/stationScope";

/** Region kinds at county level: 区, 县, 县级市 and functional zones. */
const COUNTY_KINDS: ReadonlySet<string> = new Set(["district", "county", "county_city", "zone"]);

export function useMatterFilterOptions() {
  const scope = useStationScope();
  /** Office mode (or a database without a setup): no station of its own, so the list spans every station. */
  const office = computed(() => scope.value === null);
  const counties = ref<Region[]>([]);
  const stations = ref<PlatformView[]>([]);
  const categories = ref<string[]>([]);
  const units = ref<UnitView[]>([]);
  const failure = ref<string | null>(null);

  async function load(): Promise<void> {
    try {
      const [rules, unitList] = await Promise.all([rulesView(), handlingUnits()]);
      categories.value = rules.categories.map((c) => c.name);
      units.value = unitList;
      if (office.value) {
        const [regions, platforms] = await Promise.all([
          regionList(),
          platformList({ text: "", kind: "station", region_id: null, star: null, include_closed: false }),
        ]);
        counties.value = regions.filter((r) => COUNTY_KINDS.has(r.kind)).sort((a, b) => a.code.localeCompare(b.code));
        stations.value = platforms;
      }
      failure.value = null;
    } catch (e) {
      failure.value = e instanceof Error ? e.message : String(e);
    }
  }

  return { office, counties, stations, categories, units, failure, load };
}
