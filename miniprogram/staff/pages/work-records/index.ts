import { pageLoad } from '../../../behaviors/page-load';
import { getRecord, listRecords, recordKinds, removeRecord, type RecordKindId } from '../../../services/records';
import { careMode } from '../../../utils/care';
import { now } from '../../../utils/clock';
import { localDay } from '../../../utils/date';
import { tellFailure } from '../../../utils/failure';
import { monthRange, monthText, recordDetail, recordRow, shiftMonth, type RecordDetailView, type RecordRow } from './view';

/**
 * 工作记录: the station's work on record by month and kind — back-entered activities, meetings,
 * trainings, needs assessment, resource linking, leaders and groups developed, the hall — with
 * counts only; a record opens to what it holds, and one entered by mistake is removed here.
 */
Component({
  behaviors: [careMode, pageLoad],
  data: {
    month: '',
    monthText: '',
    isThisMonth: true,
    kinds: [] as { id: RecordKindId; title: string; blurb: string }[],
    kind: '' as RecordKindId | '',
    rows: [] as RecordRow[],
    more: false,
    openId: '',
    detail: null as RecordDetailView | null,
  },
  methods: {
    onLoad() {
      const month = localDay(now()).slice(0, 7);
      this.setData({ month, monthText: monthText(month) });
    },
    /** Coming back from the form: the list shows what was just saved. */
    onShow() {
      return this.load();
    },
    load() {
      return this.loadWith(async () => {
        const { from, to } = monthRange(this.data.month);
        const [{ kinds }, list] = await Promise.all([recordKinds(), listRecords(from, to, this.data.kind || undefined)]);
        return {
          kinds: kinds.map((k) => ({ id: k.id, title: k.title, blurb: k.blurb })),
          rows: list.records.map(recordRow),
          more: list.more,
          isThisMonth: this.data.month >= localDay(now()).slice(0, 7),
        };
      });
    },
    moveMonth(e: WechatMiniprogram.BaseEvent<{}, { step: number }>) {
      const month = shiftMonth(this.data.month, Number(e.currentTarget.dataset.step));
      if (month > localDay(now()).slice(0, 7)) return;
      this.setData({ month, monthText: monthText(month), openId: '', detail: null, state: 'loading' });
      return this.load();
    },
    pickKind(e: WechatMiniprogram.BaseEvent<{}, { id: RecordKindId | '' }>) {
      this.setData({ kind: e.currentTarget.dataset.id, openId: '', detail: null, state: 'loading' });
      return this.load();
    },
    newRecord(e: WechatMiniprogram.BaseEvent<{}, { id: RecordKindId }>) {
      wx.navigateTo({ url: `/staff/pages/work-record/index?kind=${e.currentTarget.dataset.id}` });
    },
    async open(e: WechatMiniprogram.BaseEvent<{}, { id: string }>) {
      const id = e.currentTarget.dataset.id;
      if (this.data.openId === id) return this.setData({ openId: '', detail: null });
      this.setData({ openId: id, detail: null });
      try {
        this.setData({ detail: recordDetail(await getRecord(id)) });
      } catch (err) {
        this.setData({ openId: '' });
        await tellFailure('没有打开', err, '没有打开，请再试一次');
      }
    },
    /** Entered by mistake: it stops counting in every report. Asked first. */
    async remove(e: WechatMiniprogram.BaseEvent<{}, { id: string }>) {
      const row = this.data.rows.find((r) => r.id === e.currentTarget.dataset.id);
      if (!row) return;
      const { confirm } = await wx.showModal({
        title: '删除这条记录',
        content: `${row.title} · ${row.daysText}。删除后不再计入活动次数、受益人次和报表。`,
        confirmText: '删除',
        confirmColor: '#A8201A',
        cancelText: '不删除',
      });
      if (!confirm) return;
      try {
        await removeRecord(row.id);
        wx.showToast({ title: '已删除', icon: 'success' });
        this.setData({ openId: '', detail: null });
        await this.load();
      } catch (err) {
        await tellFailure('没有删除', err, '没有删除，请再试一次');
      }
    },
  },
});
