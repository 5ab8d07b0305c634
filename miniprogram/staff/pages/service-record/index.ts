import { pageLoad } from '../../../behaviors/page-load';
import { CloudError } from '../../../services/cloud';
import {
  deleteRecord,
  myMatches,
  overview,
  queue,
  recordService,
  sessions,
  volunteers,
  type FormOptions,
  type KindId,
  type ServiceKind,
  type ServiceRecord,
  type Volunteer,
} from '../../../services/services';
import { isWorkerOrAdmin, me } from '../../../services/users';
import { careMode } from '../../../utils/care';
import { formatDateTime, localDay } from '../../../utils/date';
import { tellFailure } from '../../../utils/failure';
import { emptyRecord, MAX_NOTE, recordFrom, type RecordForm } from './record';
import { now } from '../../../utils/clock';
import { residentSearch } from '../../../behaviors/resident-search';

/** A request that can have a service recorded on it: taken up, and not in the future. */
interface Candidate {
  id: string;
  name: string;
  summary: string;
  whenText: string;
}

type Open = { id: string; status: string; summary: string; when: string | null };

/** Taken up (scheduled or matched) and not in the future: a service can be recorded on it today. */
const isDue = (r: Open) => (r.status === 'scheduled' || r.status === 'matched') && (r.when === null || localDay(r.when) <= localDay(now()));

const candidate = (r: Open, name: string): Candidate => ({ id: r.id, name, summary: r.summary, whenText: r.when ? formatDateTime(r.when) : '' });

const recordRow = (r: ServiceRecord) => ({
  id: r.id,
  title: r.title,
  whenText: formatDateTime(r.at),
  minutes: r.minutes,
  detail: [r.subject, r.support.join('、'), r.note].filter(Boolean).join(' · '),
  volunteerName: r.volunteerName ?? '',
});

const messageOf = (err: unknown) => (err instanceof CloudError ? err.message : '没有记录上，请再试一次');

/**
 * 服务记录: writes down a service given — a haircut, a tutoring session, a home visit. Staff record
 * any kind, for a request or a resident they look up; a volunteer tutor records sessions of the
 * children matched to them (`?kind=tutoring&requestId=…` comes from the queue).
 */
Component({
  behaviors: [careMode, pageLoad, residentSearch],
  data: {
    staff: false,
    kinds: [] as ServiceKind[],
    kind: 'homeVisit' as KindId,
    options: null as FormOptions | null,
    candidates: [] as Candidate[],
    volunteers: [] as Volunteer[],
    personName: '',
    form: emptyRecord(localDay(now()), 40) as RecordForm,
    supportChoices: [] as { value: string; on: boolean }[],
    formError: '',
    saving: false,
    today: localDay(now()),
    maxNote: MAX_NOTE,
    history: [] as ReturnType<typeof recordRow>[],
    recent: [] as ReturnType<typeof recordRow>[],
  },
  methods: {
    onLoad(query: { kind?: string; requestId?: string }) {
      if (query.kind) this.setData({ kind: query.kind as KindId });
      return this.load(query.requestId ? decodeURIComponent(query.requestId) : '');
    },
    load(requestId = '') {
      return this.loadWith(async () => {
        const [profile, { kinds, options }] = await Promise.all([me(), overview()]);
        const staff = isWorkerOrAdmin(profile.roles);
        // A volunteer records only tutoring, on the children matched to them.
        const kind = staff ? this.data.kind : 'tutoring';
        this.setData({ staff, kinds: staff ? kinds : kinds.filter((k) => k.id === 'tutoring'), options, kind });
        if (staff) this.setData({ volunteers: await volunteers() });
        await this.startForm(requestId);
        return { state: !staff && this.data.candidates.length === 0 ? 'empty' : 'ready' };
      });
    },
    /** A blank form for the chosen kind, with the requests it can be recorded on. */
    async startForm(requestId = '') {
      const kind = this.data.kinds.find((k) => k.id === this.data.kind)!;
      const form = emptyRecord(this.data.today, kind.defaultMinutes);
      this.setData({ form, personName: '', found: [], searched: false, query: '', history: [], formError: '' });
      this.setSupport(form.support);
      const candidates = this.data.staff
        ? (await queue({ kind: kind.id })).filter(isDue).map((r) => candidate(r, r.person.name))
        : (await myMatches()).filter(isDue).map((r) => candidate(r, ''));
      this.setData({ candidates });
      if (requestId && candidates.some((c) => c.id === requestId)) await this.choose(requestId);
    },
    setSupport(picked: string[]) {
      this.setData({ supportChoices: (this.data.options?.supportKinds ?? []).map((value) => ({ value, on: picked.includes(value) })) });
    },
    pickKind(e: WechatMiniprogram.BaseEvent<{}, { id: KindId }>) {
      this.setData({ kind: e.currentTarget.dataset.id });
      return this.startForm();
    },
    async choose(requestId: string) {
      this.setData({ 'form.requestId': requestId, 'form.personId': '', personName: '', formError: '' });
      if (this.data.kind === 'tutoring') {
        try {
          this.setData({ history: (await sessions(requestId)).map(recordRow) });
        } catch {
          // The history is a help, not needed to record: the form stays usable without it.
          this.setData({ history: [] });
        }
      }
    },
    pickCandidate(e: WechatMiniprogram.BaseEvent<{}, { id: string }>) {
      return this.choose(e.currentTarget.dataset.id);
    },
    pickPerson(e: WechatMiniprogram.BaseEvent<{}, { id: string; name: string }>) {
      const { id, name } = e.currentTarget.dataset;
      this.setData({ 'form.personId': id, 'form.requestId': '', personName: name, history: [], formError: '' });
    },
    onField(e: WechatMiniprogram.CustomEvent<{ value: string }, {}, { field: 'day' | 'time' | 'minutes' | 'note' }>) {
      this.setData({ [`form.${e.currentTarget.dataset.field}`]: e.detail.value, formError: '' });
    },
    pickSubject(e: WechatMiniprogram.BaseEvent<{}, { value: string }>) {
      this.setData({ 'form.subject': e.currentTarget.dataset.value, formError: '' });
    },
    toggleSupport(e: WechatMiniprogram.BaseEvent<{}, { value: string }>) {
      const value = e.currentTarget.dataset.value;
      const support = this.data.form.support.includes(value) ? this.data.form.support.filter((s) => s !== value) : [...this.data.form.support, value];
      this.setData({ 'form.support': support, formError: '' });
      this.setSupport(support);
    },
    pickVolunteer(e: WechatMiniprogram.BaseEvent<{}, { id: string }>) {
      const id = e.currentTarget.dataset.id;
      this.setData({ 'form.volunteerId': this.data.form.volunteerId === id ? '' : id });
    },
    async submit() {
      const input = recordFrom(this.data.kind, this.data.form);
      if (typeof input === 'string') return this.setData({ formError: input });
      this.setData({ saving: true, formError: '' });
      try {
        const saved = await recordService(input);
        wx.showToast({ title: '已记录', icon: 'success' });
        this.setData({ recent: [recordRow(saved), ...this.data.recent] });
        await this.startForm();
      } catch (err) {
        this.setData({ formError: messageOf(err) });
      } finally {
        this.setData({ saving: false });
      }
    },
    /**
     * A service recorded by mistake (wrong resident, wrong kind), deleted by staff: it stops counting
     * as a 受益人次 and in the volunteer's hours, and a request it closed comes back to record on.
     */
    async deleteRecent(e: WechatMiniprogram.BaseEvent<{}, { id: string }>) {
      const item = this.data.recent.find((r) => r.id === e.currentTarget.dataset.id);
      if (!item) return;
      const { confirm } = await wx.showModal({
        title: '删除这条服务记录',
        content: `${item.title} · ${item.whenText}。删除后不再计入受益人次和志愿服务时长。`,
        confirmText: '删除',
        confirmColor: '#A8201A',
        cancelText: '不删除',
      });
      if (!confirm) return;
      try {
        await deleteRecord(item.id);
        wx.showToast({ title: '已删除', icon: 'success' });
        this.setData({ recent: this.data.recent.filter((r) => r.id !== item.id) });
        await this.startForm();
      } catch (err) {
        await tellFailure('没有删除', err, '没有删除，请再试一次');
      }
    },
  },
});
