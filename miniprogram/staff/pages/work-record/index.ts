import { pageLoad } from '../../../behaviors/page-load';
import { CloudError } from '../../../services/cloud';
import { createRecord, newRequestKey, recordKinds, type RecordKind, type RecordKinds } from '../../../services/records';
import { careMode } from '../../../utils/care';
import { emptyForm, emptyOccasion, recordFrom, shortDay, type RecordForm } from './form';
import { residentSearch } from '../../../behaviors/resident-search';

const messageOf = (err: unknown) => (err instanceof CloudError ? err.message : '没有保存上，请再试一次');

/** Who the people search adds to: an occasion's attendees (`occasion-<n>`) or a person field (`field-<key>`). */
type Target = '' | `occasion-${number}` | `field-${string}`;

/**
 * 工作记录 · 记一笔: the form of one kind of work (`?kind=meeting`), drawn from the kind's field
 * description — text, numbers, choices, a resident — with its dates and who came, the plan
 * indicator it counts toward and the documents kept. Saved under a key made when the form opens.
 */
Component({
  behaviors: [careMode, pageLoad, residentSearch],
  data: {
    /** The kind asked for in the page's query; none: the page first asks which. */
    kindId: '',
    kinds: [] as RecordKind[],
    kind: null as RecordKind | null,
    today: '',
    earliestDay: '',
    indicators: [] as RecordKinds['indicators'],
    allDocuments: [] as string[],
    documentChoices: [] as { value: string; on: boolean }[],
    form: null as RecordForm | null,
    requestKey: '',
    picking: '' as Target,
    formError: '',
    saving: false,
    saved: [] as { id: string; title: string; text: string }[],
  },
  methods: {
    onLoad(query: { kind?: string }) {
      this.setData({ kindId: query.kind ?? '' });
      return this.load();
    },
    load() {
      return this.loadWith(async () => {
        const { kinds, today, earliestDay, indicators, documents } = await recordKinds();
        this.setData({ kinds, today, earliestDay, indicators, allDocuments: documents });
        const kind = kinds.find((k) => k.id === this.data.kindId);
        if (kind && this.data.kind?.id !== kind.id) this.start(kind);
        return { state: 'ready' };
      });
    },
    /** A blank form for `kind`, with a fresh key: the next 保存 is a new record. */
    start(kind: RecordKind) {
      wx.setNavigationBarTitle({ title: kind.title });
      const form = emptyForm(kind, this.data.today);
      this.setData({ kind, form, requestKey: newRequestKey(), picking: '', found: [], query: '', searched: false, formError: '' });
      this.setDocuments(form.documents);
    },
    setDocuments(picked: string[]) {
      this.setData({ 'form.documents': picked, documentChoices: this.data.allDocuments.map((value) => ({ value, on: picked.includes(value) })) });
    },
    pickKind(e: WechatMiniprogram.BaseEvent<{}, { id: string }>) {
      const kind = this.data.kinds.find((k) => k.id === e.currentTarget.dataset.id);
      if (!kind) return;
      this.setData({ kindId: kind.id });
      this.start(kind);
    },
    onField(e: WechatMiniprogram.CustomEvent<{ value: string }, {}, { key: string }>) {
      this.setData({ [`form.values.${e.currentTarget.dataset.key}`]: e.detail.value, formError: '' });
    },
    pickChoice(e: WechatMiniprogram.BaseEvent<{}, { key: string; value: string }>) {
      const { key, value } = e.currentTarget.dataset;
      this.setData({ [`form.values.${key}`]: value, formError: '' });
    },
    pickIndicator(e: WechatMiniprogram.BaseEvent<{}, { id: string }>) {
      this.setData({ 'form.indicatorId': e.currentTarget.dataset.id });
    },
    toggleDocument(e: WechatMiniprogram.BaseEvent<{}, { value: string }>) {
      const value = e.currentTarget.dataset.value;
      const documents = this.data.form!.documents;
      this.setDocuments(documents.includes(value) ? documents.filter((d) => d !== value) : [...documents, value]);
    },

    // ---------- Dates and who came.
    onDay(e: WechatMiniprogram.CustomEvent<{ value: string }, {}, { index: number }>) {
      this.setData({ [`form.occasions[${e.currentTarget.dataset.index}].day`]: e.detail.value, formError: '' });
    },
    onUnnamed(e: WechatMiniprogram.CustomEvent<{ value: string }, {}, { index: number }>) {
      this.setData({ [`form.occasions[${e.currentTarget.dataset.index}].unnamed`]: e.detail.value, formError: '' });
    },
    addOccasion() {
      const occasions = this.data.form!.occasions;
      if (occasions.length >= this.data.kind!.maxOccasions) return;
      this.setData({ 'form.occasions': [...occasions, emptyOccasion(this.data.today)] });
    },
    removeOccasion(e: WechatMiniprogram.BaseEvent<{}, { index: number }>) {
      const occasions = this.data.form!.occasions.filter((_, i) => i !== e.currentTarget.dataset.index);
      this.setData({ 'form.occasions': occasions, picking: '' });
    },
    /** A series often has the same people again: the previous date's list, to change from. */
    copyPrevious(e: WechatMiniprogram.BaseEvent<{}, { index: number }>) {
      const n = e.currentTarget.dataset.index;
      const previous = this.data.form!.occasions[n - 1];
      if (previous) this.setData({ [`form.occasions[${n}].attendees`]: previous.attendees.map((a) => ({ ...a })) });
    },
    headcount(e: WechatMiniprogram.BaseEvent<{}, { index: number; person: number; step: number }>) {
      const { index, person, step } = e.currentTarget.dataset;
      const a = this.data.form!.occasions[index].attendees[person];
      const headcount = Math.min(20, Math.max(1, a.headcount + Number(step)));
      this.setData({ [`form.occasions[${index}].attendees[${person}].headcount`]: headcount });
    },
    removeAttendee(e: WechatMiniprogram.BaseEvent<{}, { index: number; person: number }>) {
      const { index, person } = e.currentTarget.dataset;
      const attendees = this.data.form!.occasions[index].attendees.filter((_, i) => i !== person);
      this.setData({ [`form.occasions[${index}].attendees`]: attendees });
    },

    // ---------- Finding a resident (users.findResidents), for an occasion or a person field.
    startPicking(e: WechatMiniprogram.BaseEvent<{}, { target: Target }>) {
      const target = e.currentTarget.dataset.target;
      this.setData({ picking: this.data.picking === target ? '' : target, query: '', found: [], searched: false });
    },
    pickPerson(e: WechatMiniprogram.BaseEvent<{}, { id: string; name: string }>) {
      const { id, name } = e.currentTarget.dataset;
      const target = this.data.picking;
      if (target.startsWith('field-')) {
        const key = target.slice('field-'.length);
        this.setData({ [`form.values.${key}`]: id, [`form.personNames.${key}`]: name, picking: '', found: [], formError: '' });
        return;
      }
      const index = Number(target.slice('occasion-'.length));
      const attendees = this.data.form!.occasions[index].attendees;
      if (attendees.some((a) => a.personId === id)) return this.setData({ formError: `${name}已经在名单里了，家人请加在人数里` });
      const max = this.data.kind!.attendance.named?.max ?? 0;
      if (attendees.length >= max) return this.setData({ formError: `一次最多 ${max} 位` });
      this.setData({ [`form.occasions[${index}].attendees`]: [...attendees, { personId: id, name, headcount: 1 }], picking: '', found: [], formError: '' });
    },

    async submit() {
      const kind = this.data.kind!;
      const input = recordFrom(kind, this.data.form!, this.data.requestKey);
      if (typeof input === 'string') return this.setData({ formError: input });
      this.setData({ saving: true, formError: '' });
      try {
        const saved = await createRecord(input);
        wx.showToast({ title: '已保存', icon: 'success' });
        const counts = saved.outputText || `${saved.sessions} 次 · ${saved.visits} 人次`;
        const days = saved.firstDay === saved.lastDay ? shortDay(saved.firstDay) : `${shortDay(saved.firstDay)}–${shortDay(saved.lastDay)}`;
        this.setData({ saved: [{ id: saved.id, title: saved.title, text: `${days} · ${counts}` }, ...this.data.saved] });
        this.start(kind);
      } catch (err) {
        // The same key again: a retry after a lost reply saves the record once.
        this.setData({ formError: messageOf(err) });
      } finally {
        this.setData({ saving: false });
      }
    },
    backToList() {
      wx.navigateBack({ delta: 1 });
    },
  },
});
