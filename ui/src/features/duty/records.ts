// The plumbing the two record lists of 进站履职 (履职活动, 领导干部进站) share, so that ActivitiesPanel and
// LeaderVisitsPanel, and ActivityDialog and LeaderVisitDialog, differ only in their own fields and columns:
// - useRecordList: the list of the chosen station (or all) in the period, newest first, read again when either
//   changes and after a save (a late answer for an earlier choice is dropped);
// - useRecordDialog: a dialog's fresh model (on the chosen station and today), its required fields, and its save
//   (useDialogForm: Rust's refusals under the fields, closing with the saved record); RecordDialog binds its form;
// - the props both panels and both dialogs take.
import { computed, onMounted, ref, watch, type Ref } from "vue";
import { ElMessage, type FormRules } from "element-plus";
import type { PlatformView } from "../../ipc";
import { useDialogForm } from "../../components/useDialogForm";
import { useDutyFormat } from "./format";

/** What a record dialog needs to name or choose the station of a new record. */
export interface RecordDialogProps {
  /** A station installation, whose own station (`stationCode`, shown as `stationLabel`) is the only one. */
  fixed: boolean;
  stationCode: string | null;
  stationLabel: string;
  stations: PlatformView[];
  today: string;
}

/** A record list: the dialog's props and the period shown. */
export interface RecordPanelProps extends RecordDialogProps {
  period: string;
}

/** The messages of one list: duty.activities or duty.leaders. */
export type RecordMessages = "activities" | "leaders";

/** What a failed call says. */
export const reasonOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function useRecordList<T extends { date: string }>(options: {
  props: RecordPanelProps;
  messages: RecordMessages;
  /** Reads the list of a station (null: every station) in a period. */
  read: (stationCode: string | null, period: string) => Promise<T[] | null>;
  /** Read at the same time (the leaders' coverage); `current()` turns false once a newer read has started. */
  alongside?: (current: () => boolean) => Promise<void>;
}) {
  const { props, messages, read, alongside } = options;
  const { t } = useDutyFormat();
  const rows = ref([]) as Ref<T[]>;
  const loading = ref(false);
  const error = ref<string | null>(null);
  const sorted = computed(() => [...rows.value].sort((a, b) => b.date.localeCompare(a.date)));
  /** What the panel's dialog takes from the panel's props. */
  const dialogProps = computed<RecordDialogProps>(() => ({
    fixed: props.fixed,
    stationCode: props.stationCode,
    stationLabel: props.stationLabel,
    stations: props.stations,
    today: props.today,
  }));

  let seq = 0;
  async function readList(current: () => boolean): Promise<void> {
    try {
      const list = await read(props.stationCode, props.period);
      if (current()) rows.value = list ?? [];
    } catch (e) {
      if (current()) error.value = t(`duty.${messages}.loadFailed`, { reason: reasonOf(e) });
    }
  }

  async function load(): Promise<void> {
    const mine = ++seq;
    const current = () => mine === seq;
    loading.value = true;
    error.value = null;
    await Promise.all([readList(current), alongside?.(current)]);
    if (current()) loading.value = false;
  }

  function onSaved(): void {
    ElMessage.success(t(`duty.${messages}.saved`));
    void load();
  }

  watch(() => [props.stationCode, props.period], load);
  onMounted(load);

  return { rows, sorted, loading, error, dialogProps, load, onSaved };
}

/** Where and when a record took place: the first row of every record dialog. */
export interface StationDay {
  station_code: string;
  date: string;
}

export function useRecordDialog<M extends StationDay, T>(options: {
  props: RecordDialogProps;
  open: Ref<boolean>;
  messages: RecordMessages;
  /** The fields a new record starts with besides its station and day. */
  blank: () => Omit<M, keyof StationDay>;
  /** The record's own required fields: field → [message key under duty.<messages>.rules, when it is checked]. */
  required: Record<string, [message: string, trigger: "change" | "blur"]>;
  /** Sends the model (`where`: its station and day); resolves to the stored record. */
  send: (model: M, where: StationDay) => Promise<T>;
  saved: (record: T) => void;
}) {
  const { props, open, messages, blank, required, send, saved } = options;
  const { t } = useDutyFormat();
  const need = (message: string, trigger: "change" | "blur") => [
    { required: true, message: t(`duty.${messages}.rules.${message}`), trigger },
  ];
  const rules = computed<FormRules>(() => ({
    station_code: need("station", "change"),
    date: need("date", "change"),
    ...Object.fromEntries(Object.entries(required).map(([field, [message, trigger]]) => [field, need(message, trigger)])),
  }));
  const { form, model, fieldError, start, save } = useDialogForm<M, T>({
    open,
    values: () => ({ ...blank(), station_code: props.stationCode ?? "", date: props.today }) as M,
    send: (m) => send(m, { station_code: m.station_code, date: m.date }),
    saved,
  });

  return { t, model, rules, fieldError, start, save, form };
}
